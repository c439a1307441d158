//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main says where this command runs: it is WebAssembly for the browser.
func main() {
	fmt.Fprintln(os.Stderr, "tourreader runs in the browser: `make build` builds it with GOOS=js GOARCH=wasm into web/tourreader.wasm")
	os.Exit(2)
}
