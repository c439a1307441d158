package app

import (
	"strconv"
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
	"oversight/lab"
)

// LabPage is one lab: its controls, the prediction a learner commits to
// before the first run, the run's results beside it, and what the research
// reported. The labs' own code writes all of that as HTML (LabRunner): on
// the server, which prerenders the page with a real run at the defaults,
// and in the labs' worker in the browser. This component places it and
// reads the learner's actions by delegation, so that every visitor's
// WebAssembly carries as little of the labs as it can. The setting lives in
// the address: a link, a tour step or the back button opens the lab as it
// was.
type LabPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// ID is the lab shown.
	ID string

	// shownID is the lab this page last arrived at: a new address for the
	// same lab is a new setting, not a new page.
	shownID string
	info    kb.Lab
	view    lab.View
	// html is the page's main part as the labs' code wrote it; empty until
	// the worker has written it after an in-app navigation.
	html string
	// prerenderedFor is the address's query the server wrote html for,
	// while html is the first page the app found in the document; nil once
	// the page has moved on.
	prerenderedFor *string
	failure        string
	// playing is set while a move of the lab's own game (data-action
	// "state") is being written.
	playing bool
	// mounted is the page's own context: answers are dispatched on it,
	// since the control that asked may be gone by then.
	mounted ui.Context
}

// startingLab stands in for a lab's page until the worker has written it,
// after an in-app navigation.
const startingLab = `<div class="lab-body"><h1 id="` + headingID + `" tabindex="-1">Lab</h1><p class="lab-status">Starting the lab…</p></div>`

func (p *LabPage) OnInit() {
	// The first page the app shows was prerendered: it keeps what the
	// server wrote until the worker writes anew.
	if ui.IsClient && !p.Site.started {
		if el := ui.Window().Get("document").Call("querySelector", "main .lab-body"); el.Truthy() {
			p.html = el.Get("outerHTML").String()
			query := el.Get("dataset").Get("query").String()
			p.prerenderedFor = &query
		}
	}
}

func (p *LabPage) OnMount(ctx ui.Context) { p.mounted = ctx }

func (p *LabPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *LabPage) OnNav(ctx ui.Context) { p.arrive(ctx) }

func (p *LabPage) arrive(ctx ui.Context) {
	p.view.Query = ctx.Page().URL().RawQuery
	if p.shownID == p.ID {
		// Another setting of the same lab: the reader stays where they are.
		p.view.Run = p.view.Committed
		p.render()
		return
	}
	if p.shownID != "" {
		// Another lab: its page waits for the worker, not the last lab's.
		p.html = ""
	}
	p.shownID = p.ID
	p.info, _ = p.Site.Knowledge.Lab(p.ID)
	p.view = lab.View{Lab: p.ID, Query: p.view.Query}
	if html, ok := p.Site.labs.RenderNow(p.view); ok {
		p.html = html
	}
	if p.html != "" {
		p.Site.showPage(ctx, p.info.Title+" · Lab", p.info.Summary, headingID)
	}
	if p.keepsPrerendered() {
		// The worker would write the very same page over the one the
		// learner may be clicking, and swallow the click.
		p.Site.labs.Prepare()
		return
	}
	p.render()
}

// keepsPrerendered says, once, whether the page the server wrote answers
// the address as it is. A service worker offline serves a lab's page
// written at the defaults for any setting: that one is written again.
func (p *LabPage) keepsPrerendered() bool {
	keep := p.prerenderedFor != nil && *p.prerenderedFor == p.view.Query
	p.prerenderedFor = nil
	return keep
}

// render asks the worker for the page at the current view, saying in the
// results' live region what happens meanwhile.
func (p *LabPage) render() {
	if !ui.IsClient {
		return // the server wrote the page in arrive
	}
	if status := ui.Window().GetElementByID("lab-status"); p.view.Run && status.Truthy() {
		status.Set("textContent", "Running the lab…")
		status.Get("parentElement").Call("setAttribute", "aria-busy", "true")
	}
	first := p.html == ""
	// Only a move of the lab's own game takes the focus: a commit or a
	// setting leaves it where the learner is.
	playing := p.playing
	p.playing = false
	p.Site.labs.Render(p.mounted, p.view, func(ctx ui.Context, html string, err error) {
		if first {
			p.Site.showPage(ctx, p.info.Title+" · Lab", p.info.Summary, headingID)
		}
		if err != nil {
			p.failure = strings.ReplaceAll(strings.ReplaceAll(err.Error(), "&", "&amp;"), "<", "&lt;")
			return
		}
		p.failure, p.html = "", html
		if playing {
			ctx.Defer(announceAndFocus)
		}
	})
}

// announceAndFocus, once the labs' HTML is placed, reads out what its
// data-announce element says, through a live region of the app's own (the
// labs' HTML is replaced whole at each step, and a live region that is new
// is not reliably heard), and gives the focus to its data-focus element, so
// that a learner playing by keyboard keeps their place.
func announceAndFocus(ui.Context) {
	doc := ui.Window().Get("document")
	if said := doc.Call("querySelector", "main .lab-body [data-announce]"); said.Truthy() {
		ui.Window().GetElementByID("lab-announce").Set("textContent", said.Get("textContent"))
	}
	if el := doc.Call("querySelector", "main .lab-body [data-focus]"); el.Truthy() {
		el.Call("focus", map[string]any{"preventScroll": true})
	}
}

func (p *LabPage) Render() ui.UI {
	body := p.html
	if body == "" {
		body = startingLab
	}
	if p.failure != "" {
		body = `<div>` + body + `<p class="lab-error" role="alert">The lab could not run: ` + p.failure + `. The rest of the app works as before.</p></div>`
	}
	return pageFrame(p.Site, "lab-page",
		ui.Div().Class("lab").On("input", p.act).On("change", p.act).On("click", p.act).Body(
			ui.Raw(body),
			ui.P().ID("lab-announce").Class("visually-hidden").Aria("live", "polite"),
			&SourceList{Site: p.Site, IDs: p.info.Sources, Reviewed: p.info.Reviewed},
		),
	)
}

// act reads what the learner did on the page the labs' code wrote, by the
// data attributes it gave its controls:
//   - a slider moving (input) shows its value in its <output>;
//   - a setting changed (change) goes to the address, a new history entry,
//     from which the page reads it again (OnNav) as the labs' code reads any
//     address (lab.Spec.Read);
//   - an answer is kept for the commit; the buttons commit the prediction
//     and run, or go back to predicting.
func (p *LabPage) act(ctx ui.Context, e ui.Event) {
	target, kind := e.Get("target"), e.Get("type").String()
	data := target.Get("dataset")
	value := target.Get("value").String()
	switch {
	case kind == "click":
		p.press(target.Call("closest", "[data-action]"))
	case kind == "input":
		// Each slider's <output> has its id and "-value".
		if output := ui.Window().GetElementByID(target.Get("id").String() + "-value"); output.Truthy() {
			output.Set("textContent", value)
		}
	case data.Get("answer").Truthy():
		p.view.Answer = value
	case data.Get("param").Truthy():
		if target.Get("type").String() == "checkbox" {
			value = strconv.FormatBool(target.Get("checked").Bool())
		}
		address := *ctx.Page().URL()
		query := address.Query()
		query.Set(data.Get("param").String(), value)
		address.RawQuery = query.Encode()
		ctx.NavigateTo(&address)
	}
}

// press acts on one of the page's buttons: commit the prediction and run,
// go back to predicting, or (data-action "state") take the lab's own state
// the button carries, as the lab's game moves on. Neither moves focus or scrolls: either would
// make the browser lay the new page out at once, holding the main thread
// (0.4 s measured); the results' live region says what happened.
func (p *LabPage) press(button ui.Value) {
	if !button.Truthy() {
		return
	}
	data := button.Get("dataset")
	if data.Get("action").String() == "state" {
		p.view.State, p.view.Run, p.playing = data.Get("state").String(), false, true
		p.render()
		return
	}
	commit := data.Get("action").String() == "commit"
	if commit {
		if p.view.Answer == "" {
			ui.Window().GetElementByID("lab-answer-missing").Set("textContent", "Choose an answer first.")
			ui.Window().GetElementByID("lab-answer-1").Call("focus")
			return
		}
		guess, _ := strconv.ParseFloat(ui.Window().GetElementByID("lab-guess").Get("value").String(), 64)
		p.view.Guess = &guess
	}
	p.view.Committed, p.view.Run = commit, commit
	p.render()
}
