package control

import (
	"math"
	"math/rand/v2"
)

// Go's math.Exp and math.Log run assembly on amd64 and pure Go in
// WebAssembly, and the two can differ in the last bit; so can anything built
// on them (math.Erf, math.Pow, rand's NormFloat64). The functions here use
// only +, −, ×, ÷, Sqrt, Floor, Frexp and Ldexp, which are correctly rounded
// or exact on every architecture, so a result is the same natively and in the
// browser. (Go fuses a·b+c into one rounding only where fused multiply-add is
// enabled: neither amd64 at its default level nor WebAssembly.) Their
// accuracy, tested against package math, is far beyond what the simulation
// needs.

const (
	ln2Hi = 6.93147180369123816490e-01 // ln 2 split so that k·ln2Hi is exact
	ln2Lo = 1.90821492927058770002e-10
	log2e = 1.44269504088896338700e+00
)

// exp is e^x.
func exp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > 709.782712893384:
		return math.Inf(1)
	case x < -745.1332191019412:
		return 0
	}
	k := math.Floor(x*log2e + 0.5)
	r := (x - k*ln2Hi) - k*ln2Lo // |r| ≤ ln2/2
	// Taylor series of e^r to r^13: the next term is below 1e-17 for |r| ≤ 0.35.
	sum := 1.0 / 6227020800 // 1/13!
	for _, c := range [...]float64{1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800, 1.0 / 362880,
		1.0 / 40320, 1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 1.0 / 2, 1, 1} {
		sum = sum*r + c
	}
	return math.Ldexp(sum, int(k))
}

// log is the natural logarithm of x.
func log(x float64) float64 {
	switch {
	case x != x || x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	}
	m, e := math.Frexp(x) // x = m·2^e, m in [0.5, 1)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	// log m = 2·atanh(s) with s = (m−1)/(m+1), |s| ≤ 0.172: the series
	// s + s³/3 + s⁵/5 + … reaches 1e-17 by s^21.
	s := (m - 1) / (m + 1)
	s2 := s * s
	sum := 0.0
	for n := 21; n >= 3; n -= 2 {
		sum = s2 * (1/float64(n) + sum)
	}
	logm := 2 * (s + s*sum)
	k := float64(e)
	return k*ln2Hi + (k*ln2Lo + logm)
}

// log1m is log(1 − x) for x in [0, 1], precise when x is tiny.
func log1m(x float64) float64 {
	if x < 1e-4 {
		// −(x + x²/2 + x³/3 + x⁴/4): the next term is below 2e-21·x.
		return -x * (1 + x*(0.5+x*(1.0/3+x*0.25)))
	}
	return log(1 - x)
}

// pow1m is (1 − x)^n for x in [0, 1].
func pow1m(x float64, n int) float64 {
	if n == 0 {
		return 1
	}
	if x >= 1 {
		return 0
	}
	return exp(float64(n) * log1m(x))
}

const invSqrt2Pi = 0.398942280401432677939946059934

// normPDF is the standard normal density.
func normPDF(x float64) float64 {
	return invSqrt2Pi * exp(-0.5*x*x)
}

// normCDF is Φ(x), the standard normal distribution function: Hart's
// double-precision rational approximation (as given by West, 2005) up to
// |x| = 5, and Laplace's continued fraction for the tail beyond. Its absolute
// error is about 1e-17; its relative error in the lower tail is at most about
// 5e-11 (at x = −5).
func normCDF(x float64) float64 {
	if x != x {
		return x
	}
	ax := math.Abs(x)
	var tail float64 // Φ(−|x|)
	switch {
	case ax > 38.5: // Φ(−38.5) is below the smallest float64
		tail = 0
	case ax < 5:
		num := 3.52624965998911e-02*ax + 0.700383064443688
		num = num*ax + 6.37396220353165
		num = num*ax + 33.912866078383
		num = num*ax + 112.079291497871
		num = num*ax + 221.213596169931
		num = num*ax + 220.206867912376
		den := 8.83883476483184e-02*ax + 1.75566716318264
		den = den*ax + 16.064177579207
		den = den*ax + 86.7807322029461
		den = den*ax + 296.564248779674
		den = den*ax + 637.333633378831
		den = den*ax + 793.826512519948
		den = den*ax + 440.413735824752
		tail = exp(-0.5*ax*ax) * num / den
	default:
		// Φ(−x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))), summed from its
		// 20th level up, which for x ≥ 5 is exact to about 1e-15.
		cf := ax
		for k := 20.0; k >= 1; k-- {
			cf = ax + k/cf
		}
		tail = normPDF(ax) / cf
	}
	if x > 0 {
		return 1 - tail
	}
	return tail
}

// normSurvival is 1 − Φ(x), kept precise in the upper tail.
func normSurvival(x float64) float64 { return normCDF(-x) }

// normQuantile is Φ⁻¹(p): Acklam's rational approximation, then two Halley
// steps on normCDF, which take it to full precision.
func normQuantile(p float64) float64 {
	switch {
	case p != p:
		return p
	case p <= 0:
		return math.Inf(-1)
	case p >= 1:
		return math.Inf(1)
	case p > 0.5:
		return -normQuantile(1 - p) // 1 − p is exact here, and Φ's lower tail is precise
	}
	x := acklam(p)
	for range 2 {
		e := normCDF(x) - p
		u := e / normPDF(x)
		x -= u / (1 + 0.5*x*u)
	}
	return x
}

// acklam is Peter Acklam's approximation of Φ⁻¹ for p ≤ 0.5 (relative
// error 1.2e-9).
func acklam(p float64) float64 {
	const low = 0.02425
	if p < low {
		r := math.Sqrt(-2 * log(p))
		num := ((((-7.784894002430293e-03*r-3.223964580411365e-01)*r-2.400758277161838e+00)*r-2.549732539343734e+00)*r+4.374664141464968e+00)*r + 2.938163982698783e+00
		den := (((7.784695709041462e-03*r+3.224671290700398e-01)*r+2.445134137142996e+00)*r+3.754408661907416e+00)*r + 1
		return num / den
	}
	q := p - 0.5
	r := q * q
	num := (((((-3.969683028665376e+01*r+2.209460984245205e+02)*r-2.759285104469687e+02)*r+1.383577518672690e+02)*r-3.066479806614716e+01)*r + 2.506628277459239e+00) * q
	den := ((((-5.447609879822406e+01*r+1.615858368580409e+02)*r-1.556989798598866e+02)*r+6.680131188771972e+01)*r-1.328068155288572e+01)*r + 1
	return num / den
}

// normal draws from the standard normal distribution (Marsaglia's polar
// method, on this file's log).
func normal(rng *rand.Rand) float64 {
	for {
		u := 2*rng.Float64() - 1
		v := 2*rng.Float64() - 1
		s := u*u + v*v
		if s > 0 && s < 1 {
			return u * math.Sqrt(-2*log(s)/s)
		}
	}
}

// openUniform draws uniformly from the open interval (0, 1), so that its
// quantile is always finite.
func openUniform(rng *rand.Rand) float64 {
	return (float64(rng.Uint64()>>11) + 0.5) / (1 << 53)
}
