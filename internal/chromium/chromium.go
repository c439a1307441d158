// Package chromium starts Debian's Chromium the one way this project does,
// for the browser tests and the benchmarks alike: headless, in a fresh
// profile, with the browser's own services that would reach the network
// switched off, and every address but loopback sent to proxy.
package chromium

import "github.com/chromedp/chromedp"

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
		// Chromium's own services that the flags above leave running.
		chromedp.Flag("disable-features", "Translate,OptimizationHints,OptimizationGuideModelDownloading,"+
			"NetworkTimeServiceQuerying,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
		chromedp.ProxyServer("http://"+proxyAddr),
	)
}

// QuickerForTests has Chromium compile WebAssembly with its baseline
// compiler (Liftoff) only. Every browser test opens fresh browser contexts,
// and in each V8 optimised the app's 8.5 MB module again: without that, a
// page of the app is ready in about 2.0 s instead of 2.6 to 3.3 s on 2
// shared cores. What the tests check does not depend on the compiler tier;
// the benchmarks keep Chromium's defaults, which readers have.
func QuickerForTests() chromedp.ExecAllocatorOption {
	return chromedp.Flag("js-flags", "--liftoff-only")
}

// NoProxy is a proxy address where nothing listens: requests sent there
// fail at once, so nothing a benchmark does can leave the machine.
const NoProxy = "127.0.0.1:1"
