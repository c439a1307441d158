package detmath

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// grid is n inputs evenly spaced from a to b.
func grid(a, b float64, n int) []float64 {
	xs := make([]float64, 0, n)
	for i := range n {
		xs = append(xs, a+(b-a)*float64(i)/float64(n-1))
	}
	return xs
}

// geometric is n positive inputs from a, each `ratio` times the one before.
func geometric(a, ratio float64, n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = a
		a *= ratio
	}
	return xs
}

// results is each function's results on a fixed grid of inputs, with the
// SHA-256 they must hash to (see TestEveryPlatformGivesTheSameBits).
func results() []struct {
	name, sha256 string
	ys           []float64
} {
	edges := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1),
		math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 0x1p-1022, math.MaxFloat64, -math.MaxFloat64}
	apply := func(f func(float64) float64, xs ...[]float64) []float64 {
		var ys []float64
		for _, x := range slices.Concat(append(xs, edges)...) {
			ys = append(ys, f(x))
		}
		return ys
	}
	var pairs []float64
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		x, y := NormalPair(rng)
		pairs = append(pairs, x, y)
	}
	return []struct {
		name, sha256 string
		ys           []float64
	}{
		{"Exp", "2b166eb6498f96b6f15ba59aa6a090d55e5206cc71e362164748a2812ccd8ae3",
			apply(Exp, grid(-750, 750, 40001))},
		{"Log", "6d666346b594b7578d7e909d30491d56eeda5f06ac9b486dcdf64e17e65be8b7",
			apply(Log, geometric(math.SmallestNonzeroFloat64, 1.37, 6700), grid(0, 4, 20001))},
		{"Sigmoid", "57cb642bfae2c68227348b395c61c061a3c3c9e9012f88d0d8f45472bf533090",
			apply(Sigmoid, grid(-60, 60, 20001))},
		{"NormalPDF", "852cbc283d3f2290b0294f1d54791da52273b4c0e4a518fa0dbda350fb7f72fd",
			apply(NormalPDF, grid(-40, 40, 20001))},
		{"NormalCDF", "31c8a402b1e219ef008ab5090ae1ce3f6e77fee6b84dca79eb6aa22f19a0c784",
			apply(NormalCDF, grid(-40, 40, 20001))},
		{"NormalQuantile", "5a0676dab21534d23244a9a063618be4a88b683788940ab246fd8a7b1b7f0e6d",
			apply(NormalQuantile, geometric(math.SmallestNonzeroFloat64, 1.37, 2300), grid(0, 1, 20001))},
		{"NormalPair", "17c670f721022f5f63f7c4f4d39689c46d81401e668501dc21209581fa581727", pairs},
	}
}

// Run natively, in WebAssembly and where the compiler fuses multiply–adds,
// every function's results on the grid must be the same bits (NaN's payload
// aside, which WebAssembly leaves open):
//
//	go test ./sim/detmath/
//	GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./sim/detmath/
//	GOAMD64=v3 go test ./sim/detmath/
//
// amd64 fuses only a few shapes of a·b + c; arm64 fuses them all, and its
// assembly shows that nothing here is fused but NormalPair's exact
// 2·Float64 − 1 (this prints those two lines only):
//
//	GOARCH=arm64 go build -gcflags=-S ./sim/detmath 2>&1 | grep -E 'F(N)?M(ADD|SUB)D'
func TestEveryPlatformGivesTheSameBits(t *testing.T) {
	for _, r := range results() {
		h := sha256.New()
		for _, y := range r.ys {
			if y != y {
				y = math.NaN()
			}
			h.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(y)))
		}
		if got := fmt.Sprintf("%x", h.Sum(nil)); got != r.sha256 {
			t.Errorf("%s: its results hash to %s, want %s", r.name, got, r.sha256)
		}
	}
}
