package control

import (
	"math"
	"testing"
)

// within reports whether got is within rel (relative) of want, or within
// abs when want is near zero.
func within(got, want, rel, abs float64) bool {
	return math.Abs(got-want) <= math.Max(rel*math.Abs(want), abs)
}

func TestLog1mAndPow1m(t *testing.T) {
	// Below 1e-4 a series keeps full precision; above, log(1 − x) loses
	// at most eps/x of it.
	for _, x := range []float64{0, 1e-15, 3e-9, 1e-5, 9.9e-5, 1e-4, 0.01, 0.5, 0.999} {
		if got, want := log1m(x), math.Log1p(-x); !within(got, want, 2e-12, 0) {
			t.Fatalf("log1m(%v) = %v, want %v", x, got, want)
		}
	}
	if got, want := pow1m(0.001, 5000), math.Pow(0.999, 5000); !within(got, want, 1e-12, 0) {
		t.Fatalf("pow1m = %v, want %v", got, want)
	}
	if pow1m(1, 3) != 0 || pow1m(0.3, 0) != 1 {
		t.Fatal("pow1m must be 0 when x = 1 and 1 when n = 0")
	}
}
