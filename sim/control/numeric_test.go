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

func TestExpMatchesMathExp(t *testing.T) {
	for x := -740.0; x <= 709; x += 0.37 {
		if got, want := exp(x), math.Exp(x); !within(got, want, 4e-16, 0) {
			t.Fatalf("exp(%v) = %v, math.Exp says %v", x, got, want)
		}
	}
	for _, x := range []float64{0, 1e-300, -1e-12, 0.5, -0.34657, 0.34657} {
		if got, want := exp(x), math.Exp(x); !within(got, want, 4e-16, 0) {
			t.Fatalf("exp(%v) = %v, math.Exp says %v", x, got, want)
		}
	}
	if exp(800) != math.Inf(1) || exp(-800) != 0 {
		t.Fatal("exp must overflow to +Inf and underflow to 0")
	}
}

func TestLogMatchesMathLog(t *testing.T) {
	for x := 1e-300; x < 1e300; x *= 1.7 {
		if got, want := log(x), math.Log(x); !within(got, want, 4e-16, 1e-300) {
			t.Fatalf("log(%v) = %v, math.Log says %v", x, got, want)
		}
	}
	for _, x := range []float64{1, 1 + 1e-12, 0.7071, 1.4142, 2, 0.5} {
		if got, want := log(x), math.Log(x); !within(got, want, 4e-16, 1e-27) {
			t.Fatalf("log(%v) = %v, math.Log says %v", x, got, want)
		}
	}
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

func TestNormalDistributionMatchesErfc(t *testing.T) {
	for x := -37.0; x <= 9; x += 0.0013 {
		want := 0.5 * math.Erfc(-x/math.Sqrt2)
		got := normCDF(x)
		if math.Abs(got-want) > 4e-16 || !within(got, want, 1e-10, 0) {
			t.Fatalf("Φ(%v) = %v, want %v", x, got, want)
		}
		if x > -2 && !within(got, want, 1e-14, 0) {
			t.Fatalf("Φ(%v) = %v, want %v to 1e-14", x, got, want)
		}
	}
	if normCDF(math.Inf(1)) != 1 || normCDF(math.Inf(-1)) != 0 {
		t.Fatal("Φ(±Inf) must be 1 and 0")
	}
}

func TestNormQuantileInvertsNormCDF(t *testing.T) {
	// Reference values from Wichura's algorithm AS 241 (Python's
	// statistics.NormalDist.inv_cdf), which is accurate to about 1e-16.
	for _, c := range []struct{ p, want float64 }{
		{1e-300, -37.0470962993612},
		{1e-20, -9.262340089798405},
		{1e-9, -5.9978070150076865},
		{0.001, -3.090232306167813},
		{0.02, -2.0537489106318225},
		{0.02425, -1.9729610513118845},
		{0.3, -0.5244005127080407},
		{0.5, 0},
		{0.98, 2.053748910631822},
		{0.9999, 3.7190164854557084},
		{1 - 1e-12, 7.0344869100478356},
	} {
		if got := normQuantile(c.p); !within(got, c.want, 1e-11, 1e-15) {
			t.Fatalf("Φ⁻¹(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	if !math.IsInf(normQuantile(0), -1) || !math.IsInf(normQuantile(1), 1) {
		t.Fatal("Φ⁻¹(0) and Φ⁻¹(1) must be −Inf and +Inf")
	}
}
