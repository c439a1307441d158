//go:build !(js && wasm)

package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
)

// loaderChanges are our changes to go-app's loader script, app.js, each
// an exact piece of go-app v10.1.11's script and what replaces it. If go-app
// changes its script, the server refuses to start rather than serve the
// loader unchanged.
var loaderChanges = []struct{ old, new, why string }{
	{
		old: "\ngoappInitServiceWorker();\n",
		new: "\n",
		why: "the service worker precaches the whole app; started at once, it would compete with the page's own download on a slow link",
	},
	{
		old: "    go.run(wasm.instance);\n",
		new: "    go.run(wasm.instance);\n    goappInitServiceWorker();\n",
		why: "so the worker starts once the WebAssembly has arrived, and its precache finds it in the HTTP cache",
	},
	{
		old: "fetchWithProgress(\"{{wasm}}\", showProgress)",
		new: "oversightFetchWasm(\"{{wasm}}\", showProgress)",
		why: "a repeat visit reuses the code the browser compiled last time",
	},
}

// oversightFetchWasm is added to the loader. go-app rebuilds the
// WebAssembly's response from a stream to count its progress, and a
// rebuilt response has no URL, so the browser can neither keep nor reuse
// the machine code it compiles. From the service worker's cache the
// download takes no time to count, so the response is passed on as it is.
const oversightFetchWasm = `
// Oversight Explorer (cmd/oversight/loaderscript.go): from the service
// worker's cache, the WebAssembly's own response, which lets the browser
// reuse its compiled code; over the network, go-app's progress.
function oversightFetchWasm(url, progress) {
  if (navigator.serviceWorker && navigator.serviceWorker.controller) {
    return fetch(url);
  }
  return fetchWithProgress(url, progress);
}
`

// loaderScript renders go-app's app.js through its handler and applies
// loaderChanges to it.
func loaderScript(goApp http.Handler, wasmPath string) ([]byte, error) {
	rec := httptest.NewRecorder()
	goApp.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/app.js", nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("go-app's app.js answered %d", rec.Code)
	}
	script := rec.Body.Bytes()
	for _, c := range loaderChanges {
		old := bytes.ReplaceAll([]byte(c.old), []byte("{{wasm}}"), []byte(wasmPath))
		if bytes.Count(script, old) != 1 {
			return nil, fmt.Errorf("go-app's app.js no longer has exactly one %q, which Oversight Explorer changes (%s): check cmd/oversight/loaderscript.go against this go-app", c.old, c.why)
		}
		script = bytes.Replace(script, old, bytes.ReplaceAll([]byte(c.new), []byte("{{wasm}}"), []byte(wasmPath)), 1)
	}
	return append(script, oversightFetchWasm...), nil
}
