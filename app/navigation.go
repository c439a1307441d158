package app

import (
	"net/url"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// headingID is the id of every page's main heading, where focus lands after
// an in-app navigation so that screen readers announce the new page.
const headingID = "page-title"

// showPage does what every page does when it becomes the current one: name
// the document and, after an in-app navigation, scroll to the top and move
// focus to focusID (the page heading unless the page says otherwise).
func (s *Site) showPage(ctx ui.Context, title, description, focusID string) {
	ctx.Page().SetTitle("%s", documentTitle(title))
	ctx.Page().SetDescription("%s", description)
	if !ui.IsClient {
		return
	}
	ctx.Defer(func(ctx ui.Context) { markShown(ctx.Page().URL()) })
	if !s.started {
		s.started = true
		markInteractive()
		if focusID == headingID {
			return
		}
	} else if focusID == headingID {
		ui.Window().Call("scrollTo", 0, 0)
	}
	ctx.Defer(func(ui.Context) {
		el := ui.Window().GetElementByID(focusID)
		if !el.Truthy() {
			return
		}
		el.Call("focus", map[string]any{"preventScroll": true})
		if focusID != headingID {
			el.Call("scrollIntoView", map[string]any{"block": "center"})
		}
	})
}

func documentTitle(title string) string {
	if title == SiteName {
		return SiteName
	}
	return title + " · " + SiteName
}

// markInteractive tells benchmarks that the WebAssembly has taken over the
// page: its first page has mounted and answers the reader.
func markInteractive() {
	ui.Window().Get("performance").Call("mark", "oversight:interactive")
}

// markShown tells tests that a page shows what it read from the device:
// data-app="ready" once the first page does, and data-shown with the path and
// query of the page shown last. Pages and their parts read stored data in
// OnMount and OnNav, which run after the page is in the DOM, and go-app draws
// what they read in the next frame. This runs deferred from OnNav, which
// go-app queues after every OnMount of the page, so it comes after that frame.
func markShown(u *url.URL) {
	root := ui.Window().Get("document").Get("documentElement")
	shown := u.EscapedPath()
	if u.RawQuery != "" {
		shown += "?" + u.RawQuery
	}
	root.Call("setAttribute", "data-shown", shown)
	root.Call("setAttribute", "data-app", "ready")
}
