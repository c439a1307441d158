package e2e

import (
	"context"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// openReturningPage opens a tab for a reader who has used the app before on
// this device: in a browser context that visited the app at serverURL once
// and holds its offline copy (the service worker active, its cache filled),
// with everything the app stores for the reader cleared (local storage,
// IndexedDB, cookies). A fresh tab has none of another test's emulation,
// scripts or history.
//
// It is for tests of what the app does once it runs. A test of a first
// visit, of what the worker caches or keeps, of the network, of the
// storage's permissions or of going offline opens a fresh browser context
// with openPage. A fresh context costs a first visit's download and
// precache, twice the CPU of this tab on the suite's 2-core machines, and
// most tests need neither.
func openReturningPage(t *testing.T, vp viewport) *page {
	t.Helper()
	b := returning.take(t)
	// Registered before the tab's own cleanup, so it runs after the tab
	// has closed and the proxy has been read for this test.
	t.Cleanup(func() { returning.give(b) })
	ctx, cancelTab := chromedp.NewContext(b.ctx)
	p := openTab(t, vp, serverURL, ctx, cancelTab, b.proxy)
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

// returningBrowser is a browser context that has visited the app once.
// Its first tab, left on about:blank, owns the context.
type returningBrowser struct {
	ctx   context.Context
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

func (r *returningBrowsers) give(b *returningBrowser) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.idle = append(r.idle, b)
}

// firstVisit makes a browser context, with a proxy that records what it
// sends outside loopback, and visits the app in it until the offline copy
// is in place. The context lives until the shared browser stops.
func firstVisit(t *testing.T) *returningBrowser {
	t.Helper()
	proxy := &recordingProxy{}
	if _, err := proxy.start(); err != nil {
		t.Fatal(err)
	}
	ctx, _ := chromedp.NewContext(sharedBrowser, chromedp.WithNewBrowserContext(func(p *target.CreateBrowserContextParams) {
		p.ProxyServer = "http://" + proxy.addr
	}))
	visit := &page{t: t, ctx: ctx, origin: serverURL, proxy: proxy}
	if err := chromedp.Listen(ctx, visit.record); err != nil {
		t.Fatalf("opening a browser context: %v", err)
	}
	visit.openApp("/")
	visit.waitForOfflineCopy()
	visit.do(chromedp.Navigate("about:blank"))
	visit.checkRequests()
	visit.checkProblems()
	return &returningBrowser{ctx: ctx, proxy: proxy}
}
