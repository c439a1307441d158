package load

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The HTML that rendered Markdown may contain: goldmark's elements for
// Markdown, and no attribute but these.
var (
	allowedElements = map[string]bool{
		"div": true, "p": true, "a": true, "em": true, "strong": true, "code": true, "pre": true,
		"blockquote": true, "ul": true, "ol": true, "li": true, "hr": true, "br": true,
		"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	}
	allowedAttributes = map[string]bool{
		"div class": true, "a href": true, "a title": true, "ol start": true, "code class": true,
		"a class": true, // class="term", on a link to a glossary term
	}
)

// htmlProblems parses h as a browser would, inside a page's body, and names
// everything in it that could run script or lead anywhere but into the app
// or to a web page: an element or attribute outside the lists above (so no
// script, no on* handler, no src, no style), or a link whose address, as
// the browser reads it, has another scheme. It is written apart from
// safeHref, as a second opinion.
func htmlProblems(h string) []string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(h), body)
	if err != nil {
		return []string{fmt.Sprintf("does not parse: %v", err)}
	}
	var problems []string
	for _, top := range nodes {
		for n := range top.Descendants() {
			problems = append(problems, nodeProblems(n)...)
		}
		problems = append(problems, nodeProblems(top)...)
	}
	return problems
}

func nodeProblems(n *html.Node) []string {
	switch n.Type {
	case html.ElementNode:
	case html.TextNode:
		return nil
	default:
		return []string{fmt.Sprintf("a node of type %d (%q)", n.Type, n.Data)}
	}
	if !allowedElements[n.Data] {
		return []string{fmt.Sprintf("a <%s> element", n.Data)}
	}
	var problems []string
	for _, a := range n.Attr {
		switch {
		case a.Namespace != "" || !allowedAttributes[n.Data+" "+a.Key]:
			problems = append(problems, fmt.Sprintf("a %s attribute on <%s>: %q", a.Key, n.Data, a.Val))
		case a.Key == "href" && !allowedAddress(a.Val):
			problems = append(problems, fmt.Sprintf("a link to %q", a.Val))
		}
	}
	return problems
}

// allowedAddress reads an href as the URL parser of a browser does (it
// drops leading and trailing spaces and controls and every tab and line
// break, and reads \ as / in web addresses) and allows addresses in the
// app, relative or absolute, and http: and https: ones. An address that is
// no valid URL (https://%22) is judged by its scheme too: the browser will
// not follow it, but it must not have another scheme either.
func allowedAddress(href string) bool {
	href = strings.TrimFunc(href, func(r rune) bool { return r <= ' ' })
	href = strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(href)
	if m := urlScheme.FindStringSubmatch(href); m != nil {
		scheme := strings.ToLower(m[1])
		return scheme == "http" || scheme == "https"
	}
	return !strings.HasPrefix(href, "//")
}

// urlScheme is the scheme at the start of an address, as a browser reads it.
var urlScheme = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*):`)

// The checker above is what the corpus and fuzz tests trust: it must see
// each way HTML can run script or leave, and pass goldmark's safe output.
func TestTheHTMLCheckerCatchesScriptAndStrayLinks(t *testing.T) {
	for _, bad := range []string{
		`<script>alert(1)</script>`,
		`<p onclick="alert(1)">x</p>`,
		`<img src="x">`,
		`<svg><circle r="1"></circle></svg>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=" JaVa&#x09;Script&colon;alert(1)">x</a>`,
		`<a href="vbscript:x">x</a>`,
		`<a href="data:text/html,x">x</a>`,
		`<a href="//evil.example">x</a>`,
		`<a href="/\evil.example">x</a>`,
		`<a href="\\evil.example">x</a>`,
		`<a href="/x" style="color:red">x</a>`,
		`<!-- a comment -->`,
	} {
		if len(htmlProblems(`<div class="prose">`+bad+`</div>`)) == 0 {
			t.Errorf("no problem found in %s", bad)
		}
	}
	good := `<div class="prose"><h2>A</h2><p><a href="/concepts/debate" title="t">x</a> <a href="#top">y</a> ` +
		`<a href="HTTPS://example.org/a?b=1&amp;c=2">z</a> <a href="https://%22">w</a> <em>e</em><strong>s</strong><br></p>` +
		`<ol start="2"><li><code>c</code></li></ol><pre><code class="language-go">x</code></pre><blockquote><hr></blockquote></div>`
	if problems := htmlProblems(good); len(problems) != 0 {
		t.Errorf("problems found in safe HTML: %v", problems)
	}
}
