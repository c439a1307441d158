package e2e

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// openReturningPage opens the app for a reader who has used it before on
// this device: a tab of a browser context that visited the app at serverURL
// once and holds its offline copy (the service worker active, its cache
// filled), with everything the app stores for the reader cleared (local
// storage, IndexedDB, cookies, the tab's session storage).
//
// The tab is lent, one test at a time, and between two tests it is left
// on about:blank with no history. A test that changes the tab itself (the
// media it emulates, touch, the user agent, scripts run before every
// document) does so through the page's helpers, which undo it when the
// test ends.
//
// It is for tests of what the app does once it runs. A test of a first
// visit, of what the worker caches or keeps, of the network, of the
// storage's permissions or of going offline opens a fresh browser context
// with openPage. A fresh context costs a first visit's download and
// precache, and a new tab a new renderer that compiles the WebAssembly
// again: on the suite's 2-core machines, about 2.1 s of CPU against 0.7 s.
func openReturningPage(t *testing.T, vp viewport) *page {
	t.Helper()
	b := returning.take(t)
	p := openTab(t, vp, serverURL, b.tab, func() { returning.giveBack(b) }, b.proxy)
	if _, err := chromedp.Call(p.ctx, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{
		Origin:       serverURL,
		StorageTypes: "local_storage,indexeddb,cookies,websql,file_systems",
	}); err != nil {
		t.Fatalf("clearing the reader's stored data: %v", err)
	}
	return p
}

// returning holds the browser contexts that openReturningPage lends, one
// per test at a time: as many as tests ever ran side by side.
var returning = &returningBrowsers{}

type returningBrowsers struct {
	mu   sync.Mutex
	idle []*returningBrowser
}

// returningBrowser is a browser context that has visited the app once,
// and its one tab, which owns the context: closing the tab disposes of it.
type returningBrowser struct {
	tab   context.Context
	close func()
	proxy *recordingProxy
}

// take lends an idle browser context, or makes one: its first visit is
// made, and checked, as part of test t.
func (r *returningBrowsers) take(t *testing.T) *returningBrowser {
	t.Helper()
	r.mu.Lock()
	if n := len(r.idle); n > 0 {
		b := r.idle[n-1]
		r.idle = r.idle[:n-1]
		r.mu.Unlock()
		return b
	}
	r.mu.Unlock()
	return firstVisit(t)
}

// giveBack clears what the test left in the tab and lends it again; a tab
// that cannot be cleared is closed with its browser context.
func (r *returningBrowsers) giveBack(b *returningBrowser) {
	if err := b.clear(); err != nil {
		b.close()
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.idle = append(r.idle, b)
}

// clear ends the test's document and forgets its session storage, its
// history and where it left the mouse. The session storage is the tab's
// own and outlives a navigation, so it is cleared while the app's origin
// is still loaded.
func (b *returningBrowser) clear() error {
	ctx, cancel := context.WithTimeout(b.tab, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { try { sessionStorage.clear(); } catch (e) {} return true; })()`)); err != nil {
		return err
	}
	if err := leaveForBlank(ctx); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, cdppage.ResetNavigationHistory, cdp.Empty{}); err != nil {
		return err
	}
	// The renderer stays, and with it the mouse where the last test left
	// it: the next test's page would open whatever lay under it.
	return chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, -1, -1))
}

// leaveForBlank has the page itself go to about:blank, which takes the
// page's origin and stays in its renderer: the app's next start there
// cost 0.7 s of CPU, against 1.0 s after an about:blank that DevTools
// opened, which Chromium gives a renderer of its own.
func leaveForBlank(ctx context.Context) error {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`location.replace("about:blank"), true`)); err != nil {
		return err
	}
	for {
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
		if err == nil && href == "about:blank" {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// firstVisit makes a browser context, with a proxy that records what it
// sends outside loopback, and visits the app in its tab until the offline
// copy is in place. The context lives until the shared browser stops, or
// until its tab cannot be cleared.
func firstVisit(t *testing.T) *returningBrowser {
	t.Helper()
	proxy := &recordingProxy{}
	stopProxy, err := proxy.start()
	if err != nil {
		t.Fatal(err)
	}
	tab, closeTab := chromedp.NewContext(sharedBrowser, chromedp.WithNewBrowserContext(func(p *target.CreateBrowserContextParams) {
		p.ProxyServer = "http://" + proxy.addr
	}))
	b := &returningBrowser{tab: tab, proxy: proxy, close: func() { closeTab(); stopProxy() }}
	// The tab is opened with its own context: chromedp serves a tab for as
	// long as the context its first action ran with.
	if err := chromedp.Do(tab); err != nil {
		b.close()
		t.Fatalf("opening a browser context: %v", err)
	}
	visiting, endVisit := context.WithTimeout(tab, 2*time.Minute)
	defer endVisit()
	visit := &page{t: t, ctx: visiting, origin: serverURL, proxy: proxy}
	if err := chromedp.Listen(visiting, visit.record); err != nil {
		t.Fatalf("opening a browser context: %v", err)
	}
	if err := setUpTab(visiting); err != nil {
		t.Fatal(err)
	}
	visit.openApp("/")
	visit.waitForOfflineCopy()
	visit.checkRequests()
	visit.checkProblems()
	if err := b.clear(); err != nil {
		t.Fatalf("leaving the first visit: %v", err)
	}
	return b
}

// emulateMedia has the tab report a media feature, such as
// prefers-color-scheme: dark, until the test ends.
func (p *page) emulateMedia(name, value string) {
	p.t.Helper()
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: name, Value: value}},
	}); err != nil {
		p.t.Fatal(err)
	}
	p.undoWhenDone(func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		return err
	})
}

// emulateTouch gives the tab a touch screen of one finger until the test
// ends.
func (p *page) emulateTouch() {
	p.t.Helper()
	if _, err := chromedp.Call(p.ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 1}); err != nil {
		p.t.Fatal(err)
	}
	p.undoWhenDone(func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{})
		return err
	})
}

// undoWhenDone undoes a change to the tab as the test ends, before the
// tab is lent again; a change that cannot be undone fails the test.
func (p *page) undoWhenDone(undo func(ctx context.Context) error) {
	t := p.t
	t.Cleanup(func() {
		if err := undo(p.ctx); err != nil {
			t.Errorf("undoing a change to the tab: %v", err)
		}
	})
}
