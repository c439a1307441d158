package load

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"oversight/kb"
)

// Glossary terms are marked as Markdown is rendered: the first use of each
// term on a page becomes a link to its definition, /glossary#<id>, which
// works without JavaScript and which the app can preview. A term is found
// by its title or any alias, as whole words in any case, outside headings,
// links and code.

// termClass is the class of a link to a glossary term.
const termClass = "term"

// glossaryTerms finds the terms of a glossary in text, word by word: a
// form is a sequence of words, matched against the same number of words
// of the text that only spaces separate. (A regular expression over all
// forms, in any case, made loading the content six times slower.)
type glossaryTerms struct {
	// idOf is the term of each form, by formKey.
	idOf map[string]string
	// longest is the most words a form has.
	longest int
}

// newGlossaryTerms prepares the terms for finding, or returns nil when
// there are none. A form claimed twice keeps its first term (the loader
// reports the second).
func newGlossaryTerms(terms []*kb.Term) *glossaryTerms {
	g := &glossaryTerms{idOf: make(map[string]string)}
	for _, t := range terms {
		for _, f := range t.Forms() {
			key := formKey(f)
			if _, taken := g.idOf[key]; taken || key == "" {
				continue
			}
			g.idOf[key] = t.ID
			g.longest = max(g.longest, strings.Count(key, " ")+1)
		}
	}
	if len(g.idOf) == 0 {
		return nil
	}
	return g
}

// formKey is a form as forms are compared: its words in lower case, joined
// by single spaces.
func formKey(form string) string {
	words := wordsOf([]byte(form))
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = w.lower
	}
	return strings.Join(keys, " ")
}

// word is a run of letters and digits in a text, hyphens inside it
// included (fine-tuning is one word), from start to end.
type word struct {
	start, end int
	lower      string
}

// wordsOf splits text into its words.
func wordsOf(text []byte) []word {
	var words []word
	start := -1
	for i := 0; i <= len(text); {
		r, size := utf8.DecodeRune(text[i:])
		inWord := i < len(text) && (isWordRune(r) || r == '-' && start >= 0 && i+1 < len(text) && isWordRune(nextRune(text[i+1:])))
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			words = append(words, word{start: start, end: i, lower: strings.ToLower(string(text[start:i]))})
			start = -1
		}
		if i == len(text) {
			break
		}
		i += size
	}
	return words
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func nextRune(b []byte) rune {
	r, _ := utf8.DecodeRune(b)
	return r
}

// find returns the uses of terms in text, leftmost first and, where forms
// start at the same word, the longest (reward models before reward).
func (g *glossaryTerms) find(text []byte) []span {
	words := wordsOf(text)
	var found []span
	for i := 0; i < len(words); {
		n := g.longestMatch(text, words[i:])
		if n == 0 {
			i++
			continue
		}
		last := words[i+n-1]
		found = append(found, span{start: words[i].start, end: last.end, id: g.idOf[keyOf(words[i:i+n])]})
		i += n
	}
	return found
}

// longestMatch is how many of the words, from the first, make the longest
// form of a term, or 0. Words of a form must be apart by spaces only.
func (g *glossaryTerms) longestMatch(text []byte, words []word) int {
	n := 1
	for n < len(words) && n < g.longest && len(bytes.TrimSpace(text[words[n-1].end:words[n].start])) == 0 {
		n++
	}
	for ; n > 0; n-- {
		if _, ok := g.idOf[keyOf(words[:n])]; ok {
			return n
		}
	}
	return 0
}

func keyOf(words []word) string {
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = w.lower
	}
	return strings.Join(keys, " ")
}

// termMarks marks terms on one page, remembering which are marked already.
type termMarks struct {
	terms  *glossaryTerms
	marked map[string]bool
}

// page starts the marks of a new page; nil when there is no glossary.
func (g *glossaryTerms) page() *termMarks {
	if g == nil {
		return nil
	}
	return &termMarks{terms: g, marked: make(map[string]bool)}
}

// mark links, in the parsed text, the first use of each term that the
// page has not marked yet.
func (m *termMarks) mark(doc ast.Node, src []byte) {
	for _, run := range textRuns(doc) {
		m.markRun(run, src)
	}
}

// textRuns lists, in reading order, the runs of adjacent text nodes where a
// term may be marked: text in headings, links and code is left alone.
func textRuns(doc ast.Node) [][]*ast.Text {
	var runs [][]*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHeading, ast.KindLink, ast.KindAutoLink, ast.KindImage,
			ast.KindCodeSpan, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindRawHTML:
			return ast.WalkSkipChildren, nil
		}
		t, ok := n.(*ast.Text)
		if !ok {
			return ast.WalkContinue, nil
		}
		if last := len(runs) - 1; last >= 0 && n.PreviousSibling() == ast.Node(runs[last][len(runs[last])-1]) {
			runs[last] = append(runs[last], t)
		} else {
			runs = append(runs, []*ast.Text{t})
		}
		return ast.WalkContinue, nil
	})
	return runs
}

// span is a use of a term in a run's text, from start to end.
type span struct {
	start, end int
	id         string
}

// markRun marks the terms in one run of text nodes. The run is read as one
// text, a line break as a space, so that a term split across two lines is
// found; then its nodes are cut at the uses found and rebuilt around them.
func (m *termMarks) markRun(run []*ast.Text, src []byte) {
	var joined []byte
	starts := make([]int, len(run))
	for i, t := range run {
		if t.Segment.Padding > 0 {
			return
		}
		starts[i] = len(joined)
		joined = append(joined, t.Segment.Value(src)...)
		if t.SoftLineBreak() || t.HardLineBreak() {
			joined = append(joined, ' ')
		}
	}
	var spans []span
	for _, s := range m.terms.find(joined) {
		if !m.marked[s.id] {
			m.marked[s.id] = true
			spans = append(spans, s)
		}
	}
	if len(spans) > 0 {
		replaceRun(run, rebuildRun(run, starts, spans))
	}
}

// rebuildRun cuts the run's nodes where the spans start and end, and puts
// the pieces of each span in a link to its term.
func rebuildRun(run []*ast.Text, starts []int, spans []span) []ast.Node {
	var out []ast.Node
	var link *ast.Link
	next := 0 // the first span not yet closed
	for i, t := range run {
		from, to := starts[i], starts[i]+t.Segment.Len()
		for at := from; at < to; {
			stop := to
			if next < len(spans) {
				s := spans[next]
				switch {
				case link == nil && s.start > at:
					stop = min(to, s.start)
				case link == nil:
					link = termLink(s.id)
					stop = min(to, s.end)
				default:
					stop = min(to, s.end)
				}
			}
			piece := ast.NewTextSegment(text.NewSegment(t.Segment.Start+at-from, t.Segment.Start+stop-from))
			piece.SetRaw(t.IsRaw())
			if stop == to {
				piece.SetSoftLineBreak(t.SoftLineBreak())
				piece.SetHardLineBreak(t.HardLineBreak())
			}
			at = stop
			if link == nil {
				out = append(out, piece)
				continue
			}
			link.AppendChild(link, piece)
			if at == spans[next].end {
				out = append(out, closeTermLink(link)...)
				link = nil
				next++
			}
		}
	}
	return out
}

// termLink is a link to a glossary term's definition.
func termLink(id string) *ast.Link {
	link := ast.NewLink()
	link.Destination = []byte(kb.GlossaryTermPath(id))
	link.SetAttributeString("class", []byte(termClass))
	return link
}

// closeTermLink returns a finished link, and after it the line break that
// ended its last piece, if any, so that the break stays outside the link.
func closeTermLink(link *ast.Link) []ast.Node {
	last, ok := link.LastChild().(*ast.Text)
	if !ok || !(last.SoftLineBreak() || last.HardLineBreak()) {
		return []ast.Node{link}
	}
	brk := ast.NewTextSegment(text.NewSegment(last.Segment.Stop, last.Segment.Stop))
	brk.SetSoftLineBreak(last.SoftLineBreak())
	brk.SetHardLineBreak(last.HardLineBreak())
	last.SetSoftLineBreak(false)
	last.SetHardLineBreak(false)
	return []ast.Node{link, brk}
}

// replaceRun puts nodes where the run was.
func replaceRun(run []*ast.Text, nodes []ast.Node) {
	parent := run[0].Parent()
	after := run[len(run)-1].NextSibling()
	for _, t := range run {
		parent.RemoveChild(parent, t)
	}
	for _, n := range nodes {
		if after != nil {
			parent.InsertBefore(parent, after, n)
		} else {
			parent.AppendChild(parent, n)
		}
	}
}
