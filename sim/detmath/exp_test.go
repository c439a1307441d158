package detmath

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// ulps is how many float64 values lie between a and b, counting from one to
// the other (a and b of opposite signs are far apart).
func ulps(a, b float64) uint64 {
	ia, ib := int64(math.Float64bits(a)), int64(math.Float64bits(b))
	if ia < 0 {
		ia = math.MinInt64 - ia // the negative numbers, mirrored below zero
	}
	if ib < 0 {
		ib = math.MinInt64 - ib
	}
	if ia > ib {
		return uint64(ia - ib)
	}
	return uint64(ib - ia)
}

// sameFloat is true when a and b are the same number, or both NaN.
func sameFloat(a, b float64) bool { return a == b || a != a && b != b }

// expInputs are x across the whole range where e^x is finite and not 0,
// e^x near 1 and tiny |x|, and the range where e^x is subnormal.
func expInputs(n int) []float64 {
	r := rand.New(rand.NewPCG(1, 1))
	xs := make([]float64, 0, 4*n)
	for range n {
		xs = append(xs,
			(expOverflow-expUnderflow)*r.Float64()+expUnderflow,
			80*r.Float64()-40,
			(r.Float64()-0.5)*1e-6,
			-708.4-36.7*r.Float64(),
		)
	}
	return xs
}

// math.Exp on amd64 (assembly) is itself up to 2 ulps off, and returns +Inf
// already from about 709.44; above that, TestExpAtTheEdges checks.
func TestExpIsWithinTwoUlpsOfMathExp(t *testing.T) {
	for _, x := range expInputs(100000) {
		if x > 709.4 {
			continue
		}
		if got, want := Exp(x), math.Exp(x); ulps(got, want) > 2 {
			t.Fatalf("Exp(%v) = %v, math.Exp gives %v (%d ulps apart)", x, got, want, ulps(got, want))
		}
	}
}

func TestExpAtTheEdges(t *testing.T) {
	for _, c := range []struct{ x, want float64 }{
		{math.NaN(), math.NaN()},
		{math.Inf(1), math.Inf(1)},
		{math.Inf(-1), 0},
		{0, 1},
		{math.Copysign(0, -1), 1},
		{1e-300, 1},
		{0x1p-30, 1 + 0x1p-30},
		{-0x1p-30, 1 - 0x1p-30},
		{1, math.E},
		{709.7, 1.6549840276802644e+308},                  // e^709.7, rounded
		{709.782712893384, 1.7976931348622732e+308},       // the largest x with a finite e^x
		{709.7827128933841, math.Inf(1)},                  // overflow
		{-708.4, 2.217119081664265e-308},                  // subnormal
		{-720, 2.0322308024e-313},                         // subnormal, 10 digits kept
		{-745.1332191019411, math.SmallestNonzeroFloat64}, // the smallest x with e^x above 0
		{-745.1332191019412, 0},                           // underflow
	} {
		if got := Exp(c.x); !sameFloat(got, c.want) {
			t.Errorf("Exp(%v) = %v, want %v", c.x, got, c.want)
		}
	}
}

// logInputs are positive x across all magnitudes, near 1, and subnormal.
func logInputs(n int) []float64 {
	r := rand.New(rand.NewPCG(2, 2))
	xs := make([]float64, 0, 4*n)
	for len(xs) < 4*n {
		xs = append(xs,
			math.Float64frombits(r.Uint64N(0x7ff0000000000000-0x0010000000000000)+0x0010000000000000), // any normal x
			4*r.Float64(),
			1+(r.Float64()-0.5)*1e-6,
			math.Float64frombits(1+r.Uint64N(0x000fffffffffffff)), // subnormal
		)
	}
	return xs
}

// math.Log on amd64 (assembly) is wrong for subnormal x: those are checked
// through ln x = ln(x·2^64) − 64·ln 2 instead, which costs an ulp of rounding.
func TestLogIsWithinAnUlpOfMathLog(t *testing.T) {
	for _, x := range logInputs(100000) {
		want, tolerance := math.Log(x), uint64(1)
		if x < 0x1p-1022 {
			want, tolerance = math.Log(x*0x1p64)-64*math.Ln2, 2
		}
		if got := Log(x); ulps(got, want) > tolerance {
			t.Fatalf("Log(%v) = %v, want %v (%d ulps apart)", x, got, want, ulps(got, want))
		}
	}
}

func TestLogAtTheEdges(t *testing.T) {
	for _, c := range []struct{ x, want float64 }{
		{math.NaN(), math.NaN()},
		{-1, math.NaN()},
		{math.Inf(-1), math.NaN()},
		{0, math.Inf(-1)},
		{math.Copysign(0, -1), math.Inf(-1)},
		{math.Inf(1), math.Inf(1)},
		{1, 0},
		{math.E, 1},
		{2, math.Ln2},
		{math.MaxFloat64, 709.782712893384},
		{math.SmallestNonzeroFloat64, -744.4400719213812}, // −1074·ln 2
	} {
		if got := Log(c.x); !sameFloat(got, c.want) {
			t.Errorf("Log(%v) = %v, want %v", c.x, got, c.want)
		}
	}
}

// Where package math has no assembly (WebAssembly among them) it runs the
// same method as Exp and Log: Log's operations exactly, Exp's but for the
// order in which it sums its polynomial.
func TestExpAndLogFollowMathsPureGo(t *testing.T) {
	if runtime.GOARCH != "wasm" {
		t.Skip("package math runs assembly for Exp or Log on", runtime.GOARCH)
	}
	for _, x := range expInputs(20000) {
		if got, want := Exp(x), math.Exp(x); ulps(got, want) > 1 {
			t.Fatalf("Exp(%v) = %v, math.Exp gives %v (%d ulps apart)", x, got, want, ulps(got, want))
		}
	}
	for _, x := range logInputs(20000) {
		if got, want := Log(x), math.Log(x); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("Log(%v) = %v, math.Log gives %v", x, got, want)
		}
	}
}

func TestSigmoidIsWithinTwoUlpsOfItsFormulaOnMathExp(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for range 100000 {
		x := 80*r.Float64() - 40
		want := 1 / (1 + math.Exp(-x))
		if x < 0 {
			want = math.Exp(x) / (1 + math.Exp(x))
		}
		if got := Sigmoid(x); ulps(got, want) > 2 {
			t.Fatalf("Sigmoid(%v) = %v, want %v (%d ulps apart)", x, got, want, ulps(got, want))
		}
	}
}

func TestSigmoidIsSymmetricAndSaturates(t *testing.T) {
	for _, x := range []float64{0, 1e-300, 0.3, 2, 30} {
		if s := Sigmoid(x) + Sigmoid(-x); math.Abs(s-1) > 0x1p-53 {
			t.Errorf("σ(%v) + σ(−%v) = %v, not 1", x, x, s)
		}
	}
	for _, c := range []struct{ x, want float64 }{
		{0, 0.5}, {800, 1}, {-800, 0}, {math.Inf(1), 1}, {math.Inf(-1), 0}, {math.NaN(), math.NaN()},
	} {
		if got := Sigmoid(c.x); !sameFloat(got, c.want) {
			t.Errorf("σ(%v) = %v, want %v", c.x, got, c.want)
		}
	}
}

func TestHornerEvaluatesHighestPowerFirst(t *testing.T) {
	for _, c := range []struct {
		c       []float64
		x, want float64
	}{
		{[]float64{7}, 3, 7},
		{[]float64{2, -3, 1}, 3, 10}, // 2·9 − 3·3 + 1
		{[]float64{1, 0, 0, 0}, -2, -8},
		{[]float64{0.5, 0.25}, 0x1p-60, 0.25 + 0x1p-61},
	} {
		if got := Horner(c.c, c.x); got != c.want {
			t.Errorf("Horner(%v, %v) = %v, want %v", c.c, c.x, got, c.want)
		}
	}
}
