package app

import (
	"oversight/kb"
	"oversight/search"
)

// Site is everything the app's pages read: the knowledge base and what is
// built from it, this browser's local data, and the modules that read
// imported tours and run the labs. NewSite builds it once; Register hands
// it to every page through the page's route, and each page hands it on to
// the components inside it, so no component reads a package variable and a
// test can render pages of any knowledge base it builds.
type Site struct {
	// Knowledge is the loaded knowledge base, read-only.
	Knowledge *kb.KB
	// reviewed is the latest review date of the knowledge base, which
	// every page's footer shows.
	reviewed string
	// device is this browser's local data (OpenLocalData); nil on the
	// server, where nothing is stored and reads are empty.
	device *store
	// tours reads the tours a teacher imports.
	tours TourReader
	// labs writes the labs' pages.
	labs LabRunner
	// index is what a search matches, built from Knowledge on the first
	// search rather than as the app starts, which most visits never pay.
	index *search.Index
	// started is set once the WebAssembly has shown its first page: later
	// page changes are in-app navigations that must move focus and scroll.
	started bool
}

// NewSite builds the site of knowledge base k, with reader for the tours a
// teacher imports and runner for the labs.
func NewSite(k *kb.KB, reader TourReader, runner LabRunner) *Site {
	return &Site{Knowledge: k, reviewed: latestReview(k), tours: reader, labs: runner}
}

// searchIndex is every item of the knowledge base, ready to be matched;
// built on first use, in the app itself: search works offline and needs no
// request.
func (s *Site) searchIndex() *search.Index {
	if s.index == nil {
		s.index = buildSearchIndex(s.Knowledge)
	}
	return s.index
}
