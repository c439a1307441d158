package weaktostrong

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestHardenedPredictionsKeepTheWeakLabelsClassBalance(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	weak := make([]float64, 1000)
	mass := 0.0 // on class 1: about 300
	for i := range weak {
		weak[i] = 0.6 * r.Float64()
		mass += weak[i]
	}
	probs := make([]float64, len(weak))
	for i := range probs {
		probs[i] = r.Float64()
	}
	c := newConfidenceLoss(weak, 1, 1)
	ones := 0.0
	for _, target := range c.targets(1, probs) {
		ones += target
	}
	if ones != math.Round(mass) {
		t.Fatalf("%v of 1000 hardened predictions are 1, want %v", ones, math.Round(mass))
	}
}

func TestTheTargetMixesWeakLabelsAndHardenedPredictions(t *testing.T) {
	weak := []float64{0.2, 0.9, 0.4, 0.6}
	probs := []float64{0.1, 0.3, 0.8, 0.7} // the top two are hardened to 1
	c := newConfidenceLoss(weak, 0.5, 1)
	want := []float64{0.1, 0.45, 0.7, 0.8}
	for i, got := range c.targets(5, probs) {
		if math.Abs(got-want[i]) > 1e-12 {
			t.Errorf("target %d = %v, want %v", i, got, want[i])
		}
	}
}

func TestTheConfidenceWeightRampsInOverTheWarmup(t *testing.T) {
	c := newConfidenceLoss([]float64{0.5}, 0.8, 10)
	for step, want := range map[int]float64{0: 0, 5: 0.4, 10: 0.8, 150: 0.8} {
		if got := c.weightAt(step); math.Abs(got-want) > 1e-12 {
			t.Errorf("weight at step %d = %v, want %v", step, got, want)
		}
	}
	if got := newConfidenceLoss([]float64{0.3, 0.8}, 0, 1).targets(3, []float64{0.9, 0.1}); !slices.Equal(got, []float64{0.3, 0.8}) {
		t.Errorf("with α = 0 the targets are %v, want the weak labels", got)
	}
}

func TestNthSmallestAgreesWithSorting(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 200 {
		xs := make([]float64, 1+r.IntN(50))
		for i := range xs {
			xs[i] = float64(r.IntN(10)) // many ties
		}
		sorted := slices.Sorted(slices.Values(xs))
		k := r.IntN(len(xs))
		if got := nthSmallest(slices.Clone(xs), k); got != sorted[k] {
			t.Fatalf("nthSmallest(%v, %d) = %v, want %v", xs, k, got, sorted[k])
		}
	}
}
