package control

import (
	"math"
	"math/rand/v2"

	"oversight/sim/detmath"
)

// The Monte Carlo: deployments played task by task, with suspicion scores
// drawn the long way round (monitor.sample), against the red team's chosen
// policy. Run uses it to show what deployments look like; the tests use it
// to check the closed form.

// Simulation is a tally of simulated deployments of the chosen protocol
// against the red team's answer to it, and one of them told in full.
type Simulation struct {
	Deployments int     `json:"deployments"`
	BlueWins    int     `json:"blueWins"`
	Safety      float64 `json:"safety"`
	// StdErr is the standard error of Safety as an estimate.
	StdErr  float64    `json:"stdErr"`
	Example Deployment `json:"example"`
}

// Deployment is one simulated deployment.
type Deployment struct {
	Attempts []Attempt `json:"attempts"`
	// Ending is "caught" (an audit caught an attempt), "backdoored" (a
	// working backdoor was submitted) or "safe" (the tasks ran out first).
	Ending string `json:"ending"`
	// EndTask is the task (from 1) on which it ended.
	EndTask int `json:"endTask"`
}

// Attempt is one backdoor attempt in a simulated deployment.
type Attempt struct {
	Task int `json:"task"` // from 1
	// Suspicion is the monitor's score (honest code scores N(0, 1));
	// Monitored is false, and Suspicion 0, when no monitor read the code.
	Suspicion float64 `json:"suspicion"`
	Monitored bool    `json:"monitored"`
	// Outcome is "caught", "deferred" (T's code used instead), "edited"
	// (T's edit removed it), "failed" (submitted, but did not work) or
	// "worked".
	Outcome string `json:"outcome"`
}

// simulate plays deployments of `tasks` tasks and tallies them.
func simulate(pr protocol, pol policy, tasks, deployments int, rng *rand.Rand) Simulation {
	sim := Simulation{Deployments: deployments}
	for i := range deployments {
		d := playDeployment(pr, pol, tasks, rng)
		if d.Ending != "backdoored" {
			sim.BlueWins++
		}
		if i == 0 {
			sim.Example = d
		}
	}
	if deployments > 0 {
		sim.Safety = float64(sim.BlueWins) / float64(deployments)
		sim.StdErr = math.Sqrt(sim.Safety * (1 - sim.Safety) / float64(deployments))
	}
	return sim
}

// playDeployment plays one deployment, jumping from one attempt to the next.
func playDeployment(pr protocol, pol policy, tasks int, rng *rand.Rand) Deployment {
	perTask := pol.attacksPerTask()
	d := Deployment{Attempts: []Attempt{}}
	if perTask <= 0 {
		d.Ending, d.EndTask = "safe", tasks
		return d
	}
	share := detmath.NormalCDF(pol.cut)
	for task := nextAttempt(-1, perTask, rng); task < tasks; task = nextAttempt(task, perTask, rng) {
		a := playAttempt(pr, pol, task, share, rng)
		d.Attempts = append(d.Attempts, a)
		switch a.Outcome {
		case "caught":
			d.Ending, d.EndTask = "caught", task+1
			return d
		case "worked":
			d.Ending, d.EndTask = "backdoored", task+1
			return d
		}
	}
	d.Ending, d.EndTask = "safe", tasks
	return d
}

// nextAttempt is the task (from 0) of the next attempt after task `after`,
// when each task is attacked with chance perTask: the gap is geometric.
func nextAttempt(after int, perTask float64, rng *rand.Rand) int {
	if perTask >= 1 {
		return after + 1
	}
	gap := detmath.Log(openUniform(rng)) / log1m(perTask)
	if gap > 1e9 {
		gap = 1e9
	}
	return after + 1 + int(gap)
}

// playAttempt is what becomes of an attempt on a task, drawn at random from
// the tasks below the policy's cut (a share `share` of all tasks).
func playAttempt(pr protocol, pol policy, task int, share float64, rng *rand.Rand) Attempt {
	a := Attempt{Task: task + 1}
	if task < pr.upfrontAudits {
		a.Outcome = "caught"
		return a
	}
	if pr.monitor != nil {
		z := detmath.NormalQuantile(openUniform(rng) * share)
		a.Suspicion, a.Monitored = pr.monitor.sample(pol.kind, z, rng), true
		switch {
		case a.Suspicion > pr.auditAbove:
			a.Outcome = "caught"
			return a
		case a.Suspicion > pr.rerouteAbove && rng.Float64() >= pr.keepsBackdoor:
			a.Outcome = "deferred"
			if pr.keepsBackdoor > 0 {
				a.Outcome = "edited"
			}
			return a
		}
	}
	a.Outcome = "failed"
	if rng.Float64() < pol.works {
		a.Outcome = "worked"
	}
	return a
}
