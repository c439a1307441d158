package weaktostrong

import (
	"math"
	"math/rand/v2"
	"testing"

	"oversight/sim/detmath"
)

func TestCotMatchesMathTan(t *testing.T) {
	for theta := 0.01; theta <= math.Pi/2; theta += 0.001 {
		if got, want := cot(theta), 1/math.Tan(theta); math.Abs(got-want) > 1e-15*math.Max(1, math.Abs(want)) {
			t.Fatalf("cot(%v) = %v, 1/math.Tan gives %v", theta, got, want)
		}
	}
}

func TestNormalsHandOutBothOfEachPairInTurn(t *testing.T) {
	g, rng := newNormals(7, 1), rand.New(rand.NewPCG(7, 1))
	for range 1000 {
		x, y := detmath.NormalPair(rng)
		if a, b := g.next(), g.next(); a != x || b != y {
			t.Fatalf("next gave %v, %v; the pair drawn from the same source is %v, %v", a, b, x, y)
		}
	}
}
