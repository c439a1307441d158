package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"oversight/internal/chromium"
)

// profile is a network a site's visits are slowed to (see link). The zero
// throughput means no slowing.
type profile struct {
	Name  string  `json:"name"`
	Label string  `json:"label"`
	Down  float64 `json:"downloadBitsPerSecond"`
	// Latency is added to every request, from its arrival at the server to
	// the response's headers.
	Latency float64 `json:"latencyMs"`
}

// loopback is the network as it is, not slowed.
var loopback = profile{Name: "loopback", Label: "loopback"}

// profiles are Lighthouse's desktop and mobile networks, and loopback.
var profiles = []profile{
	loopback,
	{Name: "10mbit", Label: "10 Mbit/s, 40 ms", Down: 10e6, Latency: 40},
	{Name: "1.6mbit", Label: "1.6 Mbit/s, 150 ms", Down: 1.6e6, Latency: 150},
}

// browser is one headless Chromium on one profile folder, recording the
// requests of its tab.
type browser struct {
	ctx   context.Context
	close func()

	mu       sync.Mutex
	requests map[network.RequestID]*request
	order    []network.RequestID
}

// request is one request of the page as the DevTools protocol saw it.
type request struct {
	URL      string `json:"url"`
	Status   int64  `json:"status"`
	Encoding string `json:"encoding,omitempty"`
	// Bytes is what came over the network, headers included; zero for
	// what the service worker served from its cache.
	Bytes      int64  `json:"bytes"`
	FromWorker bool   `json:"fromServiceWorker,omitempty"`
	Failed     string `json:"failed,omitempty"`
}

// startBrowser starts Chromium on profileDir with the flags the browser
// tests use. Every address but loopback goes to a proxy that is not there,
// so nothing the bench does can leave the machine.
func startBrowser(chromiumPath, profileDir string) (*browser, error) {
	opts := chromium.Options(chromiumPath, profileDir, 1280, 800, chromium.NoProxy)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	b := &browser{ctx: ctx, requests: make(map[network.RequestID]*request)}
	b.close = func() {
		// A graceful close lets Chromium write the profile (the service
		// worker's cache) to disk before a restart reads it.
		tctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		chromedp.Cancel(tctx)
		cancel()
		cancelCtx()
		cancelAlloc()
	}
	if err := chromedp.Do(ctx); err != nil {
		b.close()
		return nil, fmt.Errorf("starting Chromium: %w", err)
	}
	if err := chromedp.Listen(ctx, b.record); err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

func (b *browser) version() (string, error) {
	v, err := chromedp.CallBrowser(b.ctx, cdpbrowser.GetVersion, cdp.Empty{})
	return v.Product, err
}

func (b *browser) record(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if _, ok := b.requests[ev.RequestID]; !ok {
			b.order = append(b.order, ev.RequestID)
		}
		b.requests[ev.RequestID] = &request{URL: ev.Request.URL}
	case *network.EventResponseReceived:
		if r, ok := b.requests[ev.RequestID]; ok {
			r.Status = ev.Response.Status
			r.Encoding = header(ev.Response.Headers, "Content-Encoding")
			r.FromWorker = ev.Response.FromServiceWorker
		}
	case *network.EventLoadingFinished:
		if r, ok := b.requests[ev.RequestID]; ok {
			r.Bytes = int64(ev.EncodedDataLength)
		}
	case *network.EventLoadingFailed:
		if r, ok := b.requests[ev.RequestID]; ok {
			r.Failed = ev.ErrorText
		}
	}
}

func header(h network.Headers, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return fmt.Sprint(v)
		}
	}
	return ""
}

// metrics are the page's own timings, in milliseconds from the start of
// the navigation; -1 where the page has no such entry.
type metrics struct {
	FCP         float64 `json:"fcp"`
	Interactive float64 `json:"interactive"`
	// The app's start-up steps (cmd/oversight/main_wasm.go): main() begins,
	// the content is loaded, the routes are registered.
	Main          float64 `json:"main"`
	ContentLoaded float64 `json:"contentLoaded"`
	Registered    float64 `json:"registered"`
	// WasmEnd is when the last byte of app.wasm arrived.
	WasmEnd float64 `json:"wasmEnd"`
}

const metricsJS = `(() => {
  const at = (name) => { const e = performance.getEntriesByName(name)[0]; return e ? e.startTime : -1; };
  const wasm = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname === "/web/app.wasm");
  return {
    fcp: at("first-contentful-paint"),
    interactive: at("oversight:interactive"),
    main: at("oversight:main"),
    contentLoaded: at("oversight:content-loaded"),
    registered: at("oversight:registered"),
    wasmEnd: wasm ? wasm.responseEnd : -1,
  };
})()`

// loadedJS waits, in the page, until it has painted, finished loading and,
// if it runs WebAssembly, marked itself interactive.
const loadedJS = `new Promise((resolve) => {
  const done = () => document.readyState === "complete" &&
    performance.getEntriesByName("first-contentful-paint").length > 0 &&
    (!%t || performance.getEntriesByName("oversight:interactive").length > 0);
  const check = () => (done() ? resolve(true) : setTimeout(check, 20));
  check();
})`

// load opens origin's first page and waits until it is loaded, then reads
// its timings. Requests outside the origin are an error: the bench must
// measure the site alone.
func (b *browser) load(origin string, wasm bool, timeout time.Duration) (metrics, error) {
	ctx, cancel := context.WithTimeout(b.ctx, timeout)
	defer cancel()
	// Page.navigate returns once the navigation has started; loadedJS then
	// waits for the load itself, on the page's own terms.
	nav, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: origin + "/"})
	if err == nil && nav.ErrorText != "" {
		err = errors.New(nav.ErrorText)
	}
	if err != nil {
		return metrics{}, fmt.Errorf("opening %s: %w", origin, err)
	}
	if err := waitJS(ctx, fmt.Sprintf(loadedJS, wasm)); err != nil {
		return metrics{}, fmt.Errorf("waiting for %s to load: %w", origin, err)
	}
	m, err := chromedp.Run(ctx, chromedp.Evaluate[metrics](metricsJS))
	if err != nil {
		return m, err
	}
	return m, b.offOrigin(origin)
}

// waitJS evaluates a promise until it resolves to true, retrying while the
// page is between documents.
func waitJS(ctx context.Context, js string) error {
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise))
		if err == nil && ok {
			return nil
		}
		if ctx.Err() != nil {
			return errors.Join(ctx.Err(), err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// workerReadyJS waits until the service worker is active and has the
// WebAssembly in its cache, and the cache has stopped growing: go-app's
// worker activates before its precache ends, the app's only after.
const workerReadyJS = `(async () => {
  const count = async () => {
    let n = 0;
    for (const key of await caches.keys()) n += (await (await caches.open(key)).keys()).length;
    return n;
  };
  let last = -1;
  for (;;) {
    const reg = await navigator.serviceWorker.getRegistration();
    const ready = reg && reg.active && reg.active.state === "activated" && (await caches.match("/web/app.wasm"));
    const n = await count();
    if (ready && n === last) return true;
    last = n;
    await new Promise((r) => setTimeout(r, 500));
  }
})()`

func (b *browser) waitForWorker(timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(b.ctx, timeout)
	defer cancel()
	return waitJS(ctx, workerReadyJS)
}

// offOrigin fails if the page asked for anything outside origin.
func (b *browser) offOrigin(origin string) error {
	for _, r := range b.snapshot() {
		u, err := url.Parse(r.URL)
		if err != nil || (u.Scheme != "data" && u.Scheme != "blob" && u.Scheme+"://"+u.Host != origin) {
			return fmt.Errorf("the page at %s requested %s, outside its origin", origin, r.URL)
		}
	}
	return nil
}

// snapshot returns the requests so far, in the order they were sent.
func (b *browser) snapshot() []request {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]request, 0, len(b.order))
	for _, id := range b.order {
		out = append(out, *b.requests[id])
	}
	return out
}

// newProfileDir is a fresh Chromium profile folder.
func newProfileDir() (string, error) {
	return os.MkdirTemp("", "oversight-bench-profile-")
}

// removeProfileDir removes a profile folder, retrying while Chromium's
// helper processes finish writing to it.
func removeProfileDir(dir string) {
	for range 50 {
		if os.RemoveAll(dir) == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}
