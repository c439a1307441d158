// Package detmath is deterministic math: the functions of package math that
// the labs' simulations need, written so that they give the same bits on
// every platform Go targets. A simulation must give the same numbers, byte
// for byte, natively and in the browser (WebAssembly), and package math does
// not promise that: math.Exp and math.Log run assembly on amd64 (and Exp on
// arm64, loong64, s390x) and pure Go elsewhere, and the two can differ in the
// last bit, as can everything built on them (Pow, Erf, Tanh, rand's
// NormFloat64); and where the processor has fused multiply–add (arm64,
// ppc64, s390x, riscv64, loong64, amd64 built with GOAMD64=v3) the compiler
// may compute a·b + c with one rounding instead of two.
//
// So these functions use only operations whose results IEEE 754 and Go
// define exactly, the same everywhere (+ − × ÷, Sqrt, Frexp, Ldexp,
// conversion to an integer), and every product that is then added is
// converted explicitly, float64(a*b), which the Go specification says
// rounds it and so forbids the fusion. A simulation that adds or multiplies
// on its own must do the same; Horner evaluates its polynomials so.
//
// Exp and Log are the methods of Go's own pure-Go math.exp and math.log
// (FreeBSD's msun), within an ulp of the exact result. Log is math.log
// operation for operation, so in WebAssembly it equals math.Log bit for bit;
// Exp sums its polynomial in a shorter chain, which is faster and leaves it
// within an ulp of math.Exp there.
package detmath
