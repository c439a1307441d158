//go:build !(js && wasm)

// Command oversight is Oversight Explorer's one binary:
//
//	oversight serve  [-addr :8000] [-web web] [-nats URL]   serve the app and its live classes
//	oversight check  [content]                  check the content, naming file:line
//	oversight static [-out dist]                write the app as a folder for any static host
//	oversight compress [-quality 11] web        precompress static files (brotli, gzip)
//
// The WebAssembly build of this package (main_wasm.go) is the browser side.
package main

import (
	"fmt"
	"os"
)

const usage = `usage:
  oversight serve [-addr host:port] [-web dir] [-base-url URL] [-nats URL] [-log]
                                                 serve the app and its live classes (PORT sets
                                                 the port too; -nats shares classes between instances)
  oversight check [dir]                          check the content folder (default: content)
  oversight static [-out dist] [-web dir] [-base-url URL]
                                                 write the app as a folder for any static host
  oversight compress [-quality 11] dir           write .br and .gz copies of compressible files
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "serve":
		err = serve(os.Args[2:])
	case "check":
		err = check(os.Args[2:], os.Stdout)
	case "static":
		err = exportStatic(os.Args[2:], os.Stdout)
	case "compress":
		err = compress(os.Args[2:], os.Stdout)
	default:
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
