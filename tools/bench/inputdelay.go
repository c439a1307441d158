package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// cpuSlowdown is the CPU throttling of Lighthouse's mobile runs, which the
// input-delay visits apply through Emulation.setCPUThrottlingRate.
const cpuSlowdown = 4

// tapEvery is how often a reader taps while the app starts.
const tapEvery = 200 * time.Millisecond

// tapRecorderJS runs in every document before the page's own scripts. Its
// listeners are the first of every pointerdown and pointerup (window,
// capture phase: a tap is both, and either can wait on a long task), so
// performance.now() there is the moment the main thread began to handle
// the tap: the Event Timing API's processingStart. event.timeStamp is when
// the browser received the tap (Event Timing's startTime). The difference
// is the tap's input delay. Event Timing's own entries cannot be used
// alone: Chromium records only events that took 16 ms or more.
const tapRecorderJS = `window.__benchTaps = [];
for (const type of ["pointerdown", "pointerup"]) {
  addEventListener(type, (e) => {
    if (e.isTrusted) window.__benchTaps.push({ type, at: e.timeStamp, delay: performance.now() - e.timeStamp });
  }, { capture: true });
}`

// quietSpotJS finds a point of the page where a tap opens nothing: no
// link, control, map or focusable element under it.
const quietSpotJS = `(() => {
  const busy = "a, button, input, select, textarea, summary, label, details, svg, [tabindex], [role]";
  for (let y = innerHeight - 8; y > 8; y -= 24) {
    for (let x = 8; x < innerWidth - 8; x += 48) {
      const el = document.elementFromPoint(x, y);
      if (el && !el.closest(busy)) return [x, y];
    }
  }
  return [1, 1];
})()`

// tap is the input delay of one half of a tap (Type pointerdown or
// pointerup), in ms; At is when it was received, from the start of the
// navigation.
type tap struct {
	Type  string  `json:"type"`
	At    float64 `json:"at"`
	Delay float64 `json:"delay"`
}

// inputDelaySample is one start of one page with taps from its first
// paint until the app marked itself interactive.
type inputDelaySample struct {
	Variant string  `json:"variant"`
	Path    string  `json:"path"`
	Run     int     `json:"run"`
	FCP     float64 `json:"fcp"`
	// Interactive is the mark oversight:interactive.
	Interactive float64 `json:"interactive"`
	// Steps are the app's start-up marks, to say what a tap waited for.
	Steps metrics `json:"steps"`
	Taps  []tap   `json:"taps"`
}

// startUpStep names the step of the app's start-up (cmd/oversight/
// main_wasm.go) under way at a moment, from the marks of that start.
func startUpStep(at float64, m metrics) string {
	switch {
	case m.Main < 0 || at < m.Main:
		return "before main (the page, the WebAssembly's instantiation, Go's runtime starting)"
	case m.ContentLoaded < 0:
		return "running main (a program without the app's marks)"
	case at < m.ContentLoaded:
		return "decoding the knowledge"
	case m.Registered < 0 || at < m.Registered:
		return "opening the local data and registering the routes"
	default:
		return "drawing the first page"
	}
}

// tapsWhileStarting keeps the taps received from the first paint until the
// app was interactive: the taps that met the start-up.
func tapsWhileStarting(taps []tap, fcp, interactive float64) []tap {
	var kept []tap
	for _, t := range taps {
		if t.At >= fcp && t.At <= interactive {
			kept = append(kept, t)
		}
	}
	return kept
}

// inputDelays opens a page of a variant in a fresh profile with the CPU
// slowed 4×, taps a quiet spot of it every 200 ms from its first paint
// until it is interactive, and reads each tap's delay. The spot is found
// first, on the page without its scripts.
//
// Each tap (press and release) waits for the page to take it before the
// next is sent, as a reader who taps again only once the page has
// answered: while a long task runs, one tap waits for it, not several.
func (m *measurer) inputDelays(v *variant, path string, run int) (inputDelaySample, error) {
	dir, err := newProfileDir()
	if err != nil {
		return inputDelaySample{}, err
	}
	defer removeProfileDir(dir)
	b, err := m.start(dir)
	if err != nil {
		return inputDelaySample{}, err
	}
	defer b.close()
	ctx, cancel := context.WithTimeout(b.ctx, m.timeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: cpuSlowdown}); err != nil {
		return inputDelaySample{}, err
	}
	spot, err := quietSpot(ctx, v.origin+path)
	if err != nil {
		return inputDelaySample{}, err
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: tapRecorderJS}); err != nil {
		return inputDelaySample{}, err
	}
	nav, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: v.origin + path})
	if err == nil && nav.ErrorText != "" {
		err = errors.New(nav.ErrorText)
	}
	if err != nil {
		return inputDelaySample{}, fmt.Errorf("opening %s%s: %w", v.origin, path, err)
	}
	// Tapping starts at once, not when the page is seen to paint: asking
	// the page waits for its main thread. Taps before the first paint are
	// left out afterwards.
	loaded := make(chan error, 1)
	go func() { loaded <- waitJS(ctx, fmt.Sprintf(loadedJS, true)) }()
	if err := tapUntil(ctx, spot, loaded); err != nil {
		return inputDelaySample{}, fmt.Errorf("tapping %s%s while it starts: %w", v.origin, path, err)
	}
	met, err := chromedp.Run(ctx, chromedp.Evaluate[metrics](metricsJS))
	if err != nil {
		return inputDelaySample{}, err
	}
	taps, err := chromedp.Run(ctx, chromedp.Evaluate[[]tap](`window.__benchTaps`))
	if err != nil {
		return inputDelaySample{}, err
	}
	return inputDelaySample{Variant: v.name, Path: path, Run: run, FCP: met.FCP, Interactive: met.Interactive, Steps: met,
		Taps: tapsWhileStarting(taps, met.FCP, met.Interactive)}, b.offOrigin(v.origin)
}

// quietSpot finds a quiet spot of the page at url as it is prerendered,
// with its scripts held back so that the page answers at once, in the
// browser of ctx.
func quietSpot(ctx context.Context, url string) ([2]float64, error) {
	if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{
		{URLPattern: "*://*:*/*.js", Block: true}, {URLPattern: "*://*:*/*.wasm", Block: true},
	}}); err != nil {
		return [2]float64{}, err
	}
	defer chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{})
	nav, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: url})
	if err == nil && nav.ErrorText != "" {
		err = errors.New(nav.ErrorText)
	}
	if err != nil {
		return [2]float64{}, fmt.Errorf("opening %s: %w", url, err)
	}
	if err := waitJS(ctx, `document.readyState === "complete"`); err != nil {
		return [2]float64{}, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[2]float64](quietSpotJS))
}

// tapUntil taps spot every tapEvery until done says the page is
// interactive (or failed to become so).
func tapUntil(ctx context.Context, spot [2]float64, done <-chan error) error {
	tick := time.NewTicker(tapEvery)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-tick.C:
			for _, t := range []input.DispatchMouseEventType{input.DispatchMouseEventTypeMousePressed, input.DispatchMouseEventTypeMouseReleased} {
				if _, err := chromedp.Call(ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
					Type: t, X: spot[0], Y: spot[1], Button: input.MouseButtonLeft, ClickCount: 1,
				}); err != nil {
					return err
				}
			}
		}
	}
}

// inputDelayCell sums up the taps of every start of one page.
type inputDelayCell struct {
	Variant string `json:"variant"`
	Path    string `json:"path"`
	Runs    int    `json:"runs"`
	// Events counts the pointerdown and pointerup events of the taps.
	Events int `json:"events"`
	// Worst and Median are over every event of every run, in ms; -1 when
	// no tap met the start-up.
	Worst  float64 `json:"worstMs"`
	Median float64 `json:"medianMs"`
	// Interactive is the median time to the mark, throttled.
	Interactive float64 `json:"interactive"`
	// WorstAt is when the worst tap was received, from the start of the
	// navigation, and WorstStep the step of the start-up then under way.
	WorstAt   float64 `json:"worstAt"`
	WorstStep string  `json:"worstStep,omitempty"`
}

// inputDelayCells groups the samples by page, in the order first measured.
func inputDelayCells(samples []inputDelaySample) []inputDelayCell {
	var cells []inputDelayCell
	for _, group := range groupsInOrder(samples, func(s inputDelaySample) [2]string { return [2]string{s.Variant, s.Path} }) {
		c := inputDelayCell{Variant: group[0].Variant, Path: group[0].Path, Runs: len(group), Worst: -1}
		var delays, interactive []float64
		for _, s := range group {
			interactive = append(interactive, s.Interactive)
			for _, t := range s.Taps {
				delays = append(delays, t.Delay)
				if t.Delay > c.Worst {
					c.Worst, c.WorstAt, c.WorstStep = t.Delay, t.At, startUpStep(t.At, s.Steps)
				}
			}
		}
		c.Events, c.Median, c.Interactive = len(delays), median(delays), median(interactive)
		cells = append(cells, c)
	}
	return cells
}

// worstTapLimitMs is issue 21's goal for the worst input delay while the
// app starts.
const worstTapLimitMs = 100

func inputDelayTargets(cells []inputDelayCell) []target {
	var ts []target
	for _, c := range cells {
		if c.Variant != appVariant {
			continue
		}
		ts = append(ts, target{Name: fmt.Sprintf("worst input delay while starting, %s, CPU %d× slower", c.Path, cpuSlowdown),
			Value: c.Worst, Limit: worstTapLimitMs, Unit: "ms", Met: c.Worst >= 0 && c.Worst <= worstTapLimitMs,
			Detail: fmt.Sprintf("%d pointer events in %d runs; median %s ms", c.Events, c.Runs, ms(c.Median)),
			Why:    fmt.Sprintf("the worst tap was received %s ms into its start, while %s: it waited for a task of the main thread to end", ms(c.WorstAt), c.WorstStep)})
	}
	return ts
}

// inputDelayAll taps every page once a run, page after page.
func (m *measurer) inputDelayAll(pages []lighthousePage, runs int) ([]inputDelaySample, error) {
	var samples []inputDelaySample
	for run := 1; run <= runs; run++ {
		for _, p := range pages {
			fmt.Fprintf(m.log, "bench: input delay, run %d, %s %s\n", run, p.variant.name, p.path)
			s, err := m.inputDelays(p.variant, p.path, run)
			if err != nil {
				return nil, err
			}
			samples = append(samples, s)
		}
	}
	return samples, nil
}
