package e2e

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"oversight/content"
	knowledge "oversight/kb"
	"oversight/kb/load"
	"oversight/labs"
)

// The concepts the walking skeleton promises by id.
var requiredConcepts = []string{
	"superalignment", "weak-to-strong-generalization", "scalable-oversight",
	"automated-alignment-research", "interpretability-and-monitoring",
	"control-and-containment", "debate", "recursive-reward-modeling",
}

func loadKnowledge(t *testing.T) *knowledge.KB {
	t.Helper()
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	return labs.Attach(k) // as the server does: the labs' pages are pages
}

func TestTheMapShowsEveryConceptAsALinkAndTheAppStarts(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	p := openPage(t, desktop)
	p.openApp("/")

	if got := p.count("svg.concept-map a.node"); got != len(k.Concepts()) {
		t.Errorf("the map shows %d nodes, want one per concept: %d", got, len(k.Concepts()))
	}
	if got := p.count("svg.concept-map path.edge"); got != len(k.Links()) {
		t.Errorf("the map draws %d edges, want one per link: %d", got, len(k.Links()))
	}
	for _, c := range k.Concepts() {
		href := eval[string](p, fmt.Sprintf(`document.getElementById("node-%s").getAttribute("href")`, c.ID))
		if href != "/concepts/"+c.ID {
			t.Errorf("node %s links to %q", c.ID, href)
		}
	}
	if !strings.Contains(p.text(".legend"), "is a method of") {
		t.Errorf("the legend does not explain the relations")
	}
	if title := eval[string](p, `document.title`); title != "Oversight Explorer" {
		t.Errorf("title = %q", title)
	}
}

func TestClickingANodeOpensItsPageWithoutReloading(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/")
	// A full page load would wipe this marker; in-app navigation keeps it.
	eval[bool](p, `window.sameDocument = true`)

	p.do(chromedp.Click(chromedp.ID("node-scalable-oversight")))
	p.waitFor(`location.pathname === "/concepts/scalable-oversight"`)
	p.waitFor(`document.querySelector("h1") && document.querySelector("h1").textContent === "Scalable oversight"`)

	if !eval[bool](p, `window.sameDocument === true`) {
		t.Errorf("opening a concept reloaded the whole page")
	}
	if title := eval[string](p, `document.title`); title != "Scalable oversight · Oversight Explorer" {
		t.Errorf("title = %q", title)
	}
	p.waitFor(`document.activeElement && document.activeElement.id === "page-title"`)
}

func TestTheFullDefinitionExpandsOnClick(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/concepts/scalable-oversight")

	before := eval[float64](p, `document.querySelector("details.definition").getBoundingClientRect().height`)
	if eval[bool](p, `document.querySelector("details.definition").open`) {
		t.Fatalf("the definition starts expanded; it should start as a summary")
	}
	p.do(chromedp.Click(chromedp.CSS("details.definition > summary")))
	p.waitFor(`document.querySelector("details.definition").open`)
	after := eval[float64](p, `document.querySelector("details.definition").getBoundingClientRect().height`)
	if after < before+100 {
		t.Errorf("the definition grew from %.0fpx to %.0fpx; want its full text shown", before, after)
	}
	if !strings.Contains(p.text("details.definition .prose"), "debate") {
		t.Errorf("the expanded definition does not mention debate")
	}
}

func TestTabReachesAMapNodeAndEnterOpensIt(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/")

	focused := ""
	for range 60 {
		p.do(chromedp.KeyEvent(kb.Tab))
		focused = eval[string](p, `document.activeElement.matches("a.node") ? document.activeElement.dataset.id : ""`)
		if focused != "" {
			break
		}
	}
	if focused == "" {
		t.Fatalf("Tab never reached a node of the map")
	}
	p.do(chromedp.KeyEvent(kb.Enter))
	p.waitFor(fmt.Sprintf(`location.pathname === "/concepts/%s"`, focused))
	p.waitFor(`document.activeElement && document.activeElement.id === "page-title"`)
}

func TestFocusingANodeHighlightsExactlyItsNeighbours(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	p := openReturningPage(t, desktop)
	p.openApp("/")

	eval[bool](p, `document.getElementById("node-debate").focus(), true`)
	p.waitFor(`document.getElementById("node-debate").classList.contains("is-active")`)

	var want []string
	for id := range k.Neighbours("debate") {
		want = append(want, id)
	}
	sort.Strings(want)
	got := eval[[]string](p, `[...document.querySelectorAll("a.node.is-neighbour")].map(n => n.dataset.id).sort()`)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("highlighted neighbours = %v, want %v", got, want)
	}
	// Every other node fades out (once its transition has run).
	p.waitFor(fmt.Sprintf(`[...document.querySelectorAll("a.node")].filter(n => getComputedStyle(n).opacity < 0.5).length === %d`,
		len(k.Concepts())-len(want)-1))
	if labels := eval[string](p, `[...document.querySelectorAll(".edge-label")].filter(l => getComputedStyle(l).display !== "none").map(l => l.textContent).join(" ")`); !strings.Contains(labels, "is a method of") {
		t.Errorf("the highlighted edges are not labelled with their relation: %q", labels)
	}
}

func TestHoveringANodeHighlightsItsNeighbours(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/")

	box := eval[[]float64](p, `(r => [r.x + r.width / 2, r.y + r.height / 2])(document.querySelector("#node-weak-to-strong-generalization rect").getBoundingClientRect())`)
	p.do(chromedp.MouseEvent("mouseMoved", box[0], box[1]))
	p.waitFor(`document.getElementById("node-weak-to-strong-generalization").classList.contains("is-active")`)
	if !eval[bool](p, `document.getElementById("node-humans-supervising-superhuman-ai").classList.contains("is-neighbour")`) {
		t.Errorf("hovering weak-to-strong did not highlight the concept it is an analogy for")
	}
}

func TestBackToTheMapHighlightsTheConceptYouLeft(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/concepts/debate")
	p.do(chromedp.Click(chromedp.CSS(".back a")))
	p.waitFor(`location.pathname === "/" && location.search === "?focus=debate"`)
	p.waitFor(`document.getElementById("node-debate").classList.contains("is-active")`)
}

func TestEveryRequiredConceptOpensDirectly(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	p := openReturningPage(t, desktop)
	for _, id := range requiredConcepts {
		c, ok := k.Concept(id)
		if !ok {
			t.Errorf("the knowledge base has no concept %q", id)
			continue
		}
		p.openApp("/concepts/" + id)
		if h1 := p.text("h1"); h1 != c.Title {
			t.Errorf("/concepts/%s shows heading %q, want %q", id, h1, c.Title)
		}
		if summary := p.text(".lead"); summary != c.Summary {
			t.Errorf("/concepts/%s shows summary %q", id, summary)
		}
	}
}

func TestAnUnknownConceptAnswers404AndOffersTheClosest(t *testing.T) {
	t.Parallel()
	res, err := http.Get(serverURL + "/concepts/nope")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("/concepts/nope answered %d, want 404", res.StatusCode)
	}

	p := openPage(t, desktop)
	p.expectProblem("404")
	p.openApp("/concepts/debat")
	if h1 := p.text("h1"); h1 != "Page not found" {
		t.Errorf("heading = %q", h1)
	}
	first := eval[string](p, `document.querySelector(".suggestions a").getAttribute("href")`)
	if first != "/concepts/debate" {
		t.Errorf("the first suggestion for “debat” is %q, want /concepts/debate", first)
	}
	if p.count(`.not-found-page a[href="/"]`) == 0 {
		t.Errorf("the not-found page offers no way to the map")
	}
}

func TestPagesAreReadableWithJavaScriptOff(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	p := openPage(t, desktop)
	if _, err := chromedp.Call(p.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	p.open("/")
	html, err := chromedp.Run(p.ctx, chromedp.OuterHTML(chromedp.CSS("svg.concept-map")))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range k.Concepts() {
		if !strings.Contains(html, `href="/concepts/`+c.ID+`"`) {
			t.Errorf("without JavaScript the map has no link to %s", c.ID)
		}
	}

	p.open("/concepts/debate")
	debate, _ := k.Concept("debate")
	article, err := chromedp.Run(p.ctx, chromedp.OuterHTML(chromedp.CSS("article.concept")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h1", debate.Title, "<details", "Irving, Christiano and Amodei", "How it relates"} {
		if !strings.Contains(article, want) {
			t.Errorf("without JavaScript the concept page lacks %q", want)
		}
	}
	root, err := chromedp.Run(p.ctx, chromedp.OuterHTML(chromedp.CSS("html")))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(root, `data-app="ready"`) {
		t.Errorf("the WebAssembly ran although JavaScript was off: this test checks nothing")
	}
}

func TestScreenshotsAtDesktopAndPhoneSizesWithNoSidewaysScrolling(t *testing.T) {
	t.Parallel()
	names := map[string]string{"/": "map", "/concepts/scalable-oversight": "concept", "/concepts/nope": "not-found"}
	for _, vp := range []viewport{desktop, phone} {
		p := openReturningPage(t, vp)
		p.showEach([]string{"/", "/concepts/scalable-oversight", "/concepts/nope"}, func(path string) {
			overflow := eval[int](p, `document.documentElement.scrollWidth - window.innerWidth`)
			if overflow > 0 {
				t.Errorf("%s at %dpx scrolls sideways by %dpx", path, vp.width, overflow)
			}
			p.screenshot(names[path] + "-" + vp.name)
		})
	}
}
