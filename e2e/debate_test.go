package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const debatePath = "/labs/debate"

// screenshotsAtBothSizes saves what a desktop and a phone reader see now,
// scrolled to selector.
func (p *page) screenshotsAtBothSizes(name, selector string) {
	p.t.Helper()
	for _, vp := range []viewport{phone, desktop} { // back to the desktop last
		p.do(chromedp.EmulateViewport(vp.width, vp.height))
		if selector != "" {
			eval[bool](p, `document.querySelector(`+jsString(selector)+`).scrollIntoView({block: "start"}), true`)
		}
		p.screenshot(name + "-" + vp.name)
	}
}

// pressEnterOnFocus presses Enter on the focused button of the debate's
// board and waits for the board the worker writes in return, whose focused
// button moves the game on again.
func (p *page) pressEnterOnFocus() {
	p.t.Helper()
	before := eval[string](p, `document.activeElement.dataset.state || ""`)
	if before == "" {
		p.t.Fatalf("no button of the board has the focus: %q has it", eval[string](p, `document.activeElement.outerHTML.slice(0, 120)`))
	}
	p.do(chromedp.KeyEvent(kb.Enter))
	p.waitFor(`(document.activeElement.dataset.state || "") !== "" && document.activeElement.dataset.state !== ` + jsString(before))
}

// A learner predicts, runs the debate lab in its worker and sees the toy's
// numbers beside the paper's; then judges two debates by keyboard alone,
// hearing each pixel as it is shown, and the tally counts both.
func TestTheDebateLabRunsAndTheLearnerJudgesTwoDebatesByKeyboard(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp(debatePath)
	p.screenshotsAtBothSizes("debate-before", "")
	for _, v := range p.seriousViolations() {
		t.Errorf("%s before a run: %s", debatePath, v)
	}

	p.clickCentred(`[data-answer="yes"]`)
	p.setControl("lab-guess", "70")
	p.commitPredictionAndKeepTheMainThreadFree()
	if charts, tables := p.count(".lab-run figure > svg.lab-chart"), p.count(".lab-run figure > table"); charts != 2 || tables != 2 {
		t.Errorf("the run has %d charts and %d tables, want 2 of each", charts, tables)
	}
	judge := p.text(".lab-run #run-judge table")
	for _, want := range []string{"This toy, on 8×8 digits", "The paper, on MNIST", "59.4%", "88.9%"} {
		if !strings.Contains(judge, want) {
			t.Errorf("the judge's table lacks %q: %q", want, judge)
		}
	}
	p.screenshotsAtBothSizes("debate-after", ".lab-run")
	for _, v := range p.seriousViolations() {
		t.Errorf("%s after a run: %s", debatePath, v)
	}

	// You are the judge: Enter on each button, which hands the focus to the
	// next; 1 to start, then per debate 6 pixels, a claim and the next.
	eval[bool](p, `document.querySelector('.debate-board [data-action="state"]').focus(), true`)
	p.pressEnterOnFocus()
	p.pressEnterOnFocus()
	if heard := p.text("#lab-announce"); !strings.HasPrefix(heard, "Pixel 1 of 6, shown by") || !strings.Contains(heard, "row ") {
		t.Errorf("the live region says %q after the first pixel", heard)
	}
	p.pressEnterOnFocus()
	p.pressEnterOnFocus()
	p.screenshotsAtBothSizes("debate-judging", ".debate-board")
	for range 3 {
		p.pressEnterOnFocus()
	}
	if got := p.count(".debate-board .reveals li"); got != 6 {
		t.Errorf("after six reveals the board lists %d pixels", got)
	}
	p.pressEnterOnFocus() // A's claim
	if heard := p.text("#lab-announce"); !strings.HasPrefix(heard, "You sided with A") {
		t.Errorf("the live region says %q after a verdict", heard)
	}
	p.screenshotsAtBothSizes("debate-judge", ".debate-board")
	for _, v := range p.seriousViolations() {
		t.Errorf("%s while judging: %s", debatePath, v)
	}
	p.pressEnterOnFocus() // the next debate
	for range 6 {
		p.pressEnterOnFocus()
	}
	// B's claim this time: Tab from A's to it, which takes it without a wait.
	p.do(chromedp.KeyEvent(kb.Tab))
	if got := eval[string](p, `document.activeElement.textContent`); !strings.HasPrefix(got, "B is right") {
		t.Fatalf("Tab from A's claim reaches %q", got)
	}
	p.do(chromedp.KeyEvent(kb.Enter))
	p.waitFor(`document.getElementById("lab-announce").textContent.startsWith("You sided with B")`)
	tally := p.text(".debate-board .tally")
	for _, want := range []string{"over 2 debates judged", "You, after the debates", "The sparse judge, after the same debates", "6 random pixels"} {
		if !strings.Contains(tally, want) {
			t.Errorf("the tally lacks %q: %q", want, tally)
		}
	}
}
