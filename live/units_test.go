package live

import (
	"slices"
	"strings"
	"testing"
	"time"

	"oversight/live/wire"
)

func TestJoinCodesUseOnlyUnambiguousCharacters(t *testing.T) {
	seen := map[rune]bool{}
	for range 2000 {
		code := newCode()
		if len(code) != wire.CodeLength || wire.NormalizeCode(code) != code {
			t.Fatalf("newCode() = %q, not a %d-character code", code, wire.CodeLength)
		}
		for _, r := range code {
			seen[r] = true
		}
	}
	for _, r := range "0O1IL" {
		if seen[r] || strings.ContainsRune(wire.CodeAlphabet, r) {
			t.Fatalf("codes use the ambiguous %q", r)
		}
	}
	if len(seen) != len(wire.CodeAlphabet) {
		t.Fatalf("2000 codes used %d characters of the %d", len(seen), len(wire.CodeAlphabet))
	}
}

func TestNumberResultsSummariseAndBin(t *testing.T) {
	lo, hi := 0.0, 1.0
	res := numberResults([]float64{0.9, 0.1, 0.35, 1.0}, &lo, &hi)
	if *res.Min != 0.1 || *res.Max != 1.0 || *res.Median != (0.35+0.9)/2 || *res.Mean != (0.9+0.1+0.35+1.0)/4 {
		t.Fatalf("summary %v %v %v %v", *res.Min, *res.Max, *res.Median, *res.Mean)
	}
	counts := make([]int, len(res.Bins))
	for i, b := range res.Bins {
		counts[i] = b.Count
	}
	if want := []int{0, 1, 0, 1, 0, 0, 0, 0, 0, 2}; !slices.Equal(counts, want) || res.Bins[9].To != 1.0 {
		t.Fatalf("bins count %v up to %v, want %v up to 1", counts, res.Bins[9].To, want)
	}
	same := numberResults([]float64{3, 3}, nil, nil)
	if len(same.Bins) != 1 || same.Bins[0].Count != 2 {
		t.Fatalf("equal answers make bins %+v, want one bin of 2", same.Bins)
	}
	if none := numberResults(nil, nil, nil); none.Mean != nil || len(none.Bins) != 0 {
		t.Fatalf("no answers make %+v, want no statistics", none)
	}
}

func TestATokenBucketAllowsItsBurstThenOneAPeriod(t *testing.T) {
	r := Rate{Burst: 3, Every: 10 * time.Second}
	now := newClock().Now()
	var b bucket
	for i := range 3 {
		if ok, _ := b.take(now, r); !ok {
			t.Fatalf("token %d of the burst refused", i+1)
		}
	}
	ok, retry := b.take(now.Add(4*time.Second), r)
	if ok || retry != 6*time.Second {
		t.Fatalf("a 4th token 4 s later: %v, retry in %v; want refused, retry in 6s", ok, retry)
	}
	if ok, _ := b.take(now.Add(10*time.Second), r); !ok {
		t.Fatal("a token a period later refused")
	}
	if ok, _ := b.take(now.Add(-time.Hour), r); ok {
		t.Fatal("a clock that went back refilled the bucket")
	}
	if ok, _ := b.take(now.Add(time.Hour), r); !ok || b.used != 1 {
		t.Fatalf("after an hour the bucket holds %d used tokens, want 1", b.used)
	}
}
