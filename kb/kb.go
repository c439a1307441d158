// Package kb is the typed knowledge base of Oversight Explorer: concepts and
// the typed relations between them, loaded once from Markdown files with YAML
// front matter and validated as a whole. It is pure Go with no UI imports, so
// the server, the WebAssembly client, the static export and the content
// checker all share it.
package kb

import "sort"

// Map coordinates: authors place each concept on a canvas of this size.
const (
	MapWidth  = 1200
	MapHeight = 1000
)

// Kind says what role a concept plays on the map.
type Kind string

// The kinds a concept can have.
const (
	KindCore      Kind = "core"
	KindDirection Kind = "direction"
	KindMethod    Kind = "method"
	KindProblem   Kind = "problem"
	KindIdea      Kind = "idea"
)

// Kinds lists every kind in the order a legend shows them.
var Kinds = []Kind{KindCore, KindDirection, KindMethod, KindProblem, KindIdea}

// Label is the kind's name as a reader sees it.
func (k Kind) Label() string {
	switch k {
	case KindCore:
		return "Core topic"
	case KindDirection:
		return "Research direction"
	case KindMethod:
		return "Method or tool"
	case KindProblem:
		return "Open problem"
	case KindIdea:
		return "Key idea"
	}
	return string(k)
}

func (k Kind) valid() bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}
	return false
}

// Relation is the type of a link between two concepts.
type Relation string

// The relations a link can have. Each reads as "From <phrase> To".
const (
	RelMethodOf    Relation = "method-of"
	RelToolFor     Relation = "tool-for"
	RelOverlaps    Relation = "overlaps"
	RelComplements Relation = "complements"
	RelAnalogyFor  Relation = "analogy-for"
	RelAddresses   Relation = "addresses"
	RelBuildsOn    Relation = "builds-on"
	RelMotivates   Relation = "motivates"
)

// Relations lists every relation in the order a legend shows them.
var Relations = []Relation{
	RelMethodOf, RelToolFor, RelOverlaps, RelComplements,
	RelAnalogyFor, RelAddresses, RelBuildsOn, RelMotivates,
}

// Phrase is the relation as words between the two concept titles.
func (r Relation) Phrase() string {
	switch r {
	case RelMethodOf:
		return "is a method of"
	case RelToolFor:
		return "is a tool for"
	case RelOverlaps:
		return "overlaps with"
	case RelComplements:
		return "complements"
	case RelAnalogyFor:
		return "is an analogy for"
	case RelAddresses:
		return "addresses"
	case RelBuildsOn:
		return "builds on"
	case RelMotivates:
		return "motivates"
	}
	return string(r)
}

func (r Relation) valid() bool {
	for _, known := range Relations {
		if r == known {
			return true
		}
	}
	return false
}

// Point is a position on the map canvas.
type Point struct {
	X, Y float64
}

// Link is a typed, annotated relation: From <relation> To.
type Link struct {
	From, To string
	Relation Relation
	Note     string
}

// Concept is one node of the map, with its page content.
type Concept struct {
	ID       string
	Title    string
	Kind     Kind
	Summary  string
	Position Point
	// Links are the relations this concept's file declares, From this concept.
	Links []Link
	// Definition is the body rendered to safe HTML, wrapped in one element.
	Definition string
	// File is where the concept was written, and PositionLine the line of
	// its position, for messages to authors.
	File         string
	PositionLine int
}

// KB is a loaded, validated knowledge base. It is read-only after Load.
type KB struct {
	concepts []*Concept
	byID     map[string]*Concept
	links    []Link
}

// Concepts returns every concept, ordered by kind (as in Kinds) then title.
func (k *KB) Concepts() []*Concept { return k.concepts }

// Concept returns the concept with the given id.
func (k *KB) Concept(id string) (*Concept, bool) {
	c, ok := k.byID[id]
	return c, ok
}

// Links returns every link of the map.
func (k *KB) Links() []Link { return k.links }

// LinksOf returns the links that start or end at the concept, in map order.
func (k *KB) LinksOf(id string) []Link {
	var out []Link
	for _, l := range k.links {
		if l.From == id || l.To == id {
			out = append(out, l)
		}
	}
	return out
}

// Neighbours returns the ids of the concepts linked to the concept, either way.
func (k *KB) Neighbours(id string) map[string]bool {
	out := make(map[string]bool)
	for _, l := range k.LinksOf(id) {
		out[l.From] = true
		out[l.To] = true
	}
	delete(out, id)
	return out
}

func newKB(concepts []*Concept) *KB {
	kindRank := make(map[Kind]int)
	for i, kind := range Kinds {
		kindRank[kind] = i
	}
	sort.SliceStable(concepts, func(i, j int) bool {
		a, b := concepts[i], concepts[j]
		if a.Kind != b.Kind {
			return kindRank[a.Kind] < kindRank[b.Kind]
		}
		return a.Title < b.Title
	})
	k := &KB{concepts: concepts, byID: make(map[string]*Concept)}
	for _, c := range concepts {
		k.byID[c.ID] = c
		k.links = append(k.links, c.Links...)
	}
	return k
}
