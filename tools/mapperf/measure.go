package main

import (
	"context"
	"fmt"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"oversight/internal/chromium"
)

// Each probe is armed in the page before the browser sends the input, and
// resolves with the time from the input event's own timestamp to the first
// animation frame after the app has changed the page: the Performance API's
// clock on both ends, so the driver's latency is not counted.
const (
	// hoverProbe waits for the node under the pointer to be highlighted.
	hoverProbe = `window.__probe = new Promise((resolve, reject) => {
		document.addEventListener("mouseover", e => {
			const t0 = e.timeStamp, node = e.target.closest("[data-id]");
			if (!node) { reject(new Error("the pointer landed on no node")); return; }
			const poll = () => document.getElementById(node.id).classList.contains("is-active")
				? requestAnimationFrame(() => resolve(performance.now() - t0))
				: requestAnimationFrame(poll);
			poll();
		}, {once: true, capture: true});
	}), true`
	// clickProbe waits for the clicked concept's page.
	clickProbe = `window.__probe = new Promise(resolve => {
		document.addEventListener("click", e => {
			const t0 = e.timeStamp, path = e.target.closest("a").getAttribute("href");
			const poll = () => location.pathname === path && document.querySelector(".concept-page h1")
				? requestAnimationFrame(() => resolve(performance.now() - t0))
				: requestAnimationFrame(poll);
			poll();
		}, {once: true, capture: true});
	}), true`
	// wheelProbe waits for the map's view to change.
	wheelProbe = `window.__probe = new Promise(resolve => {
		const map = document.querySelector("svg.concept-map"), before = map.getAttribute("viewBox");
		map.addEventListener("wheel", e => {
			const t0 = e.timeStamp;
			const poll = () => document.querySelector("svg.concept-map").getAttribute("viewBox") !== before
				? requestAnimationFrame(() => resolve(performance.now() - t0))
				: requestAnimationFrame(poll);
			poll();
		}, {once: true, capture: true});
	}), true`
)

// restingPoint is where the pointer waits between measurements: the top
// left corner of the page, off the map, any link and any preview card.
const restingPoint = `[2, 2]`

// visibleNodes lists the centres of the nodes fully on screen and not
// under anything else (such as the install panel).
const visibleNodes = `[...document.querySelectorAll("a.node")].map(n => [n, n.getBoundingClientRect()])
	.filter(([n, r]) => r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth)
	.map(([n, r]) => ({n, id: n.id, x: r.left + r.width / 2, y: r.top + r.height / 2}))
	.filter(({n, x, y}) => (document.elementFromPoint(x, y) || document.body).closest("a.node") === n)
	.map(({id, x, y}) => ({id, x, y}))`

type nodeOnScreen struct {
	ID string  `json:"id"`
	X  float64 `json:"x"`
	Y  float64 `json:"y"`
}

func measure(url, chromiumPath, profile string, runs int) (result, error) {
	opts := chromium.Options(chromiumPath, profile, 1280, 800, chromium.NoProxy)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		return result{}, err
	}
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		return result{}, err
	}
	s := session{ctx: ctx}
	s.do(chromedp.Navigate(url + "/"))
	s.waitFor(`document.documentElement.dataset.app === "ready"`)
	r := result{Timings: map[string][]float64{}, Medians: map[string]float64{}}
	r.Concepts = eval[int](&s, `document.querySelectorAll("a.node").length`)
	r.Links = eval[int](&s, `document.querySelectorAll("svg.concept-map path.edge").length`)
	for i := 0; i < runs && s.err == nil; i++ {
		if n, ok := s.node(i * 7); ok {
			r.Timings["hover_to_highlight"] = append(r.Timings["hover_to_highlight"], s.hover(n))
		}
	}
	for i := 0; i < runs && s.err == nil; i++ {
		if n, ok := s.node(i * 11); ok {
			r.Timings["click_to_detail"] = append(r.Timings["click_to_detail"], s.click(n))
		}
	}
	for i := 0; i < runs && s.err == nil; i++ {
		r.Timings["wheel_to_zoomed_frame"] = append(r.Timings["wheel_to_zoomed_frame"], s.wheel(i%2 == 0))
	}
	for k, v := range r.Timings {
		r.Medians[k] = median(v)
	}
	return r, s.err
}

// session runs steps in one tab and keeps the first error, so a run reads
// as a list of steps.
type session struct {
	ctx context.Context
	err error
}

func (s *session) do(actions ...chromedp.Action[chromedp.Void]) {
	if s.err != nil {
		return
	}
	ctx, cancel := withTimeout(s.ctx)
	defer cancel()
	s.err = chromedp.Do(ctx, actions...)
}

func eval[T any](s *session, js string) T {
	var zero T
	if s.err != nil {
		return zero
	}
	ctx, cancel := withTimeout(s.ctx)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		s.err = fmt.Errorf("evaluating %.60s…: %w", js, err)
	}
	return v
}

func (s *session) waitFor(condition string) {
	eval[bool](s, `new Promise(resolve => { const poll = () => (`+condition+`) ? resolve(true) : requestAnimationFrame(poll); poll(); })`)
}

// settle rests the pointer off the map and waits until nothing is
// highlighted and two frames have passed.
func (s *session) settle() {
	at := eval[[]float64](s, restingPoint)
	if len(at) == 2 {
		s.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at[0], at[1]))
	}
	s.waitFor(`document.querySelector(".node.is-active") === null`)
	eval[bool](s, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
}

// node picks the i-th node (modulo) among those on screen now: the page
// may have scrolled, or a panel appeared, since the last measurement.
func (s *session) node(i int) (nodeOnScreen, bool) {
	s.settle()
	nodes := eval[[]nodeOnScreen](s, visibleNodes)
	if s.err == nil && len(nodes) == 0 {
		s.err = fmt.Errorf("no node is on screen")
	}
	if s.err != nil {
		return nodeOnScreen{}, false
	}
	return nodes[i%len(nodes)], true
}

func (s *session) hover(n nodeOnScreen) float64 {
	s.settle()
	eval[bool](s, hoverProbe)
	s.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, n.X, n.Y))
	return s.probed("hover over " + n.ID)
}

// probed waits for the armed probe's measurement.
func (s *session) probed(what string) float64 {
	ms := eval[float64](s, `window.__probe`)
	if s.err != nil {
		s.err = fmt.Errorf("%s: %w", what, s.err)
	}
	return ms
}

func (s *session) click(n nodeOnScreen) float64 {
	s.settle()
	eval[bool](s, clickProbe)
	s.do(chromedp.MouseClickXY(n.X, n.Y))
	ms := s.probed("click on " + n.ID)
	eval[bool](s, `history.back(), true`)
	s.waitFor(`location.pathname === "/" && document.getElementById("` + n.ID + `") !== null`)
	return ms
}

// wheel turns the wheel once over the middle of the map: in, or back out.
func (s *session) wheel(in bool) float64 {
	s.settle()
	at := eval[[]float64](s, `(r => [r.left + r.width / 2, r.top + r.height / 2])(document.querySelector("svg.concept-map").getBoundingClientRect())`)
	eval[bool](s, wheelProbe)
	delta := 100.0
	if in {
		delta = -100
	}
	if len(at) == 2 {
		s.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseWheel, at[0], at[1], func(p *input.DispatchMouseEventParams) {
			// The protocol needs both deltas, and its encoder drops a zero.
			p.DeltaX, p.DeltaY = 0.001, delta
		}))
	}
	return s.probed("wheel")
}
