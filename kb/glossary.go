package kb

import (
	"sort"
	"strings"
)

// Term is an entry of the glossary: a word the content uses that a
// newcomer may not know, with a short definition in plain words. Bodies
// link the first use of a term on a page to its entry, /glossary#<id>.
type Term struct {
	ID    string
	Title string
	// Aliases are the other forms of the term to recognise in text, such
	// as its plural.
	Aliases []string `json:",omitempty"`
	// Summary is the definition, one or two plain sentences.
	Summary string
	// SummaryLine is the line of the summary in File.
	SummaryLine int
	// Sources are the ids of the sources behind a technical definition.
	Sources  []string `json:",omitempty"`
	Reviewed string
	File     string
}

// Forms are the term's title and aliases: every way it is written.
func (t *Term) Forms() []string {
	return append([]string{t.Title}, t.Aliases...)
}

// Glossary returns every term, ordered by title as a reader looks one up.
func (k *KB) Glossary() []*Term { return k.glossary }

// Term returns the glossary term with the given id.
func (k *KB) Term(id string) (*Term, bool) {
	for _, t := range k.glossary {
		if t.ID == id {
			return t, true
		}
	}
	return nil, false
}

func sortGlossary(terms []*Term) {
	sort.SliceStable(terms, func(i, j int) bool {
		return strings.ToLower(terms[i].Title) < strings.ToLower(terms[j].Title)
	})
}
