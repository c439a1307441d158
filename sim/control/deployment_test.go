package control

import (
	"math"
	"testing"
)

// blueWinsStepByStep plays the deployment one task at a time, carrying the
// chance that the game is still undecided.
func blueWinsStepByStep(phases ...phase) float64 {
	won, open := 0.0, 1.0
	for _, ph := range phases {
		for range ph.tasks {
			won += open * ph.caught
			open *= 1 - ph.caught - ph.lost
		}
	}
	return won + open
}

func TestBlueWinsAgreesWithPlayingTaskByTask(t *testing.T) {
	cases := [][]phase{
		{{tasks: 40, caught: 0.01, lost: 0.03}},
		{{tasks: 10, caught: 0.2}, {tasks: 90, caught: 0, lost: 0.05}},
		{{tasks: 0, caught: 0.5}, {tasks: 300, caught: 0.001, lost: 0.0004}},
		{{tasks: 5, caught: 0, lost: 0}, {tasks: 5, caught: 1, lost: 0}},
		{{tasks: 2000, caught: 1e-7, lost: 3e-7}},
	}
	for _, phases := range cases {
		if got, want := blueWins(phases...), blueWinsStepByStep(phases...); math.Abs(got-want) > 1e-12 {
			t.Errorf("%+v: closed form %.15f, task by task %.15f", phases, got, want)
		}
	}
}
