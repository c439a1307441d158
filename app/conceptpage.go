package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// ConceptPage shows one concept: its summary, its full definition behind a
// disclosure that works without JavaScript, and how it relates to the rest
// of the map.
type ConceptPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// ID is the concept shown.
	ID string
}

func (p *ConceptPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *ConceptPage) OnNav(ctx ui.Context) {
	p.arrive(ctx)
	// Arriving names the document and marks the concept visited, which the
	// page does not draw (its concept is a property, ID).
	ctx.PreventUpdate()
}

func (p *ConceptPage) arrive(ctx ui.Context) {
	c := p.concept()
	p.Site.showPage(ctx, c.Title, c.Summary, headingID)
	p.Site.device.markVisited(ctx, c.ID)
}

func (p *ConceptPage) concept() *kb.Concept {
	c, _ := p.Site.Knowledge.Concept(p.ID)
	return c
}

func (p *ConceptPage) Render() ui.UI {
	c := p.concept()
	return pageFrame(p.Site, "concept-page",
		ui.Article().Class("concept", "kind-"+string(c.Kind)).Body(
			ui.P().Class("back").Body(
				ui.A().Href("/?focus="+c.ID).Text("← Back to the map"),
			),
			ui.P().Class("kind-badge", "kind-"+string(c.Kind)).Text(c.Kind.Label()),
			ui.H1().ID(headingID).TabIndex(-1).Text(c.Title),
			ui.P().Class("lead").Text(c.Summary),
			ui.Details().Class("definition").Body(
				ui.Summary().Text("Full definition"),
				ui.Raw(c.Body),
			),
			p.caveats(c),
			p.labs(c),
			p.relations(c),
			p.questions(c),
			p.history(c),
			&SourceList{Site: p.Site, IDs: c.Sources, Reviewed: c.Reviewed},
		),
	)
}

// caveats lists the caveats that qualify the concept, first thing after
// the definition, so nobody reads the concept without its limits.
func (p *ConceptPage) caveats(c *kb.Concept) ui.UI {
	caveats := p.Site.Knowledge.CaveatsOf(c.ID)
	if len(caveats) == 0 {
		return nil
	}
	return ui.Section().Class("caveats-of").Aria("labelledby", "caveats-heading").Body(
		ui.H2().ID("caveats-heading").Text("Caveats"),
		ui.Ul().Body(ui.Range(caveats).Slice(func(i int) ui.UI {
			cv := caveats[i]
			return ui.Li().Body(
				ui.A().Href(kb.CaveatPath(cv.ID)).Text(cv.Title),
				ui.Span().Class("index-summary").Text(" — "+cv.Summary),
			)
		})),
	)
}

// labs offers the lab that lets a reader see the concept happen.
func (p *ConceptPage) labs(c *kb.Concept) ui.UI {
	return p.Site.conceptLabLink(c.ID, "Run it yourself: the lab")
}

// conceptLabLink links the lab a concept has, if any, as a button.
func (s *Site) conceptLabLink(conceptID, label string) ui.UI {
	labs := s.Knowledge.LabsOf(conceptID)
	if len(labs) == 0 {
		return nil
	}
	return ui.A().Class("button", "secondary", "lab-link").Href(LabPath(labs[0].ID)).Text(label)
}

func (p *ConceptPage) questions(c *kb.Concept) ui.UI {
	if len(c.Questions) == 0 {
		return nil
	}
	return ui.Section().Class("questions").Aria("labelledby", "questions-heading").Body(
		ui.H2().ID("questions-heading").Text("Open questions"),
		ui.Ul().Body(ui.Range(c.Questions).Slice(func(i int) ui.UI {
			return ui.Li().Text(c.Questions[i])
		})),
	)
}

// history lists the events of the institutional history that concern the
// concept, each with how it is known.
func (p *ConceptPage) history(c *kb.Concept) ui.UI {
	events := p.Site.Knowledge.EventsOf(c.ID)
	if len(events) == 0 {
		return nil
	}
	return ui.Section().Class("history-of").Aria("labelledby", "history-heading").Body(
		ui.H2().ID("history-heading").Text("In the history"),
		ui.Ul().Body(ui.Range(events).Slice(func(i int) ui.UI {
			e := events[i]
			return ui.Li().Body(
				ui.Time().DateTime(e.Date).Text(readableDate(e.Date)),
				ui.Text(" "),
				ui.A().Href(kb.EventPath(e.ID)).Text(e.Title),
				ui.Text(" "),
				&EvidenceBadge{Evidence: e.Evidence},
			)
		})),
	)
}

// relations lists every link of the concept as a sentence, the other
// concept linked, with the link's note.
func (p *ConceptPage) relations(c *kb.Concept) ui.UI {
	links := p.Site.Knowledge.LinksOf(c.ID)
	if len(links) == 0 {
		return nil
	}
	return ui.Section().Class("relations").Aria("labelledby", "relations-heading").Body(
		ui.H2().ID("relations-heading").Text("How it relates"),
		ui.Ul().Body(
			ui.Range(links).Slice(func(i int) ui.UI {
				l := links[i]
				return ui.Li().Class("relation", "rel-"+string(l.Relation)).Body(
					ui.P().Class("relation-sentence").Body(
						p.end(l.From, c.ID),
						ui.Text(" "),
						ui.Strong().Text(l.Relation.Phrase()),
						ui.Text(" "),
						p.end(l.To, c.ID),
					),
					ui.P().Class("relation-note").Text(l.Note),
				)
			}),
		),
	)
}

// end is one side of a relation sentence: this concept in plain text, the
// other one as a link.
func (p *ConceptPage) end(id, self string) ui.UI {
	if id == self {
		return ui.Span().Class("self").Text(p.Site.titleOf(id))
	}
	return ui.A().Href(kb.ConceptPath(id)).Text(p.Site.titleOf(id))
}
