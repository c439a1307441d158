// Package app holds Oversight Explorer's user interface: go-app components
// that the server prerenders to HTML and the browser runs as WebAssembly.
package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// SiteName is the app's name as readers see it.
const SiteName = "Oversight Explorer"

// knowledge is the loaded knowledge base. Register sets it once, before any
// component renders; it is read-only afterwards.
var knowledge *kb.KB

// ConceptPath is the URL of a concept's page.
func ConceptPath(id string) string { return "/concepts/" + id }

// Register makes k the app's knowledge base and routes every page of it.
// Each concept has an exact route, so its page component is built knowing
// its id; anything else falls through to the not-found page.
func Register(k *kb.KB) {
	knowledge = k
	ui.Route("/", func() ui.Composer { return &MapPage{} })
	for _, c := range k.Concepts() {
		id := c.ID
		ui.Route(ConceptPath(id), func() ui.Composer { return &ConceptPage{ID: id} })
	}
	ui.RouteWithRegexp("^/.*$", func() ui.Composer { return &NotFoundPage{} })
}

// Pages lists the path of every page the app has, for the server and the
// static export.
func Pages(k *kb.KB) []string {
	paths := []string{"/"}
	for _, c := range k.Concepts() {
		paths = append(paths, ConceptPath(c.ID))
	}
	return paths
}

// IsPage reports whether path is one of the app's pages; any other path is
// answered with the not-found page and status 404.
func IsPage(k *kb.KB, path string) bool {
	if path == "/" {
		return true
	}
	const prefix = "/concepts/"
	if len(path) > len(prefix) && path[:len(prefix)] == prefix {
		_, ok := k.Concept(path[len(prefix):])
		return ok
	}
	return false
}
