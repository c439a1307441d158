//go:build !(js && wasm)

package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"oversight/kb"
	"oversight/kb/load"
)

// oneConcept is the smallest content: a concept whose title and summary
// are text, and the source it cites, at url.
func oneConcept(text, url string) fstest.MapFS {
	return fstest.MapFS{
		"concepts/debate.md": {Data: []byte("---\ntitle: " + yamlQuoted(text) + "\nsummary: " + yamlQuoted(text) +
			"\nkind: method\nposition: {x: 100, y: 100}\nreviewed: 2026-11-26\nsources: [s1]\n---\nThe definition.\n")},
		"sources/s1.md": {Data: []byte("---\ntitle: A paper\nauthors: A. Author\nvenue: arXiv\ndate: 2023\nurl: " + yamlQuoted(url) +
			"\nstatus: verified\n---\n")},
	}
}

// yamlQuoted writes text as a single-quoted YAML value, which keeps every
// character as it is but the doubled quote.
func yamlQuoted(text string) string { return "'" + strings.ReplaceAll(text, "'", "''") + "'" }

// prerendered is the page at path as the server sends it, parsed.
func prerendered(t *testing.T, k *kb.KB, path string) *html.Node {
	t.Helper()
	h, err := newHandler(k, fakeWeb(t, "wasm"), plainPages)
	if err != nil {
		t.Fatal(err)
	}
	s := httptest.NewServer(h)
	defer s.Close()
	res, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	doc, err := html.Parse(strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// An attribute that a stray quote broke open leaves names like `two"`.
var attributeName = regexp.MustCompile(`^[a-z][a-z0-9:-]*$`)

// go-app writes prerendered attribute values with strconv.Quote, not HTML
// escaping. A title or summary either reaches every attribute of the
// prerendered page exactly as written, in well-formed HTML, or does not
// load: ", < and > among them.
func TestContentTextReachesThePrerenderedAttributesExactlyOrNotAtAll(t *testing.T) {
	refused := []string{`A "quoted" word`, `A <b>bold</b> word`, `Less > more`, `A \ backslash`, `Fish &amp; chips`, "No\u00a0break"}
	accepted := []string{`Debate’s “two” sides`, `R&D at AT&T; Q&A`, `Ça — 100 % sûr 🧪`, `a = b / c {d} [e] (f)`, `It's a 'quote'`, `#hash ~tilde ^caret |pipe`}
	for _, text := range refused {
		if _, err := load.Content(oneConcept(text, "https://example.org/"), "content"); err == nil || !strings.Contains(err.Error(), "content/concepts/debate.md:2: title contains") {
			t.Errorf("%s: the title loads (%v): go-app would write it into attributes unescaped", text, err)
		}
	}
	for _, text := range accepted {
		k, err := load.Content(oneConcept(text, "https://example.org/a?b=1&c='d'"), "content")
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		doc := prerendered(t, k, "/concepts/debate")
		want := map[string]string{
			"description":    text,
			"og:description": text,
			"og:title":       text + " · Oversight Explorer",
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			for _, a := range n.Attr {
				if !attributeName.MatchString(a.Key) {
					t.Errorf("%s: the page has an attribute named %q on <%s>", text, a.Key, n.Data)
				}
			}
			if n.Data == "meta" && want[attrOf(n, "name")+attrOf(n, "property")] != "" {
				key := attrOf(n, "name") + attrOf(n, "property")
				if got := attrOf(n, "content"); got != want[key] {
					t.Errorf("%s: the meta %s reads %q", text, key, got)
				}
				delete(want, key)
			}
		}
		if len(want) > 0 {
			t.Errorf("%s: no meta %v", text, want)
		}
	}
}

func TestASourceAddressReachesItsLinkExactly(t *testing.T) {
	url := "https://example.org/a?b=1&c='d'#e"
	k, err := load.Content(oneConcept("Debate", url), "content")
	if err != nil {
		t.Fatal(err)
	}
	var hrefs []string
	for n := range prerendered(t, k, "/sources").Descendants() {
		if n.Type == html.ElementNode && n.Data == "a" && strings.HasPrefix(attrOf(n, "href"), "https://example.org/") {
			hrefs = append(hrefs, attrOf(n, "href"))
		}
	}
	if len(hrefs) != 1 || hrefs[0] != url {
		t.Errorf("the source links to %q, want %q", hrefs, url)
	}
}

func attrOf(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}
