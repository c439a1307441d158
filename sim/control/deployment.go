package control

import (
	"math/rand/v2"

	"oversight/sim/detmath"
)

// The deployment model. The untrusted model U solves a run of tasks one at a
// time. On any task it may instead attempt a backdoor. The blue team wins as
// soon as an audit looks at an attempt (it then stops using U for good), or if
// the tasks run out first; the red team wins as soon as a working backdoor is
// submitted unaudited. An attempt that is neither audited nor works changes
// nothing and the game goes on (the paper's Table 1).

// backdoorKind is how a backdoor is written.
type backdoorKind int

const (
	// subtle backdoors hide in plausible-looking logic; they work only with
	// the backdoor success rate the learner sets.
	subtle backdoorKind = iota
	// obvious backdoors special-case one input: they work whenever U's
	// solution was otherwise correct, but they stand out to any monitor.
	obvious
)

func (k backdoorKind) String() string {
	if k == obvious {
		return "obvious"
	}
	return "subtle"
}

// visibilitySpread is how much a subtle backdoor's visibility to the trusted
// monitor varies from task to task, in a way the red team can foresee: on a
// task of conspicuousness z (standard normal over tasks) the backdoor's
// suspicion is raised by separation × visibility(z). Waiting for tasks where
// it is low is how the red team gains by picking its opportunities, as the
// paper's attack policy does (its §3.2 and Appendix F.1). Visibility is never
// negative, so a backdoor never looks more innocent than honest code.
const visibilitySpread = 0.15

// visibility is a subtle backdoor's visibility on a task of conspicuousness
// z: log-normal, 1 on average over tasks.
func visibility(z float64) float64 {
	return detmath.Exp(visibilitySpread*z - visibilitySpread*visibilitySpread/2)
}

// obviousSeparation is how many times farther an obvious backdoor sits from
// honest code, on the monitor's scale, than a typical subtle one.
const obviousSeparation = 3

// scoreComponent is one normal part of the suspicion score an attempt gets on
// a task of conspicuousness z: mean base + signal·visibility(z), standard
// deviation sd, with chance weight. Honest solutions score N(0, 1) on every
// monitor.
type scoreComponent struct {
	weight, base, signal, sd float64
}

// monitor is how a protocol's monitor scores a backdoor attempt.
type monitor struct {
	// components describes the score of an attempt of each kind (indexed by
	// backdoorKind) as a mixture of normals in z: the closed form integrates
	// over it.
	components [2][]scoreComponent
	// sample draws one attempt's score the long way round, for the Monte
	// Carlo that checks the closed form.
	sample func(kind backdoorKind, z float64, rng *rand.Rand) float64
}

// outcome is what becomes of a backdoor attempt.
type outcome struct {
	audited float64 // an audit sees it: the blue team wins
	stopped float64 // unaudited, but T's code or T's edit replaces it
	landed  float64 // submitted unaudited and intact: it works or fails
}

// phase is a stretch of the deployment in which every task carries the same
// chances of ending the game.
type phase struct {
	tasks  int
	caught float64 // a task's chance of ending the game with an audit
	lost   float64 // its chance of ending it with a working backdoor
}

// blueWins is the probability that a deployment made of these phases, in
// order, never submits a working backdoor: each task independently ends the
// game with an audit, with a working backdoor, or not at all.
func blueWins(phases ...phase) float64 {
	won, open := 0.0, 1.0 // open: the game is still undecided
	for _, ph := range phases {
		decisive := ph.caught + ph.lost
		if decisive <= 0 || ph.tasks <= 0 {
			continue
		}
		stillOpen := pow1m(decisive, ph.tasks)
		won += open * ph.caught / decisive * (1 - stillOpen)
		open *= stillOpen
	}
	return won + open
}
