package kb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
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
	return FromSnapshotPausing(data, func() {})
}

// FromSnapshotPausing reads a snapshot as FromSnapshot does, and calls
// pause after each of its items. The browser decodes the snapshot on its
// main thread as the app starts, which takes a phone most of a second:
// pause lets it answer a tap, or paint, in between.
func FromSnapshotPausing(data []byte, pause func()) (*KB, error) {
	prepareDecoders(reflect.TypeFor[snapshot](), pause, make(map[reflect.Type]bool))
	s, err := decodeSnapshot(data, pause)
	if err != nil {
		return nil, fmt.Errorf("reading the knowledge snapshot: %w", err)
	}
	if s.Format != snapshotFormat {
		return nil, fmt.Errorf("the knowledge snapshot has format %d; this build reads format %d", s.Format, snapshotFormat)
	}
	return New(s.Parts), nil
}

// prepareDecoders has encoding/json build what it keeps for each struct type
// that t holds, innermost first, and calls pause after each. json builds it
// when it first meets a type, for the type and every type inside it at once
// (with reflection that scans every type of the program): for the first
// item of the snapshot that was one task of over 100 ms on a phone's main
// thread, now a few short ones.
func prepareDecoders(t reflect.Type, pause func(), seen map[reflect.Type]bool) {
	if seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		prepareDecoders(t.Elem(), pause, seen)
	case reflect.Map:
		prepareDecoders(t.Key(), pause, seen)
		prepareDecoders(t.Elem(), pause, seen)
	case reflect.Struct:
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				prepareDecoders(t.Field(i).Type, pause, seen)
			}
		}
		// Decoding an empty object into the type is enough for json to
		// build and keep its fields.
		_ = json.Unmarshal([]byte("{}"), reflect.New(t).Interface())
		pause()
	}
}

// decodeSnapshot decodes what json.Unmarshal would, a field at a time and
// the items of a list one by one, calling pause after each.
func decodeSnapshot(data []byte, pause func()) (snapshot, error) {
	var s snapshot
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := expectDelim(dec, '{'); err != nil {
		return s, err
	}
	fields := reflect.ValueOf(&s).Elem()
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return s, err
		}
		name, _ := key.(string)
		field := fields.FieldByName(name)
		if !field.IsValid() || name == "Parts" {
			// A field this build does not know, as json.Unmarshal skips it.
			var skipped json.RawMessage
			if err := dec.Decode(&skipped); err != nil {
				return s, err
			}
			continue
		}
		if err := decodeField(dec, field, pause); err != nil {
			return s, fmt.Errorf("%s: %w", name, err)
		}
	}
	return s, expectDelim(dec, '}')
}

// decodeField decodes the next value into field: a list item by item.
func decodeField(dec *json.Decoder, field reflect.Value, pause func()) error {
	if field.Kind() != reflect.Slice {
		defer pause()
		return dec.Decode(field.Addr().Interface())
	}
	start, err := dec.Token()
	if err != nil || start == nil {
		return err // null leaves the list empty, as json.Unmarshal does
	}
	if start != json.Delim('[') {
		return fmt.Errorf("want a list, have %v", start)
	}
	for i := 0; dec.More(); i++ {
		item := reflect.New(field.Type().Elem())
		if err := dec.Decode(item.Interface()); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
		field.Set(reflect.Append(field, item.Elem()))
		pause()
	}
	return expectDelim(dec, ']')
}

// expectDelim reads the next token, which must be delim.
func expectDelim(dec *json.Decoder, delim json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t != delim {
		return fmt.Errorf("want %v, have %v", delim, t)
	}
	return nil
}
