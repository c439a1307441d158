// Package load reads the content tree (Markdown with YAML front matter)
// into a kb.KB, checking it as a whole and naming the file and line of
// every fault, and reads the tours teachers import, which are untrusted.
// The server, the static export and the content checker run it; in the
// browser it runs only inside cmd/tourreader.
package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"oversight/kb"
)

// The folders of the content tree, one per kind of item. Sub-folders are
// allowed for the authors' convenience.
const (
	ConceptsDir = "concepts"
	CaveatsDir  = "caveats"
	HistoryDir  = "history"
	ReadingsDir = "readings"
	PagesDir    = "pages"
	SourcesDir  = "sources"
	GlossaryDir = "glossary"
)

// reservedPages are first path segments the app uses itself, so no page of
// prose may take them.
var reservedPages = map[string]bool{
	ConceptsDir: true, CaveatsDir: true, HistoryDir: true, ReadingsDir: true,
	SourcesDir: true, GlossaryDir: true, "questions": true, "tours": true, "present": true, "web": true,
}

var (
	slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// conceptHref finds links to concept pages in a Markdown body, both inline
	// "[text](/concepts/id)" and reference definitions "[x]: /concepts/id".
	conceptHref = regexp.MustCompile(`(?:\]\(|\]:\s*)/concepts/([^)\s#?]*)`)
	// citation is an inline citation of a source: [@burns2023weak].
	citation = regexp.MustCompile(`\[@([^\]\s]*)\]`)
	// citationStart finds what an author meant as a citation, written well
	// or not: one that citation does not match would show as typed.
	citationStart = regexp.MustCompile(`\[@`)
	// glossaryHref finds links to glossary terms: [text](/glossary#id).
	glossaryHref = regexp.MustCompile(`(?:\]\(|\]:\s*)/glossary#([^)\s]*)`)
	datePattern  = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
)

// The fields each kind of item may have in its front matter.
var (
	entryFields   = []string{"title", "summary", "reviewed", "sources"}
	conceptFields = append([]string{"kind", "position", "links", "questions", "aliases"}, entryFields...)
	caveatFields  = append([]string{"group", "qualifies"}, entryFields...)
	eventFields   = append([]string{"date", "evidence", "concerns"}, entryFields...)
	sourceFields  = []string{"title", "authors", "venue", "date", "url", "status", "unverified"}
	linkFields    = []string{"to", "relation", "note"}
)

// ref is an id written somewhere, remembered with its place for messages.
type ref struct {
	id   string
	file string
	line int
}

// pendingLink remembers where a link was written until every id is known.
type pendingLink struct {
	kb.Link
	ref
}

// Content reads the whole content tree in fsys, validates it as one knowledge
// base and returns it. On any fault it returns nil and Faults naming each
// file (prefixed with root, the tree's name for authors) and line.
func Content(fsys fs.FS, root string) (*kb.KB, error) {
	l := &loader{
		log: &faultLog{}, root: root,
		conceptsByID: make(map[string]*kb.Concept),
		sourcesByID:  make(map[string]*kb.Source),
		cited:        make(map[string]bool),
		termsByID:    make(map[string]*kb.Term),
		termForms:    make(map[string]ref),
	}
	// Sources first, so items can resolve citations as they load; the
	// glossary next, so bodies can mark its terms; concepts next, so caveats
	// and events can resolve the concepts they name.
	l.walk(fsys, SourcesDir, false, l.source)
	l.walk(fsys, GlossaryDir, false, l.term)
	l.glossary = newGlossaryTerms(l.terms)
	l.walk(fsys, ConceptsDir, true, l.concept)
	l.checkAliases()
	l.walk(fsys, CaveatsDir, false, l.caveat)
	l.walk(fsys, HistoryDir, false, l.event)
	l.walk(fsys, ReadingsDir, false, l.reading)
	l.walk(fsys, PagesDir, false, l.page)
	l.walk(fsys, ToursDir, false, l.tour)
	l.checkLinks()
	l.checkEverySourceIsCited()
	if len(l.log.faults) > 0 {
		return nil, l.log.faults.Sorted()
	}
	return l.knowledgeBase(), nil
}

type loader struct {
	log  *faultLog
	root string

	concepts     []*kb.Concept
	conceptsByID map[string]*kb.Concept
	caveats      []*kb.Caveat
	events       []*kb.Event
	readings     []*kb.Reading
	pages        []*kb.Page
	sources      []*kb.Source
	tours        []*kb.Tour
	sourcesByID  map[string]*kb.Source
	// cited marks the sources that some item cites.
	cited map[string]bool

	terms     []*kb.Term
	termsByID map[string]*kb.Term
	// termForms are the forms of the terms read so far (formKey), where
	// each was written.
	termForms map[string]ref
	// glossary finds the terms in text; nil when there are none.
	glossary *glossaryTerms

	// aliases are the old ids the concepts declare; aliasOf maps each
	// valid one to its concept, once checkAliases has run.
	aliases []pendingAlias
	aliasOf map[string]string

	links []pendingLink
	// bodyLinks are links to concept pages found in bodies.
	bodyLinks []pendingLink
}

func (l *loader) knowledgeBase() *kb.KB {
	return kb.New(kb.Parts{
		Concepts: l.concepts, Caveats: l.caveats, Events: l.events, Readings: l.readings,
		Pages: l.pages, Sources: l.sources, Tours: l.tours, Glossary: l.terms,
	})
}

// walk parses every Markdown file below dir with parse. A missing folder is
// a fault only when required.
func (l *loader) walk(fsys fs.FS, dir string, required bool, parse func(file, id string, doc document)) {
	seen := make(map[string]string)
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".md" || strings.EqualFold(d.Name(), "README.md") {
			return nil
		}
		file := path.Join(l.root, p)
		id := strings.TrimSuffix(path.Base(p), ".md")
		if !slug.MatchString(id) {
			l.log.add(file, 1, "file name %q is not a valid id: use lowercase letters, digits and single hyphens, like scalable-oversight.md", path.Base(p))
			return nil
		}
		if first, dup := seen[id]; dup {
			l.log.add(file, 1, "duplicate id %q: %s already defines it", id, first)
			return nil
		}
		seen[id] = file
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if len(data) > kb.MaxMarkdownBytes {
			l.log.add(file, 1, "the file is %d KiB; the most a content file may be is %d KiB: split it", (len(data)+1023)/1024, kb.MaxMarkdownBytes/1024)
			return nil
		}
		if doc, ok := splitDocument(file, data, l.log); ok {
			parse(file, id, doc)
		}
		return nil
	})
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist) && !required:
	default:
		l.log.add(path.Join(l.root, dir), 0, "cannot read the %s folder: %v", dir, err)
	}
}

func (l *loader) concept(file, id string, doc document) {
	f := fields(file, doc.front, conceptFields, l.log)
	c := &kb.Concept{Entry: l.entry(file, id, doc, f)}
	c.Kind = l.kind(file, f["kind"], doc.front)
	if f["position"] != nil {
		c.Position = l.position(file, f["position"])
		c.Pinned = true
		c.PositionLine = line(f["position"])
	}
	c.Questions = l.textList(file, "question", f["questions"])
	c.Aliases = l.conceptAliases(file, id, f["aliases"])
	l.declaredLinks(file, id, f["links"])
	l.concepts = append(l.concepts, c)
	l.conceptsByID[id] = c
}

func (l *loader) caveat(file, id string, doc document) {
	f := fields(file, doc.front, caveatFields, l.log)
	c := &kb.Caveat{Entry: l.entry(file, id, doc, f)}
	group, line := l.required(file, "group", f["group"], doc.front)
	c.Group = kb.CaveatGroup(group)
	if group != "" && c.Group != kb.GroupLimits && c.Group != kb.GroupDirection {
		l.log.add(file, line, "unknown group %q (one of: %s, %s)", group, kb.GroupLimits, kb.GroupDirection)
	}
	c.Qualifies = l.conceptRefs(file, "qualifies", f["qualifies"], doc.front)
	l.caveats = append(l.caveats, c)
}

func (l *loader) event(file, id string, doc document) {
	f := fields(file, doc.front, eventFields, l.log)
	e := &kb.Event{Entry: l.entry(file, id, doc, f)}
	e.Date = l.date(file, "date", f["date"], doc.front, "YYYY-MM-DD or YYYY-MM", 7)
	evidence, line := l.required(file, "evidence", f["evidence"], doc.front)
	e.Evidence = kb.Evidence(evidence)
	if evidence != "" && !slices.Contains(evidenceNames(), evidence) {
		l.log.add(file, line, "unknown evidence level %q (one of: %s)", evidence, strings.Join(evidenceNames(), ", "))
	}
	e.Concerns = l.conceptRefs(file, "concerns", f["concerns"], doc.front)
	l.events = append(l.events, e)
}

func (l *loader) reading(file, id string, doc document) {
	f := fields(file, doc.front, entryFields, l.log)
	l.readings = append(l.readings, &kb.Reading{Entry: l.entry(file, id, doc, f)})
}

func (l *loader) page(file, id string, doc document) {
	if reservedPages[id] {
		l.log.add(file, 1, "the page id %q is taken by the app's own pages: rename the file", id)
		return
	}
	f := fields(file, doc.front, entryFields, l.log)
	l.pages = append(l.pages, &kb.Page{Entry: l.entry(file, id, doc, f)})
}

func (l *loader) source(file, id string, doc document) {
	f := fields(file, doc.front, sourceFields, l.log)
	s := &kb.Source{ID: id, File: file}
	s.Title = l.text(file, "title", f["title"], doc.front)
	s.Authors = l.text(file, "authors", f["authors"], doc.front)
	s.Venue = l.text(file, "venue", f["venue"], doc.front)
	if f["date"] != nil {
		s.Date = l.date(file, "date", f["date"], doc.front, "YYYY, YYYY-MM or YYYY-MM-DD", 4)
	}
	if n := f["url"]; n != nil {
		s.URL, _ = scalar(file, "url", n, l.log)
		if !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
			l.log.add(file, line(n), "url must start with https:// or http://")
		} else if problem := attributeProblem(s.URL); problem != "" {
			// The address is a link's href on the sources page.
			l.log.add(file, line(n), "url %s", problem)
		}
	}
	status, statusLine := l.required(file, "status", f["status"], doc.front)
	s.Status = kb.Status(status)
	if status != "" && !slices.Contains(statusNames(), status) {
		l.log.add(file, statusLine, "unknown status %q (one of: %s)", status, strings.Join(statusNames(), ", "))
	}
	if f["unverified"] != nil {
		s.Unverified = l.text(file, "unverified", f["unverified"], doc.front)
	} else if status != "" && s.Status != kb.StatusVerified {
		l.log.add(file, statusLine, "a source that is not verified needs unverified: saying what is not confirmed")
	}
	if len(bytes.TrimSpace(doc.body)) > 0 {
		s.Note = l.markdown(file, doc.body, doc.bodyLine, nil)
	}
	l.sources = append(l.sources, s)
	l.sourcesByID[id] = s
}

// entry reads the fields every citable item shares, and renders its body
// with numbered citations.
func (l *loader) entry(file, id string, doc document, f map[string]*yaml.Node) kb.Entry {
	e := kb.Entry{ID: id, File: file}
	e.Title = l.text(file, "title", f["title"], doc.front)
	e.Summary = l.text(file, "summary", f["summary"], doc.front)
	e.SummaryLine = lineOr(f["summary"], doc.front)
	e.Reviewed = l.date(file, "reviewed", f["reviewed"], doc.front, "YYYY-MM-DD", 10)
	listed := l.idList(file, "sources", f["sources"])
	for _, r := range listed {
		l.checkSource(r)
	}
	e.Body, e.Sources = l.body(file, doc, listed)
	if len(e.Sources) == 0 {
		l.log.add(file, line(doc.front), "no source: list one in sources: or cite one in the body as [@id]")
	}
	return e
}

// body renders the Markdown body, turning each [@id] into a numbered link
// to its source. Numbers follow first appearance in the text, then the rest
// of the sources listed in the front matter.
func (l *loader) body(file string, doc document, listed []ref) (string, []string) {
	if len(bytes.TrimSpace(doc.body)) == 0 {
		l.log.add(file, doc.bodyLine, "body missing: write the text in Markdown below the front matter")
		return "", nil
	}
	var order []string
	number := make(map[string]int)
	cite := func(id string) {
		if number[id] == 0 {
			order = append(order, id)
			number[id] = len(order)
		}
	}
	for i, text := range bytes.Split(doc.body, []byte("\n")) {
		at := doc.bodyLine + i
		for _, m := range citation.FindAllSubmatch(text, -1) {
			r := ref{id: string(m[1]), file: file, line: at}
			if l.checkSource(r) {
				cite(r.id)
			}
		}
		l.checkCitationForm(string(text), file, at)
		for _, m := range conceptHref.FindAllSubmatch(text, -1) {
			l.bodyLinks = append(l.bodyLinks, pendingLink{Link: kb.Link{To: string(m[1])}, ref: ref{file: file, line: at}})
		}
		l.checkGlossaryLinks(string(text), file, at)
	}
	for _, r := range listed {
		if l.sourcesByID[r.id] != nil {
			cite(r.id)
		}
	}
	linked := citation.ReplaceAllFunc(doc.body, func(m []byte) []byte {
		id := string(citation.FindSubmatch(m)[1])
		if number[id] == 0 {
			return m
		}
		return []byte("[\\[" + strconv.Itoa(number[id]) + "\\]](/sources#" + id + ")")
	})
	return l.markdown(file, linked, doc.bodyLine, l.glossary.page()), order
}

// markdown renders a content file's Markdown body, marking the first use of
// each glossary term unless marks is nil. Content is held to what an
// imported tour may show: what renderMarkdown would leave out is a fault,
// like what it refuses.
func (l *loader) markdown(file string, body []byte, bodyLine int, marks *termMarks) string {
	html, removed, refused := renderMarkdown(body, file, bodyLine, newHTMLBudget(), marks)
	l.log.faults = append(l.log.faults, removed...)
	l.log.faults = append(l.log.faults, refused...)
	return html
}

// checkSource reports a citation of an unknown source and marks a known one
// as cited.
func (l *loader) checkSource(r ref) bool {
	if _, ok := l.sourcesByID[r.id]; !ok {
		ids := make([]string, 0, len(l.sourcesByID))
		for id := range l.sourcesByID {
			ids = append(ids, id)
		}
		l.log.add(r.file, r.line, "citation of unknown source %q%s", r.id, didYouMean(r.id, ids))
		return false
	}
	l.cited[r.id] = true
	return true
}

func (l *loader) checkEverySourceIsCited() {
	for _, s := range l.sources {
		if !l.cited[s.ID] {
			l.log.add(s.File, 1, "source %q is cited by nothing: cite it as [@%s] or delete the file", s.ID, s.ID)
		}
	}
}

// conceptRefs reads a required, non-empty list of concept ids.
func (l *loader) conceptRefs(file, name string, n, front *yaml.Node) []string {
	if n == nil {
		l.log.add(file, line(front), "missing %s: list the ids of the concepts it is about", name)
		return nil
	}
	refs := l.idList(file, name, n)
	if len(refs) == 0 {
		l.log.add(file, line(n), "%s is empty: list the ids of the concepts it is about", name)
	}
	var ids []string
	for _, r := range refs {
		if _, ok := l.conceptsByID[r.id]; !ok {
			l.log.add(r.file, r.line, "%s names unknown concept %q%s", name, r.id, l.conceptHint(r.id))
			continue
		}
		ids = append(ids, r.id)
	}
	return ids
}

// idList reads a list of ids, flow ([a, b]) or block style.
func (l *loader) idList(file, name string, n *yaml.Node) []ref {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.log.add(file, line(n), "%s must be a list, like [a, b]", name)
		return nil
	}
	var out []ref
	for _, item := range n.Content {
		if v, ok := scalar(file, name+" entry", item, l.log); ok {
			out = append(out, ref{id: strings.TrimSpace(v), file: file, line: line(item)})
		}
	}
	return out
}

// textList reads an optional list of one-line texts.
func (l *loader) textList(file, name string, n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.log.add(file, line(n), "%ss must be a list", name)
		return nil
	}
	var out []string
	for _, item := range n.Content {
		out = append(out, l.text(file, name, item, n))
	}
	return out
}

// text reads a required one-line field. Front matter text can reach HTML
// attributes, so what would not read the same there is refused.
func (l *loader) text(file, name string, n, parent *yaml.Node) string {
	if n == nil {
		l.log.add(file, line(parent), "missing %s", name)
		return ""
	}
	v, ok := scalar(file, name, n, l.log)
	v = strings.TrimSpace(v)
	switch {
	case !ok:
	case v == "":
		l.log.add(file, line(n), "%s is empty", name)
	default:
		if problem := attributeProblem(v); problem != "" {
			l.log.add(file, line(n), "%s %s", name, problem)
		}
	}
	return v
}

// date reads a required date written as one of the layouts, at least
// minLength characters long (10 for a day, 7 for a month, 4 for a year).
func (l *loader) date(file, name string, n, parent *yaml.Node, want string, minLength int) string {
	if n == nil {
		l.log.add(file, line(parent), "missing %s (%s)", name, want)
		return ""
	}
	v, ok := scalar(file, name, n, l.log)
	if !ok {
		return ""
	}
	if !datePattern.MatchString(v) || len(v) < minLength || !validDate(v) {
		l.log.add(file, line(n), "%s %q is not a date written %s", name, v, want)
	}
	return v
}

func validDate(v string) bool {
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(v)]
	_, err := time.Parse(layout, v)
	return err == nil
}

// required reads a required single value and its line.
func (l *loader) required(file, name string, n, parent *yaml.Node) (string, int) {
	if n == nil {
		l.log.add(file, line(parent), "missing %s", name)
		return "", line(parent)
	}
	v, _ := scalar(file, name, n, l.log)
	return strings.TrimSpace(v), line(n)
}

func (l *loader) kind(file string, n, front *yaml.Node) kb.Kind {
	if n == nil {
		l.log.add(file, line(front), "missing kind (one of: %s)", kindList())
		return ""
	}
	v, ok := scalar(file, "kind", n, l.log)
	k := kb.Kind(v)
	if ok && !k.Valid() {
		l.log.add(file, line(n), "unknown kind %q (one of: %s)", v, kindList())
	}
	return k
}

// position reads where an author pins a concept; the layout places every
// concept without one.
func (l *loader) position(file string, n *yaml.Node) kb.Point {
	if n.Kind != yaml.MappingNode {
		l.log.add(file, line(n), "position must be a mapping like {x: 600, y: 500}")
		return kb.Point{}
	}
	f := fields(file, n, []string{"x", "y"}, l.log)
	var p kb.Point
	for _, axis := range []struct {
		name  string
		value *float64
	}{{"x", &p.X}, {"y", &p.Y}} {
		v := f[axis.name]
		if v == nil {
			l.log.add(file, line(n), "position needs %s", axis.name)
			continue
		}
		if num, ok := number(file, "position "+axis.name, v, l.log); ok {
			if num < 0 || num > kb.PinLimit {
				l.log.add(file, line(v), "position %s = %g is off the map (0 to %d)", axis.name, num, kb.PinLimit)
			}
			*axis.value = num
		}
	}
	return p
}

func (l *loader) declaredLinks(file, from string, n *yaml.Node) {
	if n == nil {
		return
	}
	if n.Kind != yaml.SequenceNode {
		l.log.add(file, line(n), "links must be a list of {to, relation, note}")
		return
	}
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			l.log.add(file, line(item), "each link must be a mapping with to, relation and note")
			continue
		}
		f := fields(file, item, linkFields, l.log)
		link := kb.Link{From: from, Line: line(item)}
		link.To, _ = l.required(file, "link to", f["to"], item)
		rel, relLine := l.required(file, "link relation", f["relation"], item)
		link.Relation = kb.Relation(rel)
		if rel != "" && !link.Relation.Valid() {
			l.log.add(file, relLine, "unknown relation %q (one of: %s)", rel, relationList())
		}
		if f["note"] == nil {
			l.log.add(file, line(item), "link to %q needs a note: one line saying how the two relate", link.To)
		} else {
			link.Note = l.text(file, "link note", f["note"], item)
		}
		l.links = append(l.links, pendingLink{Link: link, ref: ref{file: file, line: line(item)}})
	}
}

// checkLinks runs once every concept is known: targets must exist, and each
// pair of concepts is related at most once, so the map never draws two edges
// over each other.
func (l *loader) checkLinks() {
	seen := make(map[[2]string]pendingLink)
	for _, pl := range l.links {
		switch _, known := l.conceptsByID[pl.To]; {
		case pl.To == "":
		case !known:
			l.log.add(pl.file, pl.line, "unknown link target %q%s", pl.To, l.conceptHint(pl.To))
		case pl.To == pl.From:
			l.log.add(pl.file, pl.line, "a concept cannot link to itself")
		default:
			pair := [2]string{pl.From, pl.To}
			if pl.To < pl.From {
				pair = [2]string{pl.To, pl.From}
			}
			if first, dup := seen[pair]; dup {
				l.log.add(pl.file, pl.line, "%s and %s are already related at %s:%d: keep one link per pair", pl.From, pl.To, first.file, first.line)
				continue
			}
			seen[pair] = pl
			from := l.conceptsByID[pl.From]
			from.Links = append(from.Links, pl.Link)
		}
	}
	for _, pl := range l.bodyLinks {
		if _, known := l.conceptsByID[pl.To]; !known {
			l.log.add(pl.file, pl.line, "the body links to unknown concept %q%s", pl.To, l.conceptHint(pl.To))
		}
	}
}

// conceptHint follows the name of an unknown concept: the concept an old
// id was merged into, or else the closest known id, to catch typos.
func (l *loader) conceptHint(id string) string {
	if to, ok := l.aliasOf[id]; ok {
		return fmt.Sprintf(" (an old id, merged into %s: name %s instead)", to, to)
	}
	return suggestion(id, l.conceptsByID)
}

// suggestion names the closest known concept id, to catch typos.
func suggestion(id string, byID map[string]*kb.Concept) string {
	ids := make([]string, 0, len(byID))
	for known := range byID {
		ids = append(ids, known)
	}
	return didYouMean(id, ids)
}

func didYouMean(id string, ids []string) string {
	sort.Strings(ids)
	if best := kb.Closest(id, ids, 1); len(best) > 0 {
		return " (did you mean " + best[0] + "?)"
	}
	return ""
}

func kindList() string {
	names := make([]string, len(kb.Kinds))
	for i, k := range kb.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

func relationList() string {
	names := make([]string, len(kb.Relations))
	for i, r := range kb.Relations {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

func evidenceNames() []string {
	names := make([]string, len(kb.EvidenceLevels))
	for i, e := range kb.EvidenceLevels {
		names[i] = string(e)
	}
	return names
}

func statusNames() []string {
	names := make([]string, len(kb.Statuses))
	for i, s := range kb.Statuses {
		names[i] = string(s)
	}
	return names
}
