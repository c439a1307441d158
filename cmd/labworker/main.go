//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main says where this command runs: it is WebAssembly for a Web Worker.
func main() {
	fmt.Fprintln(os.Stderr, "labworker runs in the browser: `make build` builds it with GOOS=js GOARCH=wasm into web/labs.wasm")
	os.Exit(2)
}
