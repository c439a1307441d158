// Package hostile is a corpus of tours written to break the app: script in
// every place Markdown allows HTML, links that would run script or leave
// the app, quotes that would end an attribute, and Markdown shaped to make
// a parser overflow its stack, take quadratic time or render without end.
// The tests of kb parse them natively, kb's fuzz target starts from them,
// and the browser tests import them through the app, so that the same
// files prove the same limits in both places.
package hostile

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Tour is a tour file that tries to break the app.
type Tour struct {
	Name     string
	Markdown []byte
	// Refused says the tour must be refused, each fault naming a line;
	// any other tour must import and render nothing that runs script or
	// leads anywhere but into the app or to a web page.
	Refused bool
}

//go:embed testdata/renders testdata/refused
var corpus embed.FS

// Corpus is the hand-written tours in testdata: those in renders/ must
// import, with what they cannot show left out; those in refused/ must not.
func Corpus() []Tour {
	var tours []Tour
	for _, dir := range []string{"renders", "refused"} {
		names, _ := fs.Glob(corpus, path.Join("testdata", dir, "*.md")) // the pattern is valid
		sort.Strings(names)
		for _, name := range names {
			data, _ := corpus.ReadFile(name) // embedded: reading cannot fail
			tours = append(tours, Tour{Name: path.Base(name), Markdown: data, Refused: dir == "refused"})
		}
	}
	return tours
}

// step starts a tour with one step, whose narration follows.
func step(title string) string {
	return "---\ntitle: " + title + "\naudience: Anyone at all\nminutes: 5\nsummary: Markdown shaped to wear out a parser.\n---\n\n## The step\n\nConcepts: debate\n\n"
}

// frontMatterEnd ends a tour whose front matter is still open: a line
// that is not YAML, then one step.
const frontMatterEnd = "\nnot: [yaml\n---\n\n## The step\n\nConcepts: debate\n\nText.\n"

// frontMatter is a front matter of n lines of about 80 bytes that does not
// parse in its last line, then one step.
func frontMatter(title string, n int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: " + title + "\n")
	for i := range n - 2 {
		fmt.Fprintf(&b, "k%d: %s\n", i, strings.Repeat("v", 75))
	}
	return b.String() + frontMatterEnd[1:]
}

// shape is a tour: head, then text made by repeating unit or line(i), cut
// so that tail ends the tour at exactly the size asked for (a size smaller
// than the head cuts the head).
type shape struct {
	name       string
	head, tail string
	unit       string
	line       func(i int) string
	refused    bool
}

// shapes are the pathological inputs. Unless the app's limits stop them,
// the refused ones crash goldmark in the browser (nesting), take seconds
// or minutes (unmatched markers, a long front matter that does not parse)
// or render to hundreds of MB (a long link used many times); the others
// stay within the limits, some of them right at a limit, and must render.
var shapes = []shape{
	{name: "nested-quotes.md", head: step("Nested quotes"), unit: "> ", refused: true},
	{name: "nested-quotes-by-line.md", head: step("Quotes nested line by line"), line: func(i int) string { return strings.Repeat(">", i+1) + " a" }, refused: true},
	{name: "nested-lists.md", head: step("Nested lists"), unit: "1. ", refused: true},
	{name: "nested-lists-by-indent.md", head: step("Lists nested by indentation"), line: func(i int) string { return strings.Repeat("  ", i%40) + "- a" }, refused: true},
	{name: "lists-in-quotes.md", head: step("Lists in quotes"), unit: "- > ", refused: true},
	{name: "nested-emphasis.md", head: step("Nested emphasis"), line: func(int) string { return strings.Repeat("*", 20000) + "a" + strings.Repeat("*", 20000) }, refused: true},
	{name: "unmatched-emphasis.md", head: step("Unmatched emphasis"), unit: "_a* ", refused: true},
	{name: "nested-brackets.md", head: step("Nested brackets"), line: func(int) string { return "[" }, refused: true},
	{name: "nested-images.md", head: step("Nested images"), unit: "![", refused: true},
	{name: "link-reference-bomb.md", head: step("A long link used many times"), line: referenceBomb, refused: true},
	{name: "html-bomb.md", head: step("Markdown that renders to much HTML"), line: func(int) string { return ">\n" }, refused: true},
	{name: "nul-filled.md", head: step("NUL bytes"), unit: "a\x00", refused: true},
	{name: "invalid-utf8-filled.md", head: step("Invalid UTF-8"), unit: "a\xff\xfe", refused: true},
	{name: "long-front-matter.md", head: "---\ntitle: A long front matter\n", tail: frontMatterEnd, line: func(i int) string { return fmt.Sprintf("k%d: v", i) }, refused: true},
	{name: "front-matter-of-long-lines.md", head: "---\ntitle: A front matter of long lines\n", tail: frontMatterEnd, line: func(i int) string { return fmt.Sprintf("k%d: %s", i, strings.Repeat("v", 700)) }, refused: true},
	{name: "front-matter-at-the-limit.md", head: frontMatter("A front matter at the limit", 100), unit: "Text. ", refused: true},
	{name: "padded-table.md", head: step("A padded table"), line: paddedTable},
	{name: "wide-table.md", head: step("A wide table"), line: wideTable},
	{name: "emphasis-at-the-limit.md", head: step("Unmatched emphasis at the limit"), line: func(int) string { return strings.Repeat("_a* ", 250) + "\n" }},
	{name: "brackets-at-the-limit.md", head: step("Brackets at the limit"), line: func(int) string { return "[[[[[[[[a](<b ((((((( c\n" }},
	{name: "entities.md", head: step("Entities"), unit: "&#x41;&amp;&lt;&copy;&#0;&"},
	{name: "backticks.md", head: step("Backticks"), unit: "`a ``b "},
	{name: "many-removals.md", head: step("Many things to leave out"), line: func(int) string { return "<b>a</b> [b](javascript:c) ![d](/e)" }},
	{name: "unclosed-html.md", head: step("Unclosed HTML"), unit: "<http://a <b <!-- <?x <!X "},
}

// referenceBomb defines a reference with a long address, then uses it again
// and again: each use writes the whole address.
func referenceBomb(i int) string {
	if i == 0 {
		return "[r]: /" + strings.Repeat("a", 8000) + "\n"
	}
	return "[x][r] [x][r] [x][r] [x][r] [x][r] [x][r] [x][r] [x][r]"
}

// paddedTable is a table (tables are not enabled: it is a paragraph) with
// wide padded cells, the shape that made goldmark's table extension run out
// of memory.
func paddedTable(i int) string {
	if i == 1 {
		return "|" + strings.Repeat("---|", 8)
	}
	return "|" + strings.Repeat(strings.Repeat(" ", 30)+"a"+strings.Repeat(" ", 30)+"|", 8)
}

// wideTable is a table with a thousand columns per row.
func wideTable(i int) string {
	if i == 1 {
		return strings.Repeat("|-", 1000) + "|"
	}
	return strings.Repeat("|a", 1000) + "|"
}

// Pathological is the shapes above as tours of exactly size bytes (cut
// wherever the size falls): at kb.MaxMarkdownBytes, the largest the app
// accepts.
func Pathological(size int) []Tour {
	tours := make([]Tour, len(shapes))
	for i, s := range shapes {
		tours[i] = Tour{Name: s.name, Markdown: s.tour(size), Refused: s.refused}
	}
	return tours
}

func (s shape) tour(size int) []byte {
	text := strings.Builder{}
	text.WriteString(s.head)
	for i := 0; text.Len()+len(s.tail) < size; i++ {
		if s.line != nil {
			text.WriteString(s.line(i) + "\n")
		} else {
			text.WriteString(s.unit)
		}
	}
	return []byte(text.String()[:size-len(s.tail)] + s.tail)
}
