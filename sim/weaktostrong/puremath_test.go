package weaktostrong

import (
	"math"
	"math/rand/v2"
	"testing"
)

// ulps is how many representable numbers lie between a and b.
func ulps(a, b float64) int64 {
	d := int64(math.Float64bits(a)) - int64(math.Float64bits(b))
	if d < 0 {
		return -d
	}
	return d
}

// math.Exp on amd64 gives +Inf already at 709.7, and math.Log on amd64 is
// wrong for subnormal numbers: the comparisons keep to the ranges where it is
// right.
func TestExpMatchesMathExpToThreeUlps(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	xs := []float64{0, 1, -1, 0.5, -0.5, 1e-300, -1e-300, 700, -700, -708}
	for range 100000 {
		xs = append(xs, 80*r.Float64()-40, 1400*r.Float64()-700)
	}
	for _, x := range xs {
		if got, want := exp(x), math.Exp(x); ulps(got, want) > 3 {
			t.Fatalf("exp(%v) = %v, math.Exp gives %v (%d ulps apart)", x, got, want, ulps(got, want))
		}
	}
}

func TestExpAtItsLimits(t *testing.T) {
	if !math.IsInf(exp(710), 1) || exp(-746) != 0 || !math.IsNaN(exp(math.NaN())) {
		t.Fatalf("exp(710) = %v, exp(-746) = %v, exp(NaN) = %v", exp(710), exp(-746), exp(math.NaN()))
	}
	if got, want := exp(709.7), 1.6549840276802644e+308; ulps(got, want) > 2 {
		t.Errorf("exp(709.7) = %v, want %v", got, want)
	}
	if got := exp(-745); got != math.SmallestNonzeroFloat64 {
		t.Errorf("exp(−745) = %v, want the smallest subnormal", got)
	}
}

func TestLnMatchesMathLogToTwoUlps(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	xs := []float64{1, 2, 0.5, math.E, 1e-300, 1e300, math.MaxFloat64, 1 - 1e-16, 1 + 1e-15}
	for range 100000 {
		xs = append(xs, r.Float64(), 1e6*r.Float64())
	}
	for _, x := range xs {
		if got, want := ln(x), math.Log(x); ulps(got, want) > 2 {
			t.Fatalf("ln(%v) = %v, math.Log gives %v (%d ulps apart)", x, got, want, ulps(got, want))
		}
	}
}

func TestLnAtItsLimits(t *testing.T) {
	if !math.IsInf(ln(0), -1) || !math.IsNaN(ln(-1)) || !math.IsInf(ln(math.Inf(1)), 1) {
		t.Fatalf("ln(0) = %v, ln(-1) = %v, ln(+Inf) = %v", ln(0), ln(-1), ln(math.Inf(1)))
	}
	// ln(2^−1074) = −1074·ln 2
	if got, want := ln(math.SmallestNonzeroFloat64), -744.4400719213812; ulps(got, want) > 2 {
		t.Errorf("ln(smallest subnormal) = %v, want %v", got, want)
	}
}

func TestCotMatchesMathTan(t *testing.T) {
	for theta := 0.01; theta <= math.Pi/2; theta += 0.001 {
		if got, want := cot(theta), 1/math.Tan(theta); math.Abs(got-want) > 1e-15*math.Max(1, math.Abs(want)) {
			t.Fatalf("cot(%v) = %v, 1/math.Tan gives %v", theta, got, want)
		}
	}
}

func TestSigmoidIsSymmetricAndNeverOverflows(t *testing.T) {
	for _, z := range []float64{0, 0.3, 2, 30, 800} {
		if s := sigmoid(z) + sigmoid(-z); math.Abs(s-1) > 1e-15 {
			t.Errorf("σ(%v) + σ(−%v) = %v", z, z, s)
		}
	}
	if sigmoid(-800) != 0 || sigmoid(800) != 1 {
		t.Errorf("σ(−800) = %v, σ(800) = %v", sigmoid(-800), sigmoid(800))
	}
}

func TestNormalsHaveMeanZeroAndVarianceOne(t *testing.T) {
	g := newNormals(7, 1)
	const n = 200000
	sum, squares := 0.0, 0.0
	for range n {
		x := g.next()
		sum += x
		squares += x * x
	}
	mean, variance := sum/n, squares/n-(sum/n)*(sum/n)
	if math.Abs(mean) > 0.01 || math.Abs(variance-1) > 0.01 {
		t.Fatalf("mean %v, variance %v", mean, variance)
	}
}
