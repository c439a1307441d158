package debate

import (
	"math"
	"math/rand/v2"

	"oversight/sim/detmath"
)

// How the committed judge was trained. TestTheCommittedJudgeIsWhatTrainingGives
// trains it again with these and compares; `go test ./sim/debate -run
// TestTheCommittedJudge -retrain` rewrites judge.bin after a change here.
const (
	trainingSeed   = 1805_00899 // the paper's arXiv number
	trainingEpochs = 200        // passes over the training digits, each with new random pixels
	trainingRate   = 0.02       // the learning rate at the start; it falls linearly to a tenth
	initialFanIn   = 6          // about how many revealed pixels feed a hidden unit
)

// trainJudge fits the judge to the training digits, each shown through
// between MinK and MaxK random pixels (as many of each count), with plain
// stochastic gradient descent on the cross-entropy. Everything random comes
// from one seeded source, so training is the same, bit for bit, every time.
func trainJudge(train []digit) *judge {
	rng := rand.New(rand.NewPCG(trainingSeed, 0))
	w := initialWeights(rng)
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	var shown [Pixels]int
	for i := range shown {
		shown[i] = i
	}
	steps := float64(trainingEpochs * len(train))
	step := 0
	for epoch := 0; epoch < trainingEpochs; epoch++ {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, i := range order {
			k := MinK + rng.IntN(MaxK-MinK+1)
			drawPixels(&shown, k, rng)
			w.learn(&train[i], shown[:k], trainingRate*(1-0.9*float64(step)/steps))
			step++
		}
	}
	return w
}

// drawPixels moves k distinct random pixels to the front of shown (a
// partial Fisher–Yates shuffle).
func drawPixels(shown *[Pixels]int, k int, rng *rand.Rand) {
	for a := 0; a < k; a++ {
		b := a + rng.IntN(Pixels-a)
		shown[a], shown[b] = shown[b], shown[a]
	}
}

// initialWeights draws small random weights, scaled to each layer's fan-in.
func initialWeights(rng *rand.Rand) *judge {
	w := new(judge)
	uniform := func(scale float64) float64 { return scale * (2*rng.Float64() - 1) }
	inScale, outScale := 1/math.Sqrt(initialFanIn), 1/math.Sqrt(hiddenUnits)
	for p := range w.seen {
		for i := range w.seen[p] {
			w.seen[p][i] = uniform(inScale)
			w.ink[p][i] = uniform(inScale)
		}
	}
	for l := range w.out {
		for i := range w.out[l] {
			w.out[l][i] = uniform(outScale)
		}
	}
	return w
}

// learn takes one gradient step on one digit seen through the given pixels.
func (w *judge) learn(d *digit, shown []int, rate float64) {
	hidden := w.hiddenBias
	for _, p := range shown {
		v := float64(d.Pixels[p]) / MaxValue
		for i := range hidden {
			hidden[i] += w.seen[p][i] + v*w.ink[p][i]
		}
	}
	for i, h := range hidden {
		hidden[i] = math.Max(h, 0)
	}
	// At the outputs, the gradient of the cross-entropy is the softmax
	// minus the true label's indicator.
	grad := softmax(w.outputs(&hidden))
	grad[d.Label]--
	var back [hiddenUnits]float64
	for l, g := range grad {
		for i, h := range hidden {
			if h > 0 {
				back[i] += g * w.out[l][i]
				w.out[l][i] -= rate * g * h
			}
		}
		w.outBias[l] -= rate * g
	}
	for i, g := range back {
		w.hiddenBias[i] -= rate * g
	}
	for _, p := range shown {
		v := float64(d.Pixels[p]) / MaxValue
		for i, g := range back {
			w.seen[p][i] -= rate * g
			w.ink[p][i] -= rate * g * v
		}
	}
}

func (w *judge) outputs(hidden *[hiddenUnits]float64) [Labels]float64 {
	s := w.outBias
	for l := range s {
		for i, h := range hidden {
			s[l] += h * w.out[l][i]
		}
	}
	return s
}

// softmax turns log-odds into probabilities.
func softmax(s [Labels]float64) [Labels]float64 {
	top := s[0]
	for _, x := range s[1:] {
		top = math.Max(top, x)
	}
	var sum float64
	for l, x := range s {
		s[l] = detmath.Exp(x - top)
		sum += s[l]
	}
	for l := range s {
		s[l] /= sum
	}
	return s
}
