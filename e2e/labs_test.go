package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const labPath = "/labs/weak-to-strong"

// setControl moves a lab's control as a learner letting go of it would.
func (p *page) setControl(id, value string) {
	p.t.Helper()
	eval[bool](p, fmt.Sprintf(`(() => {
		const el = document.getElementById(%q);
		el.value = %q;
		el.dispatchEvent(new Event("input", {bubbles: true}));
		el.dispatchEvent(new Event("change", {bubbles: true}));
		return true;
	})()`, id, value))
}

// commitPredictionAndKeepTheMainThreadFree commits the learner's
// prediction and waits for the run beside it. The run is handed to the
// worker (the app marks oversight:lab-posted as it posts it), and from then
// until the worker's answer arrives (oversight:lab-answer) the page's main
// thread runs no task over 50 ms (a PerformanceObserver of long tasks).
// The click's own task, up to the hand-over, and placing the answer are the
// page's work, not the run's: their long tasks, if any, are reported.
func (p *page) commitPredictionAndKeepTheMainThreadFree() {
	p.t.Helper()
	eval[bool](p, `window.longTasks = [], window.watchTasks = new PerformanceObserver(list => {
		for (const e of list.getEntries()) window.longTasks.push([e.startTime, Math.round(e.duration)]);
	}), window.watchTasks.observe({type: "longtask"}), performance.clearMarks("oversight:lab-posted"), performance.clearMarks("oversight:lab-answer"), true`)
	p.clickCentred("#lab-commit")
	if !p.within(20*time.Second, `!!document.querySelector(".lab-run .lab-reveal")`) {
		p.t.Fatalf("no results 20 s after the commit; the page says: %s", eval[string](p, `[...document.querySelectorAll(".lab-status, #lab-answer-missing, .lab-failure, .lab-predict")].map(e => e.id + ": " + e.innerText.slice(0, 200)).join(" | ")`))
	}
	tasks := eval[tasksAroundAnswer](p, `(() => {
		window.watchTasks.disconnect();
		const last = name => Math.max(...performance.getEntriesByName(name).map(m => m.startTime));
		const posted = last("oversight:lab-posted"), at = last("oversight:lab-answer");
		return {posted: Number.isFinite(posted),
			committing: window.longTasks.filter(([start]) => start <= posted).map(([, d]) => d),
			during: window.longTasks.filter(([start]) => start > posted && start < at).map(([, d]) => d),
			placing: window.longTasks.filter(([start]) => start >= at).map(([, d]) => d)};
	})()`)
	if !tasks.Posted {
		p.t.Fatal("the run was not handed to the labs' worker: no oversight:lab-posted mark")
	}
	if len(tasks.Committing) > 0 {
		p.t.Logf("the click that commits, up to handing the run to the worker, took main-thread tasks of %v ms", tasks.Committing)
	}
	if len(tasks.During) > 0 {
		p.t.Errorf("while the lab ran, the main thread was held for %v ms, want no task over 50 ms", tasks.During)
	}
	if len(tasks.Placing) > 0 {
		p.t.Logf("placing the worker's answer took main-thread tasks of %v ms", tasks.Placing)
	}
}

// tasksAroundAnswer are the main thread's long tasks (ms) around a run:
// the click's own, up to the job posted to the worker; those while the
// worker ran it; those placing its answer.
type tasksAroundAnswer struct {
	Posted     bool  `json:"posted"`
	Committing []int `json:"committing"`
	During     []int `json:"during"`
	Placing    []int `json:"placing"`
}

// accuracyTable is the text twin of the run's first chart.
const accuracyTable = `((document.querySelector(".lab-run #run-accuracy table") || {}).innerText || "")`

// The whole learner's path through a lab, in one page: predict, commit, see
// the run beside the prediction, change a setting and see the chart and its
// table change, step back through the address. Meanwhile the page's main
// thread never blocks: the run is in the worker, search answers as it runs.
func TestALabRunsInItsWorkerBesideTheLearnersPrediction(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp(labPath)
	p.screenshot("lab-before-desktop")
	for _, v := range p.seriousViolations() {
		t.Errorf("%s before a run: %s", labPath, v)
	}
	if got := p.text("details.lab-defaults summary"); !strings.Contains(got, "open it once you have predicted") {
		t.Errorf("the run at the defaults is not folded away before a prediction: %q", got)
	}

	// No answer, no run.
	p.clickCentred("#lab-commit")
	p.waitFor(`document.getElementById("lab-answer-missing").textContent === "Choose an answer first."`)
	if p.count(".lab-run") != 0 {
		t.Fatal("the lab ran without a prediction")
	}

	p.clickCentred(`[data-answer="yes"]`)
	p.setControl("lab-guess", "0.3")
	if got := p.text("#lab-guess-value"); got != "0.3" {
		t.Errorf("the guess's slider shows %q as it moves, want 0.3", got)
	}
	p.commitPredictionAndKeepTheMainThreadFree()
	reveal := p.text(".lab-reveal")
	for _, want := range []string{"You predicted", "This run", "yes", "0.30"} {
		if !strings.Contains(reveal, want) {
			t.Errorf("the result beside the prediction lacks %q: %q", want, reveal)
		}
	}
	if charts, tables := p.count(".lab-run figure > svg.lab-chart"), p.count(".lab-run figure > table"); charts != 3 || tables != 3 {
		t.Errorf("the run has %d charts and %d tables, want 3 of each", charts, tables)
	}
	eval[bool](p, `document.getElementById("site-search").blur(), true`)
	p.screenshot("lab-after-desktop")
	for _, v := range p.seriousViolations() {
		t.Errorf("%s after a run: %s", labPath, v)
	}

	// A setting changed: a new address, a new run, another chart and table;
	// typing in search while it runs gets its answer.
	before := eval[string](p, accuracyTable)
	bar := `document.querySelector(".lab-run #run-accuracy rect.bar").getAttribute("height")`
	barBefore := eval[string](p, bar)
	p.setControl("lab-weak", "60")
	p.do(chromedp.SendKeys(chromedp.ID("site-search"), "debate"))
	p.waitFor(`document.querySelectorAll("#site-search-results li").length > 0`)
	eval[bool](p, `document.getElementById("site-search").blur(), true`)
	p.waitFor(`location.search === "?weak=60"`)
	p.waitFor(accuracyTable + ` !== ` + jsString(before) + ` && ` + accuracyTable + ` !== ""`)
	if eval[string](p, bar) == barBefore {
		t.Error("the chart did not change with the setting")
	}
	if got := p.text("#lab-weak-value"); got != "60" {
		t.Errorf("the weak supervisor's slider reads %q after the change, want 60", got)
	}

	// Back: the defaults again, run again.
	eval[bool](p, `history.back(), true`)
	p.waitFor(`location.search === ""`)
	p.waitFor(accuracyTable + ` === ` + jsString(before))
	if got := p.text("#lab-weak-value"); got != "75" {
		t.Errorf("after going back the slider reads %q, want 75", got)
	}
}

// A teacher's link opens the lab at its setting; what it cannot use is
// named, and an address of 10 KB is refused politely.
func TestALabsAddressRestoresItsSettingAndNamesWhatItCouldNotUse(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, phone)
	p.openApp(labPath + "?weak=60&imitable=banana&conf=off")
	if got := eval[string](p, `document.getElementById("lab-weak").value`); got != "60" {
		t.Errorf("the address's weak=60 shows as %q", got)
	}
	if eval[bool](p, `document.getElementById("lab-conf").checked`) {
		t.Error("the address's conf=off shows the confidence loss on")
	}
	if notes := p.text(".lab-notes"); !strings.Contains(notes, `"banana" is not a number; using 30`) {
		t.Errorf("the notes do not name the garbage: %q", notes)
	}
	p.screenshot("lab-before-phone")
	p.openApp(labPath + "?weak=" + strings.Repeat("7", 10<<10))
	if notes := p.text(".lab-notes"); !strings.Contains(notes, "the lab starts from its defaults") {
		t.Errorf("a 10 KB address is not refused politely: %q", notes)
	}
}

// A lab whose worker cannot start says so; the rest of the app works.
func TestALabWhoseWorkerFailsSaysSoAndTheAppWorks(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.expectProblem("no-such-worker.js")
	p.openApp("/")
	eval[bool](p, `(() => {
		const RealWorker = window.Worker;
		window.Worker = function () { return new RealWorker("/web/no-such-worker.js"); };
		return true;
	})()`)
	p.showInApp(labPath)
	p.waitFor(`!!document.querySelector(".lab-error")`)
	if got := p.text(".lab-error"); !strings.Contains(got, "could not run") || !strings.Contains(got, "The rest of the app works") {
		t.Errorf("the failure reads %q", got)
	}
	p.do(chromedp.SendKeys(chromedp.ID("site-search"), "debate"))
	p.waitFor(`document.querySelectorAll("#site-search-results li").length > 0`)
	p.showInApp("/concepts/debate")
}

// Once a lab has been opened, it runs with no network: the service worker
// keeps the labs' WebAssembly, which the first visit did not download.
func TestALabWorksOfflineAfterItWasOpenedOnce(t *testing.T) {
	t.Parallel()
	origin, stop, err := mainBuild.Serve(freeAddr(t))
	if err != nil {
		t.Fatal(err)
	}
	p := openPageInProfile(t, desktop, origin)
	p.openApp("/")
	p.waitForOfflineCopy()
	if p.cachedByTheWorker("/web/labs.wasm") {
		t.Error("the first visit to the map downloaded the labs, which only a lab's page needs")
	}
	p.openApp(labPath)
	for deadline := time.Now().Add(20 * time.Second); !p.cachedByTheWorker("/web/labs.wasm"); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("opening a lab did not keep the labs' WebAssembly offline")
		}
	}
	// The worker is ready, and has not written the lab's page over the
	// one the server wrote for this address (each request to it is marked).
	if written := eval[int](p, `performance.getEntriesByName("oversight:lab-posted").length`); written != 0 {
		t.Errorf("the worker wrote the prerendered lab's page again (%d times) while the learner could click it", written)
	}
	stop()
	p.goOffline()
	p.expectFaviconOffline()
	// Offline, the service worker serves the lab's page at its defaults
	// for any address: the worker writes this one's setting over it.
	p.openApp(labPath + "?steps=50")
	p.waitFor(`document.querySelector("main .lab-body").dataset.query === "steps=50"`)
	p.clickCentred(`[data-answer="no"]`)
	p.clickCentred("#lab-commit")
	p.waitFor(`!!document.querySelector(".lab-run .lab-reveal")`)
	if p.count(".lab-error") != 0 {
		t.Errorf("offline, the lab failed: %s", p.text(".lab-error"))
	}
}
