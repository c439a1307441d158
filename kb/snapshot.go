package kb

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// snapshotFormat changes whenever the snapshot's shape does, so that a
// browser never decodes a snapshot written for another build.
const snapshotFormat = 3

// snapshot is a loaded knowledge base as data: what Load produced, already
// checked, sorted and rendered to HTML.
type snapshot struct {
	Format int
	Parts
}

// Snapshot writes the knowledge base as JSON, for the browser to read with
// FromSnapshot: decoding the loader's result takes the browser a small part
// of the second that loading the Markdown would (YAML, goldmark, the
// checks), and the content need not ride in app.wasm, so a change to it
// does not make every reader download the WebAssembly again.
func (k *KB) Snapshot() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	// The bodies are HTML: escaping <, > and & again only adds bytes.
	enc.SetEscapeHTML(false)
	err := enc.Encode(snapshot{Format: snapshotFormat, Parts: k.Parts()})
	if err != nil {
		// Only plain strings, numbers and slices: encoding cannot fail.
		panic("kb: encoding the snapshot: " + err.Error())
	}
	return b.Bytes()
}

// FromSnapshot reads a knowledge base that Snapshot wrote. The snapshot was
// checked when it was written, so only its format is checked here; its
// items are in order already, and New keeps that order.
func FromSnapshot(data []byte) (*KB, error) {
	var s snapshot
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("reading the knowledge snapshot: %w", err)
	}
	if s.Format != snapshotFormat {
		return nil, fmt.Errorf("the knowledge snapshot has format %d; this build reads format %d", s.Format, snapshotFormat)
	}
	return New(s.Parts), nil
}
