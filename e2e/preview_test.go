package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// previewShown is true while the preview card is on screen.
const previewShown = `(c => c !== null && !c.hidden && c.getBoundingClientRect().height > 0)(document.getElementById("link-preview"))`

// cardInsideViewport is true when the whole card is on screen.
const cardInsideViewport = `(r => r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight)(document.getElementById("link-preview").getBoundingClientRect())`

func TestFocusingAConceptLinkShowsItsPreviewAndEscapeClosesIt(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	p := openReturningPage(t, desktop)
	p.openApp("/concepts/debate")
	href := eval[string](p, `document.querySelector(".relations a").getAttribute("href")`)
	linked, ok := k.Concept(href[len("/concepts/"):])
	if !ok {
		t.Fatalf("the first relation links to %s, not a concept", href)
	}
	p.focusByTab(fmt.Sprintf(`.relations a[href=%q]`, href))
	p.waitFor(previewShown)
	if got := p.text("#link-preview .preview-title"); got != linked.Title {
		t.Errorf("the card is titled %q, want %q", got, linked.Title)
	}
	if got := p.text("#link-preview .preview-summary"); got != linked.Summary {
		t.Errorf("the card says %q, want the summary %q", got, linked.Summary)
	}
	if got := p.text("#link-preview .kind-badge"); got != linked.Kind.Label() {
		t.Errorf("the card's kind is %q, want %q", got, linked.Kind.Label())
	}
	if !eval[bool](p, `document.activeElement.getAttribute("aria-describedby") === "link-preview"`) {
		t.Errorf("the focused link does not point screen readers to its card")
	}
	if !eval[bool](p, cardInsideViewport) {
		t.Errorf("the card leaves the viewport")
	}
	p.screenshot("preview-focus-desktop")

	p.do(chromedp.KeyEvent(kb.Escape))
	p.waitFor(`document.getElementById("link-preview").hidden`)
	if !eval[bool](p, fmt.Sprintf(`document.activeElement.getAttribute("href") === %q`, href)) {
		t.Errorf("Escape moved focus away from the link")
	}
	if eval[bool](p, `document.activeElement.hasAttribute("aria-describedby")`) {
		t.Errorf("the link still describes itself by a closed card")
	}
}

func TestHoveringAMapNodeShowsItsPreviewBesideTheNode(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/")
	x, y := p.centreOf("#node-debate")
	p.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y))
	p.waitFor(previewShown + ` && document.querySelector("#link-preview .preview-title").textContent === "Debate"`)
	if !eval[bool](p, cardInsideViewport) {
		t.Errorf("the card leaves the viewport")
	}
	if eval[bool](p, `(() => {
		const n = document.getElementById("node-debate").getBoundingClientRect();
		const c = document.getElementById("link-preview").getBoundingClientRect();
		return c.left < n.right && c.right > n.left && c.top < n.bottom && c.bottom > n.top;
	})()`) {
		t.Errorf("the card covers the node it describes")
	}
	p.screenshot("preview-map-desktop")

	// Moving away hides it; moving onto the card first does not.
	cx, cy := p.centreOf("#link-preview")
	p.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, cx, cy))
	p.sleep(400)
	if !eval[bool](p, previewShown) {
		t.Errorf("the card vanished as the pointer moved onto it")
	}
	p.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 790))
	p.waitFor(`document.getElementById("link-preview").hidden`)
}

func TestOnAPhoneATapPreviewsAConceptAsABottomSheetAndASecondTapOpensIt(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, phone)
	p.emulateTouch()
	p.openApp("/")
	eval[bool](p, `document.getElementById("node-debate").scrollIntoView({block: "center", inline: "center"}), true`)
	x, y := p.centreOf("#node-debate")
	p.tap(x, y)
	p.waitFor(previewShown + ` && document.getElementById("link-preview").classList.contains("is-pinned")`)
	if path := eval[string](p, `location.pathname`); path != "/" {
		t.Fatalf("the first tap opened %s instead of previewing", path)
	}
	sheet := eval[map[string]float64](p, `(r => ({left: r.left, right: r.right, bottom: r.bottom, top: r.top}))(document.getElementById("link-preview").getBoundingClientRect())`)
	if sheet["left"] != 0 || sheet["right"] != float64(phone.width) || sheet["bottom"] != float64(phone.height) {
		t.Errorf("the card is not a bottom sheet: %v in a %dx%d screen", sheet, phone.width, phone.height)
	}
	if sheet["top"] < float64(phone.height)*0.25 {
		t.Errorf("the sheet covers almost the whole screen (top at %.0f px)", sheet["top"])
	}
	if p.count(`#link-preview .preview-open[href="/concepts/debate"]`) != 1 {
		t.Errorf("the sheet does not offer to open Debate")
	}
	if p.count(`#link-preview .preview-links a`) == 0 {
		t.Errorf("the sheet does not list the concepts linked to Debate")
	}
	if eval[float64](p, `document.documentElement.scrollWidth`) > float64(phone.width) {
		t.Errorf("the sheet makes the page scroll sideways")
	}
	if covered := eval[[]string](p, `[...document.querySelectorAll("#link-preview a, #link-preview button")]
		.map(el => [el, el.getClientRects()[0]]).filter(([el, r]) => r && r.bottom <= innerHeight)
		.filter(([el, r]) => !el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)))
		.map(([el]) => el.textContent)`); len(covered) > 0 {
		t.Errorf("something lies over the sheet's controls: %v", covered)
	}
	p.screenshot("preview-sheet-phone")

	p.tap(x, y)
	p.waitFor(`location.pathname === "/concepts/debate"`)
	p.waitFor(`document.getElementById("link-preview").hidden`)
}

func TestATapOnTheSheetsCloseButtonClosesIt(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, phone)
	p.emulateTouch()
	p.openApp("/concepts/debate")
	eval[bool](p, `document.querySelector(".relations a").scrollIntoView({block: "center"}), true`)
	p.tap(p.centreOf(".relations a"))
	p.waitFor(previewShown)
	p.tap(p.centreOf("#link-preview .preview-close"))
	p.waitFor(`document.getElementById("link-preview").hidden`)
	if path := eval[string](p, `location.pathname`); path != "/concepts/debate" {
		t.Errorf("closing the sheet navigated to %s", path)
	}
}

// focusByTab presses Tab until the element matching selector has focus.
func (p *page) focusByTab(selector string) {
	p.t.Helper()
	condition := fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, selector)
	for range 200 {
		p.do(chromedp.KeyEvent(kb.Tab))
		if eval[bool](p, condition) {
			return
		}
	}
	p.t.Fatalf("Tab never reached %s", selector)
}

// centreOf is the middle of an element on screen, in CSS pixels: of its
// first line, for a link that wraps.
func (p *page) centreOf(selector string) (x, y float64) {
	p.t.Helper()
	c := eval[[]float64](p, fmt.Sprintf(`(r => [r.left + r.width / 2, r.top + r.height / 2])(document.querySelector(%q).getClientRects()[0])`, selector))
	return c[0], c[1]
}

// tap touches the screen with one finger at (x, y) and lifts it.
func (p *page) tap(x, y float64) {
	p.t.Helper()
	for _, s := range []input.DispatchTouchEventParams{
		{Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: []*input.TouchPoint{{X: x, Y: y}}},
		{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}},
	} {
		if _, err := chromedp.Call(p.ctx, input.DispatchTouchEvent, s); err != nil {
			p.t.Fatal(err)
		}
	}
}

// sleep lets the page run for ms milliseconds: for checking that something
// does NOT happen within a delay the app itself sets.
func (p *page) sleep(ms int) {
	p.t.Helper()
	js := fmt.Sprintf(`new Promise(r => setTimeout(() => r(true), %d))`, ms)
	if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise)); err != nil {
		p.t.Fatal(err)
	}
}
