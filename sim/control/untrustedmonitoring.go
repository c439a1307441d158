package control

import (
	"math"
	"math/rand/v2"

	"oversight/sim/detmath"
)

// untrustedSeparation is how far, in standard deviations, a second copy of U
// rates a subtle backdoor above honest code when it monitors honestly. The
// paper shows GPT-4 telling backdoors apart far better than GPT-3.5 (its
// Figure 4) without reducing that to one number; 3 is this model's
// assumption.
const untrustedSeparation = 3.0

// untrustedMonitor is a copy of U rating U's code, ensembled with T's rating
// (the paper's §3.4 and Appendix K). The protocol tests the monitor on
// synthetic backdoors first, so it cannot simply lie about every backdoor; but
// on the share `collusion` of the red team's own backdoors it recognises a
// signal the policy planted, which survives the blue team's redaction and is
// absent from the synthetic ones, and rates the code as if it were honest.
//
// The two ratings are combined with the weights that separate an honest
// monitor's backdoors best, (dT·sT + dU·sU)/√(dT² + dU²), so honest code still
// scores N(0, 1).
func untrustedMonitor(separation, collusion float64) *monitor {
	dT, dU := separation, untrustedSeparation
	norm := math.Hypot(dT, dU)
	// T's part: its signal, seen through the task's visibility for a subtle
	// backdoor; U's part: all when it monitors honestly, nothing when it
	// colludes.
	mixture := func(trusted scoreComponent, untrusted float64) []scoreComponent {
		honest, silent := trusted, trusted
		honest.weight, honest.base, honest.sd = 1-collusion, honest.base+untrusted, 1
		silent.weight, silent.sd = collusion, 1
		return []scoreComponent{honest, silent}
	}
	components := [2][]scoreComponent{
		subtle:  mixture(scoreComponent{signal: dT * dT / norm}, dU*dU/norm),
		obvious: mixture(scoreComponent{base: obviousSeparation * dT * dT / norm}, obviousSeparation*dU*dU/norm),
	}
	trustedRating := trustedMonitor(separation).sample
	sample := func(kind backdoorKind, z float64, rng *rand.Rand) float64 {
		trusted := trustedRating(kind, z, rng)
		untrusted := detmath.Normal(rng)
		if rng.Float64() >= collusion {
			scale := 1.0
			if kind == obvious {
				scale = obviousSeparation
			}
			untrusted += scale * dU
		}
		return (dT*trusted + dU*untrusted) / norm
	}
	return &monitor{components: components, sample: sample}
}

// untrustedMonitoring submits U's code, audits the most suspicious share of
// it by the ensembled rating, out of what is left of H's budget after the
// synthetic backdoors, and, below the audit threshold, gives the most
// suspicious `threshold` of tasks to T (the paper's §3.4.3).
func untrustedMonitoring(p Params, threshold float64) protocol {
	audit := (1 - syntheticShare) * p.AuditBudget
	pr := monitored(keyUntrustedMonitoring, untrustedMonitor(p.MonitorQuality, p.Collusion), audit, threshold, 0,
		replacing(reroutedShare(threshold, audit), 0))
	pr.threshold = threshold
	return pr
}
