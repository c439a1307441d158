//go:build js && wasm

package app

import "oversight/kb"

// laidOut: Graphviz, which lays the map out, runs on the server only, so
// the app's tests run natively.
func laidOut(*kb.KB) *kb.KB {
	panic("the app's tests lay the map out with Graphviz: run them natively")
}
