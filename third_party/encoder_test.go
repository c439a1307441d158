package thirdparty

import (
	"fmt"
	"strings"
	"testing"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The server's pages are what the app draws, so a reader without
// JavaScript, a search engine and the first paint read the same words with
// the same spaces. Upstream indented children, which put spaces before
// punctuation and, where a text began with its own space, glued words:
// "Debateis a method ofScalable oversight".
func TestRunningTextIsWrittenWithExactlyItsOwnSpaces(t *testing.T) {
	got := ui.HTMLString(ui.P().Body(
		ui.A().Href("/concepts/debate").Text("Debate"),
		ui.Text(" is a method of "),
		ui.A().Href("/concepts/scalable-oversight").Text("Scalable oversight"),
		ui.Text("; see "),
		ui.Em().Text("step"),
		ui.Text(" 2."),
	))
	want := `<p><a href="/concepts/debate">Debate</a> is a method of <a href="/concepts/scalable-oversight">Scalable oversight</a>; see <em>step</em> 2.</p>`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Markdown rendered to HTML keeps its line breaks and its code's
// indentation: they are the content's own.
func TestRawHTMLIsWrittenAsItIs(t *testing.T) {
	raw := "<div class=\"prose\"><p>one line\nthe next</p>\n<pre><code>if x {\n    y()\n}\n</code></pre></div>"
	if got := ui.HTMLString(ui.Div().Body(ui.Raw(raw))); got != "<div>"+raw+"</div>" {
		t.Errorf("got\n%q", got)
	}
}

// An attribute is written as the DOM holds it once the app has set it:
// ARIA states keep their "true" (upstream wrote them bare, which ARIA reads
// as no value); boolean properties are there, bare, or absent (upstream
// wrote hidden="false", which hides).
func TestAttributesSayWhatTheDOMHolds(t *testing.T) {
	cases := []struct {
		element ui.UI
		want    string
	}{
		{ui.Img().Src("/web/icon.svg").Aria("hidden", true), `<img aria-hidden="true" src="/web/icon.svg">`},
		{ui.Button().Aria("pressed", false).Text("off"), `<button aria-pressed="false">off</button>`},
		{ui.P().Hidden(true).Text("x"), `<p hidden>x</p>`},
		{ui.P().Hidden(false).Text("x"), `<p>x</p>`},
		{ui.Input().Type("checkbox").Checked(false), `<input type="checkbox">`},
		{ui.Input().Type("checkbox").Checked(true), `<input checked type="checkbox">`},
		{ui.Details().Open(true).Body(ui.Summary().Text("s")), `<details open><summary>s</summary></details>`},
	}
	for _, c := range cases {
		if got := ui.HTMLString(c.element); got != c.want {
			t.Errorf("got %s, want %s", got, c.want)
		}
	}
}

// Attributes come in order of name, so that a page is the same bytes on
// every request; values are escaped for HTML, not quoted as Go strings
// (upstream's strconv.Quote let a `"` or `<` from content break the tag).
func TestAttributesComeInOrderOfNameWithValuesEscapedForHTML(t *testing.T) {
	element := ui.Div().ID("x").DataSet("note", `a > b = "c" & 'd' \n`).Class("y").Title("ü")
	want := `<div class="y" data-note="a &gt; b = &#34;c&#34; &amp; &#39;d&#39; \n" id="x" title="ü"></div>`
	for range 20 { // map order changes from one encoding to the next
		if got := ui.HTMLString(element); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	}
}

// SVG's attribute names keep their case (viewBox, refX).
func TestSVGAttributesKeepTheirCase(t *testing.T) {
	got := ui.HTMLString(ui.Elem("svg").Attr("viewBox", "0 0 10 10").Body(ui.Elem("marker").Attr("refX", 9)))
	if !strings.Contains(got, `viewBox="0 0 10 10"`) || !strings.Contains(got, `refX="9"`) {
		t.Errorf("got %s", got)
	}
}

// go-app formats every ARIA and data attribute's value, and the app every
// page's title, with FormatString; for a string, a bool or an int it now
// does so without fmt, and must say exactly what fmt says.
func TestFormatStringSaysWhatFmtSays(t *testing.T) {
	for _, c := range []struct {
		format string
		value  any
	}{
		{"%v", "Debate · Oversight Explorer"}, {"%s", "100% of the map"}, {"%v", ""},
		{"%v", true}, {"%v", false}, {"%v", 0}, {"%v", -42}, {"%v", 7},
		{"%s", 7}, {"%d", 7}, {"%s", true}, {"%q", "x"}, {"%v", 1.5}, {"%v", uint8(3)},
	} {
		if got, want := ui.FormatString(c.format, c.value), fmt.Sprintf(c.format, c.value); got != want {
			t.Errorf("FormatString(%q, %#v) = %q, fmt says %q", c.format, c.value, got, want)
		}
	}
}
