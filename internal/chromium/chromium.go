// Package chromium starts Debian's Chromium the one way this project does,
// for the browser tests and the benchmarks alike: headless, in a fresh
// profile, with the browser's own services that would reach the network
// switched off, and every address but loopback sent to proxy.
package chromium

import (
	"slices"
	"strings"

	"github.com/chromedp/chromedp"
)

// Options are the allocator options for Chromium at execPath on profile,
// with a window of width × height, sending every non-loopback request to
// the proxy at proxyAddr (host:port).
func Options(execPath, profile string, width, height int, proxyAddr string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("disable-features", strings.Join(featuresOff, ",")),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
		chromedp.ProxyServer("http://"+proxyAddr),
	)
}

// featuresOff are Chromium's own services that the flags of Options leave
// running, and the parts of its window that headless never shows. Each new
// window (a fresh browser context is one) started two renderers for the
// address bar's suggestions (WebUIOmniboxPopup, WebUIOmniboxAimPopup) and a
// spare one for the next site: 2.0 s of CPU on this project's 2-core
// machines for an about:blank, 0.3 s without them.
var featuresOff = []string{
	"Translate", "OptimizationHints", "OptimizationGuideModelDownloading",
	"NetworkTimeServiceQuerying", "MediaRouter", "AutofillServerCommunication", "CertificateTransparencyComponentUpdater",
	"WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "SpareRendererForSitePerProcess",
}

// QuickerForTests has Chromium compile WebAssembly with its baseline
// compiler (Liftoff) only, each function on its first call as Chromium
// does by default (--liftoff-only alone compiles every function up
// front). Every browser test opens fresh browser contexts, and in each V8
// optimised the app's 8.5 MB module again: a page of the app takes about
// 3.5 s of CPU to be ready and precached this way, 4.1 s with every
// function compiled up front, on this project's 2-core machines. What the
// tests check does not depend on how the code is compiled; the benchmarks
// keep Chromium's defaults, which readers have.
//
// It also turns off two things that cost every page load and that no
// test looks at: the back-forward cache, which keeps each page left frozen
// in memory, its running WebAssembly included (the tests go back only
// within the app, where the page stays), and RenderDocument, a new frame
// and compositor for each page loaded rather than reusing the tab's, which
// no page can tell. On 137 page loads in one tab they took a third of the
// renderer's CPU and two thirds of the GPU process's.
func QuickerForTests() []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.Flag("js-flags", "--liftoff-only --wasm-lazy-compilation"),
		chromedp.Flag("disable-features", strings.Join(append(slices.Clip(featuresOff), "BackForwardCache", "RenderDocument"), ",")),
	}
}

// NoProxy is a proxy address where nothing listens: requests sent there
// fail at once, so nothing a benchmark does can leave the machine.
const NoProxy = "127.0.0.1:1"
