package e2e

import (
	"strings"
	"testing"
)

const controlLabPath = "/labs/control"

// tradeOffTable is the text twin of the control lab's safety/usefulness plot.
const tradeOffTable = `((document.querySelector(".lab-run #run-trade-off table") || {}).innerText || "")`

// The control game, in one page: predict which protocol is safest at 95%
// usefulness, run, see the toy's answer beside the prediction and the
// paper's points beside the toy's; a setting changed moves the plot and its
// table. The red team's search runs in the worker: no long task on the page.
func TestTheControlLabPlotsEveryProtocolAgainstItsRedTeam(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp(controlLabPath)
	p.screenshot("control-lab-before-desktop")
	for _, v := range p.seriousViolations() {
		t.Errorf("%s before a run: %s", controlLabPath, v)
	}
	if got := p.count(`.lab-predict input[data-answer]`); got != 5 {
		t.Errorf("the prediction offers %d protocols, want the 5 that use the untrusted model", got)
	}
	p.clickCentred(`[data-answer="trusted-monitoring"]`)
	p.setControl("lab-guess", "70")
	p.commitPredictionAndKeepTheMainThreadFree()
	reveal := p.text(".lab-reveal")
	for _, want := range []string{"trusted monitoring", "trusted editing", "70%", "differently from your prediction"} {
		if !strings.Contains(reveal, want) {
			t.Errorf("the result beside the prediction lacks %q: %q", want, reveal)
		}
	}
	if got := p.count(".lab-run #run-trade-off svg .dot.diamond"); got == 0 {
		t.Error("the plot has none of the paper's reported points")
	}
	if got := p.count(".lab-run #run-trade-off svg.chart-scatter .ring-mark"); got != 1 {
		t.Errorf("the plot rings %d protocols, want the learner's one", got)
	}
	if charts, tables := p.count(".lab-run figure > svg.lab-chart"), p.count(".lab-run figure > table"); charts != 2 || tables != 2 {
		t.Errorf("the run has %d charts and %d tables, want 2 of each", charts, tables)
	}
	eval[bool](p, `document.getElementById("site-search").blur(), document.getElementById("lab-results-heading").scrollIntoView(), true`)
	p.screenshot("control-lab-after-desktop")
	for _, v := range p.seriousViolations() {
		t.Errorf("%s after a run: %s", controlLabPath, v)
	}

	// A better monitor: a new address, a safer plot, another table.
	before := eval[string](p, tradeOffTable)
	ring := `document.querySelector(".lab-run #run-trade-off svg.chart-scatter .ring-mark").getAttribute("cy")`
	ringBefore := eval[string](p, ring)
	p.setControl("lab-monitor", "4")
	p.waitFor(`location.search === "?monitor=4"`)
	p.waitFor(tradeOffTable + ` !== ` + jsString(before) + ` && ` + tradeOffTable + ` !== ""`)
	if eval[string](p, ring) == ringBefore {
		t.Error("the learner's protocol did not move on the plot with a better monitor")
	}
}

// On a phone, with a setting from the address: the lab reads it, names
// what it cannot use, and runs.
func TestTheControlLabReadsItsAddressOnAPhone(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, phone)
	p.openApp(controlLabPath + "?protocol=trusted-editing&audit=40")
	if got := eval[string](p, `document.getElementById("lab-protocol").value`); got != "trusted-editing" {
		t.Errorf("the address's protocol shows as %q", got)
	}
	if notes := p.text(".lab-notes"); !strings.Contains(notes, "40 is outside 0.0–10.0; using 10.0") {
		t.Errorf("the notes do not name the clamped budget: %q", notes)
	}
	p.screenshot("control-lab-before-phone")
	p.clickCentred(`[data-answer="trusted-editing"]`)
	p.clickCentred("#lab-commit")
	p.waitFor(`!!document.querySelector(".lab-run .lab-reveal")`)
	eval[bool](p, `document.getElementById("site-search").blur(), document.getElementById("run-trade-off").scrollIntoView(), true`)
	p.screenshot("control-lab-after-phone")
}
