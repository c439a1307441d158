// Package app holds Oversight Explorer's user interface: go-app components
// that the server prerenders to HTML and the browser runs as WebAssembly.
package app

import (
	"sort"
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// SiteName is the app's name as readers see it.
const SiteName = "Oversight Explorer"

// KnowledgePath is where the browser fetches the knowledge base from: the
// snapshot of what the server loaded (kb.Snapshot), so that the browser
// parses no Markdown or YAML to start.
const KnowledgePath = "/knowledge.json"

// TourReaderFile is the WebAssembly, in the web folder, that reads imported
// tours in the browser (cmd/tourreader); the app starts it only when a page
// needs it.
const TourReaderFile = "tourreader.wasm"

// OnDemandFiles are the files of the web folder that most readers never
// use, such as the tour reader, which only a teacher importing a tour
// needs: the service worker does not download them on the first visit, and
// keeps each once a page that uses it has opened (see KeepOffline).
func OnDemandFiles() []string { return []string{TourReaderFile, LabsFile} }

// LabsFile is the labs' WebAssembly (cmd/labworker), which LabWorkerScript
// runs in a Web Worker when a lab's page opens.
const LabsFile = "labs.wasm"

// LabWorkerScript is the address of the labs' Web Worker.
const LabWorkerScript = "/web/labworker.js"

// Paths of the app's index pages.
const (
	CaveatsPath   = kb.CaveatsPath
	HistoryPath   = kb.HistoryPath
	SourcesPath   = kb.SourcesPath
	QuestionsPath = "/questions"
)

// LabsPath is the page that lists the labs, a page of prose
// (content/pages/labs.md).
const LabsPath = "/labs"

// LabPath is the URL of a lab's page.
func LabPath(id string) string { return LabsPath + "/" + id }

// ProsePath is the URL of a page of prose, such as /about.
func ProsePath(id string) string { return "/" + id }

// Register routes every page of site's knowledge base, each page built with
// site. Each item has an exact route, so its page component is built
// knowing its id; anything else falls through to the not-found page.
func Register(site *Site) {
	k := site.Knowledge
	for path, page := range pageFactories(site) {
		ui.Route(path, page)
		// Static hosts serve a page's folder, /concepts/x/, for /concepts/x.
		if path != "/" {
			ui.Route(path+"/", page)
		}
	}
	// A concept merged into another keeps its address: the server sends a
	// reader there on (Redirects), and in the app it shows what it became.
	for from, to := range Redirects(k) {
		id := strings.TrimPrefix(to, kb.ConceptPath(""))
		ui.Route(from, func() ui.Composer { return &ConceptPage{Site: site, ID: id} })
	}
	ui.RouteNotFound(func() ui.Composer { return &NotFoundPage{Site: site} })
}

// Redirects maps the address of every concept merged into another to the
// address of the concept it became, so that old links keep working.
func Redirects(k *kb.KB) map[string]string {
	moved := make(map[string]string)
	for _, r := range k.Redirects() {
		moved[kb.ConceptPath(r.From)] = kb.ConceptPath(r.To)
	}
	return moved
}

// PageAt is the page component at path, or nil if no page is there.
func PageAt(site *Site, path string) ui.Composer {
	if path != "/" {
		path = strings.TrimSuffix(path, "/")
	}
	if page, ok := pageFactories(site)[path]; ok {
		return page()
	}
	return nil
}

// pageFactories maps every page path to the component that shows it.
func pageFactories(site *Site) map[string]func() ui.Composer {
	k := site.Knowledge
	pages := map[string]func() ui.Composer{
		"/":           func() ui.Composer { return &MapPage{Site: site} },
		CaveatsPath:   func() ui.Composer { return &CaveatsPage{Site: site} },
		HistoryPath:   func() ui.Composer { return &HistoryPage{Site: site} },
		SourcesPath:   func() ui.Composer { return &SourcesPage{Site: site} },
		QuestionsPath: func() ui.Composer { return &QuestionsPage{Site: site} },
		SearchPath:    func() ui.Composer { return &SearchPage{Site: site} },
		DataPath:      func() ui.Composer { return &DataPage{Site: site} },
		GlossaryPath:  func() ui.Composer { return &GlossaryPage{Site: site} },
		JoinPath:      func() ui.Composer { return &JoinPage{Site: site} },
	}
	for _, l := range k.Labs() {
		id := l.ID
		pages[LabPath(id)] = func() ui.Composer { return &LabPage{Site: site, ID: id} }
	}
	for _, c := range k.Concepts() {
		id := c.ID
		pages[kb.ConceptPath(id)] = func() ui.Composer { return &ConceptPage{Site: site, ID: id} }
	}
	for _, c := range k.Caveats() {
		id := c.ID
		pages[kb.CaveatPath(id)] = func() ui.Composer { return &CaveatPage{Site: site, ID: id} }
	}
	for _, e := range k.Events() {
		id := e.ID
		pages[kb.EventPath(id)] = func() ui.Composer { return &EventPage{Site: site, ID: id} }
	}
	for _, r := range k.Readings() {
		id := r.ID
		pages[kb.ReadingPath(id)] = func() ui.Composer { return &ReadingPage{Site: site, ID: id} }
	}
	for _, p := range k.Pages() {
		id := p.ID
		pages[ProsePath(id)] = func() ui.Composer { return &ProsePage{Site: site, ID: id} }
	}
	tourPages(pages, site)
	return pages
}

// QueryKeys lists the query parameters that the page at path reads; any
// other parameter leaves the page as it is, so the server keeps one
// rendering of a page for each value of these alone. A page that starts
// reading a parameter must add it here (a test renders every page with a
// parameter no page reads and requires the same page).
func (s *Site) QueryKeys(path string) []string {
	switch {
	case path == "/":
		return []string{"focus", "hide", "hops", "lens", "view"}
	case path == SearchPath:
		return []string{"q"}
	case strings.HasPrefix(path, importedTourPath), strings.HasPrefix(path, importedPresentPath):
		return []string{"step", "tour", "view"}
	case strings.HasPrefix(path, PresentPath+"/"):
		return []string{"view"}
	case strings.HasPrefix(path, LabsPath+"/"):
		if l, ok := s.Knowledge.Lab(strings.TrimPrefix(path, LabsPath+"/")); ok {
			return l.QueryKeys
		}
	}
	return nil
}

// Pages lists the path of every page the app has, sorted, for the server
// (any other path answers 404), the offline cache and the static export.
func Pages(k *kb.KB) []string {
	var paths []string
	// The factories are not called: a site of k alone names every page.
	for path := range pageFactories(&Site{Knowledge: k}) {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	return paths
}
