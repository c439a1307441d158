package control

import (
	"math/rand/v2"

	"oversight/sim/detmath"
)

// The game must give the same numbers, to the bit, natively and in
// WebAssembly, so its exp, log and normal distribution come from detmath,
// and log1m sums its series with detmath.Horner.

// log1m is log(1 − x) for x in [0, 1], precise when x is tiny.
func log1m(x float64) float64 {
	if x < 1e-4 {
		// −(x + x²/2 + x³/3 + x⁴/4): the next term is below 2e-21·x.
		return -x * detmath.Horner([]float64{0.25, 1.0 / 3, 0.5, 1}, x)
	}
	return detmath.Log(1 - x)
}

// pow1m is (1 − x)^n for x in [0, 1].
func pow1m(x float64, n int) float64 {
	if n == 0 {
		return 1
	}
	if x >= 1 {
		return 0
	}
	return detmath.Exp(float64(n) * log1m(x))
}

// openUniform draws uniformly from the open interval (0, 1), so that its
// quantile is always finite.
func openUniform(rng *rand.Rand) float64 {
	return (float64(rng.Uint64()>>11) + 0.5) / (1 << 53)
}
