package weaktostrong

import (
	"math"
	"math/rand/v2"
)

// The functions here replace math.Exp and math.Log, which run assembly on
// amd64 and pure Go in WebAssembly and can differ in the last bit (a run must
// give the same numbers byte for byte in both), and math.Tan, whose pure Go
// the compiler fuses into multiply–adds for newer processors (GOAMD64=v3,
// arm64). They use only operations that are exactly rounded everywhere
// (+ − × ÷, Sqrt, Floor, Frexp, Ldexp), and every product that is then added
// is converted explicitly, float64(a*b), which forbids the compiler to fuse
// the two into one multiply–add. The rest of the package does the same.

const (
	ln2Hi  = 6.93147180369123816490e-01 // ln 2, split so that k·ln2Hi is exact
	ln2Lo  = 1.90821492927058770002e-10
	log2e  = 1.44269504088896338700e+00
	sqrt2  = 1.41421356237309504880
	maxExp = 709.78 // e^x overflows beyond
	minExp = -745.13
)

// expTaylor holds 1/k! for k = 0 … 13: e^r for |r| ≤ ln2/2 to within an ulp.
var expTaylor = [...]float64{
	1, 1, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040,
	1.0 / 40320, 1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600,
	1.0 / 6227020800,
}

// exp returns e^x: x = k·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor series,
// then times 2^k exactly. The series is summed by Estrin's scheme, pairs of
// terms and then pairs of pairs, which the processor can work on side by
// side (Horner's chain of 13 dependent steps was a third of a run's time),
// and all in one function, since calls are dear in WebAssembly.
func exp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > maxExp:
		return math.Inf(1)
	case x < minExp:
		return 0
	}
	k := math.Floor(float64(x*log2e) + 0.5)
	r := (x - float64(k*ln2Hi)) - float64(k*ln2Lo)
	c := &expTaylor
	r2 := r * r
	r4 := r2 * r2
	r8 := r4 * r4
	low := lin(lin(c[0], c[1], r), lin(c[2], c[3], r), r2)
	mid := lin(lin(c[4], c[5], r), lin(c[6], c[7], r), r2)
	high := lin(lin(c[8], c[9], r), lin(c[10], c[11], r), r2)
	top := lin(c[12], c[13], r)
	series := lin(lin(low, mid, r4), lin(high, top, r4), r8)
	if k < -1022 || k > 1023 { // 2^k is not a normal number
		return math.Ldexp(series, int(k))
	}
	return series * math.Float64frombits(uint64(int(k)+1023)<<52)
}

// lin is a + b·x, rounded as two operations.
func lin(a, b, x float64) float64 { return a + float64(b*x) }

// logSeries holds 1/(2k+1) for k = 10 … 0: 2·atanh(s) = 2s·Σ s^2k/(2k+1),
// which converges to an ulp for |s| ≤ 0.172.
var logSeries = [...]float64{
	1.0 / 21, 1.0 / 19, 1.0 / 17, 1.0 / 15, 1.0 / 13, 1.0 / 11, 1.0 / 9, 1.0 / 7,
	1.0 / 5, 1.0 / 3, 1,
}

// ln returns the natural logarithm: x = m·2^e with √½ ≤ m < √2, and
// ln m = 2·atanh((m−1)/(m+1)).
func ln(x float64) float64 {
	switch {
	case x != x || x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	}
	m, e := math.Frexp(x)
	if m < sqrt2/2 {
		m *= 2
		e--
	}
	s := (m - 1) / (m + 1)
	lnM := float64(float64(2*s) * horner(logSeries[:], float64(s*s)))
	k := float64(e)
	return float64(k*ln2Hi) + (lnM + float64(k*ln2Lo))
}

// sinSeries and cosSeries hold the Taylor coefficients of sin θ/θ and cos θ
// in powers of θ², highest first: to an ulp or two for |θ| ≤ π/2.
var (
	sinSeries = [...]float64{
		1.0 / 51090942171709440000, -1.0 / 121645100408832000, 1.0 / 355687428096000,
		-1.0 / 1307674368000, 1.0 / 6227020800, -1.0 / 39916800, 1.0 / 362880,
		-1.0 / 5040, 1.0 / 120, -1.0 / 6, 1,
	}
	cosSeries = [...]float64{
		1.0 / 2432902008176640000, -1.0 / 6402373705728000, 1.0 / 20922789888000,
		-1.0 / 87178291200, 1.0 / 479001600, -1.0 / 3628800, 1.0 / 40320,
		-1.0 / 720, 1.0 / 24, -1.0 / 2, 1,
	}
)

// cot returns cos θ / sin θ for 0 < |θ| ≤ π/2.
func cot(theta float64) float64 {
	t2 := theta * theta
	return horner(cosSeries[:], t2) / float64(theta*horner(sinSeries[:], t2))
}

// horner evaluates the polynomial with coefficients c (highest power first).
func horner(c []float64, x float64) float64 {
	p := c[0]
	for _, ci := range c[1:] {
		p = float64(p*x) + ci
	}
	return p
}

// sigmoid is 1/(1+e^−z), computed on the side where e^… cannot overflow.
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + exp(-z))
	}
	e := exp(z)
	return e / (1 + e)
}

// dot is Σ a[i]·b[i] over the length of a.
func dot(a, b []float64) float64 {
	b = b[:len(a)]
	s := 0.0
	for i, ai := range a {
		s += float64(ai * b[i])
	}
	return s
}

// addScaled does dst[i] += k·src[i].
func addScaled(dst []float64, k float64, src []float64) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] += float64(k * src[i])
	}
}

// normals draws standard normal numbers by Marsaglia's polar method, which
// needs only a logarithm and a square root (rand's NormFloat64 calls
// math.Exp and math.Log).
type normals struct {
	rng   *rand.Rand
	spare float64
	ready bool
}

func newNormals(seed, stream uint64) *normals {
	return &normals{rng: rand.New(rand.NewPCG(seed, stream))}
}

func (g *normals) next() float64 {
	if g.ready {
		g.ready = false
		return g.spare
	}
	for {
		u := 2*g.rng.Float64() - 1 // exact, so fusing it changes nothing
		v := 2*g.rng.Float64() - 1
		s := float64(u*u) + float64(v*v)
		if s == 0 || s >= 1 {
			continue
		}
		f := math.Sqrt(-2 * ln(s) / s)
		g.spare, g.ready = float64(v*f), true
		return u * f
	}
}
