package app

import (
	"math"
	"strconv"
	"strings"
	"time"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
	"oversight/mapgeom"
)

// previewID is the DOM id of the preview card, which the link it describes
// names in aria-describedby while the card is shown.
const previewID = "link-preview"

// Hover intent: the card waits a moment before showing for a pointer that
// may only be passing over a link, and before hiding, so that the pointer
// can move onto the card without losing it (WCAG 2.2, 1.4.13).
const (
	previewShowDelay = 250 * time.Millisecond
	previewHideDelay = 200 * time.Millisecond
)

// phoneWidth is the widest mapgeom.Viewport, in CSS pixels, laid out as a phone:
// there the card is a bottom sheet (the same breakpoint as the style sheet).
const phoneWidth = 640

// LinkPreview is the card that says what a concept is when the reader
// hovers over or focuses any link to it, wherever the link is: on the map,
// in a definition, a relation, a tour. On touch, a tap shows the card (as a
// bottom sheet on phones) with a way to open the page, and a second tap on
// the same link opens it. Escape closes the card.
type LinkPreview struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// id is what the card shows: a concept's id, or termSubject and a
	// glossary term's id; empty while the card is hidden.
	id string
	// pinned is set when a tap opened the card: it stays until closed and
	// offers to open the page and the concepts linked to it.
	pinned bool
	// link is the element the card describes.
	link ui.Value
	// dismissed is the link whose card Escape closed: hovering it again
	// does not bring the card back until the pointer has moved elsewhere.
	dismissed ui.Value
	// pending counts the delayed shows and hides, so that one overtaken by
	// a later event does nothing.
	pending int
	// pointerType and pressedAt describe the last press, to tell a tap
	// from a mouse click and from the end of a drag.
	pointerType string
	pressedAt   kb.Point
	listeners   []documentListener
}

// documentListener is a listener the card adds to the document: clicks and
// keys must be handled synchronously to stop them in time, which go-app's
// asynchronous handlers cannot do.
type documentListener struct {
	event   string
	fn      ui.Func
	options map[string]any
}

func (p *LinkPreview) Render() ui.UI {
	if id, isTerm := strings.CutPrefix(p.id, termSubject); isTerm {
		if t, ok := p.Site.Knowledge.Term(id); ok {
			return p.termCard(t)
		}
	}
	c, ok := p.Site.Knowledge.Concept(p.id)
	if !ok {
		return ui.Div().ID(previewID).Class("link-preview").Hidden(true)
	}
	class := []string{"link-preview", "kind-" + string(c.Kind)}
	card := ui.Div().ID(previewID)
	if p.pinned {
		class = append(class, "is-pinned")
		card = card.Role("dialog").Aria("labelledby", previewID+"-title")
	} else {
		card = card.Role("tooltip")
	}
	return card.Class(class...).Body(
		ui.If(p.pinned, func() ui.UI {
			return ui.Button().Type("button").Class("preview-close").Aria("label", "Close").Title("Close (Escape)").Text("×").
				OnClick(func(ctx ui.Context, e ui.Event) { p.hide() })
		}),
		ui.P().Class("kind-badge", "kind-"+string(c.Kind)).Text(c.Kind.Label()),
		ui.P().Class("preview-title").ID(previewID+"-title").Text(c.Title),
		ui.P().Class("preview-summary").Text(c.Summary),
		ui.P().Class("preview-meta").Text(p.Site.conceptMeta(c.ID)),
		ui.If(p.pinned, func() ui.UI { return p.sheet(c) }),
	)
}

// termSubject marks a glossary term as what the card shows: concept ids
// have no colon, so the two never meet.
const termSubject = "term:"

// termCard defines a glossary term where its first use links to it.
func (p *LinkPreview) termCard(t *kb.Term) ui.UI {
	card := ui.Div().ID(previewID).Role("tooltip")
	if p.pinned {
		card = card.Role("dialog").Aria("labelledby", previewID+"-title")
	}
	class := []string{"link-preview", "is-term"}
	if p.pinned {
		class = append(class, "is-pinned")
	}
	return card.Class(class...).Body(
		ui.If(p.pinned, func() ui.UI {
			return ui.Button().Type("button").Class("preview-close").Aria("label", "Close").Title("Close (Escape)").Text("×").
				OnClick(func(ctx ui.Context, e ui.Event) { p.hide() })
		}),
		ui.P().Class("kind-badge", "kind-term").Text("Glossary"),
		ui.P().Class("preview-title").ID(previewID+"-title").Text(t.Title),
		ui.P().Class("preview-summary").Text(t.Summary),
		ui.If(p.pinned, func() ui.UI {
			return ui.Div().Class("preview-sheet").Body(
				ui.A().Class("button", "preview-open").Href(GlossaryPath + "#" + t.ID).Text("Open the glossary"),
			)
		}),
	)
}

// conceptMeta counts what a concept is tied to, so a reader can tell a hub
// from a leaf before opening it.
func (s *Site) conceptMeta(id string) string {
	links := len(s.Knowledge.LinksOf(id))
	meta := strconv.Itoa(links) + " " + plural(links, "link", "links") + " on the map"
	if caveats := len(s.Knowledge.CaveatsOf(id)); caveats > 0 {
		meta += " · qualified by " + strconv.Itoa(caveats) + " " + plural(caveats, "caveat", "caveats")
	}
	return meta
}

// sheet is what a tapped card adds: the way into the page first, then the
// concepts linked to it (a tap on one previews it in turn).
func (p *LinkPreview) sheet(c *kb.Concept) ui.UI {
	neighbours := p.Site.linkedConcepts(c.ID)
	return ui.Div().Class("preview-sheet").Body(
		ui.A().Class("button", "preview-open").Href(kb.ConceptPath(c.ID)).Text("Open "+c.Title),
		p.Site.conceptLabLink(c.ID, "Run the lab"),
		ui.If(len(neighbours) > 0, func() ui.UI {
			return ui.Div().Class("preview-links").Body(
				ui.P().Class("preview-links-heading").Text("Linked to"),
				ui.Ul().Body(ui.Range(neighbours).Slice(func(i int) ui.UI {
					return ui.Li().Body(ui.A().Href(kb.ConceptPath(neighbours[i])).Text(p.Site.titleOf(neighbours[i])))
				})),
			)
		}),
	)
}

// linkedConcepts are the concepts one link away, in the map's order.
func (s *Site) linkedConcepts(id string) []string {
	near := s.Knowledge.Neighbours(id)
	var ids []string
	for _, c := range s.Knowledge.Concepts() {
		if c.ID != id && near[c.ID] {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

func (p *LinkPreview) OnMount(ctx ui.Context) {
	listen := func(event string, capture bool, handle func(ui.Event)) {
		fn := ui.FuncOf(func(this ui.Value, args []ui.Value) any {
			handle(ui.Event{Value: args[0]})
			return nil
		})
		options := map[string]any{"capture": capture, "passive": false}
		ui.Window().Get("document").Call("addEventListener", event, fn, options)
		p.listeners = append(p.listeners, documentListener{event, fn, options})
	}
	listen("mouseover", false, func(e ui.Event) { p.onPointerOver(ctx, e) })
	listen("focusin", false, func(e ui.Event) { p.onFocusIn(ctx, e) })
	listen("focusout", false, func(e ui.Event) { p.onFocusOut(ctx, e) })
	listen("pointerdown", true, func(e ui.Event) {
		p.pointerType = e.Get("pointerType").String()
		p.pressedAt = clientPoint(e)
	})
	listen("click", true, func(e ui.Event) { p.onClick(ctx, e) })
	listen("keydown", true, func(e ui.Event) { p.onKey(ctx, e) })
	listen("scroll", true, func(e ui.Event) { p.onScroll(ctx) })
	// Listening changes nothing the preview draws.
	ctx.PreventUpdate()
}

func (p *LinkPreview) OnDismount() {
	document := ui.Window().Get("document")
	for _, l := range p.listeners {
		document.Call("removeEventListener", l.event, l.fn, l.options)
		l.fn.Release()
	}
	p.listeners = nil
}

// previewedLink is the link to a concept or a glossary term that the
// event's target is in, and what it points to (see LinkPreview.id); links
// inside the card itself and in search results (which say what they are
// already) have no preview.
func (s *Site) previewedLink(target ui.Value) (ui.Value, string) {
	if !target.Truthy() || target.Get("closest").IsUndefined() {
		return nil, ""
	}
	link := target.Call("closest", "a[href]")
	if !link.Truthy() || link.Call("closest", "#"+previewID+", .search-results").Truthy() {
		return nil, ""
	}
	id, ok := s.subjectOfHref(link.Call("getAttribute", "href").String())
	if !ok {
		return nil, ""
	}
	return link, id
}

// subjectOfHref reads what an address points to that the card can show: a
// concept, or a glossary term (/glossary#{id}).
func (s *Site) subjectOfHref(href string) (string, bool) {
	if id, ok := strings.CutPrefix(href, GlossaryPath+"#"); ok {
		_, known := s.Knowledge.Term(id)
		return termSubject + id, known
	}
	return s.conceptOfHref(href)
}

// conceptOfHref reads the concept an address points to: /concepts/{id},
// optionally with a query or fragment.
func (s *Site) conceptOfHref(href string) (string, bool) {
	rest, ok := strings.CutPrefix(href, kb.ConceptPath(""))
	if !ok {
		return "", false
	}
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i]
	}
	_, known := s.Knowledge.Concept(rest)
	return rest, known
}

func (p *LinkPreview) inCard(target ui.Value) bool {
	return target.Truthy() && !target.Get("closest").IsUndefined() && target.Call("closest", "#"+previewID).Truthy()
}

func (p *LinkPreview) onPointerOver(ctx ui.Context, e ui.Event) {
	target := e.Get("target")
	if p.inCard(target) {
		p.pending++ // the pointer reached the card: keep it
		return
	}
	link, id := p.Site.previewedLink(target)
	switch {
	case link != nil && p.dismissed != nil && link.Equal(p.dismissed):
	case link != nil && p.id == id && p.link != nil && link.Equal(p.link):
		p.pending++
	case link != nil && !p.pinned:
		p.dismissed = nil
		p.later(ctx, previewShowDelay, func() { p.show(link, id, false) })
	case link == nil:
		p.dismissed = nil
		if p.id != "" && !p.pinned {
			p.later(ctx, previewHideDelay, p.hide)
		}
	}
}

func (p *LinkPreview) onFocusIn(ctx ui.Context, e ui.Event) {
	target := e.Get("target")
	if p.inCard(target) {
		p.pending++
		return
	}
	link, id := p.Site.previewedLink(target)
	if link == nil {
		if !p.pinned {
			p.now(ctx, p.hide)
		}
		return
	}
	if !link.Call("matches", ":focus-visible").Bool() {
		// Focus that follows a click, a tap or the app's own arrival on a
		// page: the pointer has its own ways to the card.
		return
	}
	if p.pinned && p.id == id {
		return
	}
	p.dismissed = nil
	p.now(ctx, func() { p.show(link, id, p.pinned) })
}

func (p *LinkPreview) onFocusOut(ctx ui.Context, e ui.Event) {
	next := e.Get("relatedTarget")
	if p.pinned || p.inCard(next) {
		return
	}
	if link, _ := p.Site.previewedLink(next); link == nil {
		p.later(ctx, 0, p.hide)
	}
}

// onClick handles taps: the first on a concept link shows its card, the
// second opens it; a tap elsewhere closes the card.
func (p *LinkPreview) onClick(ctx ui.Context, e ui.Event) {
	if p.pointerType != "touch" && p.pointerType != "pen" {
		return
	}
	target := e.Get("target")
	if p.inCard(target) {
		return
	}
	link, id := p.Site.previewedLink(target)
	moved := math.Hypot(e.Get("clientX").Float()-p.pressedAt.X, e.Get("clientY").Float()-p.pressedAt.Y)
	switch {
	case link == nil:
		if p.pinned {
			p.now(ctx, p.hide)
		}
	case moved > dragThreshold*2:
		// The end of a drag on the map, not a tap.
	case p.pinned && p.id == id:
		p.now(ctx, p.hide)
	default:
		e.PreventDefault()
		e.Call("stopPropagation")
		p.now(ctx, func() { p.show(link, id, true) })
	}
}

// onKey closes the card with Escape, and keeps that Escape from also
// doing what it would do underneath (such as leaving the focus mode).
func (p *LinkPreview) onKey(ctx ui.Context, e ui.Event) {
	if e.Get("key").String() != "Escape" || p.id == "" {
		return
	}
	e.Call("stopPropagation")
	link := p.link
	pinned := p.pinned
	p.now(ctx, func() {
		p.hide()
		p.dismissed = link
		if pinned && link != nil {
			link.Call("focus", map[string]any{"preventScroll": true})
		}
	})
}

// onScroll: a card beside a link would be left behind by the page, so it
// closes; the bottom sheet of a phone stays.
func (p *LinkPreview) onScroll(ctx ui.Context) {
	if p.id != "" && !(p.pinned && isPhone()) {
		p.now(ctx, p.hide)
	}
}

// now changes the card at once, overtaking anything delayed.
func (p *LinkPreview) now(ctx ui.Context, change func()) {
	p.pending++
	ctx.Dispatch(func(ctx ui.Context) {
		change()
		p.place(ctx)
	})
}

// later changes the card after a delay, unless something overtakes it.
func (p *LinkPreview) later(ctx ui.Context, delay time.Duration, change func()) {
	p.pending++
	ticket := p.pending
	ctx.After(delay, func(ctx ui.Context) {
		if ticket != p.pending {
			return
		}
		change()
		p.place(ctx)
	})
}

func (p *LinkPreview) show(link ui.Value, id string, pinned bool) {
	if p.link != nil && !p.link.Equal(link) {
		p.link.Call("removeAttribute", "aria-describedby")
	}
	p.id, p.link, p.pinned = id, link, pinned
	if !pinned {
		link.Call("setAttribute", "aria-describedby", previewID)
	}
}

func (p *LinkPreview) hide() {
	if p.link != nil {
		p.link.Call("removeAttribute", "aria-describedby")
	}
	p.id, p.link, p.pinned = "", nil, false
}

// place puts the card beside its link, below it if there is room and above
// it if not, always inside the viewport; on a phone the style sheet makes
// it a bottom sheet instead. The position is set through the CSS object
// model after the card has rendered, which the strict Content-Security-
// Policy allows (it refuses style attributes, not style properties).
func (p *LinkPreview) place(ctx ui.Context) {
	ctx.Defer(func(ui.Context) {
		card := ui.Window().GetElementByID(previewID)
		if !card.Truthy() || p.link == nil {
			return
		}
		style := card.Get("style")
		if isPhone() {
			style.Call("removeProperty", "left")
			style.Call("removeProperty", "top")
			return
		}
		frame := mapFrameOf(p.link)
		left, top := previewPosition(
			boundsOf(p.link), frame,
			boundsOf(card).width(), boundsOf(card).height(),
			ui.Window().Get("innerWidth").Float(), ui.Window().Get("innerHeight").Float(),
		)
		style.Call("setProperty", "left", mapgeom.Coord(left)+"px")
		style.Call("setProperty", "top", mapgeom.Coord(top)+"px")
		// A card laid over the map must not catch the pointer on its way
		// to a node underneath.
		if frame != nil && left < frame.right && !p.pinned {
			style.Call("setProperty", "pointer-events", "none")
		} else {
			style.Call("removeProperty", "pointer-events")
		}
	})
}

// rect is a box on screen, in CSS pixels.
type rect struct{ left, top, right, bottom float64 }

func (r rect) width() float64  { return r.right - r.left }
func (r rect) height() float64 { return r.bottom - r.top }
func (r rect) centre() kb.Point {
	return kb.Point{X: (r.left + r.right) / 2, Y: (r.top + r.bottom) / 2}
}

func boundsOf(el ui.Value) rect {
	r := el.Call("getBoundingClientRect")
	return rect{r.Get("left").Float(), r.Get("top").Float(), r.Get("right").Float(), r.Get("bottom").Float()}
}

// mapFrameOf is the box of the map a link is a node of, or nil for a link
// elsewhere.
func mapFrameOf(link ui.Value) *rect {
	frame := link.Call("closest", ".map-frame")
	if !frame.Truthy() {
		return nil
	}
	r := boundsOf(frame)
	return &r
}

// previewMargin keeps the card off the link and off the viewport's edges.
const previewMargin = 8

// previewPosition places a card of width w and height h for a link at
// anchor in a mapgeom.Viewport of vw by vh, never past an edge. A card for a link
// in text goes below it if it fits, else above it. A card for a node of the
// map (mapFrame set) must not hide the neighbourhood the map highlights: it
// goes beside the map if there is room, else in the map's corner farthest
// from the node.
func previewPosition(anchor rect, mapFrame *rect, w, h, vw, vh float64) (left, top float64) {
	clampX := func(x float64) float64 { return math.Max(previewMargin, math.Min(x, vw-w-previewMargin)) }
	clampY := func(y float64) float64 { return math.Max(previewMargin, math.Min(y, vh-h-previewMargin)) }
	if mapFrame != nil {
		if mapFrame.right+previewMargin+w <= vw-previewMargin {
			return mapFrame.right + previewMargin, clampY(anchor.top)
		}
		left, top = mapFrame.right-w-previewMargin, mapFrame.bottom-h-previewMargin
		if anchor.centre().X > mapFrame.centre().X {
			left = mapFrame.left + previewMargin
		}
		if anchor.centre().Y > mapFrame.centre().Y {
			top = mapFrame.top + previewMargin
		}
		return clampX(left), clampY(top)
	}
	left = clampX(anchor.left)
	switch {
	case anchor.bottom+previewMargin+h <= vh-previewMargin:
		top = anchor.bottom + previewMargin
	case anchor.top-previewMargin-h >= previewMargin:
		top = anchor.top - previewMargin - h
	default:
		top = clampY(vh)
	}
	return left, top
}

// isPhone says whether the mapgeom.Viewport is laid out as a phone.
func isPhone() bool {
	return ui.Window().Get("innerWidth").Int() <= phoneWidth
}
