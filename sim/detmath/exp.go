package detmath

import "math"

// The method and constants of Exp and Log are FreeBSD's msun (e_exp.c and
// e_log.c), as Go's package math writes them in pure Go; they came with this
// notice:
//
// ====================================================
// Copyright (C) 2004 by Sun Microsystems, Inc. All rights reserved.
//
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

const (
	ln2Hi = 6.93147180369123816490e-01 // ln 2 with its low bits cleared, so that k·ln2Hi is exact
	ln2Lo = 1.90821492927058770002e-10 // ln 2 − ln2Hi
	log2e = 1.44269504088896338700e+00

	expOverflow  = 7.09782712893383973096e+02  // e^x is +Inf above
	expUnderflow = -7.45133219101941108420e+02 // and 0 below
	expNearZero  = 1.0 / (1 << 28)             // e^x rounds to 1 + x within
)

// Exp returns e^x, within an ulp of the exact value: +Inf above about 709.78,
// 0 below about −745.13, subnormal in between, and NaN for NaN.
//
// x = k·ln 2 + r with |r| ≤ ln2/2, and e^r comes from a rational function of
// r whose polynomial part (in r²) is fitted to within 2^−59. It is Go's
// pure-Go math.exp but for the order in which that polynomial is summed,
// and differs from it by an ulp in about one result in 6,600.
func Exp(x float64) float64 {
	const (
		p1 = 1.66666666666666657415e-01
		p2 = -2.77777777770155933842e-03
		p3 = 6.61375632143793436117e-05
		p4 = -1.65339022054652515390e-06
		p5 = 4.13813679705723846039e-08
	)
	switch {
	case x != x:
		return x
	case x > expOverflow:
		return math.Inf(1)
	case x < expUnderflow:
		return 0
	case -expNearZero < x && x < expNearZero:
		return 1 + x
	}
	k := int(float64(log2e*x) + 0.5)
	if x < 0 {
		k = int(float64(log2e*x) - 0.5)
	}
	hi := x - float64(float64(k)*ln2Hi)
	lo := float64(float64(k) * ln2Lo)
	r := hi - lo // x − k·ln 2; lo is kept apart for its bits in the last step
	t := r * r
	t2 := t * t
	// p1 + p2·t + … + p5·t⁴ by Estrin's scheme, in pairs the processor can
	// work on side by side: a quarter faster than Horner's chain.
	p := (p1 + float64(t*p2)) + float64(t2*((p3+float64(t*p4))+float64(t2*p5)))
	c := r - float64(t*p)
	y := 1 - ((lo - float64(r*c)/(2-c)) - hi)
	if k < -1022 || k > 1023 { // 2^k is not a normal number
		return math.Ldexp(y, k)
	}
	return y * math.Float64frombits(uint64(k+1023)<<52)
}

// Log returns the natural logarithm of x, within an ulp of the exact value:
// −Inf at 0, NaN below 0 and for NaN, +Inf at +Inf; subnormal x included.
//
// x = m·2^k with √½ ≤ m < √2, and ln m = 2·atanh(s) with s = (m−1)/(m+1),
// from a polynomial in s² fitted to within 2^−58.
func Log(x float64) float64 {
	const (
		l1 = 6.666666666666735130e-01
		l2 = 3.999999999940941908e-01
		l3 = 2.857142874366239149e-01
		l4 = 2.222219843214978396e-01
		l5 = 1.818357216161805012e-01
		l6 = 1.531383769920937332e-01
		l7 = 1.479819860511658591e-01
	)
	switch {
	case x != x || math.IsInf(x, 1):
		return x
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	}
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	f := m - 1
	k := float64(e)
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	// The odd and even powers, summed apart so that they can be worked on
	// side by side.
	t1 := float64(s2 * (l1 + float64(s4*(l3+float64(s4*(l5+float64(s4*l7)))))))
	t2 := float64(s4 * (l2 + float64(s4*(l4+float64(s4*l6)))))
	halfF2 := float64(float64(0.5*f) * f)
	return float64(k*ln2Hi) - ((halfF2 - (float64(s*(halfF2+(t1+t2))) + float64(k*ln2Lo))) - f)
}

// Sigmoid is the logistic function 1/(1 + e^−x), computed on the side where
// e^… cannot overflow: 0 and 1 at −Inf and +Inf, never NaN but for NaN.
func Sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + Exp(-x))
	}
	e := Exp(x)
	return e / (1 + e)
}

// Horner returns the polynomial c[0]·xⁿ + c[1]·xⁿ⁻¹ + … + c[n] at x, with
// each product rounded before it is added, as every platform then agrees.
// It panics if c is empty.
func Horner(c []float64, x float64) float64 {
	p := c[0]
	for _, ci := range c[1:] {
		p = float64(p*x) + ci
	}
	return p
}
