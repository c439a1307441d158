//go:build !(js && wasm)

package main

import (
	"flag"
	"fmt"
	"io"

	"oversight/content"
	"oversight/server"
)

// exportStatic writes the whole app as a folder for any static host
// (server.Export).
func exportStatic(args []string, out io.Writer) error {
	flags := flag.NewFlagSet("static", flag.ContinueOnError)
	dest := flags.String("out", "dist", "folder to write the site to (emptied first)")
	webDir := flags.String("web", "web", "folder of static files, with app.wasm built into it")
	baseURL := flags.String("base-url", "http://localhost:8000", "the address the site will be served at, for sitemap.xml and the pages' og:url")
	if err := flags.Parse(args); err != nil {
		return err
	}
	k, err := loadContent(content.FS, content.Root)
	if err != nil {
		return fmt.Errorf("the embedded content does not load:\n%w", err)
	}
	return server.Export(server.Config{KB: k, WebDir: *webDir, BaseURL: *baseURL}, *dest, out)
}
