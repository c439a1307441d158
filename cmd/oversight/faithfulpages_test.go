//go:build !(js && wasm)

package main

import (
	"bytes"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
	"golang.org/x/net/html"

	"oversight/app"
	"oversight/content"
	"oversight/kb/load"
)

// encodedByGoApp is what go-app's server encoder writes for v, inside a
// body as deep as the app's pages put their text.
func encodedByGoApp(v ui.UI) []byte {
	return []byte("<!doctype html>\n<html>\n  <body>\n" + ui.HTMLString(ui.Div().Body(ui.Div().Body(v, ui.Span()))) + "\n  </body>\n</html>")
}

func faithful(t *testing.T, page []byte) []byte {
	t.Helper()
	out, err := faithfulPage(page)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func parsed(t *testing.T, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

func firstElement(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if found := firstElement(c, tag); found != nil {
			return found
		}
	}
	return nil
}

// Text beside inline elements reads as the app draws it: go-app's
// indentation put a space before the punctuation that follows a link.
func TestRunningTextKeepsItsOwnSpacesAndNoneOfGoAppsIndentation(t *testing.T) {
	page := encodedByGoApp(ui.P().Body(
		ui.Text("Content last reviewed "),
		ui.Time().DateTime("2026-11-26").Text("26 November 2026"),
		ui.Text("; each page gives its own date."),
	))
	if got := textOf(firstElement(parsed(t, page), "p")); got == "Content last reviewed 26 November 2026; each page gives its own date." {
		t.Fatalf("go-app's encoder no longer indents (%q): this rewrite may be unneeded", got)
	}
	want := "Content last reviewed 26 November 2026; each page gives its own date."
	if got := textOf(firstElement(parsed(t, faithful(t, page)), "p")); got != want {
		t.Errorf("the paragraph reads %q, want %q", got, want)
	}
}

// Markdown's own line breaks and code blocks are the content's: a soft
// line break is a space between words, and code keeps its indentation.
func TestMarkdownsLineBreaksAndCodeKeepTheirWhitespace(t *testing.T) {
	code := "func main() {\n    fmt.Println(\"x &lt; y\")\n}\n"
	page := encodedByGoApp(ui.Div().Body(
		ui.Raw("<div class=\"prose\"><p>one line\nthe next <em>line</em>\nends</p>\n<pre><code>" + code + "</code></pre>\n</div>"),
	))
	doc := parsed(t, faithful(t, page))
	if got := textOf(firstElement(doc, "p")); got != "one line\nthe next line\nends" {
		t.Errorf("the paragraph reads %q", got)
	}
	if got := textOf(firstElement(doc, "code")); got != strings.ReplaceAll(code, "&lt;", "<") {
		t.Errorf("the code block reads %q", got)
	}
}

// go-app writes aria-hidden="true" as a bare aria-hidden, which ARIA reads
// as no value: the rewrite gives it back its "true", and leaves "false" and
// HTML's own boolean attributes alone.
func TestARIAStatesThatGoAppWritesBareAreTrue(t *testing.T) {
	page := encodedByGoApp(ui.Div().Body(
		ui.Img().Src("/web/icon.svg").Aria("hidden", true),
		ui.Button().Aria("pressed", true).Text("on"),
		ui.Button().Aria("pressed", false).Text("off"),
		ui.P().Hidden(true).Text("hidden"),
	))
	out := string(faithful(t, page))
	for _, want := range []string{`<img aria-hidden="true" src="/web/icon.svg">`, `<button aria-pressed="true">on</button>`, `<button aria-pressed="false">off</button>`, `<p hidden>hidden</p>`} {
		if !strings.Contains(out, want) {
			t.Errorf("the page has no %s:\n%s", want, out)
		}
	}
}

// Attributes come in order of name, whatever order go-app's map gave them,
// with SVG's mixed-case names as written and values that hold quotes,
// angle brackets and equals signs intact.
func TestAttributesAreWrittenInOrderOfNameWithTheirValuesIntact(t *testing.T) {
	page := []byte(`<html><body><svg viewBox="0 0 10 10" class="map"><marker refX="9" markerWidth='7' id=m data-note="a > b = c, &quot;d&quot;"></marker></svg></body></html>`)
	out := string(faithful(t, page))
	want := `<svg class="map" viewBox="0 0 10 10"><marker data-note="a &gt; b = c, &#34;d&#34;" id="m" markerWidth="7" refX="9"></marker></svg>`
	if !strings.Contains(out, want) {
		t.Errorf("got\n%s\nwant it to hold\n%s", out, want)
	}
}

// The rewrite changes go-app's whitespace and bare ARIA values only: every
// page of the app has the same elements, attributes and words before and
// after, and rewriting a rewritten page changes nothing.
func TestEveryPageKeepsItsElementsAttributesAndWords(t *testing.T) {
	s := newTestServer(t, fakeWeb(t, "wasm"))
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	indentation := regexp.MustCompile(`>\n +<`)
	for _, path := range append(app.Pages(k), "/no-such-page") {
		body, _ := io.ReadAll(get(t, s.URL+path, map[string]string{"Accept-Encoding": "identity"}).Body)
		if again := faithful(t, body); !bytes.Equal(again, body) {
			t.Errorf("%s changes when it is rewritten again", path)
		}
		if m := indentation.Find(body); m != nil {
			t.Errorf("%s still has go-app's indentation: %q", path, m)
		}
		for _, attr := range bareAria.FindAll(body, -1) {
			t.Errorf("%s has an ARIA attribute without a value: %s", path, attr)
		}
		second, _ := io.ReadAll(get(t, s.URL+path, map[string]string{"Accept-Encoding": "identity"}).Body)
		if !bytes.Equal(second, body) {
			t.Errorf("%s differs from one request to the next", path)
		}
	}
}

var bareAria = regexp.MustCompile(`\saria-[a-z]+[\s>]`)

// What the rewrite keeps, checked against go-app's own encoding of a page
// made of the app's parts: the same tree, with whitespace aside.
func TestTheRewriteKeepsTheTreeGoAppEncoded(t *testing.T) {
	page := encodedByGoApp(ui.Div().Class("frame").Body(
		ui.Header().Body(ui.A().Href("/").Body(ui.Img().Src("/web/icon.svg").Aria("hidden", true), ui.Span().Text("Oversight Explorer"))),
		ui.P().Body(ui.A().Href("/data").Text("Your data on this device"), ui.Text(": what the app keeps here.")),
		ui.Ul().Body(ui.Li().Text("one"), ui.Li().Body(ui.Text("two "), ui.Strong().Text("three"))),
	))
	before, after := parsed(t, page), parsed(t, faithful(t, page))
	if a, b := shape(before), shape(after); a != b {
		t.Errorf("the tree changed:\n%s\nbecame\n%s", a, b)
	}
}

// shape writes a tree's elements with their attributes, and its text with
// whitespace taken out, aria values made explicit as the rewrite makes them.
func shape(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			b.WriteString("<" + n.Data)
			for _, a := range sortedAttrs(n.Attr) {
				if a.Val == "" && strings.HasPrefix(a.Key, "aria-") {
					a.Val = "true"
				}
				b.WriteString(" " + a.Key + "=" + a.Val)
			}
			b.WriteString(">")
		case html.TextNode:
			b.WriteString(strings.Join(strings.Fields(n.Data), ""))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func sortedAttrs(attrs []html.Attribute) []html.Attribute {
	out := slices.Clone(attrs)
	slices.SortFunc(out, func(a, b html.Attribute) int { return strings.Compare(a.Key, b.Key) })
	return out
}
