package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"oversight/app"
	"oversight/content"
	"oversight/kb/load"
	"oversight/server/servertest"
)

func fakeWeb(t *testing.T, wasm string) string { return servertest.FakeWeb(t, wasm) }

func newTestServer(t *testing.T, web string) *httptest.Server {
	t.Helper()
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(Config{KB: k, WebDir: web})
	if err != nil {
		t.Fatal(err)
	}
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

func TestPagesAnswer200AndUnknownPages404AsHTMLInUTF8(t *testing.T) {
	s := newTestServer(t, fakeWeb(t, "wasm"))
	for path, want := range map[string]int{
		"/":                            http.StatusOK,
		"/concepts/debate":             http.StatusOK,
		"/concepts/scalable-oversight": http.StatusOK,
		"/concepts/nope":               http.StatusNotFound,
		"/somewhere/else":              http.StatusNotFound,
		"/web/style.css":               http.StatusOK,
		"/web/missing.css":             http.StatusNotFound,
	} {
		res, err := http.Get(s.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, res.StatusCode, want)
		}
		if ct := res.Header.Get("Content-Type"); filepath.Ext(path) == "" && ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s has Content-Type %q", path, ct)
		}
	}
}

func TestTheVersionIsAHashOfTheBuildNotOfTheStartTime(t *testing.T) {
	snapshot := []byte(`{"Format":1}`)
	a, err := buildVersion(fakeWeb(t, "build A"), snapshot)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := buildVersion(fakeWeb(t, "build A"), snapshot)
	b, _ := buildVersion(fakeWeb(t, "build B"), snapshot)
	edited, _ := buildVersion(fakeWeb(t, "build A"), []byte(`{"Format":1,"Concepts":[]}`))
	if a != again {
		t.Errorf("the same build has two versions: %s and %s", a, again)
	}
	if a == b {
		t.Errorf("two builds share the version %s", a)
	}
	if a == edited {
		t.Errorf("the same WebAssembly with other content keeps the version %s: clients would never see the new content", a)
	}
}

func TestTheServerRefusesToStartWithoutTheTourReader(t *testing.T) {
	k, _ := load.Content(content.FS, content.Root)
	web := fakeWeb(t, "wasm")
	os.Remove(filepath.Join(web, app.TourReaderFile))
	if _, err := New(Config{KB: k, WebDir: web}); err == nil || !strings.Contains(err.Error(), "make build") {
		t.Errorf("New without the tour reader gave %v", err)
	}
}

func TestTheServerRefusesToStartWithoutTheLabs(t *testing.T) {
	k, _ := load.Content(content.FS, content.Root)
	web := fakeWeb(t, "wasm")
	os.Remove(filepath.Join(web, app.LabsFile))
	if _, err := New(Config{KB: k, WebDir: web}); err == nil || !strings.Contains(err.Error(), "make build") {
		t.Errorf("New without the labs' WebAssembly gave %v", err)
	}
}

func TestTheServerRefusesToStartWithoutTheWebAssembly(t *testing.T) {
	k, _ := load.Content(content.FS, content.Root)
	if _, err := New(Config{KB: k, WebDir: t.TempDir()}); err == nil {
		t.Errorf("New started with no app.wasm")
	}
}

// A concept merged into another keeps its address: the server sends the
// reader to the concept it became, for good, with the query it asked for.
func TestAMergedConceptsOldAddressRedirectsToTheNewOne(t *testing.T) {
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	moved := k.Redirects()
	if len(moved) == 0 {
		t.Fatal("the content merges no concepts: this test checks nothing")
	}
	s := newTestServer(t, fakeWeb(t, "wasm"))
	for _, r := range moved {
		res := get(t, s.URL+"/concepts/"+r.From+"?hops=1", nil)
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/concepts/"+r.To+"?hops=1" {
			t.Errorf("/concepts/%s answered %d to %q, want 301 to /concepts/%s?hops=1", r.From, res.StatusCode, res.Header.Get("Location"), r.To)
		}
		if res.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("the redirect from %s has no security headers", r.From)
		}
	}
}

// A page's address with a slash at the end, as a static host serves a
// page's folder, sends the reader to the page's own address, for good, with
// the query it asked for; the map's own address stays as it is.
func TestAPageAddressWithATrailingSlashRedirectsToThePage(t *testing.T) {
	s := newTestServer(t, fakeWeb(t, "wasm"))
	for _, path := range []string{"/concepts/debate", "/about", "/tours/why-the-judge-fails/3", "/labs/weak-to-strong"} {
		res := get(t, s.URL+path+"/?hops=1", nil)
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != path+"?hops=1" {
			t.Errorf("%s/ answered %d to %q, want 301 to %s?hops=1", path, res.StatusCode, res.Header.Get("Location"), path)
		}
	}
	if res := get(t, s.URL+"/", nil); res.StatusCode != http.StatusOK {
		t.Errorf("/ answered %d", res.StatusCode)
	}
	if res := get(t, s.URL+"/concepts/no-such-concept/", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown page with a slash answered %d, want 404", res.StatusCode)
	}
}

// A static host cannot redirect: the export writes, at each old address, a
// page that sends the browser on without a script.
func TestTheStaticExportLeavesAPageThatMovesOnAtEachOldAddress(t *testing.T) {
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "dist")
	if err := Export(Config{KB: k, WebDir: fakeWebWithIcons(t), BaseURL: "https://explorer.example.org"}, dest, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, r := range k.Redirects() {
		page, err := os.ReadFile(filepath.Join(dest, "concepts", r.From, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if want := `<meta http-equiv="refresh" content="0; url=/concepts/` + r.To + `">`; !strings.Contains(string(page), want) {
			t.Errorf("the export's page at /concepts/%s lacks %s:\n%s", r.From, want, page)
		}
	}
}
