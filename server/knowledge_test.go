package server

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"oversight/app"
	"oversight/content"
	"oversight/kb"
	"oversight/kb/load"
	"oversight/labs"
)

// The browser starts from the knowledge base the server loaded, byte for
// byte, with the labs' descriptions, in whichever encoding it accepts, and
// revalidates it for a 304.
func TestTheBrowserGetsTheKnowledgeBaseTheServerLoaded(t *testing.T) {
	k, _ := load.Content(content.FS, content.Root)
	want := labs.Attach(k).Snapshot()
	s := newTestServer(t, fakeWeb(t, "wasm"))
	for _, encoding := range []string{"br", "gzip", ""} {
		res := get(t, s.URL+app.KnowledgePath, map[string]string{"Accept-Encoding": encoding})
		if got := decoded(t, res); !bytes.Equal(got, want) {
			t.Errorf("Accept-Encoding %q: %d bytes, want the %d bytes of the snapshot", encoding, len(got), len(want))
		}
		if res.Header.Get("Content-Encoding") != encoding || res.Header.Get("Content-Type") != "application/json" {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, Content-Type %q", encoding, res.Header.Get("Content-Encoding"), res.Header.Get("Content-Type"))
		}
		again := get(t, s.URL+app.KnowledgePath, map[string]string{"Accept-Encoding": encoding, "If-None-Match": res.Header.Get("ETag")})
		again.Body.Close()
		if again.StatusCode != http.StatusNotModified {
			t.Errorf("Accept-Encoding %q: revalidating with its ETag gave %d, want 304", encoding, again.StatusCode)
		}
	}
	if _, err := kb.FromSnapshot(want); err != nil {
		t.Fatal(err)
	}
}

// The page asks for the knowledge base in its head, so that it downloads
// beside the WebAssembly instead of after it, and offline it is precached.
func TestEveryPageStartsTheKnowledgeDownloadAndTheWorkerPrecachesIt(t *testing.T) {
	s := newTestServer(t, fakeWeb(t, "wasm"))
	for _, page := range []string{"/", "/concepts/debate", "/tours"} {
		res := get(t, s.URL+page, nil)
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		preload := `<link rel="preload" href="` + app.KnowledgePath + `" as="fetch" crossorigin="anonymous">`
		if !strings.Contains(string(body), preload) {
			t.Errorf("%s does not preload the knowledge base", page)
		}
	}
	res := get(t, s.URL+"/app-worker.js", nil)
	worker, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !contains(precachedURLs(worker), app.KnowledgePath) {
		t.Errorf("the service worker does not precache %s", app.KnowledgePath)
	}
}
