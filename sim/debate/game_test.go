package debate

import "testing"

func TestADebateIsKTurnsOfTruthfulRevealsThatAOpens(t *testing.T) {
	j, data := mustJudge(t), mustDataset(t)
	for i, k := range []int{MinK, 5, MaxK} {
		d := &data.Test[i]
		liar := (d.Label + 3) % Labels
		for _, honestOpens := range []bool{true, false} {
			g := playDebate(j, d, liar, k, honestOpens, [2]int{2, 2})
			if len(g.Reveals) != k {
				t.Fatalf("%d reveals, want %d", len(g.Reveals), k)
			}
			if g.Claims[g.Honest] != d.Label || g.Claims[1-g.Honest] != liar || g.Truth != d.Label {
				t.Errorf("claims %v with the honest debater %d, for a %d against the lie %d", g.Claims, g.Honest, d.Label, liar)
			}
			if honestOpens != (g.Honest == 0) {
				t.Errorf("honest opens %v, but the honest debater is %d", honestOpens, g.Honest)
			}
			shown := map[int]bool{}
			for turn, r := range g.Reveals {
				if r.Debater != turn%2 {
					t.Errorf("turn %d was debater %d's", turn, r.Debater)
				}
				if r.ByHonest != (r.Debater == g.Honest) {
					t.Errorf("turn %d: by honest %v, debater %d, honest %d", turn, r.ByHonest, r.Debater, g.Honest)
				}
				if shown[r.Pixel] {
					t.Errorf("pixel %d revealed twice", r.Pixel)
				}
				shown[r.Pixel] = true
				if r.Value != int(d.Pixels[r.Pixel]) || r.Row*Side+r.Col != r.Pixel {
					t.Errorf("reveal %+v does not match the digit", r)
				}
			}
		}
	}
}

func TestTheJudgesVerdictFollowsItsLean(t *testing.T) {
	j, data := mustJudge(t), mustDataset(t)
	for i := 0; i < 30; i++ {
		d := &data.Test[i]
		g := playDebate(j, d, (d.Label+1+i%9)%Labels, 6, i%2 == 0, [2]int{1, 1})
		last := g.Reveals[len(g.Reveals)-1].JudgeLeansA
		if last != g.JudgeLeansA {
			t.Errorf("digit %d: the last reveal leaves the judge at %v, the verdict says %v", i, last, g.JudgeLeansA)
		}
		if picksA := g.JudgeLeansA > 0.5; picksA != (g.JudgePicks == 0) {
			t.Errorf("digit %d: the judge leans %v to A but picks %d", i, g.JudgeLeansA, g.JudgePicks)
		}
		if g.HonestWins != (g.JudgePicks == g.Honest) {
			t.Errorf("digit %d: honest wins %v, judge picks %d, honest is %d", i, g.HonestWins, g.JudgePicks, g.Honest)
		}
	}
}
