package debate

import "oversight/sim/detmath"

// The debate game on one digit. Two debaters, A and B, each claim a label:
// one claims the true label, the other a false one. A lot decides which of
// them is honest, and A always reveals first, so half the time the liar
// has the last word. They take turns revealing one pixel each, k in all,
// and cannot lie about a pixel's value. The judge then sees only those
// pixels and sides with the claim it scores higher.

// Reveal is one turn of a debate.
type Reveal struct {
	Pixel    int  `json:"pixel"` // 0–63, row by row from the top left
	Row      int  `json:"row"`
	Col      int  `json:"col"`
	Value    int  `json:"value"`    // 0–16
	Debater  int  `json:"debater"`  // 0 for A, 1 for B
	ByHonest bool `json:"byHonest"` // for after the learner has judged
	// JudgeLeansA is the judge's probability, choosing between the two
	// claims, that A's is right, once this pixel is shown.
	JudgeLeansA float64 `json:"judgeLeansA"`
}

// Debate is one debate, told turn by turn so a page can show the pixels one
// at a time and let the learner judge before seeing the answer.
type Debate struct {
	Digit   int      `json:"digit"`  // its index in the test set
	Image   []int    `json:"image"`  // all 64 pixels, for after the verdict
	Truth   int      `json:"truth"`  // the true label
	Claims  [2]int   `json:"claims"` // what A and B claim
	Honest  int      `json:"honest"` // which debater claims the truth: 0 for A, 1 for B
	Reveals []Reveal `json:"reveals"`
	// JudgePicks is the debater the sparse judge sides with after the last
	// reveal, and JudgeLeansA its probability that A's claim is right.
	JudgePicks  int     `json:"judgePicks"`
	JudgeLeansA float64 `json:"judgeLeansA"`
	HonestWins  bool    `json:"honestWins"`
	// honestMargin is the judge's final log-odds for the honest claim over
	// the liar's.
	honestMargin float64
}

// playDebate plays the debate on one digit between its true label and the
// liar's claim, with k reveals. honestOpens says whether the honest
// debater reveals first; strength is each side's search strength, indexed
// by side(honest).
func playDebate(j *judge, d *digit, liar, k int, honestOpens bool, strength [2]int) Debate {
	order := make([]bool, k)
	for t := range order {
		order[t] = honestOpens == (t%2 == 0)
	}
	pos := newPosition(j, d, liar, order)
	honest := 0
	if !honestOpens {
		honest = 1
	}
	game := Debate{Truth: d.Label, Honest: honest, Image: make([]int, Pixels)}
	for p, v := range d.Pixels {
		game.Image[p] = int(v)
	}
	game.Claims[honest], game.Claims[1-honest] = d.Label, liar
	for pos.turn < k {
		byHonest := order[pos.turn]
		p := pos.bestPixel(strength)
		pos.reveal(p)
		debater := honest
		if !byHonest {
			debater = 1 - honest
		}
		game.Reveals = append(game.Reveals, Reveal{
			Pixel: p, Row: p / Side, Col: p % Side, Value: int(d.Pixels[p]),
			Debater: debater, ByHonest: byHonest,
			JudgeLeansA: leanToA(pos.margin(), honest),
		})
	}
	m := pos.margin()
	game.honestMargin = m
	game.HonestWins = m > 0
	game.JudgePicks = 1 - honest
	if game.HonestWins {
		game.JudgePicks = honest
	}
	game.JudgeLeansA = leanToA(m, honest)
	return game
}

// leanToA turns the judge's margin for the honest claim into its
// probability that A's claim is the right one of the two.
func leanToA(honestMargin float64, honest int) float64 {
	if honest == 1 {
		honestMargin = -honestMargin
	}
	return detmath.Sigmoid(honestMargin)
}
