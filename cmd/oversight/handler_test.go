//go:build !(js && wasm)

package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"oversight/content"
	"oversight/kb/load"
)

// fakeWeb makes a static folder with stand-in WebAssembly files: the
// handler only needs their sizes and bytes, not a real build.
func fakeWeb(t *testing.T, wasm string) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "app.wasm"), []byte(wasm), 0o644)
	os.WriteFile(filepath.Join(dir, tourReaderFile), []byte("the tour reader"), 0o644)
	os.WriteFile(filepath.Join(dir, "style.css"), []byte("body{}"), 0o644)
	return dir
}

func newTestServer(t *testing.T, web string) *httptest.Server {
	t.Helper()
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	h, err := newHandler(k, web, plainPages, "")
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
	os.Remove(filepath.Join(web, tourReaderFile))
	if _, err := newHandler(k, web, plainPages, ""); err == nil || !strings.Contains(err.Error(), "make build") {
		t.Errorf("newHandler without the tour reader gave %v", err)
	}
}

func TestTheServerRefusesToStartWithoutTheWebAssembly(t *testing.T) {
	k, _ := load.Content(content.FS, content.Root)
	if _, err := newHandler(k, t.TempDir(), plainPages, ""); err == nil {
		t.Errorf("newHandler started with no app.wasm")
	}
}
