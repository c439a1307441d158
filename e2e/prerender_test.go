package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// holdWebAssembly pauses every request for app.wasm and never answers it,
// so the page stays as it is before the WebAssembly arrives: on a slow link
// that is many seconds, and the prerendered page must be the app meanwhile.
func holdWebAssembly(p *page) {
	p.t.Helper()
	pauseRequests(p, "*/web/app.wasm")
}

// pauseRequests pauses every request of the page whose URL matches pattern.
func pauseRequests(p *page, pattern string) {
	p.t.Helper()
	patterns := []*fetch.RequestPattern{{URLPattern: pattern}}
	if _, err := chromedp.Call(p.ctx, fetch.Enable, fetch.EnableParams{Patterns: patterns}); err != nil {
		p.t.Fatal(err)
	}
}

// onTop says whether the element is what a reader sees and clicks at its
// centre, not something drawn over it.
func (p *page) onTop(selector string) bool {
	p.t.Helper()
	return eval[bool](p, fmt.Sprintf(`(() => {
		const el = document.querySelector(%q);
		if (!el) return false;
		el.scrollIntoView({block: "center"});
		const r = el.getBoundingClientRect();
		return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
	})()`, selector))
}

func TestThePrerenderedPageIsUsableBeforeTheWebAssemblyArrives(t *testing.T) {
	t.Parallel()
	p := openPage(t, desktop)
	holdWebAssembly(p)
	p.open("/")
	p.waitFor(`document.readyState === "complete"`)
	if p.count("#app-wasm-loader") != 1 || eval[bool](p, `document.documentElement.dataset.app === "ready"`) {
		t.Fatal("the WebAssembly was not held back: this test checks nothing")
	}
	for _, sel := range []string{"#page-title", "#node-scalable-oversight", ".site-header nav a[href='/about']"} {
		if !p.onTop(sel) {
			t.Errorf("before the WebAssembly arrives, %s is covered", sel)
		}
	}
	p.screenshot("before-wasm-map-desktop")

	// The map's nodes are links, and a concept's definition expands, with
	// no WebAssembly at all.
	p.do(chromedp.Click(chromedp.ID("node-scalable-oversight")))
	p.waitFor(`location.pathname === "/concepts/scalable-oversight" && document.readyState === "complete"`)
	if !p.onTop("details.definition > summary") {
		t.Fatal("before the WebAssembly arrives, the definition's summary is covered")
	}
	p.do(chromedp.Click(chromedp.CSS("details.definition > summary")))
	p.waitFor(`document.querySelector("details.definition").open`)
	if eval[bool](p, `document.documentElement.dataset.app === "ready"`) {
		t.Error("the WebAssembly ran on the concept page: this test checks nothing there")
	}
}

// The service worker precaches the whole app. Until the WebAssembly has
// arrived it is not even registered, so on a slow link its downloads do not
// compete with the one the reader is waiting for.
func TestTheServiceWorkerWaitsForTheWebAssemblyAndTheAppsStart(t *testing.T) {
	t.Parallel()
	// Count the registrations the page asks for, noting whether the app
	// had said it was interactive at each, and when the loader has asked
	// for the WebAssembly: the worker precaches the whole app, so it must
	// wait for the download and then for the start, the first of which
	// here never ends.
	countRegistrations := `window.registrations = 0; window.registeredBeforeTheStart = 0;
		const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
		navigator.serviceWorker.register = (...args) => {
			window.registrations++;
			if (performance.getEntriesByName("oversight:interactive").length === 0) window.registeredBeforeTheStart++;
			return register(...args);
		};`
	p := openPage(t, desktop)
	p.beforeEveryDocument(countRegistrations)
	wasmAsked := make(chan struct{}, 1)
	if err := chromedp.Listen(p.ctx, func(ev any) {
		if paused, ok := ev.(*fetch.EventRequestPaused); ok && strings.HasSuffix(paused.Request.URL, "/web/app.wasm") {
			select {
			case wasmAsked <- struct{}{}:
			default:
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	holdWebAssembly(p)
	p.open("/")
	p.waitFor(`document.readyState === "complete"`)
	select {
	case <-wasmAsked:
	case <-time.After(20 * time.Second):
		t.Fatal("the loader never asked for the WebAssembly")
	}
	if n := eval[int](p, `window.registrations`); n != 0 {
		t.Errorf("the service worker was registered %d times while the WebAssembly was still downloading", n)
	}

	// The same page with the WebAssembly let through starts the worker,
	// once the app is interactive.
	other := openPage(t, desktop)
	other.beforeEveryDocument(countRegistrations)
	other.open("/")
	other.waitFor(`document.documentElement.dataset.app === "ready"`)
	eval[bool](other, `navigator.serviceWorker.ready.then(() => { window.workerReady = true; }), true`)
	other.waitFor(`window.workerReady === true`)
	if n := eval[int](other, `window.registrations`); n != 1 {
		t.Errorf("the page registered the service worker %d times, want once", n)
	}
	if n := eval[int](other, `window.registeredBeforeTheStart`); n != 0 {
		t.Errorf("the service worker was registered before the app was interactive, competing with its start")
	}
}

// failTourReader makes every request the page sends for the tour reader's
// WebAssembly fail, as on a link that drops before the worker has it.
func failTourReader(p *page) {
	p.t.Helper()
	if err := chromedp.Listen(p.ctx, func(ev any) {
		if paused, ok := ev.(*fetch.EventRequestPaused); ok {
			go chromedp.Call(p.ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: paused.RequestID, ErrorReason: network.ErrorReasonConnectionFailed})
		}
	}); err != nil {
		p.t.Fatal(err)
	}
	pauseRequests(p, "*/web/tourreader.wasm")
}

// The tour reader is a second download. If it cannot arrive, an import says
// why, by name, and the rest of the app goes on working.
func TestATourReaderThatCannotArriveIsReportedAndTheAppKeepsRunning(t *testing.T) {
	t.Parallel()
	p := openPage(t, desktop)
	failTourReader(p)
	p.expectProblem("tourreader.wasm")
	p.openApp("/tours")
	p.importFile("my-lesson.md", teacherTour)
	p.waitFor(`!!document.querySelector(".import-errors")`)
	if errs := p.text(".import-errors"); !strings.Contains(errs, "“my-lesson.md” was not imported") || !strings.Contains(errs, "the tour reader could not start") || !strings.Contains(errs, "Nothing in the tour needs changing") {
		t.Errorf("the import errors read %q", errs)
	}
	eval[bool](p, `document.querySelector(".import-errors").scrollIntoView({block: "center"}), true`)
	p.screenshot("tour-reader-unavailable")
	p.do(chromedp.Click(chromedp.CSS(`.site-header a[href="/"]`)))
	p.waitFor(`location.pathname === "/" && !!document.getElementById("node-debate")`)
}

// The tour reader is not part of starting the app: it starts when a page
// needs it, or as soon as a teacher reaches for the import form, so that
// the import itself does not wait.
func TestTheTourReaderStartsOnlyWhenATeacherReachesForTheImport(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/tours")
	// A reader started with the app would have been asked for by now: the
	// app says it is ready once its first page has mounted and drawn.
	if p.requested("/web/" + "tourreader.wasm") {
		t.Fatal("the tour reader started with the app, before anyone imported a tour")
	}
	eval[bool](p, `document.getElementById("tour-paste").focus(), true`)
	p.waitFor(`typeof window.oversightReadTour === "function"`)
}

// watchLayoutShifts records, from the start of every document, each shift
// of what the reader sees, with the elements that moved.
func (p *page) watchLayoutShifts() {
	p.t.Helper()
	p.beforeEveryDocument(`window.layoutShifts = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) {
				const moved = e.sources.map((s) => s.node && s.node.nodeType === 1
					? s.node.tagName.toLowerCase() + (s.node.id ? "#" + s.node.id : "") + "." + String(s.node.getAttribute("class") || "").split(" ").join(".")
					: "text");
				window.layoutShifts.push({at: Math.round(e.startTime), value: e.value, moved: moved.join(", ")});
			}
		}).observe({type: "layout-shift", buffered: true});`)
}

// layoutShiftsAfterStart waits until the app has drawn two frames after
// saying it is ready, and returns the shifts so far and their sum.
func (p *page) layoutShiftsAfterStart() (total float64, shifts []string) {
	p.t.Helper()
	eval[bool](p, `window.framesDrawn = 0, requestAnimationFrame(() => requestAnimationFrame(() => window.framesDrawn = 2)), true`)
	p.waitFor(`window.framesDrawn === 2`)
	type shift struct {
		At    float64 `json:"at"`
		Value float64 `json:"value"`
		Moved string  `json:"moved"`
	}
	for _, s := range eval[[]shift](p, `window.layoutShifts`) {
		total += s.Value
		shifts = append(shifts, fmt.Sprintf("%.4f at %.0f ms: %s", s.Value, s.At, s.Moved))
	}
	return total, shifts
}

// Nothing the reader sees moves while the page arrives or when the
// WebAssembly takes it over. On a phone the map comes before its
// introduction and a tour's step before its map, in another order than
// the document's, so a first paint of half the page would move both once
// the rest arrived; and the prerendered page must be the page the app
// draws, spaces included.
func TestNothingMovesWhileThePageArrivesOrWhenTheAppTakesOver(t *testing.T) {
	t.Parallel()
	tour := loadKnowledge(t).Tours()[0]
	for _, vp := range []viewport{phone, desktop} {
		p := openPage(t, vp)
		p.watchLayoutShifts()
		for _, path := range []string{"/", "/tours/" + tour.ID + "/1", "/concepts/debate", "/caveats"} {
			p.openApp(path)
			// Web Vitals calls a layout shift score under 0.1 good; the
			// app's pages should have none worth the name.
			if total, shifts := p.layoutShiftsAfterStart(); total > 0.01 {
				t.Errorf("%s on a %s: layout shift %.3f:\n%s", path, vp.name, total, strings.Join(shifts, "\n"))
			}
		}
	}
}

// The app starts on the page the server sent: it takes over the elements
// the browser parsed instead of drawing the page again, so the page is laid
// out once and everything the reader sees or holds (focus, a selection)
// stays where it is. Nor does it draw the page again once it has taken it
// over: a page reads what its address asks for (a lens, a query) and what
// the device remembers (here, the reader's choice of the dark theme) before
// its first render, and no component's OnMount or OnNav changed what it
// shows; go-app, which renders a component and every component above it
// again after each, is told so.
func TestTheAppStartsOnTheElementsTheServerSent(t *testing.T) {
	t.Parallel()
	tour := loadKnowledge(t).Tours()[0]
	p := openReturningPage(t, desktop)
	p.beforeEveryDocument(`document.addEventListener("DOMContentLoaded", () => {
		const page = document.body.firstElementChild;
		window.prerendered = [page, ...page.querySelectorAll("*")];
		window.startedBeforeParsed = document.documentElement.dataset.app === "ready";
		window.focusedBeforeStart = page.querySelector("a[href]");
		window.focusedBeforeStart.focus();
		window.elementsAdded = 0;
		new MutationObserver(records => {
			for (const r of records) for (const n of r.addedNodes)
				if (n.nodeType === Node.ELEMENT_NODE) window.elementsAdded += 1 + n.querySelectorAll("*").length;
		}).observe(document.body, {childList: true, subtree: true});
	});`)
	p.openApp("/")
	p.do(chromedp.Click(chromedp.CSS(".theme-toggle")))
	p.waitFor(`document.querySelector(".theme-toggle").getAttribute("aria-pressed") === "true"`)
	// Each page, and what it shows once the app has started.
	pages := []struct{ path, shows string }{
		{"/", `document.getElementById("node-debate") !== null`},
		// Before the tour step below, which records progress on the device:
		// the list would then say "Continue" where the server's says "Start".
		{"/tours", `document.querySelectorAll(".tour-list > li").length > 0`},
		{"/?lens=caveats", `document.querySelectorAll("a.node.has-caveat").length > 0`},
		{"/concepts/debate", `document.querySelector("h1").textContent === "Debate"`},
		{"/tours/" + tour.ID + "/1", `document.querySelector(".tour-player") !== null`},
		{"/search?q=debate", `document.querySelectorAll(".result-kind").length > 0`},
		{"/history", `document.querySelector("h1") !== null`},
		{"/caveats", `document.querySelector("h1") !== null`},
	}
	for _, pg := range pages {
		path := pg.path
		p.openApp(path)
		if !eval[bool](p, pg.shows) {
			t.Errorf("%s: once the app has started, the page does not show what it should: %s", path, pg.shows)
		}
		if eval[bool](p, `window.startedBeforeParsed`) {
			t.Fatalf("%s: the app was ready before the page was parsed", path)
		}
		total := eval[int](p, `prerendered.length`)
		replaced := eval[[]string](p, `prerendered.filter(e => !e.isConnected).map(e => e.outerHTML.slice(0, 120))`)
		added := eval[int](p, `elementsAdded`)
		t.Logf("%s: %d prerendered elements, %d replaced, %d added", path, total, len(replaced), added)
		if len(replaced) > 0 {
			t.Errorf("%s: the app replaced %d of the %d elements the server sent, such as:\n%s", path, len(replaced), total, strings.Join(replaced[:min(len(replaced), 5)], "\n"))
		}
		if !eval[bool](p, `document.activeElement === window.focusedBeforeStart`) {
			t.Errorf("%s: the link focused before the app started lost its focus", path)
		}
		if redrawn := componentsRedrawnAtStart(p); redrawn != 0 {
			t.Errorf("%s: the app rendered %d components again as it started", path, redrawn)
		}
	}
}

// componentsRedrawnAtStart is how many components go-app rendered again
// between mounting the first page and the end of its start (the mark
// oversight:started, third_party/go-app's timeslice.go); -1 before the end.
func componentsRedrawnAtStart(p *page) int {
	p.t.Helper()
	if !p.within(10*time.Second, `performance.getEntriesByName("oversight:started").length === 1`) {
		return -1
	}
	return eval[int](p, `performance.getEntriesByName("oversight:started")[0].detail.redrawn`)
}

// canonicalPage is the page as a string that the way its nodes came to be
// cannot change: attributes sorted, adjacent texts joined, and without the
// attributes whose live state is a property (a form field's value).
const canonicalPage = `(() => {
	const page = document.body.firstElementChild.cloneNode(true);
	page.normalize();
	const properties = new Set(["value", "checked", "selected", "muted"]);
	const canon = node => {
		if (node.nodeType === Node.TEXT_NODE) return JSON.stringify(node.nodeValue);
		if (node.nodeType !== Node.ELEMENT_NODE) return "";
		const attrs = [...node.attributes].filter(a => !properties.has(a.name))
			.map(a => a.name + "=" + JSON.stringify(a.value)).sort().join(" ");
		return "<" + node.nodeName + " " + attrs + ">" + [...node.childNodes].map(canon).join("") + "</" + node.nodeName + ">";
	};
	return canon(page);
})()`

// spoilThePrerenderedPage changes the page the server sent, once parsed and
// before the app starts, in every way it could differ from what the app
// draws: attributes added and changed, texts changed, elements added,
// removed and of another tag.
const spoilThePrerenderedPage = `document.addEventListener("DOMContentLoaded", () => {
	const page = document.body.firstElementChild;
	let spoiled = 0;
	[...page.querySelectorAll("*")].forEach((el, i) => {
		if (i % 7 === 3) { el.setAttribute("data-stray", "yes"); spoiled++; }
		if (i % 11 === 5 && el.hasAttribute("class")) { el.setAttribute("class", "stray"); spoiled++; }
		const text = [...el.childNodes].find(n => n.nodeType === Node.TEXT_NODE);
		if (i % 13 === 6 && text) { text.nodeValue = "stray words"; spoiled++; }
		if (i % 17 === 8) { el.prepend(document.createElement("span"), "stray"); spoiled++; }
		if (i % 19 === 9 && el.isConnected) { el.remove(); spoiled++; }
		if (i % 23 === 10 && el.isConnected) {
			const other = document.createElement(el.nodeName === "DIV" ? "section" : "div");
			other.append(...el.childNodes);
			el.replaceWith(other);
			spoiled++;
		}
	});
	window.spoiled = spoiled;
});`

// Whatever the page the app starts on says, the app ends by showing what it
// draws: the same elements, attributes and text as when it draws the page
// from scratch, on a link followed inside the app.
func TestTheAppShowsWhatItDrawsWhateverThePrerenderedPageSaid(t *testing.T) {
	t.Parallel()
	tour := loadKnowledge(t).Tours()[0]
	p := openReturningPage(t, desktop)
	paths := []string{"/concepts/debate", "/tours/" + tour.ID + "/2", "/caveats"}
	drawn := map[string]string{}
	p.showEach(append([]string{"/history"}, paths...), func(path string) {
		drawn[path] = eval[string](p, canonicalPage)
	})
	p.beforeEveryDocument(spoilThePrerenderedPage)
	for _, path := range paths {
		p.openApp(path)
		if spoiled := eval[int](p, `window.spoiled`); spoiled < 10 {
			t.Fatalf("%s: only %d changes to the prerendered page", path, spoiled)
		}
		if got := eval[string](p, canonicalPage); got != drawn[path] {
			t.Errorf("%s: the app started on a spoiled page does not show what it draws:\n%s", path, firstDifference("drawn from scratch", drawn[path], "started on it", got))
		}
	}
}
