package e2e

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestTheArticlePagesLoadWithTheirContent(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	p := openReturningPage(t, desktop)
	pages := map[string]struct {
		heading string
		items   string
		atLeast int
	}{
		"/caveats":            {"Caveats", ".caveat-group .card", len(k.Caveats())},
		"/history":            {"Institutional history", ".timeline-event", len(k.Events())},
		"/problem":            {"The technical problem", ".problem-stack .card", 5},
		"/sources":            {"Sources", ".bibliography .source", len(k.Sources())},
		"/readings/spiralist": {"", ".evidence-interpretation", 1},
		"/about":              {"", ".prose p", 3},
		"/questions":          {"Open questions", ".questions-page section li", 10},
	}
	p.showEach(slices.Sorted(maps.Keys(pages)), func(path string) {
		want := pages[path]
		if want.heading != "" && p.text("h1") != want.heading {
			t.Errorf("%s has heading %q, want %q", path, p.text("h1"), want.heading)
		}
		if n := p.count(want.items); n < want.atLeast {
			t.Errorf("%s shows %d of %q, want at least %d", path, n, want.items, want.atLeast)
		}
		if !strings.Contains(p.text(".entry-footer, .reviewed, body"), "Last reviewed") && path != "/caveats" && path != "/history" && path != "/sources" && path != "/questions" {
			t.Errorf("%s has no last-reviewed date", path)
		}
	})
}

func TestTheCaveatLensMarksEveryQualifiedConcept(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	qualified := map[string]bool{}
	for _, c := range k.Caveats() {
		for _, id := range c.Qualifies {
			qualified[id] = true
		}
	}
	var want []string
	for id := range qualified {
		want = append(want, id)
	}
	sort.Strings(want)

	p := openReturningPage(t, desktop)
	p.openApp("/")
	if p.count("a.node.has-caveat") != 0 {
		t.Fatalf("the caveat lens starts on")
	}
	p.do(chromedp.Click(chromedp.CSS(".lens a.toggle")))
	p.waitFor(`location.search === "?lens=caveats"`)
	p.waitFor(`document.querySelectorAll("a.node.has-caveat").length > 0`)
	got := eval[[]string](p, `[...document.querySelectorAll("a.node.has-caveat")].map(n => n.dataset.id).sort()`)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("the lens marks %v, want the concepts the caveats qualify: %v", got, want)
	}
	if p.count("a.node.has-caveat .caveat-mark") != len(want) {
		t.Errorf("not every marked node carries the warning sign")
	}
	p.screenshot("caveat-lens-desktop")

	p.do(chromedp.Click(chromedp.CSS(".lens a.toggle")))
	p.waitFor(`location.search === "" && document.querySelectorAll("a.node.has-caveat").length === 0`)
}

func TestACitationLandsOnItsSourceEntry(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	debate, _ := k.Concept("debate")
	first := debate.Sources[0]

	p := openReturningPage(t, desktop)
	p.openApp("/concepts/debate")
	p.do(chromedp.Click(chromedp.CSS("details.definition > summary")))
	p.do(chromedp.Click(chromedp.CSS(`details.definition a[href^="/sources#"]`)))
	p.waitFor(fmt.Sprintf(`location.pathname === "/sources" && location.hash === "#%s"`, first))
	p.waitFor(fmt.Sprintf(`document.getElementById(%q) && document.getElementById(%q).classList.contains("is-target")`, first, first))
	inView := eval[bool](p, fmt.Sprintf(`(r => r.top >= 0 && r.top < window.innerHeight)(document.getElementById(%q).getBoundingClientRect())`, first))
	if !inView {
		t.Errorf("the source entry %s is not scrolled into view", first)
	}
	p.screenshot("citation-target-desktop")
}

func TestFactReportAndInterpretationLookDifferent(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/history")
	if p.count(".timeline .evidence-record") == 0 || p.count(".timeline .evidence-report") == 0 {
		t.Errorf("the timeline does not set records apart from reports")
	}
	p.screenshot("history-desktop")
	p.openApp("/readings/spiralist")
	if !strings.Contains(p.text(".interpretation-note"), "interpretive reading") {
		t.Errorf("the reading is not labelled as interpretation")
	}
}
