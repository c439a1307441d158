package main

import (
	"os"
	"path/filepath"
	"testing"

	"oversight/app"
	"oversight/content"
	"oversight/kb/load"
)

// The generated map must be one the checker accepts: every link valid, no
// two nodes overlapping, every real page, caveat, event and tour still
// pointing at concepts that exist.
func TestTheGeneratedMapPassesTheContentChecker(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, content.FS); err != nil {
		t.Fatal(err)
	}
	concepts := filepath.Join(dir, "concepts")
	real, err := markdownIDs(concepts)
	if err != nil {
		t.Fatal(err)
	}
	sources, err := markdownIDs(filepath.Join(dir, "sources"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(concepts); err != nil {
		t.Fatal(err)
	}
	if err := generateConcepts(concepts, real, sources, 200); err != nil {
		t.Fatal(err)
	}
	k, err := load.Content(os.DirFS(dir), ".")
	if err != nil {
		t.Fatalf("the generated content does not load:\n%v", err)
	}
	for _, f := range app.MapFaults(k) {
		t.Errorf("%v", f)
	}
	if n := len(k.Concepts()); n != 200 {
		t.Errorf("%d concepts generated, want 200", n)
	}
	if perNode := float64(len(k.Links())) / 200; perNode < 2 || perNode > 2.6 {
		t.Errorf("%.2f links per concept, want about as dense as the real map (2.2)", perNode)
	}
}
