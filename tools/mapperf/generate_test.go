package main

import (
	"os"
	"testing"

	"oversight/content"
	"oversight/kb/load"
	"oversight/maplayout"
)

// The generated map must be one the checker accepts: every link valid,
// every real page, caveat, event and tour still pointing at concepts that
// exist, and laid out with no edge through a concept it does not join and
// nothing on top of anything.
func TestTheGeneratedMapPassesTheContentChecker(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, content.FS); err != nil {
		t.Fatal(err)
	}
	if err := generateInto(dir, 200); err != nil {
		t.Fatal(err)
	}
	k, err := load.Content(os.DirFS(dir), ".")
	if err != nil {
		t.Fatalf("the generated content does not load:\n%v", err)
	}
	laid, err := maplayout.Lay(k)
	if err != nil {
		t.Fatal(err)
	}
	n, err := maplayout.Measure(laid)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(n)
	if err := n.Check(maplayout.Limits{CrossingsAtRest: n.CrossingsAtRest}); err != nil {
		t.Error(err)
	}
	if n := len(k.Concepts()); n != 200 {
		t.Errorf("%d concepts generated, want 200", n)
	}
	if perNode := float64(len(k.Links())) / 200; perNode < 2 || perNode > 2.6 {
		t.Errorf("%.2f links per concept, want about as dense as the real map (2.2)", perNode)
	}
}
