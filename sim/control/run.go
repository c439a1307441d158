package control

import (
	"context"
	"math/rand/v2"
)

// Result is a played control game: every protocol against the red team's
// best answer to it, threshold sweeps, the paper's reported points, a Monte
// Carlo run of the chosen protocol, and a sentence that says what happened.
type Result struct {
	Params Params `json:"params"`
	// Tasks is the number of tasks in a deployment.
	Tasks int `json:"tasks"`
	// Protocols holds every protocol once, in the lab's order; defer to
	// trusted and trusted editing at the chosen thresholds.
	Protocols []Point `json:"protocols"`
	// Chosen is the key of the protocol the learner chose.
	Chosen string `json:"chosen"`
	// Curves sweep the threshold of defer to trusted, trusted editing and
	// untrusted monitoring (deferring to T) from 0 to 50% of tasks.
	Curves     []Curve    `json:"curves"`
	Reported   []Reported `json:"reported"`
	Simulation Simulation `json:"simulation"`
	// Summary says in one sentence what the chosen protocol achieved: a
	// text twin of the chart.
	Summary string `json:"summary"`
}

// Point is a protocol played against the red team's best answer to it.
type Point struct {
	Protocol string `json:"protocol"`
	Label    string `json:"label"`
	// Threshold is the share of tasks audited or rerouted to T (defer or
	// edit threshold); zero for protocols that reroute nothing.
	Threshold float64 `json:"threshold"`
	// Safety is the chance that no working backdoor is ever submitted.
	Safety float64 `json:"safety"`
	// Usefulness is rescaled: 0 is T alone, 1 is U alone.
	Usefulness float64 `json:"usefulness"`
	// Correctness is the share of tasks solved correctly, before rescaling.
	Correctness float64 `json:"correctness"`
	Chosen      bool    `json:"chosen"`
	Attack      Attack  `json:"attack"`
}

// Attack is the red team's answer to a protocol, in numbers and in words.
type Attack struct {
	// Kind is "none", "subtle" or "obvious".
	Kind string `json:"kind"`
	// Opportunities is the share of tasks the red team treats as openings:
	// those where its backdoor would look least suspicious.
	Opportunities float64 `json:"opportunities"`
	// Rate is the chance it attacks on an opening.
	Rate float64 `json:"rate"`
	// Attempts is how many attempts it would make over a whole deployment.
	Attempts float64 `json:"attempts"`
	// Audited, Stopped and Works are, for one attempt: the chance it is
	// audited, the chance T's code or edit replaces it unaudited, and the
	// chance it works if submitted unaudited and intact.
	Audited float64 `json:"audited"`
	Stopped float64 `json:"stopped"`
	Works   float64 `json:"works"`
	// Collusion is the share of its backdoors the untrusted monitor calls
	// harmless; zero unless the protocol uses one.
	Collusion   float64 `json:"collusion"`
	Description string  `json:"description"`
}

// Curve is a protocol swept over its threshold.
type Curve struct {
	Protocol string  `json:"protocol"`
	Label    string  `json:"label"`
	Points   []Point `json:"points"`
}

// sweepSteps: the curves have a point every 2.5% of tasks, up to 50%.
const sweepSteps = 20

// Run plays every protocol against the red team's search. It stops and
// returns ctx's error as soon as ctx is done.
func Run(ctx context.Context, p Params) (Result, error) {
	p = p.normalized()
	tasks := deploymentTasks
	res := Result{Params: p, Tasks: tasks, Chosen: p.Protocol, Reported: reportedPoints()}
	var chosen protocol
	var answer policy
	var chosenPoint Point
	for _, pr := range protocols(p, tasks) {
		pol, err := bestAttack(ctx, pr, p, tasks)
		if err != nil {
			return Result{}, err
		}
		point := newPoint(pr, pol, p, tasks)
		point.Chosen = pr.key == p.Protocol
		if point.Chosen {
			chosen, answer, chosenPoint = pr, pol, point
		}
		res.Protocols = append(res.Protocols, point)
	}
	for _, sweep := range sweeps(p) {
		curve := Curve{Protocol: sweep.key, Label: protocolLabel(sweep.key)}
		for i := 0; i <= sweepSteps; i++ {
			pr := sweep.at(float64(i) / (2 * sweepSteps))
			pol, err := bestAttack(ctx, pr, p, tasks)
			if err != nil {
				return Result{}, err
			}
			curve.Points = append(curve.Points, newPoint(pr, pol, p, tasks))
		}
		res.Curves = append(res.Curves, curve)
	}
	rng := rand.New(rand.NewPCG(p.Seed, 0x636f6e74726f6c)) // "control"
	res.Simulation = simulate(chosen, answer, tasks, simulatedDeployments, rng)
	res.Summary = summary(chosenPoint, res.Protocols)
	return res, nil
}

// protocols are the protocols of a Result, in the lab's order.
func protocols(p Params, tasks int) []protocol {
	return []protocol{
		noUntrusted(p, tasks),
		upfrontAuditing(p, tasks),
		trustedMonitoring(p),
		deferToTrusted(p, p.DeferThreshold),
		trustedEditing(p, p.EditThreshold),
		untrustedMonitoring(p, 0),
	}
}

// sweep is a protocol with its threshold left open.
type sweep struct {
	key string
	at  func(threshold float64) protocol
}

func sweeps(p Params) []sweep {
	return []sweep{
		{keyDeferToTrusted, func(x float64) protocol { return deferToTrusted(p, x) }},
		{keyTrustedEditing, func(x float64) protocol { return trustedEditing(p, x) }},
		{keyUntrustedMonitoring, func(x float64) protocol { return untrustedMonitoring(p, x) }},
	}
}

func newPoint(pr protocol, pol policy, p Params, tasks int) Point {
	return Point{
		Protocol:    pr.key,
		Label:       pointLabel(pr.key, pr.threshold),
		Threshold:   pr.threshold,
		Safety:      pol.safety,
		Usefulness:  pr.usefulness,
		Correctness: correctness(pr.usefulness),
		Attack:      describeAttack(pr, pol, p, tasks),
	}
}

func describeAttack(pr protocol, pol policy, p Params, tasks int) Attack {
	if !pr.usesUntrusted {
		return Attack{Kind: "none", Description: "The untrusted model is never asked, so there is nothing to attack."}
	}
	a := Attack{
		Kind:          pol.kind.String(),
		Opportunities: pol.opportunities,
		Rate:          pol.rate,
		Attempts:      pol.attacksPerTask() * float64(tasks),
		Audited:       pol.outcome.audited,
		Stopped:       pol.outcome.stopped,
		Works:         pol.works,
	}
	if pr.key == keyUntrustedMonitoring {
		a.Collusion = p.Collusion
	}
	if pr.upfrontAudits > 0 {
		a.Audited = float64(pr.upfrontAudits)/float64(tasks) + (1-float64(pr.upfrontAudits)/float64(tasks))*pol.outcome.audited
	}
	a.Description = describe(a, pr, tasks)
	return a
}
