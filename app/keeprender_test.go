package app

import (
	"strings"
	"testing"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// shownOnArrival draws one word, which its OnPreRender (dispatched as an
// OnNav or OnMount is) sets to next, and counts its renders.
type shownOnArrival struct {
	ui.Compo
	shown, next string
	renders     int
}

func (c *shownOnArrival) OnPreRender(ctx ui.Context) {
	before := c.shown
	c.shown = c.next
	keepRenderIfUnchanged(ctx, before, c.shown)
}

func (c *shownOnArrival) Render() ui.UI {
	c.renders++
	return ui.P().Text(c.shown)
}

// go-app renders a component again after each dispatch on it; a dispatch
// that changed nothing the component draws says so, and one that did is
// drawn.
func TestADispatchThatChangesNothingDrawnRendersNothingAgain(t *testing.T) {
	for _, tc := range []struct {
		name, shown, next string
		renders           int
	}{
		{"unchanged", "before", "before", 1},
		{"changed", "before", "after", 2},
	} {
		c := &shownOnArrival{shown: tc.shown, next: tc.next}
		engine := ui.NewTestEngine()
		if err := engine.Load(c); err != nil {
			t.Fatal(err)
		}
		engine.ConsumeAll()
		if c.renders != tc.renders {
			t.Errorf("%s: rendered %d times, want %d", tc.name, c.renders, tc.renders)
		}
		if html := ui.HTMLString(c); !strings.Contains(html, ">"+tc.next+"<") {
			t.Errorf("%s: the component draws %s, want %q", tc.name, html, tc.next)
		}
	}
}
