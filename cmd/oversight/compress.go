//go:build !(js && wasm)

package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/andybalholm/brotli"

	"oversight/server"
)

// compress writes name.br and name.gz beside every compressible file of a
// folder (server.Compress), which the server sends by Accept-Encoding.
func compress(args []string, out io.Writer) error {
	flags := flag.NewFlagSet("compress", flag.ContinueOnError)
	quality := flags.Int("quality", brotli.BestCompression, "brotli quality, 0 to 11")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		return fmt.Errorf("usage: oversight compress [-quality 11] dir")
	}
	return server.Compress(flags.Arg(0), *quality, out)
}
