package debate

import (
	"testing"
)

func TestAtTheLastTurnEitherDebaterTakesThePixelThatServesItBest(t *testing.T) {
	j, data := mustJudge(t), mustDataset(t)
	for i := 0; i < 40; i++ {
		d := &data.Test[i]
		liar := (d.Label + 1 + i%9) % Labels
		for _, honestLast := range []bool{true, false} {
			pos := newPosition(j, d, liar, []bool{!honestLast, honestLast, !honestLast, honestLast})
			pos.reveal(20 + i%8)
			pos.reveal(36 + i%8)
			pos.reveal(i % 8)
			want, best := -1, 0.0
			for p := 0; p < Pixels; p++ {
				if pos.revealed&(1<<p) != 0 {
					continue
				}
				w := pos.seen
				j.show(&w, p, d.Pixels[p])
				m := pos.contest.margin(&w)
				if !honestLast {
					m = -m
				}
				if want < 0 || m > best {
					want, best = p, m
				}
			}
			for _, strength := range []int{1, 3, MaxStrength} {
				if got := pos.bestPixel([2]int{strength, strength}); got != want {
					t.Fatalf("digit %d, honest last %v, strength %d: chose pixel %d, the best is %d", i, honestLast, strength, got, want)
				}
			}
		}
	}
}

// liarWins counts the debates liars win over the test set, one for each
// false label, with k pixels and the given strengths.
func liarWins(t *testing.T, k int, strength [2]int) int {
	j, data := mustJudge(t), mustDataset(t)
	wins := 0
	for i := range data.Test {
		d := &data.Test[i]
		for liar := 0; liar < Labels; liar++ {
			if liar != d.Label && !playDebate(j, d, liar, k, i%2 == 0, strength).HonestWins {
				wins++
			}
		}
	}
	return wins
}

func TestAnHonestDebaterWhoLooksAheadLosesLessOftenToAGreedyLiar(t *testing.T) {
	greedy := liarWins(t, 4, [2]int{liarSide: 1, honestSide: 1})
	searching := liarWins(t, 4, [2]int{liarSide: 1, honestSide: MaxStrength})
	t.Logf("with 4 pixels, the liar wins %d of %d debates against a greedy honest debater, %d against one that looks ahead", greedy, 9*TestDigits, searching)
	if searching >= greedy {
		t.Errorf("looking ahead, the honest debater lost %d debates, not fewer than the %d it loses greedily", searching, greedy)
	}
}
