package main

import (
	_ "embed"
	"strings"
)

// tried.md says, for each kind of target, what was tried to reach it and
// what each attempt measured: a record kept beside the code, which the
// report prints, once per kind, after the targets a run misses, so that a
// reader of one run sees the history its numbers stand on.
//
//go:embed tried.md
var triedNotes string

// triedSection is one "## heading" of tried.md: the start of the names of
// the targets it covers, and its text.
type triedSection struct {
	prefix, text string
}

// triedSections reads tried.md's sections, in order.
func triedSections() []triedSection {
	var sections []triedSection
	for _, part := range strings.Split("\n"+triedNotes, "\n## ")[1:] {
		heading, body, _ := strings.Cut(part, "\n")
		sections = append(sections, triedSection{prefix: strings.TrimSpace(heading), text: strings.TrimSpace(body)})
	}
	return sections
}

// triedFor is the section on the target named name: the one whose heading
// is the longest start of the name.
func triedFor(name string) (triedSection, bool) {
	best := triedSection{}
	for _, s := range triedSections() {
		if strings.HasPrefix(name, s.prefix) && len(s.prefix) > len(best.prefix) {
			best = s
		}
	}
	return best, best.prefix != ""
}
