// Command browserbuild is go build for the browser without go-app's server
// (see internal/browserbuild), run from the module's folder:
//
//	go run ./tools/browserbuild -trimpath -ldflags="-s -w" -o web/app.wasm ./cmd/oversight
//
// Its arguments are go build's; GOOS=js and GOARCH=wasm are set.
package main

import (
	"fmt"
	"os"

	"oversight/internal/browserbuild"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: browserbuild [go build flags] package")
		os.Exit(2)
	}
	if err := browserbuild.Build(".", os.Args[1:]...); err != nil {
		fmt.Fprintln(os.Stderr, "browserbuild:", err)
		os.Exit(1)
	}
}
