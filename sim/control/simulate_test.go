package control

import (
	"math"
	"math/rand/v2"
	"testing"

	"oversight/sim/detmath"
)

func TestMonteCarloAgreesWithTheClosedForm(t *testing.T) {
	settings := map[string]func(*Params){
		"defaults":               func(*Params) {},
		"weak monitor, 5% audit": func(p *Params) { p.MonitorQuality, p.AuditBudget = 1.5, 0.05 },
		"sure backdoors":         func(p *Params) { p.BackdoorSuccess, p.Collusion = 0.9, 0.8 },
	}
	for _, name := range []string{"defaults", "weak monitor, 5% audit", "sure backdoors"} {
		p := DefaultParams()
		settings[name](&p)
		prs, answers := defaultProtocols(t, p)
		rng := rand.New(rand.NewPCG(7, 11))
		for i, pr := range prs {
			const deployments = 20000
			sim := simulate(pr, answers[i], deploymentTasks, deployments, rng)
			// Four standard errors, and a little for the quadrature.
			if tolerance := 4*math.Sqrt(answers[i].safety*(1-answers[i].safety)/deployments) + 0.002; math.Abs(sim.Safety-answers[i].safety) > tolerance {
				t.Errorf("%s, %s: closed form %.4f, Monte Carlo %.4f ± %.4f", name, pr.label, answers[i].safety, sim.Safety, sim.StdErr)
			}
		}
	}
}

func TestHonestCodeIsReroutedAtTheThresholdsShare(t *testing.T) {
	p := DefaultParams()
	rng := rand.New(rand.NewPCG(3, 5))
	for _, pr := range []protocol{deferToTrusted(p, 0.1), trustedEditing(p, 0.2), untrustedMonitoring(p, 0.3)} {
		const solutions = 200000
		audited, rerouted := 0, 0
		for range solutions {
			switch score := detmath.Normal(rng); {
			case score > pr.auditAbove:
				audited++
			case score > pr.rerouteAbove:
				rerouted++
			}
		}
		auditShare := float64(audited) / solutions
		if math.Abs(auditShare+float64(rerouted)/solutions-pr.threshold) > 0.003 {
			t.Errorf("%s: %.4f of honest code audited or rerouted, want %v", pr.label, auditShare+float64(rerouted)/solutions, pr.threshold)
		}
		if pr.key == keyUntrustedMonitoring && math.Abs(auditShare-(1-syntheticShare)*p.AuditBudget) > 0.001 {
			t.Errorf("untrusted monitoring audits %.4f of honest code, want what the synthetic backdoors leave of the budget", auditShare)
		}
	}
}

func TestAnExampleDeploymentEndsAsItsLastAttempt(t *testing.T) {
	res := play(t, nil)
	d := res.Simulation.Example
	if len(d.Attempts) == 0 {
		if d.Ending != "safe" {
			t.Fatalf("a deployment without attempts ended %q", d.Ending)
		}
		return
	}
	last := d.Attempts[len(d.Attempts)-1]
	want := map[string]string{"caught": "caught", "worked": "backdoored"}[last.Outcome]
	if want == "" {
		want = "safe"
	}
	if d.Ending != want || (want != "safe" && d.EndTask != last.Task) {
		t.Errorf("last attempt %+v, but the deployment ended %q at task %d", last, d.Ending, d.EndTask)
	}
	for i := 1; i < len(d.Attempts); i++ {
		if d.Attempts[i].Task <= d.Attempts[i-1].Task {
			t.Errorf("attempts out of order: %+v", d.Attempts)
		}
	}
}
