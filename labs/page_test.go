package labs

import (
	"context"
	"strings"
	"testing"

	"oversight/lab"
)

func render(t *testing.T, b *Bench, v lab.View) string {
	t.Helper()
	html, err := b.Render(context.Background(), v)
	if err != nil {
		t.Fatal(err)
	}
	return html
}

// Before a prediction, the page folds a run at the defaults away; once
// committed, it shows the run at the setting beside the prediction.
func TestThePageRevealsARunOnlyBesideACommittedPrediction(t *testing.T) {
	b := &Bench{}
	before := render(t, b, lab.View{Lab: "weak-to-strong", Query: "weak=60"})
	if !strings.Contains(before, `<details class="lab-defaults">`) || strings.Contains(before, "lab-reveal") {
		t.Error("before a prediction, the run at the defaults is not folded away")
	}
	if !strings.Contains(before, `id="lab-weak"`) || !strings.Contains(before, `value="60"`) {
		t.Error("the controls do not show the address's setting")
	}
	after := render(t, b, lab.View{Lab: "weak-to-strong", Query: "weak=60", Run: true, Committed: true, Answer: "no", Guess: ptr(0.2)})
	if strings.Contains(after, "lab-defaults") || !strings.Contains(after, "lab-reveal") {
		t.Fatal("after a committed run, the page does not reveal it")
	}
	for _, want := range []string{"You predicted: no; PGR 0.20.", "<td>no</td>", "The run below is at the settings above."} {
		if !strings.Contains(after, want) {
			t.Errorf("the revealed run lacks %q", want)
		}
	}
	// Predicting again keeps the last run out of sight until the next.
	again := render(t, b, lab.View{Lab: "weak-to-strong", Query: "weak=60", Answer: "no"})
	if strings.Contains(again, "lab-reveal") || !strings.Contains(again, "Commit a new prediction") {
		t.Error("predicting again still shows the last run")
	}
}

// The page names the address it was written for, so that the app can keep
// a prerendered page that answers its own address instead of writing it
// again under the learner's pointer.
func TestThePageNamesTheAddressItWasWrittenFor(t *testing.T) {
	html := render(t, &Bench{}, lab.View{Lab: "weak-to-strong", Query: "weak=60&steps=50"})
	if want := `<div class="lab-body" data-query="weak=60&amp;steps=50">`; !strings.HasPrefix(html, want) {
		t.Errorf("the page begins %.80q, want %q", html, want)
	}
}

func TestTheServersBenchRunsOnlyTheDefaults(t *testing.T) {
	b := &Bench{RunOnlyDefaults: true}
	if _, err := b.Render(context.Background(), lab.View{Lab: "weak-to-strong", Query: "weak=60", Run: true}); err == nil {
		t.Error("the server's bench ran a setting an address chose")
	}
	if _, err := b.Render(context.Background(), lab.View{Lab: "nowhere"}); err == nil {
		t.Error("an unknown lab rendered")
	}
}

// Text from a lab is written as text, never as markup.
func TestThePageEscapesWhatItWrites(t *testing.T) {
	html := render(t, &Bench{}, lab.View{Lab: "weak-to-strong", Query: "weak=<script>x</script>"})
	if strings.Contains(html, "<script>") || !strings.Contains(html, "&lt;script&gt;") {
		t.Error("what the address says is not escaped in the page's notes")
	}
}

func TestChartLabelsThatNearlyMeetAreMovedApart(t *testing.T) {
	got := apart([]float64{100, 104, 50}, 14)
	if got[0] != 100 || got[1] != 114 || got[2] != 50 {
		t.Errorf("apart = %v", got)
	}
}

func ptr(v float64) *float64 { return &v }
