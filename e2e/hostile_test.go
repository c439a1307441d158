package e2e

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	knowledge "oversight/kb"
	"oversight/kb/hostile"
	"oversight/kb/load"
)

// proseCheck names everything in the page that Markdown could have put
// there to run script or leave the app: in rendered Markdown (.prose), an
// element or attribute that goldmark's safe output never has, or a link
// whose scheme the browser reads as other than http: or https:; anywhere,
// an on* attribute or a script the app did not load.
const proseCheck = `(() => {
  const elements = new Set(["div", "p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "hr", "br",
    "h1", "h2", "h3", "h4", "h5", "h6"]);
  const attributes = new Set(["href", "title", "class", "start"]);
  const problems = [];
  for (const e of document.querySelectorAll(".prose, .prose *")) {
    if (!elements.has(e.localName)) problems.push("a <" + e.localName + "> element");
    for (const a of e.attributes) {
      if (!attributes.has(a.name)) problems.push("a " + a.name + " attribute on <" + e.localName + ">");
    }
    if (e.localName === "a" && !["http:", "https:"].includes(e.protocol)) problems.push("a link to " + e.getAttribute("href"));
  }
  for (const e of document.querySelectorAll("*")) {
    for (const a of e.attributes) {
      if (a.name.startsWith("on")) problems.push("an " + a.name + " attribute on <" + e.localName + ">");
    }
  }
  for (const s of document.scripts) {
    if (!["/wasm_exec.js", "/app.js"].includes(new URL(s.src || "inline:", location.href).pathname)) {
      problems.push("a script " + (s.src || s.textContent.slice(0, 60)));
    }
  }
  if ("pwned" in window) problems.push("script ran: window.pwned = " + window.pwned);
  return problems;
})()`

// watchDialogs records every alert, confirm or prompt the page opens, and
// dismisses it.
func (p *page) watchDialogs() func() []string {
	p.t.Helper()
	// Each dialog and window the page's script asks for is counted as it is
	// asked for, so a check needs no wait for the browser to show it.
	p.beforeEveryDocument(`window.dialogsAsked = [];
		for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
			const real = window[name];
			window[name] = (...args) => { window.dialogsAsked.push(name + ": " + args.join(" ")); return real.apply(window, args); };
		}`)
	var mu sync.Mutex
	var dialogs []string
	if err := chromedp.Listen(p.ctx, func(ev any) {
		if d, ok := ev.(*cdppage.EventJavascriptDialogOpening); ok {
			mu.Lock()
			dialogs = append(dialogs, d.Message)
			mu.Unlock()
			go chromedp.Call(p.ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: false})
		}
	}); err != nil {
		p.t.Fatal(err)
	}
	return func() []string {
		asked := eval[[]string](p, `window.dialogsAsked || []`)
		mu.Lock()
		defer mu.Unlock()
		return append(append([]string(nil), dialogs...), asked...)
	}
}

// afterQueuedWork waits until the page has run what a click or a key
// queued: two frames and a task after them.
func (p *page) afterQueuedWork() {
	p.t.Helper()
	awaitEval[bool](p, `new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(true)))))`)
}

// asTheBrowserReadsIt is a file's text as the file picker's text() gives
// it: each byte that is not UTF-8 becomes U+FFFD.
func asTheBrowserReadsIt(data []byte) []byte {
	var b strings.Builder
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		b.WriteRune(r)
		data = data[size:]
	}
	return []byte(b.String())
}

// goTo moves the app to path the way its own links do, without reloading.
func (p *page) goTo(path, condition string) {
	p.t.Helper()
	p.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`goappNav(%q)`, path)))
	p.waitFor(condition)
}

// expectNothingHostile fails the test for whatever proseCheck finds.
func (p *page) expectNothingHostile(where string) {
	p.t.Helper()
	for _, problem := range eval[[]string](p, proseCheck) {
		p.t.Errorf("%s: %s", where, problem)
	}
}

// Every hostile tour, hand-written or at the size limit, goes through the
// real import, one after the other in one page: each is refused or imported
// exactly as natively (the limits are the same code), nothing it contains
// runs or opens a dialog, no page error is logged, and the app still
// navigates at the end. Imported tours are shown in every view that renders
// their Markdown, then removed.
func TestImportingHostileToursRunsNoScriptAndTheAppKeepsRunning(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	p := openReturningPage(t, desktop)
	p.watchCSP()
	dialogs := p.watchDialogs()
	p.openApp("/tours")

	for _, h := range append(hostile.Corpus(), hostile.Pathological(knowledge.MaxMarkdownBytes)...) {
		tour, err := load.Tour(h.Name, asTheBrowserReadsIt(h.Markdown), k)
		if (err != nil) != h.Refused && utf8.Valid(h.Markdown) {
			t.Fatalf("%s: natively, load.Tour gives %v", h.Name, err)
		}
		p.importFile(h.Name, string(h.Markdown))
		if err != nil {
			p.waitFor(fmt.Sprintf(`((document.querySelector(".import-errors") || {}).textContent || "").includes(%q)`, "“"+h.Name+"” was not imported"))
			if first := err.(knowledge.Faults)[0]; !strings.Contains(p.text(".import-errors"), fmt.Sprintf("Line %d: %s", first.Line, first.Message)) {
				t.Errorf("%s: the import errors read %q, want the first fault %q", h.Name, p.text(".import-errors"), first)
			}
			p.expectNothingHostile(h.Name + " refused")
			continue
		}
		p.waitFor(fmt.Sprintf(`((document.querySelector(".import-done") || {}).textContent || "").includes(%q)`, "Imported “"+tour.Title+"”"))
		p.expectNothingHostile(h.Name + " imported")
		p.showEveryView(h.Name, tour)
	}

	if d := dialogs(); len(d) > 0 {
		t.Errorf("the imports opened dialogs: %q", d)
	}
	p.expectNoCSPViolation("importing hostile tours")
	p.clickUntil(`.site-header nav a[href="/about"]`, `location.pathname === "/about" && document.querySelector("h1") !== null`)
	p.clickUntil(`.site-header nav a[href="/"]`, `location.pathname === "/" && document.getElementById("node-debate") !== null`)
	if eval[string](p, `document.documentElement.dataset.app`) != "ready" {
		t.Errorf("after the imports the app is no longer running")
	}
}

// showEveryView shows an imported tour's handout (every narration), its
// first step in presenter view (speaker notes) and its self-check answered
// (feedback), checks each, then removes the tour.
func (p *page) showEveryView(name string, tour *knowledge.Tour) {
	p.t.Helper()
	query := "?tour=" + tour.ID
	p.goTo("/tours/imported"+query, fmt.Sprintf(`document.querySelectorAll(".handout-step .prose").length === %d`, len(tour.Steps)))
	p.expectNothingHostile(name + " handout")
	p.goTo("/present/imported"+query+"&step=1", `document.querySelector(".presenter-step h1") !== null`)
	p.expectNothingHostile(name + " presenter view")
	if len(tour.Quiz) > 0 {
		p.goTo("/tours/imported/play"+query+"&step=check", `document.querySelector(".quiz-option") !== null`)
		p.do(chromedp.Click(chromedp.CSS(".quiz-option")))
		p.waitFor(`document.querySelector(".quiz-feedback .prose") !== null`)
		p.expectNothingHostile(name + " self-check")
	}
	p.goTo("/tours", fmt.Sprintf(`document.querySelector('[data-tour="imported:%s"] .remove-tour') !== null`, tour.ID))
	p.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-tour="imported:%s"] .remove-tour`, tour.ID))))
	p.waitFor(fmt.Sprintf(`document.querySelector('[data-tour="imported:%s"]') === null`, tour.ID))
}
