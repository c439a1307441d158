package app

import (
	"fmt"
	"strconv"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// PresenterClock shows how long the presentation has been running. The
// start is kept in the tab's session storage, so moving between steps does
// not reset it; Restart does. It ticks by writing its own text once a
// second, without re-rendering the presenter view around it.
type PresenterClock struct {
	ui.Compo

	// TourKey names the tour being presented.
	TourKey string

	timer ui.Value
	tick  ui.Func
}

const clockID = "presenter-clock"

func (c *PresenterClock) startKey() string { return "oversight.present.start:" + c.TourKey }

func (c *PresenterClock) OnMount(ctx ui.Context) {
	if !ui.IsClient {
		return
	}
	c.tick = ui.FuncOf(func(ui.Value, []ui.Value) any {
		c.show()
		return nil
	})
	c.timer = ui.Window().Call("setInterval", c.tick, 1000)
	c.show()
}

func (c *PresenterClock) OnDismount() {
	if c.tick == nil {
		return
	}
	ui.Window().Call("clearInterval", c.timer)
	c.tick.Release()
	c.tick = nil
}

// start is when the presentation began, in milliseconds since 1970.
func (c *PresenterClock) start() float64 {
	store := ui.Window().Get("sessionStorage")
	now := ui.Window().Get("Date").Call("now").Float()
	if v := store.Call("getItem", c.startKey()); v.Truthy() {
		if ms, err := strconv.ParseFloat(v.String(), 64); err == nil && ms <= now {
			return ms
		}
	}
	store.Call("setItem", c.startKey(), strconv.FormatFloat(now, 'f', 0, 64))
	return now
}

func (c *PresenterClock) show() {
	el := ui.Window().GetElementByID(clockID)
	if !el.Truthy() {
		return
	}
	elapsed := int((ui.Window().Get("Date").Call("now").Float() - c.start()) / 1000)
	el.Set("textContent", elapsedText(elapsed))
}

// elapsedText writes seconds as m:ss, or h:mm:ss past an hour.
func elapsedText(seconds int) string {
	if seconds < 0 {
		seconds = 0
	}
	h, m, s := seconds/3600, seconds/60%60, seconds%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}

func (c *PresenterClock) restart(ctx ui.Context, e ui.Event) {
	ui.Window().Get("sessionStorage").Call("removeItem", c.startKey())
	c.show()
}

func (c *PresenterClock) Render() ui.UI {
	return ui.P().Class("presenter-clock").Body(
		ui.Span().Class("visually-hidden").Text("Time elapsed: "),
		ui.Time().ID(clockID).Aria("live", "off").Text("0:00"),
		ui.Text(" "),
		ui.Button().Class("clock-restart").Type("button").Text("Restart clock").OnClick(c.restart),
	)
}
