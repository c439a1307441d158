package detmath

import (
	"math/rand/v2"
	"testing"
)

// benchmark runs f over 1,024 inputs drawn uniformly from [lo, hi).
func benchmark(b *testing.B, f func(float64) float64, lo, hi float64) {
	r := rand.New(rand.NewPCG(1, 1))
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = lo + (hi-lo)*r.Float64()
	}
	sum := 0.0
	for b.Loop() {
		for _, x := range xs {
			sum += f(x)
		}
	}
	if sum != sum {
		b.Fatal("NaN")
	}
}

func BenchmarkExp(b *testing.B)            { benchmark(b, Exp, -20, 20) }
func BenchmarkLog(b *testing.B)            { benchmark(b, Log, 0, 3) }
func BenchmarkSigmoid(b *testing.B)        { benchmark(b, Sigmoid, -20, 20) }
func BenchmarkNormalCDF(b *testing.B)      { benchmark(b, NormalCDF, -6, 6) }
func BenchmarkNormalQuantile(b *testing.B) { benchmark(b, NormalQuantile, 0, 1) }
