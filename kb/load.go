package kb

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// ConceptsDir is the folder, inside the content tree, that holds one Markdown
// file per concept. Sub-folders are allowed for the authors' convenience.
const ConceptsDir = "concepts"

var (
	slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// conceptHref finds links to concept pages in a Markdown body, both inline
	// "[text](/concepts/id)" and reference definitions "[x]: /concepts/id".
	conceptHref = regexp.MustCompile(`(?:\]\(|\]:\s*)/concepts/([^)\s#?]*)`)
)

// The fields a concept's front matter may have.
var conceptFields = []string{"title", "kind", "summary", "position", "links"}
var linkFields = []string{"to", "relation", "note"}

// pendingLink remembers where a link was written until every id is known.
type pendingLink struct {
	Link
	file string
	line int
}

// Load reads every concept under ConceptsDir in fsys, validates the whole
// knowledge base and returns it. On any fault it returns nil and Faults that
// name each file (prefixed with root, the tree's name for authors) and line.
func Load(fsys fs.FS, root string) (*KB, error) {
	l := loader{log: &faultLog{}, root: root, byID: make(map[string]*Concept)}
	err := fs.WalkDir(fsys, ConceptsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".md" || strings.EqualFold(d.Name(), "README.md") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		l.concept(p, data)
		return nil
	})
	if err != nil {
		l.log.add(path.Join(root, ConceptsDir), 0, "cannot read the concepts folder: %v", err)
	}
	l.checkLinks()
	if len(l.log.faults) > 0 {
		return nil, l.log.faults.sorted()
	}
	return newKB(l.concepts), nil
}

type loader struct {
	log      *faultLog
	root     string
	concepts []*Concept
	byID     map[string]*Concept
	links    []pendingLink
	// bodyLinks are links to concept pages found in definitions.
	bodyLinks []pendingLink
}

func (l *loader) concept(p string, data []byte) {
	file := path.Join(l.root, p)
	id := strings.TrimSuffix(path.Base(p), ".md")
	if !slug.MatchString(id) {
		l.log.add(file, 1, "file name %q is not a valid id: use lowercase letters, digits and single hyphens, like scalable-oversight.md", path.Base(p))
		return
	}
	if first, dup := l.byID[id]; dup {
		l.log.add(file, 1, "duplicate id %q: %s already defines it", id, first.File)
		return
	}
	doc, ok := splitDocument(file, data, l.log)
	if !ok {
		return
	}
	c := &Concept{ID: id, File: file}
	l.byID[id] = c
	f := fields(file, doc.front, conceptFields, l.log)
	c.Title = l.text(file, "title", f["title"], doc.front)
	c.Summary = l.text(file, "summary", f["summary"], doc.front)
	c.Kind = l.kind(file, f["kind"], doc.front)
	c.Position = l.position(file, f["position"], doc.front)
	c.PositionLine = line(doc.front)
	if f["position"] != nil {
		c.PositionLine = line(f["position"])
	}
	l.declaredLinks(file, id, f["links"])
	c.Definition = l.definition(file, doc)
	l.concepts = append(l.concepts, c)
}

// text reads a required one-line field. Titles and summaries reach HTML
// attributes (aria-label, meta description), which go-app writes without
// escaping, so characters that would break the markup are refused.
func (l *loader) text(file, name string, n, front *yaml.Node) string {
	if n == nil {
		l.log.add(file, line(front), "missing %s", name)
		return ""
	}
	v, ok := scalar(file, name, n, l.log)
	v = strings.TrimSpace(v)
	switch {
	case !ok:
	case v == "":
		l.log.add(file, line(n), "%s is empty", name)
	case strings.ContainsAny(v, "\"\\<>"):
		l.log.add(file, line(n), "%s contains one of \" \\ < > which break HTML attributes: use typographic quotes “ ” ‘ ’ instead", name)
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		l.log.add(file, line(n), "%s contains a control character or line break: keep it on one line", name)
	}
	return v
}

func (l *loader) kind(file string, n, front *yaml.Node) Kind {
	if n == nil {
		l.log.add(file, line(front), "missing kind (one of: %s)", kindList())
		return ""
	}
	v, ok := scalar(file, "kind", n, l.log)
	k := Kind(v)
	if ok && !k.valid() {
		l.log.add(file, line(n), "unknown kind %q (one of: %s)", v, kindList())
	}
	return k
}

func (l *loader) position(file string, n, front *yaml.Node) Point {
	if n == nil {
		l.log.add(file, line(front), "missing position: place the concept on the map with position: {x: …, y: …}")
		return Point{}
	}
	if n.Kind != yaml.MappingNode {
		l.log.add(file, line(n), "position must be a mapping like {x: 600, y: 500}")
		return Point{}
	}
	f := fields(file, n, []string{"x", "y"}, l.log)
	var p Point
	for _, axis := range []struct {
		name  string
		value *float64
		max   float64
	}{{"x", &p.X, MapWidth}, {"y", &p.Y, MapHeight}} {
		v := f[axis.name]
		if v == nil {
			l.log.add(file, line(n), "position needs %s", axis.name)
			continue
		}
		if num, ok := number(file, "position "+axis.name, v, l.log); ok {
			if num < 0 || num > axis.max {
				l.log.add(file, line(v), "position %s = %g is off the map (0 to %g)", axis.name, num, axis.max)
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
		link := Link{From: from}
		link.To = l.required(file, "link to", f["to"], item)
		rel := l.required(file, "link relation", f["relation"], item)
		link.Relation = Relation(rel)
		if rel != "" && !link.Relation.valid() {
			l.log.add(file, line(f["relation"]), "unknown relation %q (one of: %s)", rel, relationList())
		}
		if f["note"] == nil {
			l.log.add(file, line(item), "link to %q needs a note: one line saying how the two relate", link.To)
		} else {
			link.Note = l.text(file, "link note", f["note"], item)
		}
		l.links = append(l.links, pendingLink{Link: link, file: file, line: line(item)})
	}
}

func (l *loader) required(file, name string, n, parent *yaml.Node) string {
	if n == nil {
		l.log.add(file, line(parent), "missing %s", name)
		return ""
	}
	v, _ := scalar(file, name, n, l.log)
	return strings.TrimSpace(v)
}

func (l *loader) definition(file string, doc document) string {
	if len(bytes.TrimSpace(doc.body)) == 0 {
		l.log.add(file, doc.bodyLine, "definition missing: write the full definition in Markdown below the front matter")
		return ""
	}
	for i, text := range bytes.Split(doc.body, []byte("\n")) {
		for _, m := range conceptHref.FindAllSubmatch(text, -1) {
			l.bodyLinks = append(l.bodyLinks, pendingLink{
				Link: Link{To: string(m[1])}, file: file, line: doc.bodyLine + i,
			})
		}
	}
	return renderMarkdown(doc.body)
}

// checkLinks runs once every concept is known: targets must exist, and each
// pair of concepts is related at most once, so the map never draws two edges
// over each other.
func (l *loader) checkLinks() {
	seen := make(map[[2]string]pendingLink)
	for _, pl := range l.links {
		switch _, known := l.byID[pl.To]; {
		case pl.To == "":
		case !known:
			l.log.add(pl.file, pl.line, "unknown link target %q%s", pl.To, suggestion(pl.To, l.byID))
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
			l.byID[pl.From].Links = append(l.byID[pl.From].Links, pl.Link)
		}
	}
	for _, pl := range l.bodyLinks {
		if _, known := l.byID[pl.To]; !known {
			l.log.add(pl.file, pl.line, "the definition links to unknown concept %q%s", pl.To, suggestion(pl.To, l.byID))
		}
	}
}

// suggestion names the closest known id, to catch typos.
func suggestion(id string, byID map[string]*Concept) string {
	ids := make([]string, 0, len(byID))
	for known := range byID {
		ids = append(ids, known)
	}
	if best := Closest(id, ids, 1); len(best) > 0 {
		return " (did you mean " + best[0] + "?)"
	}
	return ""
}

func kindList() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

func relationList() string {
	names := make([]string, len(Relations))
	for i, r := range Relations {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}
