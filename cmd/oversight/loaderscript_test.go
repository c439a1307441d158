//go:build !(js && wasm)

package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestTheLoaderStartsTheWorkerOnlyAfterTheWebAssembly(t *testing.T) {
	s := newTestServer(t, fakeWeb(t, "wasm"))
	res := get(t, s.URL+"/app.js", map[string]string{"Accept-Encoding": "identity"})
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	script := string(body)
	run := strings.Index(script, "go.run(wasm.instance);")
	calls := strings.Count(script, "goappInitServiceWorker();")
	if run < 0 || calls != 1 || strings.Index(script, "goappInitServiceWorker();") < run {
		t.Errorf("app.js calls goappInitServiceWorker %d times, not once after go.run", calls)
	}
	if !strings.Contains(script, `oversightFetchWasm("/web/app.wasm", showProgress)`) || !strings.Contains(script, "function oversightFetchWasm(") {
		t.Error("app.js does not fetch the WebAssembly through oversightFetchWasm")
	}
}

// If go-app's script changes under us, the server says so at start rather
// than serve a loader without our changes.
func TestAGoAppScriptWithoutOurAnchorsStopsTheServer(t *testing.T) {
	goApp := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "goappInitServiceWorker();\n// a loader of some later go-app\n")
	})
	_, err := loaderScript(goApp, "/web/app.wasm")
	if err == nil || !strings.Contains(err.Error(), "loaderscript.go") {
		t.Fatalf("a script without the anchors gave %v", err)
	}
}
