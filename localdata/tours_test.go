package localdata

import (
	"reflect"
	"slices"
	"testing"
)

func TestANilStoreIsTheServersWhereReadsAreEmptyAndWritesDoNothing(t *testing.T) {
	var s *Store
	if v, news := Load(s, VisitedRecord); v != nil || news {
		t.Errorf("reading visited concepts gives %v (news %v)", v, news)
	}
	if Change(s, VisitedRecord, AddVisited("debate")) {
		t.Errorf("a change was reported as made")
	}
	if n := s.Notice(); !n.Empty() {
		t.Errorf("the server has a notice: %+v", n)
	}
	s.Acknowledge()
	s.DiscardSetAside(setAsidePrefix + "1")
	if got := s.SetAsideRecords(); got != nil {
		t.Errorf("the server lists set-aside records: %v", got)
	}
	if s.Storage() != StorageWorking || s.OutlastsVisit() {
		t.Errorf("the server warns of its storage (%v), or claims to keep what is saved", s.Storage())
	}
}

func TestStepsSeenAreKeptOnceInOrderAndOnlyAChangeIsWritten(t *testing.T) {
	s := openTestStore(newMemoryStorage(nil))
	for _, n := range []int{3, 1, 3} {
		Change(s, ProgressRecord, MarkStepSeen("tour:x", n, 5))
	}
	if Change(s, ProgressRecord, MarkStepSeen("tour:x", 1, 5)) {
		t.Errorf("seeing a step seen before counts as a change")
	}
	Change(s, ProgressRecord, MarkChecked("imported:mine", 2))
	progress, _ := Load(s, ProgressRecord)
	if got := progress["tour:x"]; !slices.Equal(got.Seen, []int{1, 3}) || got.Steps != 5 || got.Checked {
		t.Errorf("tour:x is %+v", got)
	}
	if got := progress["imported:mine"]; len(got.Seen) != 0 || got.Steps != 2 || !got.Checked {
		t.Errorf("the self-check alone is %+v", got)
	}

	// The tour lost steps since: only the steps it still has are kept.
	Change(s, ProgressRecord, MarkStepSeen("tour:x", 2, 2))
	progress, _ = Load(s, ProgressRecord)
	if got := progress["tour:x"]; !slices.Equal(got.Seen, []int{1, 2}) || got.Steps != 2 || !got.Complete() {
		t.Errorf("after the tour shrank, tour:x is %+v", got)
	}

	if !Change(s, ProgressRecord, ForgetProgress("imported:mine")) || Change(s, ProgressRecord, ForgetProgress("imported:mine")) {
		t.Errorf("forgetting a tour's progress is a change once, and only once")
	}
}

func TestAnImportedTourIsReplacedByOneWithItsIdAndRemovedAlone(t *testing.T) {
	s := openTestStore(newMemoryStorage(nil))
	Change(s, ToursRecord, PutTour(StoredTour{ID: "b", Title: "Zebra", Steps: 1, Markdown: "old"}))
	Change(s, ToursRecord, PutTour(StoredTour{ID: "a", Title: "Aardvark", Steps: 1, Markdown: "a"}))
	Change(s, ToursRecord, PutTour(StoredTour{ID: "b", Title: "Zebra", Steps: 1, Markdown: "new"}))
	tours, _ := Load(s, ToursRecord)
	if len(tours) != 2 || tours[1].Markdown != "new" {
		t.Errorf("the tours are %+v, want a, and b with its new Markdown", tours)
	}
	if byTitle := ToursByTitle([]StoredTour{{Title: "Zebra"}, {Title: "Aardvark"}}); byTitle[0].Title != "Aardvark" {
		t.Errorf("by title, the tours are %+v", byTitle)
	}
	if !Change(s, ToursRecord, RemoveTour("a")) || Change(s, ToursRecord, RemoveTour("a")) {
		t.Errorf("removing a tour is a change once, and only once")
	}
	if tours, _ := Load(s, ToursRecord); len(tours) != 1 || tours[0].ID != "b" {
		t.Errorf("after removing a, the tours are %+v", tours)
	}
}

func TestAVisitIsKeptOnceAndClearingForgetsEveryOne(t *testing.T) {
	s := openTestStore(newMemoryStorage(nil))
	Change(s, VisitedRecord, AddVisited("scalable-oversight"))
	Change(s, VisitedRecord, AddVisited("debate"))
	if Change(s, VisitedRecord, AddVisited("debate")) {
		t.Errorf("a second visit counts as a change")
	}
	ids, _ := Load(s, VisitedRecord)
	if !slices.Equal(ids, []string{"debate", "scalable-oversight"}) {
		t.Errorf("visited reads %v", ids)
	}
	if set := VisitedSet(ids); len(set) != 2 || !set["debate"] {
		t.Errorf("as a set, visited is %v", set)
	}
	if !Change(s, VisitedRecord, ClearVisited) || Change(s, VisitedRecord, ClearVisited) {
		t.Errorf("clearing is a change only while something was visited")
	}
}

func TestTourProgressIsEqualOnlyWhenEveryFieldIs(t *testing.T) {
	base := TourProgress{Seen: []int{1, 2}, Steps: 5, Checked: true}
	if !base.Equal(TourProgress{Seen: []int{1, 2}, Steps: 5, Checked: true}) {
		t.Error("the same progress in another slice is not equal")
	}
	differing := map[string]TourProgress{
		"Seen":    {Seen: []int{1}, Steps: 5, Checked: true},
		"Steps":   {Seen: []int{1, 2}, Steps: 6, Checked: true},
		"Checked": {Seen: []int{1, 2}, Steps: 5},
	}
	// A field added to TourProgress must be added to Equal, and here.
	fields := reflect.TypeFor[TourProgress]().NumField()
	if fields != len(differing) {
		t.Fatalf("TourProgress has %d fields; this test and Equal know %d", fields, len(differing))
	}
	for field, other := range differing {
		if base.Equal(other) || other.Equal(base) {
			t.Errorf("progress differing only in %s is equal", field)
		}
	}
}
