package labs

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"oversight/kb"
	"oversight/lab"
	"oversight/sim/control"
)

// The page the server writes for /labs/control, before any prediction,
// holds the run at the defaults: the plot with every protocol, the sweeps
// and the paper's points, each chart with its table, and a caption that
// links the concept and its caveat.
func TestTheControlLabsPrerenderedPageHoldsThePlotAndThePapersPoints(t *testing.T) {
	html := render(t, &Bench{RunOnlyDefaults: true}, lab.View{Lab: "control"})
	plot := between(t, html, `<figure class="lab-figure" id="defaults-trade-off"`, `</figure>`)
	chart := between(t, plot, `<svg class="lab-chart chart-scatter"`, `</svg>`)
	if got, want := strings.Count(chart, "diamond"), len(control.ReportedPoints()); got != want {
		t.Errorf("the plot draws %d of the paper's points, want all %d of its Table 7", got, want)
	}
	if got := strings.Count(chart, `class="series `); got != 3 {
		t.Errorf("the plot draws %d sweeps, want defer to trusted, trusted editing and untrusted monitoring", got)
	}
	if got := strings.Count(chart, `class="ring-mark"`); got != 1 {
		t.Errorf("the plot rings %d protocols, want the learner's one", got)
	}
	for _, want := range []string{"reported in the paper", "your protocol", "Trusted monitoring (your protocol)", `<table class="lab-table">`} {
		if !strings.Contains(plot, want) {
			t.Errorf("the plot's figure lacks %q", want)
		}
	}
	caption := between(t, html, `<section class="lab-caption"`, `</section>`)
	for _, href := range []string{kb.CaveatPath("control-assumes-untrusted-model"), kb.ConceptPath("control-and-containment")} {
		if !strings.Contains(caption, `href="`+href+`"`) {
			t.Errorf("the caption does not link %s", href)
		}
	}
	paper := between(t, html, `<section class="lab-paper"`, `</section>`)
	if !strings.Contains(paper, `href="/sources#greenblatt2023control"`) || !strings.Contains(paper, "62% safety at 97% usefulness") {
		t.Error("what the research reported is not the paper's trusted monitoring, cited")
	}
	if got := strings.Count(html, `name="lab-answer"`); got != 5 {
		t.Errorf("the prediction offers %d answers, want the 5 protocols that use the untrusted model", got)
	}
}

// Once committed, the page puts the learner's protocol beside the toy's
// answer, by name, and the guess with its unit.
func TestTheControlLabRevealsTheSafestProtocolBesideThePrediction(t *testing.T) {
	html := render(t, &Bench{}, lab.View{Lab: "control", Run: true, Committed: true, Answer: "upfront-auditing", Guess: ptr(70)})
	reveal := between(t, html, `<div class="lab-reveal">`, `</div>`)
	for _, want := range []string{"<td>upfront auditing</td>", "<td>70%</td>", "differently from your prediction"} {
		if !strings.Contains(reveal, want) {
			t.Errorf("the reveal lacks %q: %s", want, reveal)
		}
	}
	if !strings.Contains(html, "You predicted: upfront auditing; Safety 70%.") {
		t.Error("the committed prediction is not said in words")
	}
}

// The toy's answer at the defaults is the paper's: at about 95% usefulness
// trusted editing is safest, and its safety there is the outcome.
func TestTheControlLabsAnswerIsTheSafestProtocolAt95PercentUsefulness(t *testing.T) {
	r, err := RunQuery(context.Background(), "control", "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Outcome.Choice != "trusted-editing" {
		t.Errorf("the safest protocol at 95%% usefulness is %q, want trusted editing", r.Outcome.Choice)
	}
	if r.Outcome.Value == nil || r.Outcome.Text != share(*r.Outcome.Value/100) {
		t.Errorf("the outcome %+v does not give its safety", r.Outcome)
	}
	choices := controlGame().Predict.Choices
	if !slices.ContainsFunc(choices, func(o lab.Option) bool { return o.Key == r.Outcome.Choice }) {
		t.Errorf("the answer %q is not one of the prediction's choices", r.Outcome.Choice)
	}
}

func TestSafetyAtAUsefulnessIsReadOffTheSweepWhereItCrosses(t *testing.T) {
	sweep := []control.Point{{Safety: 0.6, Usefulness: 1}, {Safety: 0.7, Usefulness: 0.96}, {Safety: 0.8, Usefulness: 0.92}}
	got, ok := safetyAtUsefulness(sweep, 0.95)
	if !ok || math.Abs(got-0.725) > 1e-9 {
		t.Errorf("safety at 95%% = %v, %v; want 0.725, a quarter of the way from 96%% to 92%%", got, ok)
	}
	if _, ok := safetyAtUsefulness(sweep[2:], 0.95); ok {
		t.Error("a protocol never as useful as 95% has a safety there")
	}
}

func TestTheControlLabClampsWhatTheAddressSays(t *testing.T) {
	r, err := RunQuery(context.Background(), "control", "audit=40&protocol=nope&monitor=banana&defer=5")
	if err != nil {
		t.Fatal(err)
	}
	if r.Query != "audit=10.0&defer=5" {
		t.Errorf("ran %q, want the audit budget clamped to 10%%, the protocol and monitor at their defaults", r.Query)
	}
}

// between is the part of s from the first start to the end that follows.
func between(t *testing.T, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("%q is not in the page", start)
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		t.Fatalf("%q does not end with %q", start, end)
	}
	return s[i : i+j+len(end)]
}
