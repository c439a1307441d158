package app

import (
	"math"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// tourKeys listens to the keyboard on the whole window while a tour page is
// shown: started in OnMount, stopped in OnDismount. Keys typed into a form
// field or on the map (whose arrow keys walk between nodes), and keys with
// Alt, Ctrl or Cmd (the browser's own shortcuts, such as Alt+← for Back),
// are left alone.
type tourKeys struct {
	fn ui.Func
}

// listen calls handle on the UI goroutine for each key in keys (named as
// KeyboardEvent.key names them), after stopping the browser's default
// action for it, such as scrolling.
func (k *tourKeys) listen(ctx ui.Context, keys map[string]bool, handle func(ctx ui.Context, key string)) {
	if !ui.IsClient || k.fn != nil {
		return
	}
	k.fn = ui.FuncOf(func(this ui.Value, args []ui.Value) any {
		e := args[0]
		if e.Get("altKey").Bool() || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("defaultPrevented").Bool() {
			return nil
		}
		key := e.Get("key").String()
		if !keys[key] {
			return nil
		}
		if target := e.Get("target"); target.Truthy() && target.Get("closest").Truthy() &&
			target.Call("closest", "input, textarea, select, [contenteditable], .concept-map").Truthy() {
			return nil
		}
		e.Call("preventDefault")
		ctx.Dispatch(func(ctx ui.Context) { handle(ctx, key) })
		return nil
	})
	ui.Window().Call("addEventListener", "keydown", k.fn)
}

func (k *tourKeys) stop() {
	if k.fn == nil {
		return
	}
	ui.Window().Call("removeEventListener", "keydown", k.fn)
	k.fn.Release()
	k.fn = nil
}

// swipe turns a horizontal swipe into a step: left for the next, right for
// the previous. Vertical movement (scrolling) is left alone.
type swipe struct {
	x, y    float64
	tracked bool
}

// minSwipe is how far, in CSS pixels, a finger must travel sideways.
const minSwipe = 60

func (s *swipe) start(e ui.Event) {
	touches := e.Get("touches")
	if touches.Length() != 1 {
		s.tracked = false
		return
	}
	s.x, s.y = touches.Index(0).Get("clientX").Float(), touches.Index(0).Get("clientY").Float()
	s.tracked = true
}

// end returns +1 for a swipe to the next step, -1 for the previous, 0 for
// anything else.
func (s *swipe) end(e ui.Event) int {
	if !s.tracked {
		return 0
	}
	s.tracked = false
	touch := e.Get("changedTouches").Index(0)
	dx, dy := touch.Get("clientX").Float()-s.x, touch.Get("clientY").Float()-s.y
	if math.Abs(dx) < minSwipe || math.Abs(dx) < 2*math.Abs(dy) {
		return 0
	}
	if dx < 0 {
		return 1
	}
	return -1
}
