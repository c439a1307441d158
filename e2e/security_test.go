package e2e

import (
	"net/http"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// cspWatcher runs before any script of each document the tab loads and
// records every Content-Security-Policy violation the browser reports.
const cspWatcher = `window.cspViolations = [];
document.addEventListener("securitypolicyviolation", e => {
  window.cspViolations.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") +
    " at " + e.sourceFile + ":" + e.lineNumber + " " + (e.sample || ""));
}, true);`

// watchCSP installs cspWatcher in every document the page loads from now on.
func (p *page) watchCSP() {
	p.t.Helper()
	if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatcher}); err != nil {
		p.t.Fatal(err)
	}
}

// cspViolations returns what the browser has blocked in the current document.
func (p *page) cspViolations() []string {
	p.t.Helper()
	return eval[[]string](p, `window.cspViolations || ["the violation watcher is not installed"]`)
}

// settle waits until the service worker is active, so that it and
// everything it fetches have been checked against the policy too.
func (p *page) settle() {
	p.t.Helper()
	_, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`navigator.serviceWorker.ready.then(r => !!r.active)`, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("waiting for the service worker: %v", err)
	}
}

// clickUntil clicks the element with the mouse until condition holds. The
// header can grow while the app starts (the install and offline notices),
// which moves the element between the moment the click is aimed and the
// moment it lands: then the click is aimed again, at most three times.
func (p *page) clickUntil(selector, condition string) {
	p.t.Helper()
	var err error
	for range 3 {
		p.do(chromedp.Click(chromedp.CSS(selector)))
		_, err = chromedp.Run(p.ctx, chromedp.Poll[bool](condition,
			chromedp.WithPollingTimeout(5*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
		if err == nil {
			return
		}
	}
	p.t.Fatalf("clicking %s three times: still not %s: %v", selector, condition, err)
}

func (p *page) expectNoCSPViolation(where string) {
	p.t.Helper()
	if v := p.cspViolations(); len(v) > 0 {
		p.t.Errorf("%s: the Content-Security-Policy blocked %d thing(s):\n%s", where, len(v), strings.Join(v, "\n"))
	}
}

// The policy the server must send; cmd/oversight tests it on every kind of
// response, this test checks that the app still works under it.
const wantCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
	"font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; media-src 'self'; " +
	"frame-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

func TestTheAppStartsUnderTheStrictContentSecurityPolicy(t *testing.T) {
	t.Parallel()
	for _, path := range []string{"/", "/concepts/debate"} {
		res, err := http.Get(serverURL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Content-Security-Policy"); got != wantCSP {
			t.Fatalf("%s is served with Content-Security-Policy %q, want %q", path, got, wantCSP)
		}
	}

	p := openPage(t, desktop)
	p.watchCSP()

	// The map: the WebAssembly starts, the service worker installs, and a
	// click opens a concept in the app.
	p.openApp("/")
	p.settle()
	p.expectNoCSPViolation("the map")
	p.expectTheCompileWorkerRehearsedTheStart("the map")
	p.clickUntil("#node-debate", `location.pathname === "/concepts/debate"`)
	p.waitFor(`document.querySelector("h1") && document.querySelector("h1").textContent === "Debate"`)
	p.expectNoCSPViolation("a concept opened from the map")

	// A concept page opened directly: its definition opens, and a click on
	// a related concept opens that one in the app.
	p.openApp("/concepts/debate")
	p.settle()
	p.expectTheCompileWorkerRehearsedTheStart("a concept page, from the offline copy")
	p.clickUntil("details.definition > summary", `document.querySelector("details.definition").open`)
	p.expectNoCSPViolation("a concept page")
	p.clickUntil(".back a", `location.pathname === "/" && document.getElementById("node-debate") !== null`)
	p.clickUntil("#node-scalable-oversight", `location.pathname === "/concepts/scalable-oversight"`)
	// The address changes a frame before the page is drawn.
	p.waitFor(`document.documentElement.dataset.shown === "/concepts/scalable-oversight"`)
	p.expectNoCSPViolation("a concept opened from a concept page")
}

// expectTheCompileWorkerRehearsedTheStart fails the test unless the worker
// that compiled the WebAssembly started the program before the page did,
// and then decoded the knowledge and rendered the page as the page was
// about to (web/wasmcompile.js, cmd/oversight/rehearsal_wasm.go), which
// app.js marks: the policy allows the worker to load Go's wasm_exec.js, to
// instantiate the module and to fetch the knowledge.
func (p *page) expectTheCompileWorkerRehearsedTheStart(where string) {
	p.t.Helper()
	if !eval[bool](p, `performance.getEntriesByName("oversight:go-started-in-worker").length === 1`) {
		p.t.Errorf("%s: the worker that compiled the WebAssembly did not start Go before the page", where)
	}
	if !p.within(20*time.Second, `performance.getEntriesByName("oversight:worker-rehearsed").length === 1`) {
		p.t.Errorf("%s: the worker that compiled the WebAssembly did not rehearse the page's start", where)
	}
}

// A check that the test above can fail: the browser enforces the policy the
// server sends, and the watcher sees what it blocks.
func TestTheBrowserBlocksInlineScriptAndStyle(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.expectProblem("Content Security Policy")
	p.watchCSP()
	p.openApp("/")

	ran := eval[bool](p, `(() => {
	  window.inlineRan = false;
	  const s = document.createElement("script");
	  s.textContent = "window.inlineRan = true";
	  document.body.append(s);
	  const d = document.createElement("div");
	  d.setAttribute("style", "color: red");
	  document.body.append(d);
	  return window.inlineRan;
	})()`)
	if ran {
		t.Errorf("an inline script ran: the page has no Content-Security-Policy in force")
	}
	p.waitFor(`window.cspViolations.length >= 2`)
	got := strings.Join(p.cspViolations(), "\n")
	for _, want := range []string{"script-src-elem blocked inline", "style-src-attr blocked inline"} {
		if !strings.Contains(got, want) {
			t.Errorf("the watcher did not report %q; it saw:\n%s", want, got)
		}
	}
}
