// Package debate simulates the pixel-debate experiment of Irving,
// Christiano and Amodei, "AI safety via debate" (2018), on the 8×8 UCI
// digits: a judge that sees only a few pixels of a digit, alone and after
// two debaters, one honest and one lying, have chosen which pixels it sees.
// It is pure Go (no go-app, no syscall/js), so it runs in the labs' worker.
package debate

import (
	"context"
	"fmt"
	"math/rand/v2"
)

// Result is what one run of the lab measured.
type Result struct {
	Params Params `json:"params"` // as run, after bringing them into range
	// RandomJudgeAccuracy is how often the judge alone names the right
	// label (of ten) from k pixels drawn at random.
	RandomJudgeAccuracy float64 `json:"randomJudgeAccuracy"`
	// DebateJudgeAccuracy is how often the judge sides with the truth after
	// debate: against every liar, for EveryLiar.
	DebateJudgeAccuracy float64 `json:"debateJudgeAccuracy"`
	// HonestWinRate is the share of all debates that the honest debater won.
	HonestWinRate float64      `json:"honestWinRate"`
	Debates       int          `json:"debates"`
	Liars         []LiarRecord `json:"liars"`    // by the false label claimed
	Examples      []Debate     `json:"examples"` // a few debates to show
	Summary       string       `json:"summary"`  // one sentence, for the text twin
}

// LiarRecord is how the liars claiming one label fared.
type LiarRecord struct {
	Claim    int     `json:"claim"`
	Debates  int     `json:"debates"`
	LiarWins int     `json:"liarWins"`
	WinRate  float64 `json:"winRate"` // 0 when there were no debates
}

const (
	// randomDraws is how many sets of random pixels the judge alone sees per
	// digit: its accuracy is averaged over them, for a steadier baseline.
	randomDraws = 10
	// glimpses is how many random views of a digit decide the strongest liar.
	glimpses = 16
	// exampleCount is how many debates a result keeps to show.
	exampleCount = 4
)

// Run debates the first p.TestDigits test digits and measures the judge
// with random pixels and after debate. It stops with ctx's error when ctx
// is cancelled.
func Run(ctx context.Context, p Params) (Result, error) {
	p = p.valid()
	a, err := newArena()
	if err != nil {
		return Result{}, err
	}
	var t tally
	for i := 0; i < p.TestDigits; i++ {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		t.randomRight += a.randomRight(p, i)
		t.add(a.debates(p, i, a.plan(p, i)))
	}
	return t.result(p), nil
}

// tally adds up the debates of a run, digit by digit.
type tally struct {
	randomRight, debateRight, honestWins, debates int
	liarWins, liarDebates                         [Labels]int
	won, lost                                     []Debate // the first few digits of each kind, to show
}

// add counts the debates on one digit, which the judge gets right only if
// the honest debater wins them all.
func (t *tally) add(games []Debate) {
	beatsAll := true
	for _, g := range games {
		lie := g.Claims[1-g.Honest]
		t.liarDebates[lie]++
		if g.HonestWins {
			t.honestWins++
		} else {
			t.liarWins[lie]++
			beatsAll = false
		}
	}
	t.debates += len(games)
	show := toughest(games)
	switch {
	case beatsAll:
		t.debateRight++
		if len(t.won) < exampleCount/2 {
			t.won = append(t.won, show)
		}
	case len(t.lost) < exampleCount/2:
		t.lost = append(t.lost, show)
	}
}

func (t *tally) result(p Params) Result {
	r := Result{
		Params:              p,
		RandomJudgeAccuracy: ratio(t.randomRight, randomDraws*p.TestDigits),
		DebateJudgeAccuracy: ratio(t.debateRight, p.TestDigits),
		HonestWinRate:       ratio(t.honestWins, t.debates),
		Debates:             t.debates,
		Liars:               make([]LiarRecord, Labels),
		Examples:            append(t.won, t.lost...),
	}
	for l := range r.Liars {
		r.Liars[l] = LiarRecord{Claim: l, Debates: t.liarDebates[l], LiarWins: t.liarWins[l], WinRate: ratio(t.liarWins[l], t.liarDebates[l])}
	}
	r.Summary = summary(r)
	return r
}

// PlayDebate plays the debate on one test digit (0 to TestDigits-1) as Run
// does, for the learner to judge: against EveryLiar, the debate whose liar
// came closest to winning. The judge's own verdict is in the result.
func PlayDebate(ctx context.Context, p Params, index int) (Debate, error) {
	p = p.valid()
	if index < 0 || index >= TestDigits {
		return Debate{}, fmt.Errorf("debate: digit %d is not in the test set (0–%d)", index, TestDigits-1)
	}
	if err := ctx.Err(); err != nil {
		return Debate{}, err
	}
	a, err := newArena()
	if err != nil {
		return Debate{}, err
	}
	return toughest(a.debates(p, index, a.plan(p, index))), nil
}

// RandomJudge is how often the judge alone, shown k random pixels of test
// digit index, names its label: the baseline Run averages, for one digit,
// with the same draws.
func RandomJudge(ctx context.Context, p Params, index int) (float64, error) {
	p = p.valid()
	if index < 0 || index >= TestDigits {
		return 0, fmt.Errorf("debate: digit %d is not in the test set (0–%d)", index, TestDigits-1)
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	a, err := newArena()
	if err != nil {
		return 0, err
	}
	return ratio(a.randomRight(p, index), randomDraws), nil
}

// arena is where debates happen: the digits and the judge.
type arena struct {
	data  dataset
	judge *judge
}

func newArena() (*arena, error) {
	data, err := loadDataset()
	if err != nil {
		return nil, err
	}
	j, err := loadJudge()
	if err != nil {
		return nil, err
	}
	return &arena{data: data, judge: j}, nil
}

// Each digit draws from two streams of its own: one for its debates, so a
// digit's debate is the same in Run and in PlayDebate, and one for the
// judge's random pixels, so the baseline does not change with the liar.
func debateStream(seed uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(2*i)))
}

func baselineStream(seed uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(2*i+1)))
}

// digitPlan is what chance decides for one digit's debates.
type digitPlan struct {
	honestOpens bool
	liars       []int
}

func (a *arena) plan(p Params, i int) digitPlan {
	rng := debateStream(p.Seed, i)
	d := &a.data.Test[i]
	plan := digitPlan{honestOpens: rng.IntN(2) == 0}
	switch p.Liar {
	case EveryLiar:
		for label := 0; label < Labels; label++ {
			if label != d.Label {
				plan.liars = append(plan.liars, label)
			}
		}
	case StrongestLiar:
		plan.liars = []int{a.strongestLie(d, p.K, rng)}
	default:
		lie := rng.IntN(Labels - 1)
		if lie >= d.Label {
			lie++
		}
		plan.liars = []int{lie}
	}
	return plan
}

// debates plays digit i against each liar of its plan.
func (a *arena) debates(p Params, i int, plan digitPlan) []Debate {
	d := &a.data.Test[i]
	games := make([]Debate, len(plan.liars))
	for n, liar := range plan.liars {
		games[n] = playDebate(a.judge, d, liar, p.K, plan.honestOpens, [2]int{p.Strength, p.Strength})
		games[n].Digit = i
	}
	return games
}

// randomRight counts how many of randomDraws sets of k random pixels of
// digit i let the judge alone name its label.
func (a *arena) randomRight(p Params, i int) int {
	rng := baselineStream(p.Seed, i)
	d := &a.data.Test[i]
	var shown [Pixels]int
	for n := range shown {
		shown[n] = n
	}
	right := 0
	for range randomDraws {
		drawPixels(&shown, p.K, rng)
		w := a.judge.blank()
		for _, px := range shown[:p.K] {
			a.judge.show(&w, px, d.Pixels[px])
		}
		if a.judge.guess(&w) == d.Label {
			right++
		}
	}
	return right
}

// strongestLie is the false label with the highest total probability over
// random glimpses of k pixels of the digit: the lie the judge is readiest
// to believe.
func (a *arena) strongestLie(d *digit, k int, rng *rand.Rand) int {
	var shown [Pixels]int
	for n := range shown {
		shown[n] = n
	}
	var belief [Labels]float64
	for range glimpses {
		drawPixels(&shown, k, rng)
		w := a.judge.blank()
		for _, px := range shown[:k] {
			a.judge.show(&w, px, d.Pixels[px])
		}
		for label, pr := range softmax(a.judge.scores(&w)) {
			belief[label] += pr
		}
	}
	best := -1
	for label := range belief {
		if label != d.Label && (best < 0 || belief[label] > belief[best]) {
			best = label
		}
	}
	return best
}

// toughest is the debate whose liar came closest to winning, or won by the
// most: the one in which the judge leaned least to the truth.
func toughest(games []Debate) Debate {
	best := games[0]
	for _, g := range games[1:] {
		if g.honestMargin < best.honestMargin {
			best = g
		}
	}
	return best
}

func ratio(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

func summary(r Result) string {
	against := liarPolicies[policyIndex(r.Params.Liar)].against
	return fmt.Sprintf("Shown %d random pixels, the judge named %s of %d test digits correctly; after debate %s it sided with the truth on %s, and the honest debater won %s of %d debates.",
		r.Params.K, percent(r.RandomJudgeAccuracy), r.Params.TestDigits, against, percent(r.DebateJudgeAccuracy), percent(r.HonestWinRate), r.Debates)
}

func percent(x float64) string {
	return fmt.Sprintf("%.1f%%", 100*x)
}
