//go:build !(js && wasm)

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckPassesTheRealContent(t *testing.T) {
	var out bytes.Buffer
	if err := check([]string{"../../content"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "is fine") {
		t.Errorf("check said %q", out.String())
	}
}

func TestCheckNamesTheFileAndLineOfEachFault(t *testing.T) {
	dir := t.TempDir()
	concepts := filepath.Join(dir, "concepts")
	sources := filepath.Join(dir, "sources")
	os.MkdirAll(concepts, 0o755)
	os.MkdirAll(sources, 0o755)
	os.WriteFile(filepath.Join(sources, "s.md"), []byte("---\ntitle: S\nauthors: A\nvenue: V\nstatus: verified\n---\n"), 0o644)
	os.WriteFile(filepath.Join(concepts, "debate.md"), []byte(
		"---\ntitle: Debate\nkind: method\nsummary: S.\nposition: {x: 100, y: 100}\nlinks:\n  - to: nowhere\n    relation: method-of\n    note: N.\nreviewed: 2026-11-26\nsources: [s]\n---\nBody.\n"), 0o644)
	err := check([]string{dir}, &bytes.Buffer{})
	if err == nil {
		t.Fatal("check passed content with an unknown link target")
	}
	want := filepath.Join(dir, "concepts/debate.md") + `:7: unknown link target "nowhere"`
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "1 problem(s)") {
		t.Errorf("check said:\n%v\nwant a line starting %s", err, want)
	}
}

func TestCheckPrintsWhatMakesTheMapReadable(t *testing.T) {
	var out bytes.Buffer
	if err := check([]string{"../../content"}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"0 edges through an unrelated concept", "0 node overlaps", "0 label overlaps", "crossings at rest"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("check said:\n%s\nwant it to say %q", out.String(), want)
		}
	}
}

func TestCheckNamesTwoConceptsPinnedToTheSamePlace(t *testing.T) {
	dir := t.TempDir()
	concepts := filepath.Join(dir, "concepts")
	sources := filepath.Join(dir, "sources")
	os.MkdirAll(concepts, 0o755)
	os.MkdirAll(sources, 0o755)
	os.WriteFile(filepath.Join(sources, "s.md"), []byte("---\ntitle: S\nauthors: A\nvenue: V\nstatus: verified\n---\n"), 0o644)
	for _, id := range []string{"alpha", "beta"} {
		os.WriteFile(filepath.Join(concepts, id+".md"), []byte(
			"---\ntitle: "+id+"\nkind: method\nsummary: S.\nreviewed: 2026-11-26\nsources: [s]\nposition: {x: 300, y: 200}\n---\nBody.\n"), 0o644)
	}
	err := check([]string{dir}, &bytes.Buffer{})
	if err == nil {
		t.Fatal("check passed two concepts pinned to the same place")
	}
	for _, id := range []string{"alpha", "beta"} {
		if want := filepath.Join(dir, "concepts", id+".md") + `:7: the node for "` + id + `", pinned here, overlaps`; !strings.Contains(err.Error(), want) {
			t.Errorf("check said:\n%v\nwant a line starting %s", err, want)
		}
	}
}

func TestCheckReportsAMissingFolder(t *testing.T) {
	if err := check([]string{"no-such-folder"}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "no-such-folder") {
		t.Errorf("check of a missing folder said %v", err)
	}
}
