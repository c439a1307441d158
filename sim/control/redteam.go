package control

import (
	"context"
	"math"

	"oversight/sim/detmath"
)

// The red team's search. For a protocol, an attack policy says what kind of
// backdoor to write, on which tasks (only those where a backdoor would look
// least suspicious, below a cut in conspicuousness), and how often to take
// such a task. The red team knows the protocol, but not what the monitor
// says about any one solution, nor which task of the deployment it is on:
// it cannot keep count (the paper's §2). The search picks the policy that
// leaves the least safety.

// policy is an attack policy, with what it achieves against one protocol.
type policy struct {
	kind backdoorKind
	// cut: the policy attacks only on tasks whose conspicuousness is below
	// it; +Inf for any task.
	cut float64
	// opportunities is the share of tasks below the cut, and rate the chance
	// of attacking on one of them.
	opportunities, rate float64
	// outcome is the fate of an attempt after the upfront audits, averaged
	// over the tasks the policy attacks on.
	outcome outcome
	// works is the chance that a backdoor submitted unaudited and intact
	// works.
	works  float64
	safety float64
}

// attacksPerTask is the chance that the policy attacks on any given task.
func (pol policy) attacksPerTask() float64 { return pol.opportunities * pol.rate }

const (
	// The red team's opportunities are tabulated in conspicuousness from
	// zLow to zHigh, in steps of zStep; beyond, the normal's tails hold
	// less than 1e-15 of the tasks.
	zLow, zHigh, zStep = -8.0, 8.0, 0.1
	// goldenSteps narrows a golden-section search to 0.618^30 ≈ 5e-7 of its
	// interval.
	goldenSteps = 30
)

// opportunityTable holds, for each cut on the grid, the share of tasks below
// it and the sum of attempt outcomes over them, for one kind of backdoor
// against one protocol.
type opportunityTable struct {
	pr    protocol
	kind  backdoorKind
	cuts  []float64
	share []float64
	sum   []outcome
}

func newOpportunityTable(pr protocol, kind backdoorKind) opportunityTable {
	steps := int(math.Round((zHigh - zLow) / zStep))
	t := opportunityTable{pr: pr, kind: kind,
		cuts: make([]float64, steps+1), share: make([]float64, steps+1), sum: make([]outcome, steps+1)}
	t.cuts[0] = zLow
	for i := 1; i <= steps; i++ {
		t.cuts[i] = zLow + float64(i)*zStep
		share, sum := t.integrate(t.cuts[i-1], t.cuts[i])
		t.share[i] = t.share[i-1] + share
		t.sum[i] = add(t.sum[i-1], sum)
	}
	return t
}

// integrate is the share of tasks with conspicuousness in [lo, hi] and the
// sum of attempt outcomes over them (Gauss–Legendre, three points).
func (t opportunityTable) integrate(lo, hi float64) (float64, outcome) {
	half, mid := (hi-lo)/2, (hi+lo)/2
	offset := math.Sqrt(0.6)
	var share float64
	var sum outcome
	for _, node := range [3]struct{ x, w float64 }{{-offset, 5.0 / 9}, {0, 8.0 / 9}, {offset, 5.0 / 9}} {
		z := mid + half*node.x
		w := node.w * half * detmath.NormalPDF(z)
		share += w
		sum = add(sum, scale(t.pr.attemptOutcome(t.kind, z), w))
	}
	return share, sum
}

// below is the share of tasks with conspicuousness below cut, and the mean
// outcome of an attempt on them.
func (t opportunityTable) below(cut float64) (float64, outcome) {
	last := len(t.cuts) - 1
	switch {
	case cut >= t.cuts[last]:
		return t.share[last], scale(t.sum[last], 1/t.share[last])
	case !(cut > zLow): // NaN too
		return 0, outcome{}
	}
	i := int((cut - zLow) / zStep)
	share, sum := t.integrate(t.cuts[i], cut)
	share += t.share[i]
	return share, scale(add(t.sum[i], sum), 1/share)
}

func add(a, b outcome) outcome {
	return outcome{audited: a.audited + b.audited, stopped: a.stopped + b.stopped, landed: a.landed + b.landed}
}

func scale(o outcome, w float64) outcome {
	return outcome{audited: o.audited * w, stopped: o.stopped * w, landed: o.landed * w}
}

// safetyAgainst is the blue team's chance of winning a deployment of `tasks`
// tasks against a policy that attacks on any task with chance perTask, with
// these chances for each attempt once the upfront audits are over.
func safetyAgainst(pr protocol, tasks int, perTask float64, o outcome, works float64) float64 {
	upfront := min(pr.upfrontAudits, tasks)
	return blueWins(
		phase{tasks: upfront, caught: perTask},
		phase{tasks: tasks - upfront, caught: perTask * o.audited, lost: perTask * o.landed * works},
	)
}

// backdoorWorks is the chance that a backdoor of this kind works once it is
// submitted unaudited and intact. An obvious backdoor fails only when U's
// solution was wrong anyway (the paper's §3.1.2).
func backdoorWorks(kind backdoorKind, p Params) float64 {
	if kind == obvious {
		return untrustedCorrect
	}
	return p.BackdoorSuccess
}

// bestAttack is the red team's answer to a protocol: the policy that
// minimises safety over the backdoor kinds, the cuts on the grid (refined
// between neighbours), and the attack rate.
func bestAttack(ctx context.Context, pr protocol, p Params, tasks int) (policy, error) {
	best := policy{safety: 1, cut: math.Inf(1)}
	if !pr.usesUntrusted {
		return best, nil
	}
	for _, kind := range []backdoorKind{subtle, obvious} {
		works := backdoorWorks(kind, p)
		if !pr.selective(kind) {
			o := pr.attemptOutcome(kind, 0)
			if pol := bestRate(pr, tasks, kind, math.Inf(1), 1, o, works); pol.safety < best.safety {
				best = pol
			}
			continue
		}
		table := newOpportunityTable(pr, kind)
		bestNode, nodeBest := -1, policy{safety: 2}
		for i := 1; i < len(table.cuts); i++ {
			if err := ctx.Err(); err != nil {
				return policy{}, err
			}
			share := table.share[i]
			o := scale(table.sum[i], 1/share)
			cut := table.cuts[i]
			if i == len(table.cuts)-1 {
				cut = math.Inf(1)
			}
			if pol := bestRate(pr, tasks, kind, cut, share, o, works); pol.safety < nodeBest.safety {
				bestNode, nodeBest = i, pol
			}
		}
		refined := refineCut(table, tasks, works, bestNode)
		if refined.safety < nodeBest.safety {
			nodeBest = refined
		}
		if nodeBest.safety < best.safety {
			best = nodeBest
		}
	}
	return best, nil
}

// refineCut searches the cut between the grid's neighbours of node i.
func refineCut(table opportunityTable, tasks int, works float64, i int) policy {
	lo, hi := table.cuts[max(i-1, 1)], table.cuts[min(i+1, len(table.cuts)-1)]
	at := func(cut float64) policy {
		share, o := table.below(cut)
		return bestRate(table.pr, tasks, table.kind, cut, share, o, works)
	}
	cut := goldenMin(lo, hi, func(c float64) float64 { return at(c).safety })
	return at(cut)
}

// bestRate is the best policy that attacks with some rate on the tasks below
// a cut, given the mean outcome of an attempt there. Without upfront audits
// every task is alike, and attacking more often only brings the decisive
// attempt sooner, so the red team attacks at every opportunity. With them, it
// must hold back to slip past the audited first tasks: the rate is searched
// on a log scale, from a hundredth of an expected attempt per deployment to
// every opportunity.
func bestRate(pr protocol, tasks int, kind backdoorKind, cut, share float64, o outcome, works float64) policy {
	pol := policy{kind: kind, cut: cut, opportunities: share, outcome: o, works: works}
	safetyAt := func(rate float64) float64 { return safetyAgainst(pr, tasks, share*rate, o, works) }
	pol.rate, pol.safety = 1, safetyAt(1)
	if pr.upfrontAudits == 0 {
		return pol
	}
	lowest := min(1, 0.01/(share*float64(tasks)))
	logRate := goldenMin(detmath.Log(lowest), 0, func(lr float64) float64 { return safetyAt(detmath.Exp(lr)) })
	if rate := detmath.Exp(logRate); safetyAt(rate) < pol.safety {
		pol.rate, pol.safety = rate, safetyAt(rate)
	}
	return pol
}

// goldenMin is where f is least on [lo, hi], by golden-section search.
func goldenMin(lo, hi float64, f func(float64) float64) float64 {
	const inv = 0.6180339887498949 // (√5 − 1)/2
	a, b := lo, hi
	c, d := b-inv*(b-a), a+inv*(b-a)
	fc, fd := f(c), f(d)
	for range goldenSteps {
		if fc <= fd {
			b, d, fd = d, c, fc
			c = b - inv*(b-a)
			fc = f(c)
		} else {
			a, c, fc = c, d, fd
			d = a + inv*(b-a)
			fd = f(d)
		}
	}
	if fc <= fd {
		return c
	}
	return d
}
