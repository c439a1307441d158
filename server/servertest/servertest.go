// Package servertest makes what tests of the server need: a static folder
// with stand-in builds, so that a test serves the app without building it.
package servertest

import (
	"os"
	"path/filepath"
	"testing"

	"oversight/app"
)

// FakeWeb makes a static folder with stand-in WebAssembly files (the server
// only needs their sizes and bytes, not a real build) and a stylesheet.
func FakeWeb(t testing.TB, wasm string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"app.wasm": wasm, app.TourReaderFile: "the tour reader", app.LabsFile: "the labs", "style.css": "body{}"}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Wasm stands in for app.wasm: as large as asked, for a large response, and
// with bytes that differ from place to place, so that a wrong range shows.
func Wasm(size int) []byte {
	b := make([]byte, size)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}
