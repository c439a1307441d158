package kb

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// renderUntrusted renders Markdown that may come from anyone, such as an
// imported tour, with goldmark's safe defaults, and also takes out what a
// tour has no use for and a stranger could abuse: raw HTML (goldmark would
// leave a comment), images (they would load from elsewhere) and links that
// are neither into the app nor to a web page (javascript:, data:, …), which
// keep their text. Each removal is a warning at its file line; firstLine is
// the file line of src's first line.
func renderUntrusted(src []byte, file string, firstLine int) (string, Faults) {
	doc := markdown.Parser().Parse(text.NewReader(src))
	log := &faultLog{}
	lineOf := func(n ast.Node) int {
		offset := offsetOf(n)
		if offset < 0 || offset > len(src) {
			return firstLine
		}
		return firstLine + bytes.Count(src[:offset], []byte("\n"))
	}
	var drop, unwrap []ast.Node
	var autolinks []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			log.add(file, lineOf(n), "HTML is not shown in tours and was left out: write Markdown instead")
			drop = append(drop, n)
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			log.add(file, lineOf(n), "images are not shown in tours: only the image's description was kept")
			unwrap = append(unwrap, n)
		case *ast.Link:
			if !safeHref(string(n.Destination)) {
				log.add(file, lineOf(n), "the link to %q was removed and its text kept: links must start with /, # or https://", shorten(string(n.Destination)))
				unwrap = append(unwrap, n)
			}
		case *ast.AutoLink:
			if !safeHref(string(n.URL(src))) {
				log.add(file, lineOf(n), "the link to %q was removed and its text kept: links must start with /, # or https://", shorten(string(n.URL(src))))
				autolinks = append(autolinks, n)
			}
		}
		return ast.WalkContinue, nil
	})
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
		parent.ReplaceChild(parent, n, ast.NewString(n.Label(src)))
	}
	var b bytes.Buffer
	b.WriteString(`<div class="prose">`)
	// Rendering into a bytes.Buffer cannot fail.
	_ = markdown.Renderer().Render(&b, src, doc)
	b.WriteString(`</div>`)
	return b.String(), log.faults
}

// safeHref allows links into the app (/…, #…) and to web pages.
func safeHref(dest string) bool {
	if strings.ContainsAny(dest, "\\\x00\t\r\n ") {
		return false
	}
	lower := strings.ToLower(dest)
	switch {
	case strings.HasPrefix(dest, "//"):
		return false
	case strings.HasPrefix(dest, "/"), strings.HasPrefix(dest, "#"):
		return true
	case strings.HasPrefix(lower, "https://"), strings.HasPrefix(lower, "http://"):
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
