package load

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"oversight/kb"
)

// Limits on Markdown. goldmark's safe defaults keep script out of its HTML,
// but not every input is safe to parse: goldmark recurses once per level of
// nesting, and in the browser a deep enough text (12 KB of nested quotes)
// overflows the JavaScript stack, a crash that recover cannot catch; runs of
// emphasis markers and brackets that never match take time quadratic in
// their number; and a link reference repeats its address each time it is
// used, so a few KB can render to hundreds of MB. Every Markdown text the
// app renders, content and imported tours alike, goes through
// renderMarkdown, which checks them all: the server, the content checker
// and the browser run the same code.
// The size of a file is limited by kb.MaxMarkdownBytes.
const (
	// maxNesting is how deeply quotes and lists may nest.
	maxNesting = 16
	// maxInlineNesting is how deeply emphasis and links may nest.
	maxInlineNesting = 16
	// maxBracketDepth is how deeply [ may nest in a paragraph, and ( on a
	// line (a link's address, where ( counts, never spans lines).
	maxBracketDepth = 8
	// maxEmphasisRuns is how many runs of * or _ a paragraph may have.
	maxEmphasisRuns = 500
	// maxHTMLBytes is the most HTML one file's Markdown may render to: eight
	// times the largest file, more than any text needs (a " becomes &quot;).
	maxHTMLBytes = 512 << 10
)

// markdown is goldmark with its safe defaults: raw HTML is dropped and
// dangerous link schemes are emptied. Never add html.WithUnsafe, nor the
// parsing of attributes ({onclick=…} stays text). Tables are off too:
// goldmark's table extension ran out of memory on a 76 KB padded table, so
// turning it on needs limits on columns and cells (the corpus's tables at
// the size limit render as paragraphs, and its tests allow no <table>).
// renderMarkdown removes what else a stranger could abuse.
var markdown = goldmark.New(goldmark.WithExtensions(extension.Typographer))

// htmlBudget is what a file may still render, in bytes of HTML, out of
// maxHTMLBytes: a tour renders its parts one by one from the same budget.
type htmlBudget struct{ left int }

func newHTMLBudget() *htmlBudget { return &htmlBudget{left: maxHTMLBytes} }

// renderMarkdown renders one Markdown text of file, whose first line is file
// line firstLine, as HTML in a single root element (go-app's Raw keeps only
// the first node). What it cannot show safely it leaves out and names in
// removed: raw HTML (goldmark would leave a comment), images (they would
// load from elsewhere) and links that lead neither into the app nor to a
// web page (javascript:, data:, …), which keep their text. An imported tour
// plays without them; the content checker refuses them. Text beyond the
// limits above is not rendered at all: refused says why, and html is empty.
// Unless marks is nil, the first use of each glossary term on the page is
// linked to its definition (terms.go).
func renderMarkdown(src []byte, file string, firstLine int, budget *htmlBudget, marks *termMarks) (html string, removed, refused kb.Faults) {
	m := &mdText{src: src, file: file, firstLine: firstLine}
	if faults := m.scan(); len(faults) > 0 {
		return "", nil, faults
	}
	doc := markdown.Parser().Parse(text.NewReader(src))
	if fault, ok := m.checkInlineNesting(doc); !ok {
		return "", nil, kb.Faults{fault}
	}
	removed, ok := m.sanitize(doc, budget.left)
	if !ok {
		return "", nil, kb.Faults{{File: file, Line: firstLine, Message: fmt.Sprintf(
			"the addresses of the links from here on add up to more than %d KiB: is a long link used many times?", maxHTMLBytes>>10)}}
	}
	if marks != nil {
		marks.mark(doc, src)
	}
	out := &cappedBuffer{max: budget.left}
	out.WriteString(`<div class="prose">`)
	err := markdown.Renderer().Render(out, src, doc)
	out.WriteString(`</div>`)
	if err != nil || out.full {
		return "", nil, kb.Faults{{File: file, Line: firstLine, Message: fmt.Sprintf(
			"the text from here on renders to more than %d KiB of HTML: shorten it", maxHTMLBytes>>10)}}
	}
	budget.left -= out.b.Len()
	return out.b.String(), removed, nil
}

// mdText is a Markdown text and where it sits in its file.
type mdText struct {
	src       []byte
	file      string
	firstLine int
	// newlines are the offsets of the text's line breaks, found once.
	newlines []int
}

// lineAt is the file line of a byte offset in the text.
func (m *mdText) lineAt(offset int) int {
	if offset < 0 || offset > len(m.src) {
		return m.firstLine
	}
	if m.newlines == nil {
		m.newlines = []int{}
		for i, c := range m.src {
			if c == '\n' {
				m.newlines = append(m.newlines, i)
			}
		}
	}
	n, _ := slices.BinarySearch(m.newlines, offset)
	return m.firstLine + n
}

func (m *mdText) lineOf(n ast.Node) int { return m.lineAt(offsetOf(n)) }

// maxFaultsPerText is the most faults scan, and sanitize, name for one
// text: a text made to wear out a parser could have one on each of
// thousands of lines.
const maxFaultsPerText = 25

// scan checks, before goldmark sees the text, what goldmark cannot be
// trusted with: its size, and line by line characters that are not text,
// nesting deeper than maxNesting, and paragraphs with too many brackets or
// emphasis markers.
func (m *mdText) scan() kb.Faults {
	log := &faultLog{}
	// The file was no larger, but each citation grows as it becomes a link.
	if len(m.src) > kb.MaxMarkdownBytes {
		log.add(m.file, m.firstLine, "the text from here on is %d KiB once its citations are links; the most allowed is %d KiB: split it", (len(m.src)+1023)>>10, kb.MaxMarkdownBytes>>10)
		return log.faults
	}
	var para paragraphScan
	for i, line := range bytes.Split(m.src, []byte("\n")) {
		if len(log.faults) >= maxFaultsPerText {
			break
		}
		at := m.firstLine + i
		switch {
		case bytes.IndexByte(line, 0) >= 0:
			log.add(m.file, at, "the line contains a NUL character: is this a text file?")
			continue
		case !utf8.Valid(line):
			log.add(m.file, at, "the line is not UTF-8 text: save the file as UTF-8")
			continue
		case len(bytes.Trim(line, " \t")) == 0:
			para = paragraphScan{}
			continue
		}
		if depth := nestingBound(line); depth > maxNesting {
			log.add(m.file, at, "quotes, lists and indentation nest %d levels deep here; the most allowed is %d", depth, maxNesting)
		}
		if problem := para.add(line); problem != "" {
			log.add(m.file, at, "%s", problem)
		}
	}
	return log.faults
}

// nestingBound is the most quotes and lists a line can be nested in: each
// > or list marker at its start opens or continues one, and each one it
// continues by indentation alone takes at least two columns (a list item's
// text starts past its marker and a space). A tab counts as four columns.
// goldmark's nesting is never deeper, so checking the bound is enough.
func nestingBound(line []byte) int {
	markers, columns := 0, 0
	for {
		switch {
		case len(line) > 0 && line[0] == ' ':
			columns++
			line = line[1:]
		case len(line) > 0 && line[0] == '\t':
			columns += 4
			line = line[1:]
		case len(line) > 0 && line[0] == '>':
			markers++
			line = line[1:]
		default:
			n := listMarkerLen(line)
			if n == 0 {
				return markers + columns/2
			}
			markers++
			line = line[n:]
		}
	}
}

// listMarkerLen is the length of the list item marker that starts line (-,
// *, + or up to nine digits and . or ), then a space, a tab or the end), or 0.
func listMarkerLen(line []byte) int {
	n := 0
	for n < len(line) && n < 9 && line[n] >= '0' && line[n] <= '9' {
		n++
	}
	switch {
	case n > 0 && n < len(line) && (line[n] == '.' || line[n] == ')'):
		n++
	case n == 0 && len(line) > 0 && (line[0] == '-' || line[0] == '*' || line[0] == '+'):
		n++
	default:
		return 0
	}
	if n == len(line) {
		return n
	}
	if line[n] == ' ' || line[n] == '\t' {
		return n + 1
	}
	return 0
}

// paragraphScan follows the brackets and emphasis markers of one paragraph
// (a run of lines that are not blank), which goldmark matches against each
// other, and names the first limit it passes.
type paragraphScan struct {
	brackets, runs int
	reported       bool
}

func (p *paragraphScan) add(line []byte) string {
	parens, deepest := 0, 0
	escaped := false
	var last byte
	for _, c := range line {
		switch {
		case escaped:
			escaped = false
			c = 0
		case c == '\\':
			escaped = true
		case c == '[':
			p.brackets++
			deepest = max(deepest, p.brackets)
		case c == ']' && p.brackets > 0:
			p.brackets--
		case c == '(':
			parens++
			deepest = max(deepest, parens)
		case c == ')' && parens > 0:
			parens--
		case (c == '*' || c == '_') && c != last:
			p.runs++
		}
		last = c
	}
	switch {
	case p.reported:
		return ""
	case deepest > maxBracketDepth:
		p.reported = true
		return fmt.Sprintf("brackets nest %d deep here; the most allowed is %d", deepest, maxBracketDepth)
	case p.runs > maxEmphasisRuns:
		p.reported = true
		return fmt.Sprintf("the paragraph has more than %d runs of * and _ by this line: split it with blank lines", maxEmphasisRuns)
	}
	return ""
}

// checkInlineNesting walks the parsed text without recursion (that is what
// it guards) and refuses emphasis and links nested deeper than
// maxInlineNesting, which goldmark builds from a single line of asterisks.
func (m *mdText) checkInlineNesting(doc ast.Node) (kb.Fault, bool) {
	type visit struct {
		n      ast.Node
		inline int
		block  ast.Node
	}
	stack := []visit{{n: doc, block: doc}}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if v.inline > maxInlineNesting {
			return kb.Fault{File: m.file, Line: m.lineAt(blockStart(v.block)), Message: fmt.Sprintf(
				"emphasis and links nest more than %d deep in this paragraph", maxInlineNesting)}, false
		}
		inline, block := v.inline, v.block
		if v.n.Type() == ast.TypeInline {
			inline++
		} else {
			block = v.n
		}
		for c := v.n.FirstChild(); c != nil; c = c.NextSibling() {
			stack = append(stack, visit{n: c, inline: inline, block: block})
		}
	}
	return kb.Fault{}, true
}

// blockStart is where a block's first line starts, or -1.
func blockStart(n ast.Node) int {
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return -1
}

// sanitize takes out of the parsed text what renderMarkdown does not show,
// naming each removal at its line. Each use of a link reference writes its
// address again, so it also adds up the addresses and titles of the links,
// and stops (ok is false) once they pass budget: the HTML would too.
func (m *mdText) sanitize(doc ast.Node, budget int) (removed kb.Faults, ok bool) {
	log := &faultLog{}
	var drop, unwrap []ast.Node
	var autolinks []*ast.AutoLink
	linkBytes := 0
	walked := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			log.add(m.file, m.lineOf(n), "HTML is not shown: write Markdown instead")
			drop = append(drop, n)
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			log.add(m.file, m.lineOf(n), "images are not shown: only the image's description is kept")
			unwrap = append(unwrap, n)
		case *ast.Link:
			if linkBytes += len(n.Destination) + len(n.Title); linkBytes > budget {
				return ast.WalkStop, errHTMLBudget
			}
			// The address as goldmark writes it, escapes and entities resolved.
			if href := util.URLEscape(n.Destination, true); !safeHref(href) {
				log.add(m.file, m.lineOf(n), "the link to %q is not shown, only its text: %s", shorten(string(href)), linkRule)
				unwrap = append(unwrap, n)
			}
		case *ast.AutoLink:
			if href := util.URLEscape(n.URL(m.src), false); !safeHref(href) {
				log.add(m.file, m.lineOf(n), "the link to %q is not shown, only its text: %s", shorten(string(href)), linkRule)
				autolinks = append(autolinks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	if walked != nil {
		return nil, false
	}
	for _, n := range drop {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	for _, n := range unwrap {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	for _, n := range autolinks {
		parent := n.Parent()
		parent.ReplaceChild(parent, n, ast.NewString(n.Label(m.src)))
	}
	if extra := len(log.faults) - maxFaultsPerText; extra > 0 {
		more := kb.Fault{File: m.file, Line: log.faults[maxFaultsPerText].Line, Message: fmt.Sprintf("and %d more like these from here on", extra)}
		return append(log.faults[:maxFaultsPerText:maxFaultsPerText], more), true
	}
	return log.faults, true
}

const linkRule = "links must start with /, #, https:// or http://"

// safeHref allows links into the app (/…, #…) and to web pages (https: and
// http:, which is all some sources have; a link is followed, never fetched
// by the page, so http: cannot weaken it). href is the address as goldmark
// writes it: escapes and entities resolved, so &#106;avascript: and
// /&#x2F;host are judged as the browser will read them, and spaces,
// controls and \ percent-encoded, so they cannot hide a scheme or turn
// /\host into //host. An address starting // leaves the app.
func safeHref(href []byte) bool {
	s := strings.ToLower(string(href))
	switch {
	case strings.HasPrefix(s, "//"):
		return false
	case strings.HasPrefix(s, "/"), strings.HasPrefix(s, "#"):
		return true
	case strings.HasPrefix(s, "https://"), strings.HasPrefix(s, "http://"):
		return true
	}
	return false
}

// offsetOf finds where a node starts in the source: its own first line or
// segment, else its first child's, else its parent's.
func offsetOf(n ast.Node) int {
	switch v := n.(type) {
	case *ast.Text:
		return v.Segment.Start
	case *ast.RawHTML:
		if v.Segments.Len() > 0 {
			return v.Segments.At(0).Start
		}
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if o := offsetOf(c); o >= 0 {
			return o
		}
	}
	if p := n.Parent(); p != nil && p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
		return p.Lines().At(0).Start
	}
	return -1
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// errHTMLBudget stops the rendering of a text whose HTML passes its budget.
var errHTMLBudget = errors.New("the HTML passes its budget")

// cappedBuffer keeps up to max bytes; a write past them fails, and goldmark's
// buffered writer then drops the rest of the rendering.
type cappedBuffer struct {
	b    bytes.Buffer
	max  int
	full bool
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if c.full || c.b.Len()+len(p) > c.max {
		c.full = true
		return 0, errHTMLBudget
	}
	return c.b.Write(p)
}

func (c *cappedBuffer) WriteString(s string) { _, _ = c.Write([]byte(s)) }
