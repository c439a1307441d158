package kb

import (
	"reflect"
	"strings"
	"testing"
)

// The browser reads the knowledge base from the snapshot the server writes,
// so the snapshot must carry everything Load produced: every field of every
// item, in order, and the same lookups.
func TestSnapshotGivesBackTheLoadedKnowledgeBase(t *testing.T) {
	k := realKB(t)
	back, err := FromSnapshot(k.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, k) {
		t.Fatal("the knowledge base read back from its snapshot differs from the one loaded")
	}
	for _, tour := range k.Tours() {
		again, _ := back.Tour(tour.ID)
		if string(again.Markdown()) != string(tour.Markdown()) {
			t.Errorf("tour %s writes different Markdown after the snapshot", tour.ID)
		}
	}
}

func TestSnapshotIsTheSameForTheSameContent(t *testing.T) {
	if string(realKB(t).Snapshot()) != string(realKB(t).Snapshot()) {
		t.Fatal("two loads of the same content give different snapshots: the service worker would see an update on every restart")
	}
}

func TestSnapshotOfAnotherFormatIsRefused(t *testing.T) {
	_, err := FromSnapshot([]byte(`{"Format": 999, "Concepts": []}`))
	if err == nil || !strings.Contains(err.Error(), "format 999") {
		t.Fatalf("a snapshot of an unknown format gave %v", err)
	}
	_, err = FromSnapshot([]byte(`{"Format": 1, "Concepts": [`))
	if err == nil || !strings.Contains(err.Error(), "knowledge snapshot") {
		t.Fatalf("a cut-off snapshot gave %v", err)
	}
}
