// Package kb is the typed knowledge base of Oversight Explorer: concepts and
// the typed relations between them, caveats, history, sources and tours,
// and the snapshot that carries them to the browser. kb/load fills it from
// Markdown files with YAML front matter, validated as a whole. It is pure Go
// with no UI imports and no Markdown or YAML, so the server, the app's
// WebAssembly, the static export and the content checker all share it.
package kb

import "sort"

// PinLimit bounds a position an author pins a concept to, in map units on
// each axis (0 to PinLimit): the laid-out map spans about a thousand.
const PinLimit = 5000

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

func (k Kind) Valid() bool {
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

func (r Relation) Valid() bool {
	for _, known := range Relations {
		if r == known {
			return true
		}
	}
	return false
}

// Point is a position on the map, in map units, y downwards.
type Point struct {
	X, Y float64
}

// Rect is an upright rectangle on the map.
type Rect struct {
	X, Y, W, H float64
}

// Link is a typed, annotated relation: From <relation> To.
type Link struct {
	From, To string
	Relation Relation
	Note     string
	// Line is where the link is declared, in the From concept's file.
	Line int
	// Path is the link's route on the map as SVG path data, from the
	// border of From's node to the border of To's, around every other
	// node; LabelAt is where the relation's name is written. The layout
	// sets both (maplayout); the loader leaves them empty.
	Path    string
	LabelAt Point
}

// Entry is what every citable item shares: concepts, caveats, events,
// readings and pages.
type Entry struct {
	ID      string
	Title   string
	Summary string
	// SummaryLine is the line of the summary in File, for messages to
	// authors.
	SummaryLine int
	// Reviewed is the day the text was last checked against its sources,
	// as YYYY-MM-DD.
	Reviewed string
	// Sources are the ids of the sources the item cites, numbered in this
	// order: inline citations as they first appear, then the rest of the
	// front matter's list.
	Sources []string
	// Body is the Markdown body rendered to safe HTML in one element, with
	// each inline citation a numbered link to its source.
	Body string
	// File is where the item was written, for messages to authors.
	File string
}

// Concept is one node of the map, with its page content.
type Concept struct {
	Entry
	Kind Kind
	// Position is the centre of the concept's node on the map: where the
	// author pinned it, or else where the layout placed it.
	Position Point
	// Pinned says the author gave the position, at PositionLine in File.
	Pinned       bool `json:",omitzero"`
	PositionLine int  `json:",omitzero"`
	// Links are the relations this concept's file declares, From this concept.
	Links []Link
	// Questions are open questions for discussion.
	Questions []string
	// Aliases are the ids of concepts merged into this one: their old
	// addresses lead here.
	Aliases []string `json:",omitempty"`
}

// Map is the frame of the laid-out concept map.
type Map struct {
	// Frame is the part of the plane the map covers: the view that shows
	// all of it.
	Frame Rect
	// Band holds the problems and ideas, apart from the research
	// directions and their methods; empty when there are none.
	Band Rect
}

// KB is a loaded, validated knowledge base. It is read-only after Load.
type KB struct {
	drawing  Map
	concepts []*Concept
	byID     map[string]*Concept
	links    []Link
	caveats  []*Caveat
	events   []*Event
	readings []*Reading
	pages    []*Page
	sources  []*Source
	tours    []*Tour
	glossary []*Term
	labs     []Lab
	// redirects maps each alias to the concept it now names.
	redirects map[string]string
}

// Parts are the items of a knowledge base, in any order.
type Parts struct {
	// Map is the frame of the map once laid out; zero before.
	Map      Map
	Concepts []*Concept
	Caveats  []*Caveat
	Events   []*Event
	Readings []*Reading
	Pages    []*Page
	Sources  []*Source
	Tours    []*Tour
	Glossary []*Term
	// Labs are the labs' descriptions, which the server adds from the
	// labs' registry (labs.Attach): content/ does not hold them.
	Labs []Lab
}

// New makes a knowledge base of items that kb/load has checked: it puts
// each kind in the order the app lists it and indexes the concepts.
func New(p Parts) *KB {
	sortConcepts(p.Concepts)
	sortCaveats(p.Caveats)
	sort.SliceStable(p.Events, func(i, j int) bool { return p.Events[i].Date < p.Events[j].Date })
	sort.SliceStable(p.Readings, func(i, j int) bool { return p.Readings[i].Title < p.Readings[j].Title })
	sort.SliceStable(p.Pages, func(i, j int) bool { return p.Pages[i].ID < p.Pages[j].ID })
	sort.SliceStable(p.Sources, func(i, j int) bool { return p.Sources[i].ID < p.Sources[j].ID })
	sort.SliceStable(p.Tours, func(i, j int) bool {
		a, b := p.Tours[i], p.Tours[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.Title < b.Title
	})
	sortGlossary(p.Glossary)
	k := &KB{
		drawing: p.Map, concepts: p.Concepts, byID: make(map[string]*Concept, len(p.Concepts)),
		caveats: p.Caveats, events: p.Events, readings: p.Readings,
		pages: p.Pages, sources: p.Sources, tours: p.Tours, glossary: p.Glossary,
		labs: p.Labs, redirects: make(map[string]string),
	}
	for _, c := range p.Concepts {
		k.byID[c.ID] = c
		k.links = append(k.links, c.Links...)
		for _, alias := range c.Aliases {
			k.redirects[alias] = c.ID
		}
	}
	return k
}

// Parts returns the items of the knowledge base, each kind in its order.
func (k *KB) Parts() Parts {
	return Parts{
		Map: k.drawing, Concepts: k.concepts, Caveats: k.caveats, Events: k.events,
		Readings: k.readings, Pages: k.pages, Sources: k.sources, Tours: k.tours,
		Glossary: k.glossary, Labs: k.labs,
	}
}

// Labs returns the labs' descriptions, in the order the index lists them.
func (k *KB) Labs() []Lab { return k.labs }

// Lab finds a lab by id.
func (k *KB) Lab(id string) (Lab, bool) {
	for _, l := range k.labs {
		if l.ID == id {
			return l, true
		}
	}
	return Lab{}, false
}

// LabsOf lists the labs that belong to a concept.
func (k *KB) LabsOf(conceptID string) []Lab {
	var of []Lab
	for _, l := range k.labs {
		if l.Concept == conceptID {
			of = append(of, l)
		}
	}
	return of
}

// Map returns the frame of the laid-out map.
func (k *KB) Map() Map { return k.drawing }

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

// Caveats returns every caveat, by group (as in CaveatGroups) then title.
func (k *KB) Caveats() []*Caveat { return k.caveats }

// Caveat returns the caveat with the given id.
func (k *KB) Caveat(id string) (*Caveat, bool) { return find(k.caveats, id) }

// CaveatsOf returns the caveats that qualify the concept.
func (k *KB) CaveatsOf(conceptID string) []*Caveat {
	var out []*Caveat
	for _, c := range k.caveats {
		if contains(c.Qualifies, conceptID) {
			out = append(out, c)
		}
	}
	return out
}

// Events returns the timeline, oldest first.
func (k *KB) Events() []*Event { return k.events }

// Event returns the event with the given id.
func (k *KB) Event(id string) (*Event, bool) { return find(k.events, id) }

// EventsOf returns the events that concern the concept, oldest first.
func (k *KB) EventsOf(conceptID string) []*Event {
	var out []*Event
	for _, e := range k.events {
		if contains(e.Concerns, conceptID) {
			out = append(out, e)
		}
	}
	return out
}

// Readings returns every interpretive reading, by title.
func (k *KB) Readings() []*Reading { return k.readings }

// Reading returns the reading with the given id.
func (k *KB) Reading(id string) (*Reading, bool) { return find(k.readings, id) }

// Pages returns every page of prose, by id.
func (k *KB) Pages() []*Page { return k.pages }

// Page returns the page with the given id.
func (k *KB) Page(id string) (*Page, bool) { return find(k.pages, id) }

// Sources returns the bibliography, ordered by id (first author and year).
func (k *KB) Sources() []*Source { return k.sources }

// Source returns the source with the given id.
func (k *KB) Source(id string) (*Source, bool) {
	for _, s := range k.sources {
		if s.ID == id {
			return s, true
		}
	}
	return nil, false
}

// entry is anything built on an Entry.
type entry interface{ entry() *Entry }

func (e *Entry) entry() *Entry { return e }

func find[T entry](items []T, id string) (T, bool) {
	for _, it := range items {
		if it.entry().ID == id {
			return it, true
		}
	}
	var zero T
	return zero, false
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func sortConcepts(concepts []*Concept) {
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
}

func sortCaveats(caveats []*Caveat) {
	rank := make(map[CaveatGroup]int)
	for i, g := range CaveatGroups {
		rank[g] = i
	}
	sort.SliceStable(caveats, func(i, j int) bool {
		a, b := caveats[i], caveats[j]
		if a.Group != b.Group {
			return rank[a.Group] < rank[b.Group]
		}
		return a.Title < b.Title
	})
}

// Within returns the ids of the concepts at most hops links away from the
// concept, either way, the concept itself included.
func (k *KB) Within(id string, hops int) map[string]bool {
	reached := map[string]bool{id: true}
	frontier := []string{id}
	for range hops {
		var next []string
		for _, from := range frontier {
			for n := range k.Neighbours(from) {
				if !reached[n] {
					reached[n] = true
					next = append(next, n)
				}
			}
		}
		frontier = next
	}
	return reached
}
