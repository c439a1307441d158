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

	// ID is the concept shown.
	ID string
}

func (p *ConceptPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *ConceptPage) OnNav(ctx ui.Context) { p.arrive(ctx) }

func (p *ConceptPage) arrive(ctx ui.Context) {
	c := p.concept()
	showPage(ctx, c.Title, c.Summary, headingID)
}

func (p *ConceptPage) concept() *kb.Concept {
	c, _ := knowledge.Concept(p.ID)
	return c
}

func (p *ConceptPage) Render() ui.UI {
	c := p.concept()
	return pageFrame("concept-page",
		ui.Article().Class("concept", "kind-"+string(c.Kind)).Body(
			ui.P().Class("back").Body(
				ui.A().Href("/?focus="+c.ID).Text("← Back to the map"),
			),
			ui.P().Class("kind-badge", "kind-"+string(c.Kind)).Text(c.Kind.Label()),
			ui.H1().ID(headingID).TabIndex(-1).Text(c.Title),
			ui.P().Class("lead").Text(c.Summary),
			ui.Details().Class("definition").Body(
				ui.Summary().Text("Full definition"),
				ui.Raw(c.Definition),
			),
			p.relations(c),
		),
	)
}

// relations lists every link of the concept as a sentence, the other
// concept linked, with the link's note.
func (p *ConceptPage) relations(c *kb.Concept) ui.UI {
	links := knowledge.LinksOf(c.ID)
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
		return ui.Span().Class("self").Text(titleOf(id))
	}
	return ui.A().Href(ConceptPath(id)).Text(titleOf(id))
}
