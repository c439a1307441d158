package weaktostrong

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

var seeds = []uint64{1, 2, 3, 4, 5}

// runSeeds runs p once per seed.
func runSeeds(t *testing.T, p Params) []Result {
	t.Helper()
	var results []Result
	for _, seed := range seeds {
		p.Seed = seed
		r, err := Run(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, r)
	}
	return results
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// medianPGR is the median PGR of the naive student (or the confident one),
// failing the test if a run has no PGR.
func medianPGR(t *testing.T, results []Result, confident bool) float64 {
	t.Helper()
	var pgrs []float64
	for _, r := range results {
		s := r.Naive
		if confident {
			s = *r.Confident
		}
		if s.PGR == nil {
			t.Fatalf("seed %d: no PGR (weak %v, ceiling %v)", r.Params.Seed, r.Weak, r.Ceiling)
		}
		pgrs = append(pgrs, *s.PGR)
	}
	return median(pgrs)
}

func TestAtTheDefaultsTheStudentBeatsItsTeacherButNotItsCeiling(t *testing.T) {
	results := runSeeds(t, DefaultParams())
	if m := medianPGR(t, results, false); m < 0.3 || m > 0.7 {
		t.Errorf("median naive PGR %.2f, want it between 0.3 and 0.7", m)
	}
	beats := 0
	for _, r := range results {
		if r.Naive.Accuracy > r.Weak {
			beats++
		}
	}
	if beats < 4 {
		t.Errorf("the student beat its teacher in %d of 5 seeds, want at least 4", beats)
	}
}

func TestTheConfidenceLossRecoversMoreOfALargeGap(t *testing.T) {
	p := DefaultParams()
	p.WeakStrength = paramMin("weak")
	results := runSeeds(t, p)
	naive, confident := medianPGR(t, results, false), medianPGR(t, results, true)
	if confident-naive < 0.1 {
		t.Errorf("at the weakest supervisor, median PGR %.2f naive and %.2f with the confidence loss, want a rise of at least 0.1", naive, confident)
	}
}

func TestTheConfidenceLossNeedsTheTruthToBeSalient(t *testing.T) {
	gain := func(salience float64) float64 {
		p := DefaultParams()
		p.WeakStrength = paramMin("weak")
		p.Salience = salience
		results := runSeeds(t, p)
		return medianPGR(t, results, true) - medianPGR(t, results, false)
	}
	salient, faint := gain(DefaultParams().Salience), gain(paramMin("salience"))
	if faint > salient/2 {
		t.Errorf("the confidence loss raised median PGR by %.2f with a faint truth and %.2f with a salient one; want the first under half the second", faint, salient)
	}
}

func TestFullyImitableErrorsAreCopied(t *testing.T) {
	p := DefaultParams()
	p.Imitable = 100
	if m := medianPGR(t, runSeeds(t, p), false); m >= 0.15 {
		t.Errorf("median naive PGR %.2f with fully imitable errors, want below 0.15", m)
	}
}

func TestErrorsTheStudentCannotSeeAreMostlyNotCopied(t *testing.T) {
	p := DefaultParams()
	p.Imitable = 0
	if m := medianPGR(t, runSeeds(t, p), false); m <= 0.7 {
		t.Errorf("median naive PGR %.2f with no imitable errors, want above 0.7", m)
	}
}

func TestStoppingEarlyCopiesFewerErrors(t *testing.T) {
	short, long := DefaultParams(), DefaultParams()
	short.Steps, long.Steps = 30, paramMaxInt("steps")
	early, late := medianPGR(t, runSeeds(t, short), false), medianPGR(t, runSeeds(t, long), false)
	if early <= late {
		t.Errorf("median naive PGR %.2f after %d steps and %.2f after %d, want the early one higher", early, short.Steps, late, long.Steps)
	}
}

func TestTheSameParamsGiveTheSameBytes(t *testing.T) {
	a, b := runJSON(t, DefaultParams()), runJSON(t, DefaultParams())
	if string(a) != string(b) {
		t.Fatal("two runs of the defaults differ")
	}
	other := DefaultParams()
	other.Seed++
	if string(runJSON(t, other)) == string(a) {
		t.Fatal("another seed gives the same run")
	}
}

// defaultsHash is the SHA-256 of the defaults' result as JSON. It is the
// same natively and in WebAssembly, which this test checks when run there:
//
//	GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./sim/weaktostrong/
//
// A change to the model changes it: update it once both platforms agree.
const defaultsHash = "9261001281233b62a997da40961eaa3434c7d0a6570b74d7ee15fb893af1e849"

func TestTheDefaultsGiveTheSameBytesOnEveryPlatform(t *testing.T) {
	got := fmt.Sprintf("%x", sha256.Sum256(runJSON(t, DefaultParams())))
	if got != defaultsHash {
		t.Fatalf("the defaults' result hashes to %s, want %s", got, defaultsHash)
	}
}

func runJSON(t *testing.T, p Params) []byte {
	t.Helper()
	r, err := Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// cancelAfter is a context that reports itself cancelled once Err has been
// asked a number of times.
type cancelAfter struct {
	context.Context
	checks int
}

func (c *cancelAfter) Err() error {
	if c.checks == 0 {
		return context.Canceled
	}
	c.checks--
	return nil
}

func TestRunStopsAtTheFirstCheckAfterCancellation(t *testing.T) {
	// Cancelled before the weak supervisor, during it, and during each
	// student's training.
	for _, checks := range []int{0, 10, weakSteps + 10, weakSteps + 200, weakSteps + 400} {
		ctx := &cancelAfter{Context: context.Background(), checks: checks}
		r, err := Run(ctx, DefaultParams())
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled after %d checks: err = %v", checks, err)
		}
		if r.Summary != "" {
			t.Fatalf("cancelled after %d checks: a result came back", checks)
		}
	}
}

func TestWithNoGapPGRIsNullNotNaN(t *testing.T) {
	// A 90% supervisor against a student that barely sees the truth: the
	// ceiling is no better than the supervisor.
	p := DefaultParams()
	p.WeakStrength, p.Salience = paramMax("weak"), paramMin("salience")
	r, err := Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if r.Ceiling-r.Weak >= MinGap {
		t.Fatalf("premise: ceiling %v, weak %v", r.Ceiling, r.Weak)
	}
	if r.Naive.PGR != nil || r.Confident.PGR != nil || r.Naive.Curve[0].PGR != nil {
		t.Error("a PGR was reported without a gap")
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"pgr":null`) || strings.Contains(r.Summary, "NaN") || strings.Contains(r.Summary, "Inf") {
		t.Errorf("JSON or summary not as expected: %s", r.Summary)
	}
}

func TestPGRIsTheShareOfTheGapRecovered(t *testing.T) {
	if p := pgr(0.8, 0.7, 0.9); p == nil || math.Abs(*p-0.5) > 1e-12 {
		t.Errorf("pgr(0.8, 0.7, 0.9) = %v, want 0.5", p)
	}
	if p := pgr(0.6, 0.7, 0.9); p == nil || *p >= 0 {
		t.Errorf("a student below its teacher: pgr = %v, want negative", p)
	}
	for _, ceiling := range []float64{0.7, 0.705, 0.6} {
		if p := pgr(0.8, 0.7, ceiling); p != nil {
			t.Errorf("ceiling %v over a 0.7 teacher: pgr = %v, want none", ceiling, *p)
		}
	}
}

func TestTheCurveFollowsTrainingToItsEnd(t *testing.T) {
	for _, steps := range []int{paramMinInt("steps"), 150, paramMaxInt("steps")} {
		p := DefaultParams()
		p.Steps = steps
		r, err := Run(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []Student{r.Naive, *r.Confident} {
			c := s.Curve
			if len(c) < min(20, steps) || len(c) > 40 {
				t.Fatalf("%d steps: %d curve points", steps, len(c))
			}
			if last := c[len(c)-1]; last.Step != steps || last.Accuracy != s.Accuracy || *last.PGR != *s.PGR {
				t.Fatalf("%d steps: the curve ends at %+v, the student at %v", steps, last, s.Accuracy)
			}
			for i := 1; i < len(c); i++ {
				if c[i].Step <= c[i-1].Step {
					t.Fatalf("%d steps: curve steps not increasing: %d then %d", steps, c[i-1].Step, c[i].Step)
				}
			}
		}
	}
}

func TestTheViewLabelsEachPointByEveryModel(t *testing.T) {
	r, err := Run(context.Background(), DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.View) == 0 || len(r.View) > 300 {
		t.Fatalf("%d points", len(r.View))
	}
	wrong, disagree := 0, 0
	for _, pt := range r.View {
		if (pt.X > 0) != (pt.Truth == 1) {
			t.Fatalf("point %+v: the truth is not x > 0", pt)
		}
		if pt.WeakWrong != (pt.WeakLabel != pt.Truth) {
			t.Fatalf("point %+v: weakWrong disagrees with the labels", pt)
		}
		if pt.Confident == nil {
			t.Fatal("the confident student's prediction is missing")
		}
		if pt.WeakWrong {
			wrong++
		}
		if pt.Naive != pt.WeakLabel {
			disagree++
		}
	}
	if wrong == 0 || disagree == 0 {
		t.Errorf("%d weak errors and %d student–teacher disagreements in the view, want some of each", wrong, disagree)
	}
	off := DefaultParams()
	off.Confidence = false
	r, err = Run(context.Background(), off)
	if err != nil {
		t.Fatal(err)
	}
	if r.Confident != nil || r.View[0].Confident != nil {
		t.Error("with the confidence loss off, a confident student was reported")
	}
}

func TestTheSummarySaysWhatTheNumbersSay(t *testing.T) {
	r := Result{Weak: 0.7, Ceiling: 0.9, Naive: Student{Accuracy: 0.81, PGR: ptr(0.55)}}
	want := "The student reached 81% where its teacher had 70% and its ceiling 90%: it recovered 55% of the gap."
	if got := r.summary(); got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
	r.Confident = &Student{Accuracy: 0.65, PGR: ptr(-0.25)}
	if got := r.summary(); !strings.HasSuffix(got, "; with the confidence loss it reached 65% and did worse than its teacher.") {
		t.Errorf("summary = %q", got)
	}
}

func ptr(v float64) *float64 { return &v }

func BenchmarkRunDefaults(b *testing.B) {
	p := DefaultParams()
	for b.Loop() {
		if _, err := Run(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}
