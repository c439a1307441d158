package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// SourceList closes every citable page: its sources, numbered as the
// citations in the text are, each linking to the bibliography and saying
// how far it was verified, and the day the page was last reviewed.
type SourceList struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// IDs are the sources in citation order.
	IDs []string
	// Reviewed is the day the page was last checked, YYYY-MM-DD.
	Reviewed string
}

func (s *SourceList) Render() ui.UI {
	return ui.Footer().Class("entry-footer").Body(
		ui.H2().Text("Sources"),
		ui.Ol().Class("source-list").Body(
			ui.Range(s.IDs).Slice(func(i int) ui.UI {
				src, ok := s.Site.Knowledge.Source(s.IDs[i])
				if !ok {
					return nil
				}
				return ui.Li().Body(
					ui.A().Href(SourcesPath+"#"+src.ID).Text(src.Title),
					ui.Text(" — "+src.Authors+", "+readableDate(src.Date)+". "),
					ui.If(src.Status != kb.StatusVerified, func() ui.UI {
						return statusBadge(src)
					}),
				)
			}),
		),
		ui.P().Class("reviewed").Body(
			ui.Text("Last reviewed "),
			ui.Time().DateTime(s.Reviewed).Text(readableDate(s.Reviewed)),
		),
	)
}

// statusBadge tells the reader a source's details are not all confirmed.
func statusBadge(src *kb.Source) ui.UI {
	return ui.Span().Class("status-badge", "status-"+string(src.Status)).
		Title(src.Unverified).
		Text(src.Status.Label() + ": " + sentenceCase(src.Unverified))
}
