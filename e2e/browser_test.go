package e2e

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Viewports the app must work at: a laptop or projector, and a phone.
var (
	desktop = viewport{"desktop", 1280, 800}
	phone   = viewport{"phone", 390, 844}
)

type viewport struct {
	name          string
	width, height int64
}

// page is one fresh browser profile with one tab. It records every request
// and every console error or uncaught exception; when the test ends it fails
// the test on any request outside the app's origin and on any page error the
// test did not declare as expected.
type page struct {
	t   *testing.T
	ctx context.Context
	// origin is the app's address, like http://127.0.0.1:41234.
	origin string

	// proxy records what the page sends anywhere but loopback.
	proxy *recordingProxy

	mu       sync.Mutex
	requests []string
	problems []string
	expected []string
}

// openPage opens a tab for a reader's first visit to the app at
// serverURL: a fresh browser context, as openPageAt. Tests of what the app
// does once it runs use openReturningPage, which costs less.
func openPage(t *testing.T, vp viewport) *page {
	t.Helper()
	return openPageAt(t, vp, serverURL)
}

// openPageAt opens a tab on an app served at origin, in a browser context
// of its own (its own storage, cache, service workers and cookies, as a
// fresh profile has) in the one Chromium the tests share, so that tests
// run side by side without starting a browser each.
func openPageAt(t *testing.T, vp viewport, origin string) *page {
	t.Helper()
	// Everything but loopback goes to a proxy that records it, one per
	// page, so that a request is blamed on the test that caused it.
	proxy := &recordingProxy{}
	stopProxy, err := proxy.start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stopProxy)
	ctx, cancelTab := chromedp.NewContext(sharedBrowser, chromedp.WithNewBrowserContext(func(p *target.CreateBrowserContextParams) {
		p.ProxyServer = "http://" + proxy.addr
	}))
	return openTab(t, vp, origin, ctx, cancelTab, proxy)
}

// openPageInProfile opens a tab in the shared browser's own profile, for
// what Chromium allows only outside a fresh browser context, which it
// treats as incognito: installing the app. Only one test may use it, and
// it must serve the app on an origin of its own.
func openPageInProfile(t *testing.T, vp viewport, origin string) *page {
	t.Helper()
	ctx, cancelTab := chromedp.NewContext(sharedBrowser)
	return openTab(t, vp, origin, ctx, cancelTab, offOrigin)
}

// openTab opens a page for test t in tab, a chromedp context of its own
// (a new tab, or one lent: release closes or gives it back as the test
// ends), on the app at origin, with what the tab sends outside loopback
// going to proxy.
func openTab(t *testing.T, vp viewport, origin string, tab context.Context, release func(), proxy *recordingProxy) *page {
	t.Helper()
	// chromedp serves a tab for as long as the context its first action
	// ran with: the tab's own, not the test's.
	if err := chromedp.Do(tab); err != nil {
		release()
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancelTest := context.WithTimeout(tab, 5*time.Minute)
	p := &page{t: t, ctx: ctx, origin: origin, proxy: proxy}
	// Listening on the test's own context, so that the listener goes with
	// the test, before a lent tab serves the next one.
	if err := chromedp.Listen(ctx, p.record); err != nil {
		cancelTest()
		release()
		t.Fatalf("listening to a tab: %v", err)
	}
	t.Cleanup(func() {
		p.checkRequests()
		p.checkProblems()
		cancelTest()
		release()
	})
	if err := setUpTab(p.ctx); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.EmulateViewport(vp.width, vp.height))
	return p
}

// setUpTab makes a new tab what every test expects, whatever it emulates.
func setUpTab(ctx context.Context) error {
	// chromedp turns on DevTools' CSS domain in every tab, which has the
	// renderer report and track every style sheet; no test reads styles
	// through it, and every page loads faster without it.
	if _, err := chromedp.Call(ctx, css.Disable, cdp.Empty{}); err != nil {
		return err
	}
	// A headless tab never has window focus, so focus events would not fire.
	_, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
	return err
}

func (p *page) record(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		p.requests = append(p.requests, ev.Request.URL)
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil {
			text += " " + d.Exception.Description
		}
		p.problems = append(p.problems, "uncaught exception: "+text)
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			p.problems = append(p.problems, "console.error: "+strings.Join(parts, " "))
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			p.problems = append(p.problems, "browser log: "+ev.Entry.Text+" "+ev.Entry.URL)
		}
	}
}

// expectProblem declares a page error the test causes on purpose, such as
// the browser's log line for a 404 response.
func (p *page) expectProblem(substring string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.expected = append(p.expected, substring)
}

func (p *page) checkRequests() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, u := range p.requests {
		if !strings.HasPrefix(u, p.origin+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			p.t.Errorf("the page requested %s, outside the app's origin %s", u, p.origin)
		}
	}
	for _, r := range p.proxy.take() {
		p.t.Errorf("the browser sent a request outside the app's origin: %s", r)
	}
}

func (p *page) checkProblems() {
	p.mu.Lock()
	defer p.mu.Unlock()
problems:
	for _, problem := range p.problems {
		for _, e := range p.expected {
			if strings.Contains(problem, e) {
				continue problems
			}
		}
		p.t.Errorf("page error: %s", problem)
	}
}

func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatalf("browser: %v", err)
	}
}

// eval runs JavaScript in the page and decodes its result.
func eval[T any](p *page, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// requested says whether the page has asked for a path of its origin.
func (p *page) requested(path string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, u := range p.requests {
		if u == p.origin+path {
			return true
		}
	}
	return false
}

// awaitEval runs JavaScript that gives a promise, and decodes what the
// promise resolves to.
func awaitEval[T any](p *page, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// cachedByTheWorker says whether any of the service worker's caches holds
// url.
func (p *page) cachedByTheWorker(url string) bool {
	p.t.Helper()
	return awaitEval[bool](p, fmt.Sprintf(`caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k).then(c => c.match(%q))))).then(found => found.some(Boolean))`, url))
}

// waitFor polls a JavaScript condition until it holds. Errors while the
// page is between documents (a reload, a navigation) are retried.
func (p *page) waitFor(condition string) {
	p.t.Helper()
	if !p.within(20*time.Second, condition) {
		p.t.Fatalf("waiting for %s: timed out", condition)
	}
}

// within says whether condition holds in the page before the time is up.
// The page checks it itself, every 20 ms for up to a second a call, so a
// wait costs the browser a call a second rather than one a poll. A call
// that fails (the page was between documents) or that goes unanswered (a
// page whose scripts are off may never run the page's timer) is made
// again.
func (p *page) within(wait time.Duration, condition string) bool {
	p.t.Helper()
	for deadline := time.Now().Add(wait); time.Now().Before(deadline); {
		slice := min(time.Until(deadline), time.Second)
		ctx, cancel := context.WithTimeout(p.ctx, slice+500*time.Millisecond)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](checkedInPage(condition, slice), chromedp.EvalAwaitPromise))
		cancel()
		if err == nil && ok {
			return true
		}
		if err != nil {
			time.Sleep(50 * time.Millisecond)
		}
	}
	return false
}

// checkedInPage is a promise that resolves to true as soon as condition
// is true in the page, or to false after slice. A condition that throws
// (an element not there yet) counts as false.
func checkedInPage(condition string, slice time.Duration) string {
	return fmt.Sprintf(`new Promise((resolve) => {
	const until = Date.now() + %d;
	const check = () => {
		let holds = false;
		try { holds = (%s) === true; } catch (e) {}
		if (holds || Date.now() >= until) { resolve(holds); } else { setTimeout(check, 20); }
	};
	check();
})`, slice.Milliseconds(), condition)
}

// open loads a path of the app as a reader typing it would.
func (p *page) open(path string) {
	p.t.Helper()
	p.do(chromedp.Navigate(p.origin + path))
}

// openApp loads a path and waits until the WebAssembly has taken over.
func (p *page) openApp(path string) {
	p.t.Helper()
	p.open(path)
	p.waitForApp()
}

// showEach opens the first path as a reader arriving there would, moves
// the app on to each next one as a link inside it would, and checks each
// page shown: one start of the app for many pages.
func (p *page) showEach(paths []string, check func(path string)) {
	p.t.Helper()
	for i, path := range paths {
		if i == 0 {
			p.openApp(path)
		} else {
			p.showInApp(path)
		}
		check(path)
	}
}

func (p *page) waitForApp() {
	p.t.Helper()
	p.waitFor(`document.documentElement.dataset.app === "ready"`)
}

func (p *page) text(selector string) string {
	p.t.Helper()
	return eval[string](p, fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, selector))
}

func (p *page) count(selector string) int {
	p.t.Helper()
	return eval[int](p, fmt.Sprintf(`document.querySelectorAll(%q).length`, selector))
}

// screenshot saves what the reader sees now as an artefact.
func (p *page) screenshot(name string) {
	p.t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(artifacts, name+".png"), png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func listenLoopback() (net.Listener, error) {
	return net.Listen("tcp", "127.0.0.1:0")
}
