package lab

import (
	"strings"
	"testing"
)

func exampleSpec() Spec {
	return Spec{Params: []Param{
		{Key: "alpha", Label: "Weight", Min: 0, Max: 1, Step: 0.05, Default: 0.5},
		{Key: "steps", Label: "Steps", Min: 10, Max: 400, Step: 10, Default: 200},
		{Key: "aux", Label: "Confidence loss", Toggle: true, Min: 0, Max: 1, Step: 1, Default: 1},
		{Key: "protocol", Label: "Protocol", Min: 0, Max: 2, Step: 1, Default: 1, Options: []Option{
			{Key: "none", Label: "None"}, {Key: "trusted-monitoring", Label: "Trusted monitoring"}, {Key: "defer", Label: "Defer"},
		}},
	}}
}

func TestAnEmptyAddressGivesTheDefaults(t *testing.T) {
	set, notes := exampleSpec().Read("")
	if len(notes) != 0 {
		t.Fatalf("notes: %v", notes)
	}
	want := Setting{"alpha": 0.5, "steps": 200, "aux": 1, "protocol": 1}
	for k, v := range want {
		if set[k] != v {
			t.Errorf("%s = %v, want %v", k, set[k], v)
		}
	}
}

func TestAnAddressRoundTripsThroughQuery(t *testing.T) {
	s := exampleSpec()
	set, notes := s.Read("alpha=0.15&protocol=defer&aux=off&page=3")
	if len(notes) != 0 {
		t.Fatalf("notes: %v", notes)
	}
	q := s.Query(set)
	if q != "alpha=0.15&aux=off&protocol=defer" {
		t.Fatalf("query = %q", q)
	}
	again, _ := s.Read(q)
	for k, v := range set {
		if again[k] != v {
			t.Errorf("%s: %v after a round trip, want %v", k, again[k], v)
		}
	}
}

func TestValuesOutOfRangeAreClampedWithANote(t *testing.T) {
	set, notes := exampleSpec().Read("alpha=7&steps=-3")
	if set["alpha"] != 1 || set["steps"] != 10 {
		t.Fatalf("alpha=%v steps=%v, want 1 and 10", set["alpha"], set["steps"])
	}
	if len(notes) != 2 || !strings.Contains(notes[0].Message, "outside 0.00–1.00") {
		t.Fatalf("notes: %v", notes)
	}
}

func TestValuesAreRoundedToTheStepSilently(t *testing.T) {
	set, notes := exampleSpec().Read("alpha=0.33&steps=123")
	if set["alpha"] != 0.35 || set["steps"] != 120 {
		t.Fatalf("alpha=%v steps=%v, want 0.35 and 120", set["alpha"], set["steps"])
	}
	if len(notes) != 0 {
		t.Fatalf("notes: %v", notes)
	}
}

func TestGarbageFallsBackToTheDefaultWithANote(t *testing.T) {
	set, notes := exampleSpec().Read("alpha=NaN&steps=lots&aux=maybe&protocol=%3Cscript%3E")
	if set["alpha"] != 0.5 || set["steps"] != 200 || set["aux"] != 1 || set["protocol"] != 1 {
		t.Fatalf("setting %v, want the defaults", set)
	}
	if len(notes) != 4 {
		t.Fatalf("want a note for each of the 4 values, got %v", notes)
	}
	if !strings.Contains(notes[3].Message, "none, trusted-monitoring, defer") {
		t.Errorf("the choice's note should list its options: %q", notes[3].Message)
	}
}

func TestALongAddressIsRefusedWhole(t *testing.T) {
	set, notes := exampleSpec().Read("alpha=0.1&x=" + strings.Repeat("a", 10_000))
	if set["alpha"] != 0.5 {
		t.Fatalf("alpha = %v: a refused address must not be read in part", set["alpha"])
	}
	if len(notes) != 1 || !strings.Contains(notes[0].Message, "more than the 2048") {
		t.Fatalf("notes: %v", notes)
	}
}
