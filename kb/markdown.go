package kb

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// markdown renders with goldmark's safe defaults: raw HTML is dropped and
// dangerous link schemes are emptied. Never add html.WithUnsafe.
var markdown = goldmark.New(goldmark.WithExtensions(extension.Typographer))

// renderMarkdown returns the body as HTML inside a single root element, which
// go-app's Raw needs (it keeps only the first node).
func renderMarkdown(src []byte) string {
	var b bytes.Buffer
	b.WriteString(`<div class="prose">`)
	// Converting to a bytes.Buffer cannot fail: goldmark's writer errors
	// come only from the destination.
	_ = markdown.Convert(src, &b)
	b.WriteString(`</div>`)
	return b.String()
}
