package app

import (
	"strconv"
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// presenterChannel is the BroadcastChannel between a presenter view and its
// audience windows: same origin, same browser, no server, no network.
const presenterChannel = "oversight-presenter"

// PresenterView runs a tour from the front of a class: the step large
// enough for a projector, the speaker notes, the next step's title and an
// elapsed-time clock. → and ← (and a clicker's Page Down and Page Up) move
// between steps, Home and End jump to the first and last, F toggles full
// screen. “Open audience window” opens a second window that shows only the
// map and the narration and follows the presenter, “Show QR code” gives
// students the step's address, and a live class (LiveClassPanel) has
// students follow on their own devices.
//
// With ?view=audience the same page is that audience window.
type PresenterView struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// TourID and Step name a built-in tour's step.
	TourID string
	Step   string
	// Imported presents a tour stored on this device (?tour=, ?step=).
	Imported bool

	tourPosition
	audience bool
	showQR   bool
	origin   string

	keys      tourKeys
	channel   ui.Value
	onMessage ui.Func
}

// OnInit and OnUpdate read a built-in tour's step before any render.
func (p *PresenterView) OnInit() { p.resolveBuiltIn(p.Site, p.TourID, p.Step, p.Imported, true) }

func (p *PresenterView) OnUpdate(ctx ui.Context) {
	p.resolveBuiltIn(p.Site, p.TourID, p.Step, p.Imported, true)
}

func (p *PresenterView) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *PresenterView) OnNav(ctx ui.Context) { p.arrive(ctx) }

func (p *PresenterView) OnMount(ctx ui.Context) {
	p.origin = ui.Window().Get("location").Get("origin").String()
	if bc := ui.Window().Get("BroadcastChannel"); bc.Truthy() {
		p.channel = bc.New(presenterChannel)
		p.onMessage = ui.FuncOf(func(this ui.Value, args []ui.Value) any {
			data := args[0].Get("data")
			if !data.Truthy() {
				return nil
			}
			kind, target := data.Get("type").String(), data.Get("url").String()
			ctx.Dispatch(func(ctx ui.Context) { p.receive(ctx, kind, target) })
			return nil
		})
		p.channel.Call("addEventListener", "message", p.onMessage)
	}
	p.keys.listen(ctx, map[string]bool{
		"ArrowRight": true, "ArrowLeft": true, "PageDown": true, "PageUp": true,
		"Home": true, "End": true, "f": true, "F": true,
	}, p.key)
}

func (p *PresenterView) OnDismount() {
	p.keys.stop()
	if p.onMessage != nil {
		p.channel.Call("removeEventListener", "message", p.onMessage)
		p.channel.Call("close")
		p.onMessage.Release()
		p.onMessage = nil
	}
}

func (p *PresenterView) arrive(ctx ui.Context) {
	p.resolve(ctx, p.Site, p.TourID, p.Step, p.Imported, true, p.arrive)
	p.audience = ctx.Page().URL().Query().Get("view") == "audience"
	if p.tour == nil && p.problem == "" {
		return // the tour reader is starting; arrive runs again
	}
	if p.problem != "" {
		p.Site.showPage(ctx, "Tour not available", p.problem, headingID)
		return
	}
	step := p.tour.Steps[p.n-1]
	view := "Presenting"
	if p.audience {
		view = "Audience"
	}
	p.Site.showPage(ctx, step.Title+" · "+view+" · "+p.tour.Title, p.tour.Summary, headingID)
	if ui.IsClient && !p.audience {
		p.Site.device.markStepSeen(ctx, p.ref, p.n, len(p.tour.Steps))
		p.announce()
	}
	if ui.IsClient && p.audience {
		p.post("hello", "")
	}
}

// announce tells every audience window which step to show.
func (p *PresenterView) announce() {
	if p.tour != nil && p.problem == "" {
		p.post("step", p.ref.audience(p.n))
	}
}

func (p *PresenterView) post(kind, url string) {
	if p.channel == nil || !p.channel.Truthy() {
		return
	}
	p.channel.Call("postMessage", map[string]any{"type": kind, "url": url})
}

// receive handles a message from another window: an audience window
// follows the step a presenter announces; a presenter answers an audience
// window that has just opened.
func (p *PresenterView) receive(ctx ui.Context, kind, target string) {
	switch {
	case kind == "hello" && !p.audience:
		p.announce()
		ctx.PreventUpdate()
	case kind == "step" && p.audience && strings.HasPrefix(target, PresentPath+"/") && !strings.HasPrefix(target, "//"):
		current := ctx.Page().URL()
		if current.Path+"?"+current.RawQuery != target {
			ctx.Navigate(target)
		}
	default:
		ctx.PreventUpdate()
	}
}

func (p *PresenterView) key(ctx ui.Context, key string) {
	if p.audience || p.tour == nil || p.problem != "" {
		return
	}
	last := len(p.tour.Steps)
	switch key {
	case "ArrowRight", "PageDown":
		p.goTo(ctx, p.n+1)
	case "ArrowLeft", "PageUp":
		p.goTo(ctx, p.n-1)
	case "Home":
		p.goTo(ctx, 1)
	case "End":
		p.goTo(ctx, last)
	case "f", "F":
		toggleFullscreen()
	}
}

// goTo moves to step n, if there is one.
func (p *PresenterView) goTo(ctx ui.Context, n int) {
	if n >= 1 && n <= len(p.tour.Steps) && n != p.n {
		ctx.Navigate(p.ref.present(n))
	}
}

func toggleFullscreen() {
	doc := ui.Window().Get("document")
	var promise ui.Value
	if doc.Get("fullscreenElement").Truthy() {
		promise = doc.Call("exitFullscreen")
	} else if el := doc.Get("documentElement"); el.Get("requestFullscreen").Truthy() {
		promise = el.Call("requestFullscreen")
	}
	if promise != nil && promise.Truthy() {
		// A browser may refuse full screen; that is not an error of the page.
		ignore := ui.FuncOf(func(ui.Value, []ui.Value) any { return nil })
		promise.Call("catch", ignore)
	}
}

func (p *PresenterView) openAudience(ctx ui.Context, e ui.Event) {
	ui.Window().Call("open", p.ref.audience(p.n), "oversight-audience", "popup,width=1280,height=800")
}

func (p *PresenterView) toggleQR(ctx ui.Context, e ui.Event) { p.showQR = !p.showQR }

func (p *PresenterView) fullscreen(ctx ui.Context, e ui.Event) { toggleFullscreen() }

// studentURL is the address students open for this step: the ordinary
// player, on this server.
func (p *PresenterView) studentURL() string {
	return p.origin + p.ref.step(p.n)
}

func (p *PresenterView) Render() ui.UI {
	if p.tour == nil || p.problem != "" {
		return p.Site.tourProblem("presenter-problem", p.problem)
	}
	if p.audience {
		return p.renderAudience()
	}
	t := p.tour
	step := t.Steps[p.n-1]
	next := "End of the tour"
	if p.n < len(t.Steps) {
		next = t.Steps[p.n].Title
	} else if len(t.Quiz) > 0 {
		next = "End of the tour; the self-check follows in the app"
	}
	return ui.Div().Class("presenter-view").Body(
		ui.Header().Class("presenter-bar").Body(
			ui.A().Class("presenter-exit").Href(p.ref.step(p.n)).Text("← Leave presenter view"),
			ui.P().Class("presenter-tour").Text(t.Title),
			ui.P().Class("tour-progress").Text("Step "+strconv.Itoa(p.n)+" of "+strconv.Itoa(len(t.Steps))),
			&PresenterClock{TourKey: p.ref.key()},
		),
		ui.Main().Class("presenter-main").Body(
			ui.Section().Class("presenter-step").Aria("labelledby", headingID).Body(
				ui.H1().ID(headingID).TabIndex(-1).Text(step.Title),
				ui.Div().Class("tour-narration").Body(ui.Raw(step.NarrationHTML)),
				discussionQuestions(step.Questions),
			),
			&LiveClassPanel{TourID: p.ref.ID, Steps: len(t.Steps), Step: p.n, Imported: p.ref.Imported},
			ui.Aside().Class("presenter-side").Aria("label", "For the presenter").Body(
				ui.Nav().Class("tour-controls").Aria("label", "Tour steps").Body(
					p.stepLink(p.n-1, "← Previous", "tour-prev"),
					p.stepLink(p.n+1, "Next →", "tour-next"),
				),
				ui.P().Class("next-step").Body(ui.Strong().Text("Next: "), ui.Span().Class("next-title").Text(next)),
				ui.Section().Class("speaker-notes").Aria("labelledby", "notes-heading").Body(
					ui.H2().ID("notes-heading").Text("Speaker notes"),
					ui.If(step.NotesHTML != "", func() ui.UI {
						return ui.Raw(step.NotesHTML)
					}).Else(func() ui.UI {
						return ui.P().Class("hint").Text("No notes for this step.")
					}),
				),
				ui.Div().Class("presenter-tools").Body(
					ui.Button().ID("open-audience").Class("button").Type("button").Text("Open audience window").OnClick(p.openAudience),
					ui.Button().ID("show-qr").Class("button", "secondary").Type("button").
						Aria("expanded", p.showQR).Aria("controls", "step-qr").
						Text(map[bool]string{false: "Show QR code", true: "Hide QR code"}[p.showQR]).OnClick(p.toggleQR),
					ui.Button().Class("button", "secondary").Type("button").Text("Full screen (F)").OnClick(p.fullscreen),
				),
				ui.Div().ID("step-qr").Class("step-qr").Body(ui.If(p.showQR, p.qr)),
				ui.Div().Class("map-pane", "presenter-map").Body(&ConceptMap{Site: p.Site, Spotlight: step.Concepts}),
				ui.P().Class("hint").Text("Keys: → or Page Down next, ← or Page Up previous, Home first, End last, F full screen."),
			),
		),
	)
}

func (p *PresenterView) stepLink(n int, label, class string) ui.UI {
	if n < 1 || n > len(p.tour.Steps) {
		return ui.Span().Class("button", "secondary", class, "is-disabled").Aria("disabled", "true").Text(label)
	}
	return ui.A().Class("button", "secondary", class).Href(p.ref.present(n)).Text(label)
}

// qr is the code students scan to open this step on their phones.
func (p *PresenterView) qr() ui.UI {
	if p.ref.Imported {
		return ui.P().Class("hint").Text("This tour is kept on this device only, so students cannot open it from a code. Share the file with them to import instead.")
	}
	url := p.studentURL()
	return ui.Figure().Class("qr-figure").Body(
		&QRCode{Text: url, Label: "QR code of this step’s address"},
		ui.FigCaption().Body(ui.Text("Scan to follow on your phone: "), ui.Code().Class("qr-url").Text(url)),
	)
}

func (p *PresenterView) renderAudience() ui.UI {
	t := p.tour
	step := t.Steps[p.n-1]
	return ui.Div().Class("audience-view").Body(
		ui.Div().Class("map-pane", "audience-map").Body(&ConceptMap{Site: p.Site, Spotlight: step.Concepts}),
		ui.Main().Class("audience-step").Aria("labelledby", headingID).Body(
			ui.P().Class("tour-kicker").Text(t.Title),
			ui.P().Class("tour-progress").Text("Step "+strconv.Itoa(p.n)+" of "+strconv.Itoa(len(t.Steps))),
			ui.H1().ID(headingID).TabIndex(-1).Text(step.Title),
			ui.Div().Class("tour-narration").Body(ui.Raw(step.NarrationHTML)),
		),
	)
}
