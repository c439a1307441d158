package labs

import (
	"html"
	"strings"
)

// The labs' pages are written as HTML here, not drawn by go-app components:
// this code runs on the server and in the labs' worker, and every element
// the app's WebAssembly drew itself would cost every visitor its bytes.

// attrs are an element's attributes, as name, value pairs.
type attrs []string

// voidElements have no closing tag.
var voidElements = map[string]bool{"input": true, "br": true}

// tag writes an element with its attributes (values escaped) and its body,
// already HTML.
func tag(name string, a attrs, body ...string) string {
	var b strings.Builder
	b.WriteString("<" + name)
	for i := 0; i+1 < len(a); i += 2 {
		b.WriteString(" " + a[i] + `="` + html.EscapeString(a[i+1]) + `"`)
	}
	b.WriteString(">")
	if voidElements[name] {
		return b.String()
	}
	for _, s := range body {
		b.WriteString(s)
	}
	b.WriteString("</" + name + ">")
	return b.String()
}

// text escapes plain text for HTML.
func text(s string) string { return html.EscapeString(s) }

// each joins what f writes for every item.
func each[T any](items []T, f func(int, T) string) string {
	var b strings.Builder
	for i, it := range items {
		b.WriteString(f(i, it))
	}
	return b.String()
}
