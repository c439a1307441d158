//go:build !(js && wasm)

package app

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestTheDataPageSaysWhatIsKeptAndIsLinkedFromEveryPage(t *testing.T) {
	if !slices.Contains(Pages(testSite.Knowledge), DataPath) {
		t.Errorf("%s is not among the app's pages, so it is not cached for offline use", DataPath)
	}
	doc := prerender(t, DataPath)
	if h1 := one(t, doc, "heading", func(n *html.Node) bool { return n.Data == "h1" }); textOf(h1) != "Your data on this device" {
		t.Errorf("the heading reads %q", textOf(h1))
	}
	text := squash(textOf(doc))
	for _, want := range []string{
		"Nothing is sent anywhere",
		"This list appears once the app has started in your browser",
		"Download your data",
		"nothing is taken away",
		"A file with anything wrong in it changes nothing",
		"Clear visited history",
		"they are not exported",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the prerendered data page does not say %q", want)
		}
	}
	for _, path := range []string{"/", "/concepts/debate", ToursPath} {
		footer := one(t, prerender(t, path), "site footer", byClass("site-footer"))
		if len(findAll(footer, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == DataPath })) != 1 {
			t.Errorf("the footer of %s does not link to %s", path, DataPath)
		}
	}
}
