package app

import (
	"context"
	"os"
	"strings"
	"testing"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
	"golang.org/x/net/html"

	"oversight/content"
	"oversight/kb/load"
	"oversight/lab"
	"oversight/labs"
)

// testSite is the site of the real content, which the component tests
// render.
var testSite *Site

func TestMain(m *testing.M) {
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		panic(err)
	}
	testSite = NewSite(labs.Attach(laidOut(k)), ReadyTourReader(load.Tour), ReadyLabRunner(func(v lab.View) (string, error) {
		return (&labs.Bench{}).Render(context.Background(), v)
	}))
	Register(testSite)
	os.Exit(m.Run())
}

// render mounts a component in go-app's test engine and parses the HTML it
// renders, so tests assert on elements and attributes, not on substrings.
func render(t *testing.T, c ui.Composer) *html.Node {
	t.Helper()
	engine := ui.NewTestEngine()
	if err := engine.Load(c); err != nil {
		t.Fatal(err)
	}
	engine.ConsumeAll()
	doc, err := html.Parse(strings.NewReader(ui.HTMLString(c)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// findAll returns every element below n for which match holds.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && match(c) {
			out = append(out, c)
		}
	}
	return out
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func byTag(tag string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag }
}
