package control

import (
	"math/rand/v2"

	"oversight/sim/detmath"
)

// trustedMonitor is T reading U's code and rating how suspicious it looks.
// Honest code scores N(0, 1). A subtle backdoor scores `separation` standard
// deviations higher times its visibility on the task; an obvious one
// obviousSeparation times higher, whatever the task.
func trustedMonitor(separation float64) *monitor {
	return &monitor{
		components: [2][]scoreComponent{
			subtle:  {{weight: 1, signal: separation, sd: 1}},
			obvious: {{weight: 1, base: obviousSeparation * separation, sd: 1}},
		},
		sample: func(kind backdoorKind, z float64, rng *rand.Rand) float64 {
			if kind == obvious {
				return obviousSeparation*separation + detmath.Normal(rng)
			}
			return separation*visibility(z) + detmath.Normal(rng)
		},
	}
}

// trustedMonitoring submits U's code and audits the most suspicious share of
// it, as T rates it (the paper's §3.2).
func trustedMonitoring(p Params) protocol {
	return monitored(keyTrustedMonitoring, trustedMonitor(p.MonitorQuality), p.AuditBudget, 0, 0, 1)
}
