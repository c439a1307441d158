package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// MapOutline is the text twin of the concept map: the same graph as a
// structured outline, every concept with every relation as a sentence whose
// other end is a link. Nothing on the map is visual-only.
type MapOutline struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site
}

func (o *MapOutline) Render() ui.UI {
	return ui.Div().Class("map-outline").Body(
		ui.Range(kb.Kinds).Slice(func(i int) ui.UI {
			kind := kb.Kinds[i]
			var concepts []ui.UI
			for _, c := range o.Site.Knowledge.Concepts() {
				if c.Kind == kind {
					concepts = append(concepts, o.concept(c))
				}
			}
			return ui.Section().Class("outline-group").Body(
				ui.H2().Text(kind.Label()),
				ui.Ul().Body(concepts...),
			)
		}),
	)
}

func (o *MapOutline) concept(c *kb.Concept) ui.UI {
	links := o.Site.Knowledge.LinksOf(c.ID)
	return ui.Li().Class("outline-concept").Body(
		ui.H3().Body(ui.A().Href(kb.ConceptPath(c.ID)).Text(c.Title)),
		ui.P().Class("index-summary").Text(c.Summary),
		ui.Ul().Class("outline-relations").Body(
			ui.Range(links).Slice(func(i int) ui.UI {
				l := links[i]
				return ui.Li().Body(
					o.Site.outlineEnd(l.From, c.ID),
					ui.Text(" "+l.Relation.Phrase()+" "),
					o.Site.outlineEnd(l.To, c.ID),
				)
			}),
		),
	)
}

// outlineEnd is one side of a relation: the concept being described in
// plain text, the other one as a link.
func (s *Site) outlineEnd(id, self string) ui.UI {
	if id == self {
		return ui.Text(s.titleOf(id))
	}
	return ui.A().Href(kb.ConceptPath(id)).Text(s.titleOf(id))
}
