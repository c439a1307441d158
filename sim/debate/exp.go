package debate

import "math"

// Go's math.Exp runs assembly on amd64 and pure Go in WebAssembly, and the
// two can differ in the last bit; this exp is the same everywhere, so a
// judge trained natively and one trained in the browser match exactly.

// exp returns e^x, within a few units in the last place of math.Exp.
func exp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > 709.7:
		return math.Inf(1)
	case x < -745.1:
		return 0
	}
	const (
		log2e = 1.44269504088896338700e+00
		ln2Hi = 6.93147180369123816490e-01 // ln 2 with its last 32 bits cleared, so k*ln2Hi is exact
		ln2Lo = 1.90821492927058770002e-10 // ln 2 - ln2Hi
	)
	// e^x = 2^k · e^r with |r| ≤ ln2/2, where the Taylor series of e^r
	// converges fast: the term r^13/13! is below 2e-16.
	k := math.Floor(x*log2e + 0.5)
	r := (x - k*ln2Hi) - k*ln2Lo
	sum := 1.0
	for n := 13; n >= 1; n-- {
		sum = 1 + sum*r/float64(n)
	}
	return math.Ldexp(sum, int(k))
}

// sigmoid is 1/(1+e^-x): the probability a margin of x stands for.
func sigmoid(x float64) float64 {
	return 1 / (1 + exp(-x))
}
