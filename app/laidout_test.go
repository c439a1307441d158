//go:build !(js && wasm)

package app

import (
	"oversight/kb"
	"oversight/maplayout"
)

// laidOut lays the map out as the server does before the app draws it.
func laidOut(k *kb.KB) *kb.KB {
	laid, err := maplayout.Lay(k)
	if err != nil {
		panic(err)
	}
	return laid
}
