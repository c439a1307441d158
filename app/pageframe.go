package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// pageFrame is what every page shares: a skip link, the site header with the
// way back to the map, the page's own content as <main>, and a footer.
func pageFrame(class string, content ...ui.UI) ui.UI {
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
				ui.A().Href(SourcesPath).Text("Sources"),
			),
		),
		ui.Div().Class("search-bar").Body(&SearchBox{}, &ThemeToggle{}),
		&AppStatus{},
		ui.Main().Class("page").Body(content...),
		ui.Footer().Class("site-footer").Body(
			ui.P().Text("Oversight Explorer teaches superalignment: how to oversee AI systems that may outgrow their overseers."),
		),
	)
}
