package detmath

import (
	"math"
	"math/rand/v2"
)

const invSqrt2Pi = 0.398942280401432677939946059934 // 1/√(2π)

// NormalPDF is φ(x), the standard normal density.
func NormalPDF(x float64) float64 {
	return invSqrt2Pi * Exp(-0.5*x*x)
}

// NormalCDF is Φ(x), the standard normal distribution function; Φ(−x) is
// the upper tail 1 − Φ(x) without its cancellation. Hart's double-precision
// rational approximation (as West, 2005, gives it) up to |x| = 5, and
// Laplace's continued fraction beyond: the absolute error is about 1e-17,
// the relative error in the lower tail at most about 5e-11 (at x = −5).
func NormalCDF(x float64) float64 {
	if x != x {
		return x
	}
	ax := math.Abs(x)
	var tail float64 // Φ(−|x|)
	switch {
	case ax > 38.5: // Φ(−38.5) is below the smallest float64
		tail = 0
	case ax < 5:
		// Hart's Φ(−x) = e^(−x²/2)·num(x)/den(x), highest power first.
		num := [...]float64{
			3.52624965998911e-02, 0.700383064443688, 6.37396220353165, 33.912866078383,
			112.079291497871, 221.213596169931, 220.206867912376,
		}
		den := [...]float64{
			8.83883476483184e-02, 1.75566716318264, 16.064177579207, 86.7807322029461,
			296.564248779674, 637.333633378831, 793.826512519948, 440.413735824752,
		}
		tail = Exp(-0.5*ax*ax) * Horner(num[:], ax) / Horner(den[:], ax)
	default:
		// Φ(−x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))), summed from its
		// 20th level up, which for x ≥ 5 is exact to about 1e-15.
		cf := ax
		for k := 20.0; k >= 1; k-- {
			cf = ax + k/cf
		}
		tail = NormalPDF(ax) / cf
	}
	if x > 0 {
		return 1 - tail
	}
	return tail
}

// NormalQuantile is Φ⁻¹(p): −Inf for p ≤ 0 and +Inf for p ≥ 1. Acklam's
// rational approximation, then two Halley steps on NormalCDF, which take it
// to NormalCDF's precision.
func NormalQuantile(p float64) float64 {
	switch {
	case p != p:
		return p
	case p <= 0:
		return math.Inf(-1)
	case p >= 1:
		return math.Inf(1)
	case p > 0.5:
		return -NormalQuantile(1 - p) // 1 − p is exact here, and Φ's lower tail is precise
	}
	x := acklam(p)
	for range 2 {
		e := NormalCDF(x) - p
		u := e / NormalPDF(x)
		x -= u / (1 + float64(0.5*x*u))
	}
	return x
}

// acklam is Peter Acklam's approximation of Φ⁻¹ for 0 < p ≤ 0.5 (relative
// error 1.2e-9).
// Its coefficients are written highest power first.
func acklam(p float64) float64 {
	if p < 0.02425 { // the tail, in r = √(−2 ln p)
		num := [...]float64{-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00}
		den := [...]float64{7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00, 1}
		r := math.Sqrt(-2 * Log(p))
		return Horner(num[:], r) / Horner(den[:], r)
	}
	// the centre, in r = (p − ½)²
	num := [...]float64{-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00}
	den := [...]float64{-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01, 1}
	q := p - 0.5
	r := q * q
	return Horner(num[:], r) * q / Horner(den[:], r)
}

// Normal draws a standard normal number from rng: the first of NormalPair's
// two, the second thrown away.
func Normal(rng *rand.Rand) float64 {
	x, _ := NormalPair(rng)
	return x
}

// NormalPair draws two independent standard normal numbers from rng by
// Marsaglia's polar method, which needs only Log and Sqrt (rand's
// NormFloat64 uses math.Exp and math.Log).
func NormalPair(rng *rand.Rand) (x, y float64) {
	for {
		// Float64 is a multiple of 2^−53, so 2·Float64 − 1 is exact, however
		// the compiler fuses it.
		u := 2*rng.Float64() - 1
		v := 2*rng.Float64() - 1
		s := float64(u*u) + float64(v*v)
		if s > 0 && s < 1 {
			f := math.Sqrt(-2 * Log(s) / s)
			return u * f, v * f
		}
	}
}
