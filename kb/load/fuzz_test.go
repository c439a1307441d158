package load

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"oversight/kb/hostile"
)

// maxTreeDepth is the deepest a text within the limits parses: the
// document, two nodes (a list and its item) for each of maxNesting levels,
// a paragraph, maxInlineNesting levels of emphasis and links, and the text.
const maxTreeDepth = 1 + 2*maxNesting + 1 + maxInlineNesting + 1

// FuzzUntrustedMarkdown feeds renderMarkdown any bytes, starting from the
// hostile corpus, and checks what every text must get: no panic; refused
// with faults that name a line of the text, or rendered to no more than
// maxHTMLBytes of HTML with nothing that runs script or leads outside the
// app and the web; and, when rendered, nesting no deeper than the limits
// allow, which is what keeps goldmark within the browser's stack. Glossary
// terms are marked as in an imported tour's narration. A plain
// `go test` runs the seeds and any failing input saved in testdata/fuzz.
func FuzzUntrustedMarkdown(f *testing.F) {
	for _, h := range hostile.Corpus() {
		f.Add(h.Markdown)
	}
	for _, h := range hostile.Pathological(2 << 10) {
		f.Add(h.Markdown)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		html, removed, refused := renderMarkdown(src, "fuzz.md", 1, newHTMLBudget(), glossaryOf().page())
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, f := range append(removed, refused...) {
			if f.File != "fuzz.md" || f.Line < 1 || f.Line > lines || f.Message == "" {
				t.Errorf("the fault %q names no line of the %d", f, lines)
			}
		}
		if len(refused) > 0 {
			if html != "" {
				t.Errorf("refused %v, yet rendered %s", refused, html)
			}
			return
		}
		if len(html) > maxHTMLBytes {
			t.Errorf("rendered %d bytes of HTML, more than %d", len(html), maxHTMLBytes)
		}
		for _, p := range htmlProblems(html) {
			t.Errorf("renders %s:\n%s", p, html)
		}
		if d := treeDepth(markdown.Parser().Parse(text.NewReader(src))); d > maxTreeDepth {
			t.Errorf("within the limits, yet goldmark nests %d deep, more than %d", d, maxTreeDepth)
		}
	})
}

// treeDepth measures a parsed text without recursion.
func treeDepth(doc ast.Node) int {
	type visit struct {
		n     ast.Node
		depth int
	}
	deepest := 0
	stack := []visit{{doc, 1}}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		deepest = max(deepest, v.depth)
		for c := v.n.FirstChild(); c != nil; c = c.NextSibling() {
			stack = append(stack, visit{c, v.depth + 1})
		}
	}
	return deepest
}
