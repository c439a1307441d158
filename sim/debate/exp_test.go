package debate

import (
	"math"
	"testing"
)

func TestExpAgreesWithTheStandardLibrary(t *testing.T) {
	for x := -700.0; x <= 700; x += 0.37 {
		want := math.Exp(x)
		if got := exp(x); math.Abs(got-want) > 4e-16*want {
			t.Fatalf("exp(%v) = %v, math.Exp = %v", x, got, want)
		}
	}
	for _, x := range []float64{0, 1e-300, -1e-300, 0.5, -0.5, 1, -1} {
		want := math.Exp(x)
		if got := exp(x); math.Abs(got-want) > 4e-16*want {
			t.Errorf("exp(%v) = %v, math.Exp = %v", x, got, want)
		}
	}
}

func TestExpSaturatesInsteadOfFailing(t *testing.T) {
	if got := exp(1000); !math.IsInf(got, 1) {
		t.Errorf("exp(1000) = %v, want +Inf", got)
	}
	if got := exp(-1000); got != 0 {
		t.Errorf("exp(-1000) = %v, want 0", got)
	}
	if got := sigmoid(-1000); got != 0 {
		t.Errorf("sigmoid(-1000) = %v, want 0", got)
	}
	if got := sigmoid(1000); got != 1 {
		t.Errorf("sigmoid(1000) = %v, want 1", got)
	}
}
