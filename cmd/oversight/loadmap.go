//go:build !(js && wasm)

package main

import (
	"io/fs"

	"oversight/kb"
	"oversight/kb/load"
	"oversight/maplayout"
)

// loadContent loads a content folder and lays its map out with Graphviz, as
// the server, the static export and the checker all do before anything is
// drawn: the browser gets the positions and routes in the snapshot.
func loadContent(fsys fs.FS, root string) (*kb.KB, error) {
	k, err := load.Content(fsys, root)
	if err != nil {
		return nil, err
	}
	return maplayout.Lay(k)
}
