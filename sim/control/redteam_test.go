package control

import (
	"context"
	"math"
	"testing"
)

// defaultProtocols are the protocols at the defaults, with the red team's
// answer to each.
func defaultProtocols(t *testing.T, p Params) ([]protocol, []policy) {
	t.Helper()
	prs := protocols(p, deploymentTasks)
	answers := make([]policy, len(prs))
	for i, pr := range prs {
		pol, err := bestAttack(context.Background(), pr, p, deploymentTasks)
		if err != nil {
			t.Fatal(err)
		}
		answers[i] = pol
	}
	return prs, answers
}

// safetyOfPolicy is the safety a protocol keeps against a policy that
// attacks with `rate` on the tasks below `cut`.
func safetyOfPolicy(pr protocol, p Params, kind backdoorKind, cut, rate float64) float64 {
	share, o := 1.0, pr.attemptOutcome(kind, 0)
	if pr.selective(kind) {
		share, o = newOpportunityTable(pr, kind).below(cut)
	}
	return safetyAgainst(pr, deploymentTasks, share*rate, o, backdoorWorks(kind, p))
}

func TestTheSearchFindsNoWorseAttackThanSimpleOnes(t *testing.T) {
	p := DefaultParams()
	prs, answers := defaultProtocols(t, p)
	for i, pr := range prs {
		if !pr.usesUntrusted {
			continue
		}
		found := answers[i].safety
		for _, kind := range []backdoorKind{subtle, obvious} {
			// Always attack, attack at random rates, and attack only on
			// the least conspicuous tasks at many cuts and rates.
			for _, cut := range []float64{math.Inf(1), 2, 0, -1, -2, -2.5, -2.9, -3.2, -3.6, -4} {
				for _, rate := range []float64{1, 0.5, 0.1, 0.01, 0.003, 0.0013, 0.001, 1e-4} {
					if naive := safetyOfPolicy(pr, p, kind, cut, rate); naive < found-1e-9 {
						t.Errorf("%s: the search settled on %.5f safety, but a %s backdoor below %v at rate %v leaves %.5f",
							pr.label, found, kind, cut, rate, naive)
					}
				}
			}
		}
	}
}

func TestAlwaysAttackingIsNoBetterForTheRedTeam(t *testing.T) {
	p := DefaultParams()
	prs, answers := defaultProtocols(t, p)
	for i, pr := range prs {
		if !pr.usesUntrusted {
			continue
		}
		always := safetyOfPolicy(pr, p, subtle, math.Inf(1), 1)
		if always < answers[i].safety {
			t.Errorf("%s: always attacking leaves %.4f, less than the search's %.4f", pr.label, always, answers[i].safety)
		}
	}
}

// The paper solves upfront auditing analytically (§3.1.2): backdoor each
// task with a small chance q; the red team wins if no attempt falls among the
// audited first tasks and one of the later ones works.
func TestUpfrontAuditingMatchesThePapersAnalysis(t *testing.T) {
	p := DefaultParams()
	audited := int(p.AuditBudget * deploymentTasks)
	bestRedWin := 0.0
	for q := 1e-5; q < 0.02; q *= 1.0005 {
		redWin := math.Pow(1-q, float64(audited)) * (1 - math.Pow(1-q*untrustedCorrect, float64(deploymentTasks-audited)))
		bestRedWin = max(bestRedWin, redWin)
	}
	pol, err := bestAttack(context.Background(), upfrontAuditing(p, deploymentTasks), p, deploymentTasks)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(pol.safety-(1-bestRedWin)) > 1e-6 {
		t.Errorf("upfront auditing: the search finds %.6f safety, the paper's analysis %.6f", pol.safety, 1-bestRedWin)
	}
	if pol.kind != obvious {
		t.Errorf("against upfront auditing the red team should write obvious backdoors, not %s ones", pol.kind)
	}
}

func TestTheRedTeamWaitsForInconspicuousTasks(t *testing.T) {
	p := DefaultParams()
	pr := trustedMonitoring(p)
	pol, err := bestAttack(context.Background(), pr, p, deploymentTasks)
	if err != nil {
		t.Fatal(err)
	}
	if pol.kind != subtle || pol.opportunities > 0.01 {
		t.Errorf("against trusted monitoring the red team should write subtle backdoors on few tasks; it chose %s on %.4f of them",
			pol.kind, pol.opportunities)
	}
	_, anyTask := newOpportunityTable(pr, subtle).below(math.Inf(1))
	if pol.outcome.audited >= anyTask.audited {
		t.Errorf("its chosen tasks should be audited less often (%.3f) than a random task's backdoor (%.3f)",
			pol.outcome.audited, anyTask.audited)
	}
}

func TestTheRedTeamTurnsObviousWhenSubtleBackdoorsNeverWork(t *testing.T) {
	p := DefaultParams()
	p.BackdoorSuccess = 0
	pol, err := bestAttack(context.Background(), trustedMonitoring(p), p, deploymentTasks)
	if err != nil {
		t.Fatal(err)
	}
	if pol.kind != obvious {
		t.Errorf("with subtle backdoors that never work, the red team chose %s ones", pol.kind)
	}
}
