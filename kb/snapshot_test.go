package kb_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"oversight/content"
	"oversight/kb"
	"oversight/kb/load"
)

func loaded(t *testing.T) *kb.KB {
	t.Helper()
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// The browser reads the knowledge base from the snapshot the server writes,
// so the snapshot must carry everything the loader produced: every field of
// every item, in order, and the same lookups.
func TestSnapshotGivesBackTheLoadedKnowledgeBase(t *testing.T) {
	k := loaded(t)
	back, err := kb.FromSnapshot(k.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, k) {
		t.Fatal("the knowledge base read back from its snapshot differs from the one loaded")
	}
}

// The browser decodes the snapshot on its main thread and gives the thread
// back to the page between items: it must pause after every item of every
// list and still read back the whole knowledge base.
func TestSnapshotDecodedPausingPausesAfterEveryItem(t *testing.T) {
	k := loaded(t)
	pauses := 0
	back, err := kb.FromSnapshotPausing(k.Snapshot(), func() { pauses++ })
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, k) {
		t.Fatal("the knowledge base decoded with pauses differs from the one loaded")
	}
	if items := len(k.Concepts()) + len(k.Caveats()) + len(k.Events()) + len(k.Sources()); pauses < items {
		t.Fatalf("%d pauses for at least %d items", pauses, items)
	}
}

// json builds its decoder for a type, and every type inside it, when it
// first meets it: for the snapshot's first item, one long task. The types
// are prepared one by one first, with a pause after each, so even a
// snapshot with no items pauses once for each kind of item it can hold.
func TestSnapshotDecodersArePreparedOneTypeAtATime(t *testing.T) {
	pauses := 0
	if _, err := kb.FromSnapshotPausing(kb.New(kb.Parts{}).Snapshot(), func() { pauses++ }); err != nil {
		t.Fatal(err)
	}
	kinds := reflect.TypeFor[kb.Parts]().NumField()
	if pauses <= kinds {
		t.Fatalf("%d pauses before decoding an empty snapshot; want more than one for each of its %d kinds of item", pauses, kinds)
	}
}

func TestSnapshotIsTheSameForTheSameContent(t *testing.T) {
	if string(loaded(t).Snapshot()) != string(loaded(t).Snapshot()) {
		t.Fatal("two loads of the same content give different snapshots: the service worker would see an update on every restart")
	}
}

func TestSnapshotOfAnotherFormatIsRefused(t *testing.T) {
	_, err := kb.FromSnapshot([]byte(`{"Format": 999, "Concepts": []}`))
	if err == nil || !strings.Contains(err.Error(), "format 999") {
		t.Fatalf("a snapshot of an unknown format gave %v", err)
	}
	_, err = kb.FromSnapshot([]byte(`{"Format": 1, "Concepts": [`))
	if err == nil || !strings.Contains(err.Error(), "knowledge snapshot") {
		t.Fatalf("a cut-off snapshot gave %v", err)
	}
}

// The browser's tour reader answers across JSON: a tour, its faults by
// line, or another error must all arrive as they left.
func TestATourReadingCrossesJSONWhole(t *testing.T) {
	k := loaded(t)
	good, err := load.Tour("mine.md", []byte("---\ntitle: Mine\naudience: Class\nminutes: 5\nsummary: A walk.\n---\n\n## First\n\nConcepts: debate\n\nTwo models argue <b>loudly</b>.\n"), k)
	if err != nil {
		t.Fatal(err)
	}
	_, faults := load.Tour("bad.md", []byte("---\ntitle: Bad\n---\n\n## Step\n\nConcepts: nope\n"), k)
	for name, c := range map[string]struct {
		tour *kb.Tour
		err  error
	}{"a tour with warnings": {good, nil}, "faults": {nil, faults}, "another error": {nil, errors.New("it broke")}} {
		data, err := json.Marshal(kb.ReadingOf(c.tour, c.err))
		if err != nil {
			t.Fatal(err)
		}
		var back kb.TourReading
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		tour, err := back.Result()
		if !reflect.DeepEqual(tour, c.tour) || fmt.Sprint(err) != fmt.Sprint(c.err) {
			t.Errorf("%s came back as %v, %v", name, tour, err)
		}
		if name == "faults" && !errors.As(err, new(kb.Faults)) {
			t.Errorf("faults came back as %T, which loses their lines", err)
		}
	}
	if len(good.Warnings) == 0 {
		t.Error("the good tour has no warnings, so their trip is not tested")
	}
}

func TestSnapshotKeepsAliasesAndTheGlossary(t *testing.T) {
	k := kb.New(kb.Parts{
		Concepts: []*kb.Concept{{Entry: kb.Entry{ID: "scalable-oversight", Title: "Scalable oversight"}, Kind: kb.KindDirection,
			Aliases: []string{"oversight-that-scales"}}},
		Glossary: []*kb.Term{{ID: "weights", Title: "Weights", Aliases: []string{"model weights"}, Summary: "The numbers a model learns."},
			{ID: "rlhf", Title: "RLHF", Summary: "Training on preferences.", Sources: []string{"s1"}}},
	})
	back, err := kb.FromSnapshot(k.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, k) {
		t.Fatal("the snapshot lost aliases or glossary terms")
	}
	if to, ok := back.RedirectOf("oversight-that-scales"); !ok || to != "scalable-oversight" {
		t.Errorf("the old id leads to %q, %v", to, ok)
	}
	if term, ok := back.Term("weights"); !ok || term.Summary != "The numbers a model learns." {
		t.Errorf("term weights = %+v, %v", term, ok)
	}
	if g := back.Glossary(); len(g) != 2 || g[0].ID != "rlhf" {
		t.Errorf("the glossary is not ordered by title: %v", g)
	}
}
