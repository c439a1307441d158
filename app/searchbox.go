package app

import (
	"strconv"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/search"
)

const (
	searchInputID   = "site-search"
	searchListID    = "site-search-results"
	searchBoxLimit  = 8
	searchPageLimit = 50
)

// SearchBox is the search field in every page's header. Without JavaScript
// it is a form that submits to the search page; with it, results appear as
// the reader types, ↑/↓ move through them, Enter opens one, Escape closes
// the list, and "/" anywhere on the page jumps to the field.
type SearchBox struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	results []search.Result
	// active is the highlighted result, or -1.
	active int

	onSlash ui.Func
}

func (s *SearchBox) OnMount(ctx ui.Context) {
	s.active = -1
	s.onSlash = ui.FuncOf(func(this ui.Value, args []ui.Value) any {
		event := ui.Event{Value: args[0]}
		if event.Get("key").String() != "/" || typingIn(event.Get("target")) {
			return nil
		}
		event.PreventDefault()
		if input := ui.Window().GetElementByID(searchInputID); input.Truthy() {
			input.Call("focus")
		}
		return nil
	})
	ui.Window().Call("addEventListener", "keydown", s.onSlash)
	// No result is drawn before a query, so the highlight changes nothing.
	ctx.PreventUpdate()
}

func (s *SearchBox) OnDismount() {
	if s.onSlash != nil {
		ui.Window().Call("removeEventListener", "keydown", s.onSlash)
		s.onSlash.Release()
	}
}

// typingIn says whether a key press goes to a text field, where "/" is text.
func typingIn(target ui.Value) bool {
	if !target.Truthy() {
		return false
	}
	switch target.Get("tagName").String() {
	case "INPUT", "TEXTAREA", "SELECT":
		return true
	}
	return target.Get("isContentEditable").Bool()
}

func (s *SearchBox) Render() ui.UI {
	open := len(s.results) > 0
	input := ui.Input().
		ID(searchInputID).
		Class("search-input").
		Type("search").
		Name("q").
		Placeholder("Search  ( / )").
		AutoComplete(false).
		Role("combobox").
		Aria("autocomplete", "list").
		Aria("controls", searchListID).
		Aria("expanded", strconv.FormatBool(open)).
		// No Value: the field's text is the reader's. Were it drawn from
		// what the handler last read, a render one key old could land
		// after the next key and wipe it: a busy browser typing "caveat"
		// read "cveat".
		OnInput(s.onInput).
		OnKeyDown(s.onKey)
	if open && s.active >= 0 {
		input = input.Aria("activedescendant", resultID(s.active))
	}
	return ui.Form().Class("search").Action(SearchPath).Method("get").Role("search").Body(
		ui.Label().For(searchInputID).Class("visually-hidden").Text("Search the explorer"),
		input,
		ui.Ul().ID(searchListID).Class("search-results").Role("listbox").Aria("label", "Search results").Hidden(!open).Body(
			ui.Range(s.results).Slice(func(i int) ui.UI {
				r := s.results[i]
				class := "search-result"
				if i == s.active {
					class += " is-active"
				}
				// The link is the option itself: an option may not hold
				// another interactive element.
				return ui.Li().Class(class).Role("none").Body(
					ui.A().ID(resultID(i)).Href(r.Path).TabIndex(-1).Role("option").
						Aria("selected", strconv.FormatBool(i == s.active)).
						OnClick(s.onPick).Body(
						ui.Span().Class("result-title").Text(r.Title),
						ui.Span().Class("result-kind").Text(r.Kind),
					),
				)
			}),
		),
	)
}

func resultID(i int) string { return "search-result-" + strconv.Itoa(i) }

func (s *SearchBox) onInput(ctx ui.Context, e ui.Event) {
	s.results = s.Site.searchIndex().Find(ctx.JSSrc().Get("value").String(), searchBoxLimit)
	s.active = -1
}

func (s *SearchBox) onKey(ctx ui.Context, e ui.Event) {
	switch e.Get("key").String() {
	case "ArrowDown":
		if len(s.results) > 0 {
			e.PreventDefault()
			s.active = (s.active + 1) % len(s.results)
		}
	case "ArrowUp":
		if len(s.results) > 0 {
			e.PreventDefault()
			s.active = (s.active - 1 + len(s.results)) % len(s.results)
		}
	case "Enter":
		// Enter opens the highlighted result, or the best one; with no
		// results the form submits to the search page.
		if len(s.results) == 0 {
			return
		}
		e.PreventDefault()
		pick := max(s.active, 0)
		s.open(ctx, s.results[pick].Path)
	case "Escape":
		s.results, s.active = nil, -1
	}
}

func (s *SearchBox) onPick(ctx ui.Context, e ui.Event) {
	e.PreventDefault()
	s.open(ctx, ctx.JSSrc().Call("getAttribute", "href").String())
}

func (s *SearchBox) open(ctx ui.Context, path string) {
	s.results, s.active = nil, -1
	// The field is never drawn from state (see Render), so it is emptied
	// here for the new page.
	if input := ui.Window().GetElementByID(searchInputID); input.Truthy() {
		input.Set("value", "")
	}
	ctx.Navigate(path)
}
