package server

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"oversight/app"
	"oversight/content"
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
	h, err := New(Config{KB: k, WebDir: fakeWeb(t, "wasm")})
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

// A title or summary either reaches every attribute of the prerendered
// page exactly as written, in well-formed HTML, or does not load (the
// content rules refuse ", < and > in front matter).
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

// Every page is written as the app draws it (third_party/go-app's encoder):
// no indentation between tags, no ARIA attribute without its value, and the
// same bytes on every request, so that a static export is the same twice
// and a page compresses and caches as one thing.
func TestEveryPageIsTheSameBytesOnEveryRequestWithNoIndentationOrBareARIA(t *testing.T) {
	s := newTestServer(t, fakeWeb(t, "wasm"))
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	indentation := regexp.MustCompile(`>\n +<`)
	bareAria := regexp.MustCompile(`\saria-[a-z]+[\s>]`)
	for _, path := range append(app.Pages(k), "/no-such-page") {
		body, _ := io.ReadAll(get(t, s.URL+path, map[string]string{"Accept-Encoding": "identity"}).Body)
		if m := indentation.Find(body); m != nil {
			t.Errorf("%s has indentation between tags: %q", path, m)
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

// A page gives the address it is at (og:url) when the server knows where it
// is reached (-base-url), and none otherwise: never "https:///…".
func TestAPageGivesItsOwnAddressOnlyWhenTheServerKnowsIt(t *testing.T) {
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	for baseURL, want := range map[string]string{
		"":                             "",
		"https://explorer.example.org": "https://explorer.example.org/concepts/debate",
		"http://localhost:8000/":       "http://localhost:8000/concepts/debate",
		"explorer.example.org":         "https://explorer.example.org/concepts/debate",
	} {
		h, err := New(Config{KB: k, WebDir: fakeWeb(t, "wasm"), BaseURL: baseURL})
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/concepts/debate", nil))
		doc, err := html.Parse(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode && n.Data == "meta" && attrOf(n, "property") == "og:url" {
				got = attrOf(n, "content")
			}
		}
		if got != want {
			t.Errorf("with -base-url %q, og:url is %q, want %q", baseURL, got, want)
		}
	}
}
