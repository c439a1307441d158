package debate

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"testing"

	"oversight/lab"
)

func mustRun(t testing.TB, p Params) Result {
	t.Helper()
	r, err := Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestDebateLiftsTheJudgeWellAboveRandomPixels(t *testing.T) {
	r := mustRun(t, DefaultParams())
	t.Log(r.Summary)
	if r.DebateJudgeAccuracy < r.RandomJudgeAccuracy+0.10 {
		t.Errorf("after debate the judge is right %.3f of the time, from random pixels %.3f: less than 10 points better", r.DebateJudgeAccuracy, r.RandomJudgeAccuracy)
	}
	for _, liar := range r.Liars {
		t.Logf("liars claiming %d won %d of %d", liar.Claim, liar.LiarWins, liar.Debates)
		if liar.Debates == 0 {
			t.Errorf("no liar claimed %d, though every false label debates", liar.Claim)
		}
		if honestWins := liar.Debates - liar.LiarWins; honestWins <= liar.LiarWins || r.HonestWinRate <= liar.WinRate {
			t.Errorf("liars claiming %d won %d of %d debates, as often as the honest debater", liar.Claim, liar.LiarWins, liar.Debates)
		}
	}
	if r.Debates != 9*r.Params.TestDigits {
		t.Errorf("%d debates on %d digits, want one per false label", r.Debates, r.Params.TestDigits)
	}
}

func TestStrongerSearchDoesNotLowerTheHonestWinRateOnAverage(t *testing.T) {
	p := DefaultParams()
	rates := make([]float64, MaxStrength+1)
	var searched float64
	for s := 1; s <= MaxStrength; s++ {
		p.Strength = s
		rates[s] = mustRun(t, p).HonestWinRate
		if s > 1 {
			searched += rates[s] / (MaxStrength - 1)
		}
	}
	t.Logf("honest win rate by strength 1–%d: %.4f", MaxStrength, rates[1:])
	if searched < rates[1] {
		t.Errorf("with search the honest debater wins %.4f of debates on average, less than the %.4f it wins greedily", searched, rates[1])
	}
}

func TestTheSameParamsGiveTheSameJSON(t *testing.T) {
	first, err := json.Marshal(mustRun(t, DefaultParams()))
	if err != nil {
		t.Fatal(err)
	}
	second, err := json.Marshal(mustRun(t, DefaultParams()))
	if err != nil {
		t.Fatal(err)
	}
	if string(first) != string(second) {
		t.Fatal("two runs with the same parameters gave different JSON")
	}
	// Compare this line natively and in WebAssembly.
	t.Logf("SHA-256 of the default result's JSON: %x", sha256.Sum256(first))
}

func TestTheSeedChangesTheDrawsButNotTheTestSet(t *testing.T) {
	p := DefaultParams()
	p.TestDigits = 100
	a := mustRun(t, p)
	p.Seed = 2
	b := mustRun(t, p)
	if a.RandomJudgeAccuracy == b.RandomJudgeAccuracy && reflect.DeepEqual(a.Examples, b.Examples) {
		t.Error("seeds 1 and 2 gave the same random pixels and the same debates")
	}
	p.Liar = RandomLiar
	if c := mustRun(t, p); c.RandomJudgeAccuracy != b.RandomJudgeAccuracy {
		t.Errorf("the liar changed the judge's random pixels: accuracy %.3f, then %.3f", b.RandomJudgeAccuracy, c.RandomJudgeAccuracy)
	}
}

func TestPlayDebateReplaysTheDebateRunShows(t *testing.T) {
	for _, liar := range []LiarPolicy{EveryLiar, StrongestLiar, RandomLiar} {
		p := DefaultParams()
		p.Liar, p.TestDigits = liar, 100
		r := mustRun(t, p)
		if len(r.Examples) == 0 {
			t.Fatalf("%s: no examples", liar)
		}
		for _, ex := range r.Examples {
			d, err := PlayDebate(context.Background(), p, ex.Digit)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(d, ex) {
				t.Errorf("%s, digit %d: PlayDebate gave\n%+v\nRun showed\n%+v", liar, ex.Digit, d, ex)
			}
		}
	}
}

func TestPlayDebateRefusesDigitsOutsideTheTestSet(t *testing.T) {
	for _, i := range []int{-1, TestDigits} {
		if _, err := PlayDebate(context.Background(), DefaultParams(), i); err == nil {
			t.Errorf("digit %d was played", i)
		}
	}
}

// cancelsAfter is a context that reports cancellation once Err has been
// asked n times.
type cancelsAfter struct {
	context.Context
	n, asked int
}

func (c *cancelsAfter) Err() error {
	if c.asked++; c.asked > c.n {
		return context.Canceled
	}
	return nil
}

func TestRunStopsWhenCancelled(t *testing.T) {
	ctx := &cancelsAfter{Context: context.Background(), n: 10}
	if _, err := Run(ctx, DefaultParams()); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run returned %v, want context.Canceled", err)
	}
	if ctx.asked != ctx.n+1 {
		t.Errorf("Run asked the context %d times, going on after it was cancelled", ctx.asked)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := PlayDebate(cancelled, DefaultParams(), 0); !errors.Is(err, context.Canceled) {
		t.Errorf("PlayDebate returned %v, want context.Canceled", err)
	}
}

func TestGarbageSettingsGiveValidParams(t *testing.T) {
	inf := math.Inf(1)
	settings := []lab.Setting{
		nil,
		{"k": math.NaN(), "strength": inf, "liar": -inf, "digits": 1e300, "seed": -5},
		{"k": -3, "strength": -1, "liar": 99, "digits": 0, "seed": 1e18},
		{"k": 6.7, "strength": 2.2, "liar": 1.4, "digits": 333},
	}
	for _, set := range settings {
		p := FromSetting(set)
		if p.K < MinK || p.K > MaxK || p.Strength < 1 || p.Strength > MaxStrength ||
			policyIndex(p.Liar) < 0 || p.TestDigits < minTestDigits || p.TestDigits > TestDigits || p.Seed < 1 || p.Seed > maxSeed {
			t.Errorf("%v gave %+v", set, p)
		}
	}
	raw := Params{K: -4, Strength: 1000, Liar: "<script>", TestDigits: minTestDigits - 1}
	r := mustRun(t, raw)
	if r.Params != (Params{K: MinK, Strength: MaxStrength, Liar: DefaultParams().Liar, TestDigits: minTestDigits}) {
		t.Errorf("%+v ran as %+v", raw, r.Params)
	}
	if _, err := json.Marshal(r); err != nil {
		t.Errorf("the result does not encode (a NaN or an infinity?): %v", err)
	}
}

func TestTheSpecsDefaultsAreTheDefaultParams(t *testing.T) {
	if got := FromSetting(Spec().Defaults()); got != DefaultParams() {
		t.Errorf("the spec's defaults read as %+v, not %+v", got, DefaultParams())
	}
	set, notes := Spec().Read("k=4&liar=strongest&strength=3&digits=200&seed=7")
	if len(notes) != 0 {
		t.Fatalf("notes: %v", notes)
	}
	want := Params{K: 4, Strength: 3, Liar: StrongestLiar, TestDigits: 200, Seed: 7}
	if got := FromSetting(set); got != want {
		t.Errorf("the address gave %+v, want %+v", got, want)
	}
}

func BenchmarkRun500(b *testing.B) {
	p := DefaultParams()
	for b.Loop() {
		if _, err := Run(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRandomJudgeIsRunsBaselineDigitByDigit(t *testing.T) {
	p := DefaultParams()
	p.TestDigits = 50
	r, err := Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for i := range p.TestDigits {
		share, err := RandomJudge(context.Background(), p, i)
		if err != nil {
			t.Fatal(err)
		}
		sum += share
	}
	if got := sum / float64(p.TestDigits); math.Abs(got-r.RandomJudgeAccuracy) > 1e-9 {
		t.Errorf("the digits' baselines average %.4f, Run's is %.4f", got, r.RandomJudgeAccuracy)
	}
	if _, err := RandomJudge(context.Background(), p, TestDigits); err == nil {
		t.Error("a digit outside the test set was judged")
	}
}
