package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// latestReview is the latest day any item of the knowledge base was
// checked against its sources; NewSite keeps it for every page's footer.
func latestReview(k *kb.KB) string {
	latest := ""
	consider := func(e kb.Entry) {
		if e.Reviewed > latest {
			latest = e.Reviewed
		}
	}
	for _, c := range k.Concepts() {
		consider(c.Entry)
	}
	for _, c := range k.Caveats() {
		consider(c.Entry)
	}
	for _, e := range k.Events() {
		consider(e.Entry)
	}
	for _, r := range k.Readings() {
		consider(r.Entry)
	}
	for _, p := range k.Pages() {
		consider(p.Entry)
	}
	return latest
}

// PageEndID is the id of the footer, the last part of every page: the
// server's pages ask the browser not to paint before it is read.
const PageEndID = "site-footer"

// pageFrame is what every page of site shares: a skip link, the site
// header with the way back to the map, the page's own content as <main>,
// and a footer.
func pageFrame(site *Site, class string, content ...ui.UI) ui.UI {
	return ui.Div().Class("frame", class).Body(
		ui.A().Class("skip-link").Href("#"+headingID).Text("Skip to content"),
		ui.Header().Class("site-header").Body(
			ui.A().Class("brand").Href("/").Body(
				ui.Img().Class("brand-mark").Src("/web/icon.svg").Width(28).Height(28).Aria("hidden", true),
				ui.Span().Text(SiteName),
			),
			ui.Nav().Aria("label", "Site").Body(
				ui.A().Href("/").Text("Map"),
				ui.A().Href(ProsePath("about")).Text("About"),
				ui.A().Href(ProsePath(problemPageID)).Text("The problem"),
				ui.A().Href(CaveatsPath).Text("Caveats"),
				ui.A().Href(HistoryPath).Text("History"),
				ui.A().Href(QuestionsPath).Text("Questions"),
				ui.A().Href(ToursPath).Text("Tours"),
				ui.A().Href(SourcesPath).Text("Sources"),
			),
		),
		ui.Div().Class("search-bar").Body(&SearchBox{Site: site}, &ThemeToggle{Site: site}),
		&LocalDataNotice{Site: site},
		ui.Main().Class("page").Body(content...),
		&LinkPreview{Site: site},
		ui.Footer().ID(PageEndID).Class("site-footer").Body(
			ui.P().Text("Oversight Explorer teaches superalignment: how to oversee AI systems that may outgrow their overseers."),
			ui.P().Class("reviewed").Body(
				ui.Text("Content last reviewed "),
				ui.Time().DateTime(site.reviewed).Text(readableDate(site.reviewed)),
				ui.Text("; each page with its own sources gives its own date."),
			),
			ui.P().Body(ui.A().Href(GlossaryPath).Text("Glossary"), ui.Text(": the technical terms in plain words.")),
			ui.P().Body(ui.A().Href(DataPath).Text("Your data on this device"), ui.Text(": what the app keeps here, export and import.")),
		),
		// Last, so that at the foot of any page it sits below everything
		// and covers nothing (see .app-status in the stylesheet).
		&AppStatus{Site: site},
	)
}
