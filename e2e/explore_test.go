package e2e

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

func TestTypingInSearchOffersTheConceptAndEnterOpensIt(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/")
	p.do(chromedp.SendKeys(chromedp.ID("site-search"), "recursive reward"))
	p.waitFor(`document.querySelector("#site-search-results a[href='/concepts/recursive-reward-modeling']") !== null`)
	if eval[string](p, `document.getElementById("site-search").getAttribute("aria-expanded")`) != "true" {
		t.Errorf("the search box does not say its list is open")
	}
	p.screenshot("search-desktop")
	eval[bool](p, `window.sameDocument = true`)
	p.do(chromedp.KeyEvent(kb.Enter))
	p.waitFor(`location.pathname === "/concepts/recursive-reward-modeling"`)
	p.waitFor(`document.querySelector("h1").textContent === "Recursive reward modelling"`)
	if !eval[bool](p, `window.sameDocument === true`) {
		t.Errorf("Enter submitted the form and reloaded the page instead of opening the result in-app")
	}
	if v := eval[string](p, `document.getElementById("site-search").value`); v != "" {
		t.Errorf("the search box still holds %q on the opened page", v)
	}
}

func TestArrowKeysWalkTheSearchResults(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/")
	p.do(chromedp.SendKeys(chromedp.ID("site-search"), "oversight"))
	p.waitFor(`document.querySelectorAll("#site-search-results li").length > 1`)
	p.do(chromedp.KeyEvent(kb.ArrowDown))
	p.waitFor(`document.getElementById("site-search").getAttribute("aria-activedescendant") === "search-result-0"`)
	p.do(chromedp.KeyEvent(kb.ArrowDown))
	p.waitFor(`document.getElementById("site-search").getAttribute("aria-activedescendant") === "search-result-1"`)
	second := eval[string](p, `document.querySelectorAll("#site-search-results a")[1].getAttribute("href")`)
	p.do(chromedp.KeyEvent(kb.Enter))
	p.waitFor(`location.pathname + location.hash === "` + second + `"`)
}

func TestSlashFocusesSearchAndEscapeClosesTheList(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/concepts/debate")
	p.pressKey("/")
	p.waitFor(`document.activeElement && document.activeElement.id === "site-search"`)
	if v := eval[string](p, `document.getElementById("site-search").value`); v != "" {
		t.Errorf("the slash was typed into the box: %q", v)
	}
	p.do(chromedp.KeyEvent("caveat"))
	if !p.within(20*time.Second, `!document.getElementById("site-search-results").hidden`) {
		t.Fatalf("typing gave no results: the field holds %q, the focus is on %q and the list has %d results",
			eval[string](p, `document.getElementById("site-search").value`), eval[string](p, `document.activeElement.outerHTML.slice(0, 100)`),
			p.count("#site-search-results li"))
	}
	p.do(chromedp.KeyEvent(kb.Escape))
	p.waitFor(`document.getElementById("site-search-results").hidden`)
}

func TestSearchWorksWithoutJavaScriptThroughTheSearchPage(t *testing.T) {
	t.Parallel()
	p := openPage(t, desktop)
	p.open("/search?q=debate")
	if p.count(`.search-page .card a[href="/concepts/debate"]`) != 1 {
		t.Errorf("the search page does not list debate")
	}
}

// pressKey presses a printable key as a keyboard does: one keydown that
// carries its text, so a handler that prevents the default stops the text.
// (chromedp.KeyEvent sends the text in a separate event that nothing stops.)
func (p *page) pressKey(key string) {
	p.t.Helper()
	for _, ev := range []input.DispatchKeyEventParams{
		{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Text: key, UnmodifiedText: key},
		{Type: input.DispatchKeyEventTypeKeyUp, Key: key},
	} {
		if _, err := chromedp.Call(p.ctx, input.DispatchKeyEvent, ev); err != nil {
			p.t.Fatal(err)
		}
	}
}

func TestTabAndArrowKeysWalkFromSuperalignmentToALinkedDirection(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/")
	for range 80 {
		p.do(chromedp.KeyEvent(kb.Tab))
		if eval[bool](p, `document.activeElement.id === "node-superalignment"`) {
			break
		}
	}
	if !eval[bool](p, `document.activeElement.id === "node-superalignment"`) {
		t.Fatalf("Tab never reached the superalignment node")
	}
	// The arrow pointing from the core towards Scalable oversight, wherever
	// the layout put it, moves focus to a linked concept that way.
	offset := eval[[]float64](p, `(() => {
		const centre = id => (r => [r.x + r.width / 2, r.y + r.height / 2])(document.querySelector("#node-" + id + " rect").getBoundingClientRect());
		const [a, b] = [centre("superalignment"), centre("scalable-oversight")];
		return [b[0] - a[0], b[1] - a[1]];
	})()`)
	key, towards := kb.ArrowUp, "up"
	switch {
	case math.Abs(offset[0]) > math.Abs(offset[1]) && offset[0] > 0:
		key, towards = kb.ArrowRight, "right"
	case math.Abs(offset[0]) > math.Abs(offset[1]):
		key, towards = kb.ArrowLeft, "left"
	case offset[1] > 0:
		key, towards = kb.ArrowDown, "down"
	}
	scrollBefore := eval[float64](p, `window.scrollY`)
	p.do(chromedp.KeyEvent(key))
	p.waitFor(`document.activeElement.id !== "node-superalignment"`)
	reached := strings.TrimPrefix(eval[string](p, `document.activeElement.id`), "node-")
	if !loadKnowledge(t).Neighbours("superalignment")[reached] {
		t.Fatalf("the arrow %s moved focus to %q, which is not linked to superalignment", towards, reached)
	}
	if !eval[bool](p, `document.getElementById("node-`+reached+`").classList.contains("is-active")`) {
		t.Errorf("%s has focus but is not highlighted", reached)
	}
	if scrollAfter := eval[float64](p, `window.scrollY`); scrollAfter != scrollBefore {
		t.Errorf("the arrow key also scrolled the page (%.0f → %.0f)", scrollBefore, scrollAfter)
	}
	p.do(chromedp.KeyEvent(kb.Enter))
	p.waitFor(`location.pathname === "/concepts/` + reached + `"`)
}

func TestTheTextTwinListsEveryConcept(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	p := openReturningPage(t, desktop)
	p.openApp("/")
	p.do(chromedp.Click(chromedp.CSS(".view-toggle a")))
	p.waitFor(`location.search === "?view=text" && document.querySelector(".map-outline") !== null`)
	if n := p.count(".outline-concept"); n != len(k.Concepts()) {
		t.Errorf("the text twin lists %d concepts, want %d", n, len(k.Concepts()))
	}
	for _, c := range k.Concepts() {
		if p.count(`.outline-concept h3 a[href="/concepts/`+c.ID+`"]`) != 1 {
			t.Errorf("the text twin does not list %s", c.ID)
		}
	}
	if p.count("svg.concept-map") != 0 {
		t.Errorf("the text twin still draws the map")
	}
	p.screenshot("text-twin-desktop")
}

func TestDarkModeFollowsTheSystemAndTheToggleIsRemembered(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.emulateMedia("prefers-color-scheme", "dark")
	p.openApp("/")
	background := `getComputedStyle(document.body).backgroundColor`
	if got := eval[string](p, background); got != "rgb(17, 22, 28)" {
		t.Errorf("with the system in dark mode the page is %s", got)
	}
	p.screenshot("map-dark-desktop")

	p.do(chromedp.Click(chromedp.CSS(".theme-toggle")))
	p.waitFor(`document.documentElement.dataset.theme === "light"`)
	if got := eval[string](p, background); got != "rgb(247, 248, 250)" {
		t.Errorf("after choosing light the page is %s", got)
	}
	p.openApp("/concepts/debate")
	if got := eval[string](p, background); got != "rgb(247, 248, 250)" {
		t.Errorf("after a reload the choice of light was forgotten: %s", got)
	}
	if pressed := eval[string](p, `document.querySelector(".theme-toggle").getAttribute("aria-pressed")`); pressed != "false" {
		t.Errorf("the toggle says dark is %s", pressed)
	}
}

// wheel turns the mouse wheel over a point: negative deltaY zooms in.
func wheel(x, y, deltaY float64) chromedp.Action[chromedp.Void] {
	return chromedp.MouseEvent(input.DispatchMouseEventTypeMouseWheel, x, y, func(p *input.DispatchMouseEventParams) {
		// The protocol needs both deltas, and its encoder drops a zero.
		p.DeltaX, p.DeltaY = 0.001, deltaY
	})
}

func TestWheelZoomMagnifiesTheMapAndLabelsNeverShrinkBelowTheFit(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/")
	label := `document.querySelector("#node-debate text").getBoundingClientRect().height`
	fitHeight := eval[float64](p, label)
	fitView := eval[string](p, `document.querySelector("svg.concept-map").getAttribute("viewBox")`)
	centre := eval[[]float64](p, `(r => [r.x + r.width / 2, r.y + r.height / 2])(document.querySelector("svg.concept-map").getBoundingClientRect())`)
	scrollBefore := eval[float64](p, `window.scrollY`)

	p.do(wheel(centre[0], centre[1], -300))
	p.waitFor(`document.querySelector("svg.concept-map").getAttribute("viewBox") !== "` + fitView + `"`)
	zoomedHeight := eval[float64](p, label)
	if zoomedHeight <= fitHeight*1.1 {
		t.Errorf("zooming in left the labels at %.1fpx (fit: %.1fpx)", zoomedHeight, fitHeight)
	}
	if eval[float64](p, `window.scrollY`) != scrollBefore {
		t.Errorf("the wheel scrolled the page as well as zooming the map")
	}
	for range 6 {
		p.do(wheel(centre[0], centre[1], 300))
	}
	p.waitFor(`document.querySelector("svg.concept-map").getAttribute("viewBox") === "` + fitView + `"`)
	if h := eval[float64](p, label); h < fitHeight-0.5 {
		t.Errorf("zooming out shrank the labels to %.1fpx, below the fit's %.1fpx", h, fitHeight)
	}
}

func TestZoomButtonsAndKeysZoomAndFit(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/")
	fitView := eval[string](p, `document.querySelector("svg.concept-map").getAttribute("viewBox")`)
	p.do(chromedp.Click(chromedp.CSS(`.zoom-button[aria-label="Zoom in"]`)))
	p.waitFor(`document.querySelector("svg.concept-map").classList.contains("is-zoomed")`)
	p.do(chromedp.Click(chromedp.CSS(`.zoom-fit`)))
	p.waitFor(`document.querySelector("svg.concept-map").getAttribute("viewBox") === "` + fitView + `"`)

	eval[bool](p, `document.getElementById("node-superalignment").focus(), true`)
	p.pressKey("+")
	p.waitFor(`document.querySelector("svg.concept-map").classList.contains("is-zoomed")`)
	p.pressKey("0")
	p.waitFor(`document.querySelector("svg.concept-map").getAttribute("viewBox") === "` + fitView + `"`)
}

func TestTheLegendFiltersKindsAndTheCaveatLensComposesWithIt(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	problems := 0
	for _, c := range k.Concepts() {
		if c.Kind == "problem" {
			problems++
		}
	}
	p := openReturningPage(t, desktop)
	p.openApp("/")
	p.do(chromedp.Click(chromedp.CSS(`.legend a.kind-toggle[href*="hide=problem"]`)))
	p.waitFor(`document.querySelectorAll("a.node.kind-problem").length === 0`)
	if n := p.count("a.node"); n != len(k.Concepts())-problems {
		t.Errorf("with problems hidden the map shows %d nodes, want %d", n, len(k.Concepts())-problems)
	}
	if pressed := eval[string](p, `document.querySelector('.legend a.kind-toggle[href="/"]').getAttribute("aria-pressed")`); pressed != "false" {
		t.Errorf("the problems entry says pressed=%s", pressed)
	}
	p.do(chromedp.Click(chromedp.CSS(".lens a.toggle")))
	p.waitFor(`location.search.includes("lens=caveats") && location.search.includes("hide=problem")`)
	p.waitFor(`document.querySelectorAll("a.node.has-caveat").length > 0 && document.querySelectorAll("a.node.kind-problem").length === 0`)
}

func TestFocusModeShowsANeighbourhoodAndEscapeLeavesIt(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	p := openReturningPage(t, desktop)
	p.openApp("/?focus=debate")
	whole := eval[float64](p, `document.querySelector("svg.concept-map").viewBox.baseVal.width`)
	p.do(chromedp.Click(chromedp.CSS(`.focus-mode a[href*="hops=1"]`)))
	p.waitFor(`location.search.includes("hops=1")`)
	want := len(k.Within("debate", 1))
	p.waitFor(fmt.Sprintf(`document.querySelectorAll("a.node").length === %d`, want))
	if w := eval[float64](p, `document.querySelector("svg.concept-map").viewBox.baseVal.width`); w >= whole {
		t.Errorf("focus mode still shows the whole map (view %.0f units wide of %.0f): it should frame the neighbourhood", w, whole)
	}
	// Every link between the neighbours is drawn, not only the structure.
	if hidden := settled[[]string](p, `[...document.querySelectorAll("path.edge")].filter(e => getComputedStyle(e).opacity === "0").map(e => e.id)`); len(hidden) > 0 {
		t.Errorf("focus mode hides the links %v", hidden)
	}
	if outside := eval[[]string](p, `(() => {
		const map = document.querySelector("svg.concept-map").getBoundingClientRect();
		return [...document.querySelectorAll("a.node rect:not(.hit-area)")].filter(r => {
			const b = r.getBoundingClientRect();
			return b.left < map.left || b.right > map.right || b.top < map.top || b.bottom > map.bottom;
		}).map(r => r.parentElement.id);
	})()`); len(outside) > 0 {
		t.Errorf("the framed neighbourhood cuts off %v", outside)
	}
	p.screenshot("focus-mode-desktop")
	eval[bool](p, `document.getElementById("node-debate").focus(), true`)
	p.do(chromedp.KeyEvent(kb.Escape))
	p.waitFor(fmt.Sprintf(`document.querySelectorAll("a.node").length === %d`, len(k.Concepts())))
}

func TestOnAPhoneEveryControlIsAtLeast44PixelsSquare(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, phone)
	p.showEach([]string{"/", "/concepts/debate", "/tours", "/caveats"}, func(path string) {
		small := eval[[]string](p, `[...document.querySelectorAll(
			"button, input, select, summary, .site-header a, .chip, .kind-toggle, .button, a.node, .back a, .view-toggle a")]
			.filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden")
			.map(el => [el, el.getBoundingClientRect()])
			.filter(([el, r]) => r.width < 44 || r.height < 44)
			.map(([el, r]) => (el.id || el.className.baseVal || el.className || el.tagName) + " " + JSON.stringify((el.textContent || "").trim().slice(0, 30)) + " " + Math.round(r.width) + "×" + Math.round(r.height))`)
		for _, s := range small {
			t.Errorf("%s: a touch target is smaller than 44×44 px: %s", path, s)
		}
		// Targets squeezed narrower than their words spill onto each other.
		squeezed := eval[[]string](p, `[...document.querySelectorAll(".site-header nav a")]
			.filter(a => a.scrollWidth > a.clientWidth + 1).map(a => a.textContent)`)
		if len(squeezed) > 0 {
			t.Errorf("%s: these site links are squeezed narrower than their text: %v", path, squeezed)
		}
	})
}

func TestReducedMotionTurnsTransitionsOff(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.emulateMedia("prefers-reduced-motion", "reduce")
	p.openApp("/")
	moving := eval[[]string](p, `[...document.querySelectorAll("*")]
		.filter(el => getComputedStyle(el).transitionDuration.split(",").some(d => parseFloat(d) > 0) ||
			getComputedStyle(el).animationName !== "none")
		.map(el => el.id || el.getAttribute("class") || el.tagName)`)
	if len(moving) > 0 {
		t.Errorf("with reduced motion asked for, these still animate: %v", moving)
	}
}

// The app paints a hover's highlight straight onto the page instead of
// rendering the whole map again; what it paints must be exactly what the
// server renders for the same concept focused.
func TestAHoverPaintsTheSameHighlightAsARenderOfThatFocus(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/")
	x, y := p.centreOf("#node-debate")
	p.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y))
	p.waitFor(`document.getElementById("node-debate").classList.contains("is-active")`)
	differences, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](`(async () => {
		const classes = root => Object.fromEntries([...root.querySelectorAll("svg.concept-map, svg.concept-map [id]")]
			.map(el => [el.id || "svg", el.getAttribute("class")]));
		const painted = classes(document);
		const rendered = classes(new DOMParser().parseFromString(await (await fetch("/?focus=debate&wasm=false")).text(), "text/html"));
		const ids = new Set([...Object.keys(painted), ...Object.keys(rendered)]);
		return [...ids].filter(id => painted[id] !== rendered[id]).map(id => id + ": painted " + painted[id] + ", rendered " + rendered[id]);
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range differences {
		t.Errorf("%s", d)
	}
	if p.count("svg.concept-map [id]") < 29 {
		t.Errorf("the comparison found too few elements to mean anything")
	}
}

func TestOpenedConceptsAreMarkedOnTheMapRememberedAndCanBeCleared(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/")
	if p.count(".node.is-visited") != 0 || p.count(".visited-note:not([hidden])") != 0 {
		t.Fatalf("a fresh device shows concepts as visited")
	}
	p.do(chromedp.Click(chromedp.CSS(`#node-debate`)))
	p.waitFor(`location.pathname === "/concepts/debate"`)
	p.do(chromedp.Click(chromedp.CSS(".back a")))
	p.waitFor(`document.getElementById("node-debate") !== null && document.getElementById("node-debate").classList.contains("is-visited")`)
	if p.count("#node-debate .visited-mark") != 1 {
		t.Errorf("the visited node has no mark that does not rely on colour")
	}
	if label := eval[string](p, `document.getElementById("node-debate").getAttribute("aria-label")`); !strings.Contains(label, "opened before") {
		t.Errorf("screen readers are not told the node was opened: %q", label)
	}
	if n := p.count(".node.is-visited"); n != 1 {
		t.Errorf("%d nodes marked visited, want 1", n)
	}
	p.screenshot("visited-desktop")

	p.openApp("/")
	p.waitFor(`document.getElementById("node-debate").classList.contains("is-visited")`)
	if text := p.text(".visited-note"); !strings.Contains(text, "opened 1 of the") {
		t.Errorf("the map does not say how much has been opened: %q", text)
	}
	p.do(chromedp.Click(chromedp.CSS(".visited-note button")))
	p.waitFor(`document.querySelectorAll(".node.is-visited").length === 0 && document.querySelector(".visited-note").hidden`)
	p.openApp("/")
	if p.count(".node.is-visited") != 0 {
		t.Errorf("the cleared history came back after a reload")
	}
}

// legibility measures, in the page, what makes the map readable at a
// glance: the smallest label's size on screen, labels that spill out of
// their node, nodes on top of one another or under the zoom buttons, and
// site links cut short.
const legibility = `(() => {
	const svg = document.querySelector("svg.concept-map");
	const scale = svg.getScreenCTM().a;
	const px = el => parseFloat(getComputedStyle(el).fontSize) * scale;
	const shown = [...svg.querySelectorAll("a.node text, .edge-label, .map-band-label")].filter(el => el.getClientRects().length > 0);
	const smallest = Math.min(...shown.map(px));
	const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
	const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
	const nodes = [...svg.querySelectorAll("a.node")].map(n => ({id: n.id, box: n.querySelector("rect:not(.hit-area)").getBoundingClientRect(), text: n.querySelector("text").getBoundingClientRect()}));
	const problems = [];
	for (const n of nodes) {
		if (!inside(n.text, n.box)) problems.push(n.id + ": its label spills out of its box");
	}
	for (let i = 0; i < nodes.length; i++)
		for (let j = i + 1; j < nodes.length; j++)
			if (meet(nodes[i].box, nodes[j].box)) problems.push(nodes[i].id + " and " + nodes[j].id + " overlap");
	const zoom = document.querySelector(".zoom-controls").getBoundingClientRect();
	for (const n of nodes) if (meet(n.box, zoom)) problems.push(n.id + " is under the zoom buttons");
	for (const a of document.querySelectorAll(".site-header nav a")) {
		const r = a.getBoundingClientRect();
		if (r.right > innerWidth + 0.5 || r.left < -0.5 || a.scrollWidth > a.clientWidth + 1) problems.push("the site link " + JSON.stringify(a.textContent) + " is cut");
	}
	return {smallest, problems};
})()`

type legible struct {
	Smallest float64  `json:"smallest"`
	Problems []string `json:"problems"`
}

// A first-time reader can read every label of the map as it opens, on a
// laptop and on a phone, and follow any concept's links by hovering it.
func TestTheMapReadsAtAGlanceOnALaptopAndAPhone(t *testing.T) {
	t.Parallel()
	for _, vp := range []viewport{desktop, phone} {
		p := openReturningPage(t, vp)
		p.openApp("/")
		at := eval[legible](p, legibility)
		if at.Smallest < 12 {
			t.Errorf("at %d×%d the smallest label of the map is %.1f px, want at least 12", vp.width, vp.height, at.Smallest)
		}
		for _, problem := range at.Problems {
			t.Errorf("at %d×%d: %s", vp.width, vp.height, problem)
		}
		eval[bool](p, `document.getElementById("node-superalignment").focus(), true`)
		p.waitFor(`document.querySelectorAll(".edge-label.is-active").length > 0`)
		if focused := eval[legible](p, legibility); focused.Smallest < 12 {
			t.Errorf("at %d×%d, with the core focused, the smallest relation name is %.1f px, want at least 12", vp.width, vp.height, focused.Smallest)
		}
		p.screenshot("map-focused-core-" + vp.name)
	}
}

// At rest the map draws its structure; hovering a concept draws all of its
// links, along the routes the layout gave them.
func TestHoveringAConceptDrawsEveryOneOfItsLinks(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	p := openReturningPage(t, desktop)
	p.openApp("/")
	drawn := `[...document.querySelectorAll("path.edge")].filter(e => getComputedStyle(e).opacity !== "0").map(e => e.id)`
	atRest := settled[[]string](p, drawn)
	if len(atRest) == 0 || len(atRest) >= len(k.Links()) {
		t.Errorf("at rest the map draws %d of %d links: want its structure, neither nothing nor everything", len(atRest), len(k.Links()))
	}
	x, y := p.centreOf("#node-plausibility-over-truth")
	p.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y))
	p.waitFor(`document.getElementById("node-plausibility-over-truth").classList.contains("is-active")`)
	shown := map[string]bool{}
	for _, id := range settled[[]string](p, drawn) {
		shown[id] = true
	}
	for _, l := range k.LinksOf("plausibility-over-truth") {
		if id := "edge-" + l.From + "--" + l.To; !shown[id] {
			t.Errorf("hovering plausibility-over-truth does not draw its link %s", id)
		}
	}
	p.screenshot("hover-problem-desktop")
}

// settled evaluates js once the page's transitions have run: links fade in
// and out.
func settled[T any](p *page, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](`(async () => {
		await Promise.all(document.getAnimations().map(a => a.finished));
		return `+js+`;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}
