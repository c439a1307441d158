package e2e

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/ledongthuc/pdf"

	"oversight/internal/qrread"
	knowledge "oversight/kb"
)

func builtInTour(t *testing.T, id string) *knowledge.Tour {
	t.Helper()
	tour, ok := loadKnowledge(t).Tour(id)
	if !ok {
		t.Fatalf("no built-in tour %q", id)
	}
	return tour
}

// spotlit lists the ids of the concepts the map frames, sorted.
func (p *page) spotlit() []string {
	p.t.Helper()
	ids := eval[[]string](p, `[...document.querySelectorAll("a.node.is-spotlit")].map(n => n.dataset.id).sort()`)
	if ids == nil {
		ids = []string{}
	}
	return ids
}

func sorted(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// expectStep checks that the player shows step n of the tour: address,
// heading, progress, narration and the map's spotlight.
func (p *page) expectStep(tour *knowledge.Tour, n int) {
	p.t.Helper()
	step := tour.Steps[n-1]
	path := fmt.Sprintf("/tours/%s/%d", tour.ID, n)
	p.waitFor(fmt.Sprintf(`location.pathname === %q && document.querySelector("h1") && document.querySelector("h1").textContent === %q`, path, step.Title))
	if got, want := p.text(".tour-progress"), fmt.Sprintf("Step %d of %d", n, len(tour.Steps)); got != want {
		p.t.Errorf("progress reads %q, want %q", got, want)
	}
	if got, want := squash(p.text(".tour-narration")), squash(htmlText(step.NarrationHTML)); got != want {
		p.t.Errorf("step %d shows narration %q, want the step's own: %q", n, got, want)
	}
	if got := p.spotlit(); !slices.Equal(got, sorted(step.Concepts)) {
		p.t.Errorf("step %d spotlights %v, want %v", n, got, sorted(step.Concepts))
	}
}

var tag = regexp.MustCompile(`<[^>]*>`)

// htmlText is the text of rendered HTML.
func htmlText(h string) string { return html.UnescapeString(tag.ReplaceAllString(h, "")) }

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestArrowKeysMoveThroughATourAndBackReturns(t *testing.T) {
	t.Parallel()
	tour := builtInTour(t, "superalignment-in-ten-minutes")
	p := openReturningPage(t, desktop)
	p.openApp("/tours/" + tour.ID + "/1")
	p.expectStep(tour, 1)
	eval[bool](p, `window.sameDocument = true`)
	p.screenshot("tour-step-1-desktop")

	p.do(chromedp.KeyEvent(kb.ArrowRight))
	p.expectStep(tour, 2)
	if !eval[bool](p, `window.sameDocument === true`) {
		t.Errorf("→ reloaded the page instead of moving in the app")
	}

	// The on-screen button does the same.
	p.do(chromedp.Click(chromedp.CSS(".tour-controls .tour-next")))
	p.expectStep(tour, 3)

	p.do(chromedp.NavigateBack())
	p.expectStep(tour, 2)
	p.do(chromedp.NavigateBack())
	p.expectStep(tour, 1)

	// Nothing before the first step: keys are handled in order, so a left
	// arrow that did anything would show after the right arrows that follow.
	p.do(chromedp.KeyEvent(kb.ArrowLeft), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	p.expectStep(tour, 3)

	// An arrow key typed into a field (the search box) moves the caret, not
	// the tour: out of the field, the next arrow moves one step from 3.
	if p.count(".search-bar input") > 0 {
		p.do(chromedp.Click(chromedp.CSS(".search-bar input")), chromedp.KeyEvent(kb.ArrowRight))
		eval[bool](p, `document.activeElement.blur(), true`)
		p.do(chromedp.KeyEvent(kb.ArrowRight))
		p.expectStep(tour, 4)
	}

	p.openApp("/tours")
	// The progress is remembered on this device and marked on /tours. The
	// page reads it as it arrives (OnNav), so the mark comes with the render
	// after the one that made the page ready.
	markSelector := `[data-tour="tour:` + tour.ID + `"] .progress-mark`
	p.waitFor(`document.querySelector(` + strconv.Quote(markSelector) + `) !== null`)
	mark := p.text(markSelector)
	if want := fmt.Sprintf("4 of %d steps seen", len(tour.Steps)); !strings.Contains(mark, want) {
		t.Errorf("the tour's progress mark reads %q, want %q", mark, want)
	}
	if href := eval[string](p, `document.querySelector('[data-tour="tour:`+tour.ID+`"] .tour-actions a').getAttribute("href")`); href != "/tours/"+tour.ID+"/5" {
		t.Errorf("the tour offers to continue at %s, want step 5", href)
	}
}

func TestATourStepReadsAndLinksOnWithoutJavaScript(t *testing.T) {
	t.Parallel()
	tour := builtInTour(t, "why-the-judge-fails")
	p := openPage(t, desktop)
	p.open("/tours/" + tour.ID + "/2?wasm=false")
	if p.text("h1") != tour.Steps[1].Title {
		t.Errorf("heading %q", p.text("h1"))
	}
	if got := p.spotlit(); !slices.Equal(got, sorted(tour.Steps[1].Concepts)) {
		t.Errorf("spotlight %v", got)
	}
	p.do(chromedp.Click(chromedp.CSS(".tour-controls .tour-next")))
	p.waitFor(fmt.Sprintf(`location.pathname === "/tours/%s/3" && document.querySelector("h1").textContent === %q`, tour.ID, tour.Steps[2].Title))
}

// touch sends one finger's swipe from (x0, y) to (x1, y).
func (p *page) touch(x0, x1, y float64) {
	p.t.Helper()
	point := func(x float64) []*input.TouchPoint { return []*input.TouchPoint{{X: x, Y: y}} }
	steps := []input.DispatchTouchEventParams{
		{Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: point(x0)},
		{Type: input.DispatchTouchEventTypeTouchMove, TouchPoints: point((x0 + x1) / 2)},
		{Type: input.DispatchTouchEventTypeTouchMove, TouchPoints: point(x1)},
		{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}},
	}
	for _, s := range steps {
		if _, err := chromedp.Call(p.ctx, input.DispatchTouchEvent, s); err != nil {
			p.t.Fatal(err)
		}
	}
}

func TestASwipeOnAPhoneMovesBetweenSteps(t *testing.T) {
	t.Parallel()
	tour := builtInTour(t, "superalignment-in-ten-minutes")
	p := openReturningPage(t, phone)
	p.emulateTouch()
	p.openApp("/tours/" + tour.ID + "/2")
	p.expectStep(tour, 2)
	y := eval[float64](p, `(r => r.top + Math.min(r.height, innerHeight - r.top) / 2)(document.querySelector(".tour-step h1").getBoundingClientRect())`)
	p.touch(330, 60, y) // right to left: next
	p.expectStep(tour, 3)
	p.screenshot("tour-step-3-phone")
	p.touch(60, 330, y) // left to right: previous
	p.expectStep(tour, 2)
	if eval[float64](p, `document.documentElement.scrollWidth`) > float64(phone.width) {
		t.Errorf("the tour page scrolls sideways on a phone")
	}
}

func TestTheAudienceWindowFollowsThePresenter(t *testing.T) {
	t.Parallel()
	tour := builtInTour(t, "why-the-judge-fails")
	p := openPage(t, desktop)
	p.watchCSP()
	p.openApp("/present/" + tour.ID + "/1")
	p.waitFor(fmt.Sprintf(`document.querySelector("h1").textContent === %q`, tour.Steps[0].Title))
	if notes := p.text(".speaker-notes"); !strings.Contains(notes, strings.Fields(tour.Steps[0].Notes)[0]) {
		t.Errorf("speaker notes: %q", notes)
	}
	if next := p.text(".next-title"); next != tour.Steps[1].Title {
		t.Errorf("next step: %q", next)
	}
	p.waitFor(`/^0:0[0-9]$/.test(document.getElementById("presenter-clock").textContent)`)

	// “Open audience window” opens a second window in the same browser.
	opened := chromedp.WaitNewTarget(p.ctx, func(info *target.Info) bool { return strings.Contains(info.URL, "view=audience") })
	p.do(chromedp.Click(chromedp.ID("open-audience")))
	var id target.ID
	select {
	case id = <-opened:
	case <-time.After(15 * time.Second):
		t.Fatal("no audience window opened")
	}
	audienceCtx, cancel := chromedp.NewContext(p.ctx, chromedp.WithTargetID(id))
	defer cancel()
	audience := &page{t: t, ctx: audienceCtx, origin: p.origin}
	if err := chromedp.Listen(audienceCtx, audience.record); err != nil {
		t.Fatal(err)
	}
	defer audience.checkProblems()
	audience.waitForApp()
	audience.waitFor(fmt.Sprintf(`document.querySelector("h1").textContent === %q`, tour.Steps[0].Title))
	if audience.count(".speaker-notes, .presenter-tools, .tour-controls, #open-audience, .site-header") != 0 || audience.count("svg.concept-map") != 1 {
		t.Errorf("the audience window should show the map and narration only")
	}
	if w := eval[float64](audience, `document.querySelector(".audience-map svg.concept-map").getBoundingClientRect().width`); w < 300 {
		t.Errorf("the audience window's map is %.0f px wide", w)
	}

	// Advancing the presenter moves the audience within a second.
	for _, move := range []struct {
		key  string
		step int
	}{{kb.ArrowRight, 2}, {kb.ArrowRight, 3}, {kb.End, len(tour.Steps)}, {kb.Home, 1}, {kb.PageDown, 2}} {
		p.do(chromedp.KeyEvent(move.key))
		start := time.Now()
		want := tour.Steps[move.step-1].Title
		p.waitFor(fmt.Sprintf(`document.querySelector("h1").textContent === %q`, want))
		followed := false
		for time.Since(start) < time.Second {
			if eval[bool](audience, fmt.Sprintf(`!!document.querySelector("h1") && document.querySelector("h1").textContent === %q`, want)) {
				followed = true
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if !followed {
			t.Fatalf("after %q the audience window did not reach step %d within a second (it shows %q)", move.key, move.step, audience.text("h1"))
		}
		if got := audience.spotlit(); !slices.Equal(got, sorted(tour.Steps[move.step-1].Concepts)) {
			t.Errorf("the audience map spotlights %v at step %d", got, move.step)
		}
	}
	audience.screenshot("audience-window")
	p.screenshot("presenter-view")

	// The QR code, shown on request, holds the address of the current step.
	p.do(chromedp.Click(chromedp.ID("show-qr")))
	p.waitFor(`!!document.querySelector("svg.qr-code path")`)
	want := p.origin + "/tours/" + tour.ID + "/2"
	got, err := qrread.DecodeSVG(eval[string](p, `document.querySelector("svg.qr-code").getAttribute("viewBox")`),
		eval[string](p, `document.querySelector("svg.qr-code path").getAttribute("d")`))
	if err != nil {
		t.Fatalf("the QR code does not decode: %v", err)
	}
	if got != want {
		t.Errorf("the QR code holds %q, want %q", got, want)
	}
	if shown := p.text(".qr-url"); shown != want {
		t.Errorf("the address under the QR code reads %q", shown)
	}
	p.screenshot("presenter-qr")

	// F asks for full screen; a browser that refuses is no page error.
	p.do(chromedp.KeyEvent("f"))
	p.waitFor(`document.fullscreenElement !== undefined`)
	p.expectNoCSPViolation("the presenter view")
}

// pdfText extracts the text of a PDF, with no whitespace, so that words
// broken across positioned runs still match.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("reading the PDF: %v", err)
	}
	plain, err := r.GetPlainText()
	if err != nil {
		t.Fatalf("extracting the PDF's text: %v", err)
	}
	text, err := io.ReadAll(plain)
	if err != nil {
		t.Fatal(err)
	}
	return noSpace(string(text))
}

// ligatures are single glyphs that a PDF's text may keep as one character.
var ligatures = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st")

func noSpace(s string) string {
	s = ligatures.Replace(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestPrintingATourGivesAHandoutWithEveryStep(t *testing.T) {
	t.Parallel()
	for _, tour := range loadKnowledge(t).Tours() {
		p := openReturningPage(t, desktop)
		p.openApp("/tours/" + tour.ID)
		if p.count("button.print-button") != 1 {
			t.Errorf("%s: no Print button", tour.ID)
		}
		data, err := chromedp.Run(p.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(artifacts, "handout-"+tour.ID+".pdf"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, data)
		for _, want := range append([]string{tour.Title}, stepTitles(tour)...) {
			if !strings.Contains(text, noSpace(want)) {
				t.Errorf("%s: the printed handout lacks %q", tour.ID, want)
			}
		}
		for _, q := range tour.Steps[0].Questions {
			if !strings.Contains(text, noSpace(q)) {
				t.Errorf("%s: the printed handout lacks the question %q", tour.ID, q)
			}
		}
		for _, chrome := range []string{"Skiptocontent", "Printhandout", "Startthetour", "Allconcepts", "←Alltours"} {
			if strings.Contains(text, chrome) {
				t.Errorf("%s: the printed handout shows navigation (%q)", tour.ID, chrome)
			}
		}
	}
}

func stepTitles(tour *knowledge.Tour) []string {
	var titles []string
	for _, s := range tour.Steps {
		titles = append(titles, s.Title)
	}
	return titles
}

// importFile picks a file in /tours' file picker.
func (p *page) importFile(name, markdown string) {
	p.t.Helper()
	path := filepath.Join(p.t.TempDir(), name)
	if err := os.WriteFile(path, []byte(markdown), 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.do(chromedp.SetUploadFiles(chromedp.ID("tour-file"), []string{path}))
}

const teacherTour = `---
title: My debate lesson
audience: Year 12
minutes: 6
summary: A teacher’s own tour.
---

## Start with the judge

Concepts: human-judgement-loop

Who marks the answers? A teacher-written step.

## Two models argue

Concepts: debate, scalable-oversight

Debate lets a weaker judge see which answer survives.

### Questions

- Could both debaters be wrong?

## Self-check

### Who decides a debate?

- [ ] The stronger model
- [x] A judge

Feedback: A judge decides – see [debate](/concepts/debate).
`

func TestAnImportedTourIsCheckedStoredAndPlayed(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/tours")

	// A tour with a mistake is refused, naming the line.
	p.importFile("broken.md", strings.Replace(teacherTour, "Concepts: debate, scalable-oversight", "Concepts: debate, scalable-oversigt", 1))
	p.waitFor(`!!document.querySelector(".import-errors")`)
	if errs := p.text(".import-errors"); !strings.Contains(errs, `Line 16: unknown concept "scalable-oversigt" (did you mean scalable-oversight?)`) {
		t.Errorf("the import errors read %q", errs)
	}
	p.screenshot("tour-import-error")

	p.importFile("my-lesson.md", teacherTour)
	p.waitFor(`!!document.querySelector(".import-done")`)
	if done := p.text(".import-done"); !strings.Contains(done, "Imported “My debate lesson”: 2 steps") {
		t.Errorf("the import reads %q", done)
	}
	if p.count(`.imported-tours [data-tour="imported:my-lesson"]`) != 1 {
		t.Errorf("the imported tour is not listed on /tours")
	}

	p.do(chromedp.Click(chromedp.CSS(".import-done a.play-imported")))
	p.waitFor(`document.querySelector("h1") && document.querySelector("h1").textContent === "Start with the judge"`)
	if got := p.spotlit(); !slices.Equal(got, []string{"human-judgement-loop"}) {
		t.Errorf("the imported step spotlights %v", got)
	}
	p.do(chromedp.KeyEvent(kb.ArrowRight))
	p.waitFor(`location.search === "?step=2&tour=my-lesson" && document.querySelector("h1").textContent === "Two models argue"`)
	if got := p.spotlit(); !slices.Equal(got, []string{"debate", "scalable-oversight"}) {
		t.Errorf("step 2 spotlights %v", got)
	}
	if p.text(".tour-progress") != "Step 2 of 2" {
		t.Errorf("progress reads %q", p.text(".tour-progress"))
	}

	// The self-check gives feedback that links the concept.
	p.do(chromedp.Click(chromedp.CSS(".tour-controls .tour-next")))
	p.waitFor(`document.querySelector("h1").textContent === "Self-check"`)
	p.do(chromedp.Click(chromedp.CSS(".quiz-option")))
	p.waitFor(`!!document.querySelector(".quiz-feedback")`)
	if fb := p.text(".quiz-feedback"); !strings.Contains(fb, "Not quite: the answer is B.") || p.count(`.quiz-feedback a[href="/concepts/debate"]`) != 1 {
		t.Errorf("feedback reads %q", fb)
	}
	if !strings.Contains(p.text(".quiz-score"), "You got 0 of 1 right.") {
		t.Errorf("score reads %q", p.text(".quiz-score"))
	}

	// Reloaded, the tour is still there (the device keeps it), done.
	p.openApp("/tours")
	p.waitFor(`!!document.querySelector('.imported-tours [data-tour="imported:my-lesson"] .progress-mark')`)
	if mark := p.text(`[data-tour="imported:my-lesson"] .progress-mark`); mark != "✓ Completed, self-check done" {
		t.Errorf("the imported tour's mark reads %q", mark)
	}
	p.screenshot("tours-page")
}

func TestAnImportedTourRunsNoScript(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.watchCSP()
	dialogs := p.watchDialogs()
	evil := strings.Replace(teacherTour, "Who marks the answers? A teacher-written step.",
		"Who marks the answers?\n\n<script>window.pwned = 1; alert(1)</script>\n\n"+
			`An image: <img src=x onerror="window.pwned = 2; alert(2)">`+"\n\n"+
			"A [x](javascript:alert(1)) link and [y](JAVASCRIPT:window.pwned=3) too.", 1)

	p.openApp("/tours")
	// Pasted this time, rather than picked as a file.
	p.do(chromedp.SetValue(chromedp.ID("tour-paste"), evil), chromedp.Click(chromedp.ID("tour-paste-import")))
	p.waitFor(`!!document.querySelector(".import-done")`)
	if warnings := p.text(".import-done"); !strings.Contains(warnings, "Line 14: HTML is not shown") || !strings.Contains(warnings, "Line 16: HTML is not shown") || !strings.Contains(warnings, "Line 18: the link to") {
		t.Errorf("the import does not say what it left out: %q", warnings)
	}
	p.do(chromedp.Click(chromedp.CSS(".import-done a.play-imported")))
	p.waitFor(`document.querySelector("h1") && document.querySelector("h1").textContent === "Start with the judge"`)
	p.afterQueuedWork()

	if n := p.count(`.tour-narration script, .tour-narration img, [onerror], a[href^="javascript:" i], a[href=""]`); n != 0 {
		t.Errorf("the imported narration has %d live script elements or links", n)
	}
	if !strings.Contains(p.text(".tour-narration"), "A x link and y too.") {
		t.Errorf("the links' text is not kept: %q", p.text(".tour-narration"))
	}
	if eval[bool](p, `"pwned" in window`) {
		t.Errorf("the imported tour ran script")
	}
	// Clicking where the link was does nothing either.
	p.do(chromedp.Click(chromedp.CSS(".tour-narration p:last-child")))
	p.afterQueuedWork()
	if opened := dialogs(); len(opened) > 0 || eval[bool](p, `"pwned" in window`) {
		t.Errorf("the imported tour opened dialogs %q", opened)
	}
	p.expectNoCSPViolation("an imported tour with script in it")
}

func TestToursAndAnImportedTourPlayOffline(t *testing.T) {
	t.Parallel()
	tour := builtInTour(t, "limits-and-disputes")
	addr := freeAddr(t)
	origin, stop, err := mainBuild.Serve(addr)
	if err != nil {
		t.Fatal(err)
	}
	p := openPageAt(t, desktop, origin)
	p.openApp("/tours")
	p.waitForOfflineCopy()
	// The tour reader is not part of the first visit's download; having
	// seen the tours page, the device keeps it.
	for deadline := time.Now().Add(20 * time.Second); !p.cachedByTheWorker("/web/tourreader.wasm"); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("having seen the tours page, the device did not keep the tour reader")
		}
	}
	p.importFile("my-lesson.md", teacherTour)
	p.waitFor(`!!document.querySelector(".import-done")`)
	stop()
	p.goOffline()
	p.expectFaviconOffline()

	// Importing works offline too.
	p.openApp("/tours")
	p.importFile("second-lesson.md", strings.Replace(teacherTour, "My debate lesson", "Second lesson", 1))
	p.waitFor(`!!document.querySelector(".import-done")`)

	// Never visited, and the server is gone.
	p.openApp("/tours/" + tour.ID + "/4")
	p.expectStep(tour, 4)
	p.do(chromedp.KeyEvent(kb.ArrowRight))
	p.expectStep(tour, 5)
	p.openApp("/present/" + tour.ID + "/2")
	p.waitFor(fmt.Sprintf(`document.querySelector("h1").textContent === %q`, tour.Steps[1].Title))

	p.openApp("/tours/imported/play?tour=my-lesson&step=2")
	p.waitFor(`document.querySelector("h1") && document.querySelector("h1").textContent === "Two models argue"`)
	if got := p.spotlit(); !slices.Equal(got, []string{"debate", "scalable-oversight"}) {
		t.Errorf("offline, the imported step spotlights %v", got)
	}
	p.openApp("/tours/imported?tour=my-lesson")
	if p.count(".handout-step") != 2 {
		t.Errorf("offline, the imported tour's handout shows %d steps", p.count(".handout-step"))
	}
}
