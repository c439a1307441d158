package detmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// within reports whether got is within rel (relative) of want, or within
// abs when want is near zero.
func within(got, want, rel, abs float64) bool {
	return math.Abs(got-want) <= math.Max(rel*math.Abs(want), abs)
}

func TestNormalPDFIsWithinTwoUlpsOfItsFormulaOnMathExp(t *testing.T) {
	for x := -38.0; x <= 38; x += 0.0007 {
		want := math.Exp(-0.5*x*x) / math.Sqrt(2*math.Pi)
		if got := NormalPDF(x); ulps(got, want) > 2 {
			t.Fatalf("φ(%v) = %v, want %v (%d ulps apart)", x, got, want, ulps(got, want))
		}
	}
	if NormalPDF(math.Inf(1)) != 0 || NormalPDF(math.Inf(-1)) != 0 || !math.IsNaN(NormalPDF(math.NaN())) {
		t.Error("φ(±Inf) must be 0 and φ(NaN) NaN")
	}
}

func TestNormalCDFMatchesErfc(t *testing.T) {
	for x := -37.0; x <= 9; x += 0.0013 {
		want := 0.5 * math.Erfc(-x/math.Sqrt2)
		got := NormalCDF(x)
		if math.Abs(got-want) > 4e-16 || !within(got, want, 1e-10, 0) {
			t.Fatalf("Φ(%v) = %v, want %v", x, got, want)
		}
		if x > -2 && !within(got, want, 1e-14, 0) {
			t.Fatalf("Φ(%v) = %v, want %v to 1e-14", x, got, want)
		}
	}
}

func TestNormalCDFAtTheEdges(t *testing.T) {
	for _, c := range []struct{ x, want float64 }{
		{math.Inf(1), 1}, {math.Inf(-1), 0}, {0, 0.5}, {-38.6, 0}, {38.6, 1}, {math.NaN(), math.NaN()},
	} {
		if got := NormalCDF(c.x); !sameFloat(got, c.want) {
			t.Errorf("Φ(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	// The upper tail stays precise where 1 − Φ(x) would round to 0.
	if got, want := NormalCDF(-10), 7.619853024160527e-24; !within(got, want, 1e-13, 0) {
		t.Errorf("Φ(−10) = %v, want %v", got, want)
	}
}

func TestNormalQuantileMatchesAS241(t *testing.T) {
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
		if got := NormalQuantile(c.p); !within(got, c.want, 1e-11, 1e-15) {
			t.Fatalf("Φ⁻¹(%v) = %v, want %v", c.p, got, c.want)
		}
	}
}

func TestNormalQuantileInvertsNormalCDF(t *testing.T) {
	// Above 0, Φ(x) = 1 − Φ(−x) has lost the digits Φ⁻¹ would need.
	for x := -37.0; x <= 0; x += 0.0113 {
		if got := NormalQuantile(NormalCDF(x)); !within(got, x, 1e-9, 1e-9) {
			t.Fatalf("Φ⁻¹(Φ(%v)) = %v", x, got)
		}
	}
}

func TestNormalQuantileAtTheEdges(t *testing.T) {
	for _, c := range []struct{ p, want float64 }{
		{0, math.Inf(-1)}, {-0.1, math.Inf(-1)}, {1, math.Inf(1)}, {1.1, math.Inf(1)}, {math.NaN(), math.NaN()},
	} {
		if got := NormalQuantile(c.p); !sameFloat(got, c.want) {
			t.Errorf("Φ⁻¹(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	// Φ is subnormal there, with few digits left to invert (mpmath gives
	// the reference).
	if got, want := NormalQuantile(math.SmallestNonzeroFloat64), -38.467405617144346; !within(got, want, 1e-8, 0) {
		t.Errorf("Φ⁻¹(smallest subnormal) = %v, want %v", got, want)
	}
}

func TestNormalPairsAreStandardAndUncorrelated(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 1))
	const n = 200000
	var sx, sy, sxx, syy, sxy float64
	for range n {
		x, y := NormalPair(rng)
		sx, sy, sxx, syy, sxy = sx+x, sy+y, sxx+x*x, syy+y*y, sxy+x*y
	}
	for _, m := range []struct {
		what      string
		got, want float64
	}{
		{"mean of the first", sx / n, 0}, {"mean of the second", sy / n, 0},
		{"variance of the first", sxx / n, 1}, {"variance of the second", syy / n, 1},
		{"covariance", sxy / n, 0},
	} {
		if math.Abs(m.got-m.want) > 0.01 {
			t.Errorf("%s: %.4f, want %v", m.what, m.got, m.want)
		}
	}
}

func TestNormalIsTheFirstOfAPair(t *testing.T) {
	a, b := rand.New(rand.NewPCG(9, 9)), rand.New(rand.NewPCG(9, 9))
	for range 1000 {
		if x, _ := NormalPair(a); Normal(b) != x {
			t.Fatal("Normal and NormalPair drew differently from the same source")
		}
	}
}
