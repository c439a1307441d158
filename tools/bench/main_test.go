package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestTheSiteServesPrecompressedCopiesAsAStaticHostWould(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"index.html": "page", "index.html.br": "page-br", "index.html.gz": "page-gz",
		"web/app.wasm": "wasm", "web/app.wasm.gz": "wasm-gz",
		"about/index.html": "about", ".compressed.json": "{}",
	})
	s := &site{dir: dir}
	get := func(method, path string, header ...string) *http.Response {
		r := httptest.NewRequest(method, path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			r.Header.Set(header[i], header[i+1])
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w.Result()
	}
	for _, c := range []struct {
		path, acceptEncoding, body, encoding, contentType string
	}{
		{"/", "gzip, deflate, br, zstd", "page-br", "br", "text/html; charset=utf-8"},
		{"/", "gzip, br;q=0", "page-gz", "gzip", "text/html; charset=utf-8"},
		{"/", "", "page", "", "text/html; charset=utf-8"},
		{"/web/app.wasm", "gzip, br", "wasm-gz", "gzip", "application/wasm"},
		{"/about/", "br", "about", "", "text/html; charset=utf-8"},
	} {
		res := get("GET", c.path, "Accept-Encoding", c.acceptEncoding)
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 || string(body) != c.body || res.Header.Get("Content-Encoding") != c.encoding ||
			res.Header.Get("Content-Type") != c.contentType || res.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s (Accept-Encoding %q): %d %q, encoding %q, type %q, cache %q; want %q, encoding %q, type %q",
				c.path, c.acceptEncoding, res.StatusCode, body, res.Header.Get("Content-Encoding"),
				res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"), c.body, c.encoding, c.contentType)
		}
	}
	if res := get("GET", "/", "Accept-Encoding", "br", "Range", "bytes=0-1"); res.Header.Get("Content-Encoding") != "" {
		t.Errorf("a range request got the %s copy, whose offsets are not the file's", res.Header.Get("Content-Encoding"))
	}
	if res := get("GET", "/about"); res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/about/" {
		t.Errorf("GET /about: %d to %q, want a redirect to /about/", res.StatusCode, res.Header.Get("Location"))
	}
	for _, p := range []string{"/.compressed.json", "/missing", "/web/"} {
		if res := get("GET", p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, res.StatusCode)
		}
	}
	if res := get("POST", "/"); res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d, want 405", res.StatusCode)
	}
	before := s.sent.Load()
	get("GET", "/", "Accept-Encoding", "br")
	if got := s.sent.Load() - before; got != int64(len("page-br")) {
		t.Errorf("the site counted %d bytes for a %d-byte response", got, len("page-br"))
	}
}

func TestAcceptEncodingIsReadAsBrowsersWriteIt(t *testing.T) {
	for _, c := range []struct {
		header, token string
		want          bool
	}{
		{"gzip, deflate, br, zstd", "br", true},
		{"gzip, deflate, br, zstd", "gzip", true},
		{"gzip", "br", false},
		{"BR;q=0.5", "br", true},
		{"br;q=0", "br", false},
		{"br; q=0.000", "br", false},
		{"", "gzip", false},
	} {
		if got := acceptsEncoding(c.header, c.token); got != c.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v, want %v", c.header, c.token, got, c.want)
		}
	}
}

// goAppPage is the shape of a page go-app prerenders.
const goAppPage = `<!doctype html>
<html lang="en">
  <head>
    <link rel="icon" href="/web/icon.svg">
    <link rel="manifest" href="/manifest.webmanifest">
    <link href="/app.css" type="text/css" rel="stylesheet">
    <script defer src="/wasm_exec.js"></script>
    <script defer src="/app.js"></script>
  </head>
  <body>
    <main><h1>Map</h1><a href="/concepts/debate">Debate</a></main>
    <aside id="app-wasm-loader" class="goapp-app-info">
      <img class="goapp-logo goapp-spin" src="/web/icon-192.png" id="app-wasm-loader-icon">
      <p class="goapp-label" id="app-wasm-loader-label">Starting… 0%</p>
    </aside>
  </body>
</html>`

func TestTheStaticFloorIsThePrerenderedPageWithoutGoAppsScriptsAndLoader(t *testing.T) {
	page, err := staticPage([]byte(goAppPage))
	if err != nil {
		t.Fatal(err)
	}
	got := string(page)
	for _, gone := range []string{"<script", "app.js", "wasm_exec.js", "app-wasm-loader", "icon-192.png"} {
		if strings.Contains(got, gone) {
			t.Errorf("the static floor still has %q:\n%s", gone, got)
		}
	}
	for _, kept := range []string{`<h1>Map</h1>`, `href="/app.css"`, `href="/web/icon.svg"`, "</html>"} {
		if !strings.Contains(got, kept) {
			t.Errorf("the static floor lost %q:\n%s", kept, got)
		}
	}
	want := []string{"web/icon.svg", "manifest.webmanifest", "app.css", "concepts/debate"}
	if refs := localFiles(page); strings.Join(refs, " ") != strings.Join(want, " ") {
		t.Errorf("the static floor refers to %v, want %v", refs, want)
	}
	for _, broken := range []string{
		strings.Replace(goAppPage, `<script defer src="/app.js"></script>`, "", 1),
		strings.Replace(goAppPage, `id="app-wasm-loader"`, `id="loader"`, 1),
	} {
		if _, err := staticPage([]byte(broken)); err == nil {
			t.Errorf("a page without go-app's two scripts and loader made a static floor")
		}
	}
}

func TestAMedianLeavesOutAbsentValues(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{-1, 10, -1, 20, 30}, 20},
		{[]float64{-1, -1}, -1},
		{nil, -1},
	} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestThePlanInterleavesTheVariantsAndRepeatsOnlyWhatHasAWorker(t *testing.T) {
	vs := []*variant{{name: "app", wasm: true}, {name: "hello", wasm: true}, {name: "static"}}
	ps := profiles[:2]
	visits := plan(vs, ps, 3, true)
	if want := 3 * (len(ps)*len(vs) + 2); len(visits) != want {
		t.Fatalf("%d visits, want %d", len(visits), want)
	}
	firsts := make(map[string]bool)
	for run := 1; run <= 3; run++ {
		var first []visit
		for _, v := range visits {
			if v.run == run && !v.repeat {
				first = append(first, v)
			}
		}
		firsts[first[0].variant.name] = true
		for i, p := range ps {
			seen := make(map[string]bool)
			for _, v := range first[i*len(vs) : (i+1)*len(vs)] {
				if v.profile.Name != p.Name {
					t.Fatalf("run %d: %s is measured out of its network's turn", run, v.profile.Name)
				}
				seen[v.variant.name] = true
			}
			if len(seen) != len(vs) {
				t.Errorf("run %d, %s: variants %v, want each once", run, p.Name, seen)
			}
		}
	}
	if len(firsts) != 3 {
		t.Errorf("the same variant goes first in every run: %v", firsts)
	}
	for _, v := range visits {
		if v.repeat && (!v.variant.wasm || v.profile.Name != "loopback") {
			t.Errorf("a repeat visit of %s on %s", v.variant.name, v.profile.Name)
		}
	}
}

func TestTargetsAreRatiosOfTheAppToItsBaselines(t *testing.T) {
	files := []fileSize{
		{Variant: appVariant, Path: "/web/app.wasm", Brotli: 1_600_000},
		{Variant: helloVariant, Path: "/web/app.wasm", Brotli: 1_400_000},
	}
	cells := []cell{
		{Variant: appVariant, Profile: "loopback", FCP: 330, Interactive: 900},
		{Variant: staticVariant, Profile: "loopback", FCP: 300, Interactive: -1},
		{Variant: appVariant, Profile: "1.6mbit", FCP: 1500, FCPs: []float64{1500, 1400, 1700}, Interactive: 12000},
		{Variant: helloVariant, Profile: "1.6mbit", FCP: 700, Interactive: 10000},
		{Variant: staticVariant, Profile: "1.6mbit", FCP: 1000, FCPs: []float64{1000, 990, 1010}},
		{Variant: appVariant, Profile: "loopback", Repeat: true, Interactive: 950},
	}
	got := targets(files, cells, []profile{profiles[0], profiles[2]})
	want := []struct {
		value float64
		met   bool
	}{{1_600_000.0 / 1_400_000, true}, {1.1, true}, {1.5, false}, {1.2, false}, {950, true}}
	if len(got) != len(want) {
		t.Fatalf("%d targets, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if d := got[i].Value - w.value; d > 1e-9 || d < -1e-9 || got[i].Met != w.met {
			t.Errorf("%s = %v (met %v), want %v (met %v)", got[i].Name, got[i].Value, got[i].Met, w.value, w.met)
		}
	}
	if why := "the app's runs painted first at 1500, 1400 and 1700 ms, the static page's at 1000, 990 and 1010 ms"; got[2].Why != why {
		t.Errorf("why the slow link's first paint is missed: %q, want %q", got[2].Why, why)
	}
}

func TestTheWebAssemblyIsWeighedWhetherThePageOrItsWorkerFetchedIt(t *testing.T) {
	appDir, helloDir := t.TempDir(), t.TempDir()
	writeFiles(t, appDir, map[string]string{"index.html": "app", "web/app.wasm": "0123456789", "web/app.wasm.br": "0123"})
	writeFiles(t, helloDir, map[string]string{"index.html": "hello", "web/app.wasm": "01234567", "web/app.wasm.br": "012"})
	variants := []*variant{{name: appVariant, dir: appDir, wasm: true}, {name: helloVariant, dir: helloDir, wasm: true}}
	samples := []sample{
		// The app's page never asks for its WebAssembly: its compile
		// worker does.
		{Variant: appVariant, Profile: "loopback", Requests: []request{{URL: "http://127.0.0.1:1/", Status: 200, Bytes: 50}}},
		{Variant: helloVariant, Profile: "loopback", Requests: []request{
			{URL: "http://127.0.0.1:2/", Status: 200, Bytes: 60},
			{URL: "http://127.0.0.1:2/web/app.wasm", Status: 200, Bytes: 40, Encoding: "br"},
		}},
	}
	files, err := fileSizes(variants, samples)
	if err != nil {
		t.Fatal(err)
	}
	want := []fileSize{
		{Variant: appVariant, Path: "/", Raw: 3, Gzip: 3, Brotli: 3, Wire: 50, Requests: 1},
		{Variant: appVariant, Path: wasmPath, Raw: 10, Gzip: 10, Brotli: 4, Encoding: "(its worker's)"},
		{Variant: helloVariant, Path: "/", Raw: 5, Gzip: 5, Brotli: 5, Wire: 60, Requests: 1},
		{Variant: helloVariant, Path: wasmPath, Raw: 8, Gzip: 8, Brotli: 3, Wire: 40, Encoding: "br", Requests: 1},
	}
	if !reflect.DeepEqual(files, want) {
		t.Fatalf("files:\n got %+v\nwant %+v", files, want)
	}
	ts := targets(files, nil, nil)
	if len(ts) != 1 || ts[0].Value != 4.0/3 {
		t.Errorf("targets = %+v, want the WebAssembly's brotli ratio 4/3", ts)
	}
}

func TestAMissedStartUpTargetSaysWhereTheAppsStartTakesLonger(t *testing.T) {
	app := cell{Variant: appVariant, Main: 9700, ContentLoaded: 9850, Registered: 9880, Interactive: 10350}
	hello := cell{Variant: helloVariant, Main: 9100, ContentLoaded: -1, Registered: -1, Interactive: 9370}
	want := "the app's main starts 600 ms after the hello world's (9700 against 9100 ms), then takes 650 ms to interactive, " +
		"the hello world 270: 150 to decode the knowledge, 30 to register the routes, 470 to draw the first page"
	if got := startUpWhy(app, hello); got != want {
		t.Errorf("why = %q\nwant %q", got, want)
	}
	if got := startUpWhy(cell{Main: -1, Interactive: -1}, hello); got != "" {
		t.Errorf("without the app's marks, why = %q, want none", got)
	}
}

func TestTheHelloWorldIsItsOwnModuleOnTheAppsGoAppVersion(t *testing.T) {
	b := builder{repo: filepath.Join("..", ".."), work: t.TempDir()}
	goVersion, goApp, err := moduleVersions(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, module := range []wasmModule{b.helloModule(), b.helloOnTheAppsGoApp()} {
		if err := b.writeHelloModule(module); err != nil {
			t.Fatal(err)
		}
		mod, err := os.ReadFile(filepath.Join(module.dir, "go.mod"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"module hello\n", "go " + goVersion + "\n", "require " + goAppModule + " " + goApp + "\n"} {
			if !strings.Contains(string(mod), want) {
				t.Errorf("the hello world's go.mod lacks %q:\n%s", want, mod)
			}
		}
		if replaced := strings.Contains(string(mod), "replace "+goAppModule+" => "); replaced != (module.goApp != "") {
			t.Errorf("the hello world's go.mod replaces go-app: %v, want %v:\n%s", replaced, module.goApp != "", mod)
		}
		for _, name := range []string{"hello.go", "main.go", "main_wasm.go"} {
			if _, err := os.Stat(filepath.Join(module.dir, name)); err != nil {
				t.Errorf("the hello world's module lacks %s", name)
			}
		}
	}
}
