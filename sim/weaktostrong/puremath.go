package weaktostrong

import (
	"math/rand/v2"

	"oversight/sim/detmath"
)

// The run must give the same numbers byte for byte natively and in
// WebAssembly, so this package computes as detmath does: no function of
// package math that can differ between platforms (math.Tan's pure Go is
// fused into multiply–adds on newer processors, hence cot here), and every
// product that is then added converted explicitly, float64(a*b), which
// forbids the compiler to fuse the two.

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
	return detmath.Horner(cosSeries[:], t2) / float64(theta*detmath.Horner(sinSeries[:], t2))
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

// normals is a stream of standard normal numbers from its own seeded
// source, drawn in pairs and handed out one at a time.
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
	x, y := detmath.NormalPair(g.rng)
	g.spare, g.ready = y, true
	return x
}
