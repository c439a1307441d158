//go:build js && wasm

package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

func main() {
	app.Window().Get("performance").Call("mark", "oversight:main")
	route()
	app.RunWhenOnBrowser()
}
