//go:build !(js && wasm)

package main

import (
	"flag"
	"log"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// main writes the hello world as a static site: the prerendered page and
// go-app's files. app.wasm is built into out/web separately.
func main() {
	out := flag.String("out", "dist", "folder to write the site to")
	flag.Parse()
	route()
	h := &app.Handler{
		Name:        "Hello",
		Description: "An Hello World! example",
		// go-app's default icons are on raw.githubusercontent.com; nothing
		// may come from outside the origin, so these are local copies.
		Icon: app.Icon{
			Default: "/web/icon-192.png",
			Large:   "/web/icon-512.png",
			SVG:     "/web/icon.svg",
		},
		// A fixed version keeps the service worker's cache name stable.
		Version: "bench",
	}
	if err := app.GenerateStaticWebsite(*out, h); err != nil {
		log.Fatal(err)
	}
}
