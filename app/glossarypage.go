package app

import (
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// GlossaryPath is the glossary's page; each term is at GlossaryPath#<id>,
// where the first use of a term on any page links to.
const GlossaryPath = kb.GlossaryPath

// GlossaryPage defines, in plain words, the terms the app uses, with the
// sources behind the technical ones.
type GlossaryPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site
}

func (p *GlossaryPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *GlossaryPage) OnNav(ctx ui.Context) {
	p.arrive(ctx)
	// Arriving names the document, which the page does not draw.
	ctx.PreventUpdate()
}

func (p *GlossaryPage) arrive(ctx ui.Context) {
	p.Site.showPage(ctx, "Glossary", "The technical terms of superalignment, each in a sentence or two of plain language.", headingID)
}

func (p *GlossaryPage) Render() ui.UI {
	terms := p.Site.Knowledge.Glossary()
	return pageFrame(p.Site, "glossary-page",
		ui.Div().Class("reading-column").Body(
			ui.H1().ID(headingID).TabIndex(-1).Text("Glossary"),
			ui.P().Class("lead").Text("The words this explorer uses that a newcomer may not know. On every page, the first use of one links here; hover over it or focus it to read its definition in place."),
			ui.Dl().Class("glossary").Body(ui.Range(terms).Slice(func(i int) ui.UI {
				t := terms[i]
				return ui.Div().ID(t.ID).Class("glossary-entry").Body(
					ui.Dt().Text(t.Title),
					ui.Dd().Body(
						ui.P().Text(t.Summary),
						ui.If(len(t.Aliases) > 0, func() ui.UI {
							return ui.P().Class("glossary-forms").Text("Also written: " + strings.Join(t.Aliases, ", ") + ".")
						}),
						ui.If(len(t.Sources) > 0, func() ui.UI { return p.Site.termSources(t.Sources) }),
					),
				)
			})),
		),
	)
}

// termSources names the sources behind a definition, each linking to its
// entry in the bibliography.
func (s *Site) termSources(ids []string) ui.UI {
	var links []ui.UI
	for i, id := range ids {
		src, ok := s.Knowledge.Source(id)
		if !ok {
			continue
		}
		if i > 0 {
			links = append(links, ui.Text("; "))
		}
		links = append(links, ui.A().Href(SourcesPath+"#"+src.ID).Text(src.Title))
	}
	return ui.P().Class("glossary-sources").Body(append([]ui.UI{ui.Text("Source: ")}, links...)...)
}
