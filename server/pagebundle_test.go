package server

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"oversight/app"
	"oversight/content"
	"oversight/kb/load"
	"oversight/labs"
)

// The bundle holds every page of the app, each with the body and the
// headers a GET of it gets, so that the worker serves offline what the
// network serves: the index names each page and the length of its body,
// and the bodies follow one another in the index's order. Compressed, the
// two weigh a fraction of the pages sent one by one.
func TestThePagesBundleHoldsEveryPageAsTheServerAnswersIt(t *testing.T) {
	s := builtServer(t, fakeWeb(t, "wasm"))
	k, _ := load.Content(content.FS, content.Root)
	k = labs.Attach(k) // as the server does: the labs' pages are pages too
	bundleBytes := 0
	fetch := func(path string) []byte {
		res := answer(s.handler, "GET", path, "Accept-Encoding", "br")
		if res.Code != http.StatusOK || res.Header().Get("Content-Encoding") != "br" {
			t.Fatalf("%s answers %d in %q", path, res.Code, res.Header().Get("Content-Encoding"))
		}
		bundleBytes += res.Body.Len()
		return decoded(t, res.Result())
	}
	var pages []indexedPage
	if err := json.Unmarshal(fetch(PagesIndexPath), &pages); err != nil {
		t.Fatal(err)
	}
	bodies := fetch(PagesBodiesPath)

	var paths []string
	start, onePageAtATime := 0, 0
	for _, p := range pages {
		paths = append(paths, p.Path)
		alone := answer(s.handler, "GET", p.Path)
		if end := start + p.Length; end > len(bodies) || string(bodies[start:end]) != alone.Body.String() {
			t.Errorf("%s in the bundle is not the page the server sends", p.Path)
		}
		start += p.Length
		for _, want := range append(SecurityHeaders(), [2]string{"Content-Type", alone.Header().Get("Content-Type")}) {
			if !slices.Contains(p.Headers, want) {
				t.Errorf("%s in the bundle lacks the header %s: %s", p.Path, want[0], want[1])
			}
		}
		onePageAtATime += answer(s.handler, "GET", p.Path, "Accept-Encoding", "br").Body.Len()
	}
	if start != len(bodies) {
		t.Errorf("the index accounts for %d bytes of the %d bytes of bodies", start, len(bodies))
	}
	if !slices.Equal(paths, app.Pages(k)) {
		t.Errorf("the bundle holds %d pages, want every one of the app's %d", len(paths), len(app.Pages(k)))
	}
	if bundleBytes*4 > onePageAtATime {
		t.Errorf("the bundle is %d bytes of brotli, the pages one by one %d: it should be under a quarter", bundleBytes, onePageAtATime)
	}
	t.Logf("%d pages: %d bytes of brotli in the index and bodies, %d one by one", len(pages), bundleBytes, onePageAtATime)
}
