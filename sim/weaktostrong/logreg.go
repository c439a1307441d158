package weaktostrong

import (
	"context"

	"oversight/sim/detmath"
)

// logreg is a logistic regression: P(label 1 | x) = σ(w·x + b).
type logreg struct {
	w []float64
	b float64
}

func (m logreg) prob(x []float64) float64 { return detmath.Sigmoid(dot(m.w, x) + m.b) }

// accuracy is the share of rows of x (dim features each) whose prediction,
// thresholded at ½, matches the truth.
func (m logreg) accuracy(x []float64, dim int, truth []float64) float64 {
	right := 0
	for i, t := range truth {
		if m.predict(x[i*dim:(i+1)*dim]) == t {
			right++
		}
	}
	return float64(right) / float64(len(truth))
}

func (m logreg) predict(x []float64) float64 {
	if dot(m.w, x)+m.b > 0 {
		return 1
	}
	return 0
}

// training is full-batch gradient descent on the cross-entropy between the
// model's predictions and targets in [0, 1], from all-zero weights.
type training struct {
	x     []float64 // rows of dim features
	dim   int
	steps int
	rate  float64
	// targets gives the targets of a step from the model's predictions on the
	// training rows; it may return the same slice every time.
	targets func(step int, probs []float64) []float64
	// observe, if set, sees the model after the steps named in observeAt.
	observe   func(step int, m logreg)
	observeAt []int
}

// run trains, checking ctx before every step.
func (tr training) run(ctx context.Context) (logreg, error) {
	n := len(tr.x) / tr.dim
	m := logreg{w: make([]float64, tr.dim)}
	probs := make([]float64, n)
	grad := make([]float64, tr.dim)
	next := 0
	for step := 1; step <= tr.steps; step++ {
		if err := ctx.Err(); err != nil {
			return logreg{}, err
		}
		for i := range n {
			probs[i] = m.prob(tr.x[i*tr.dim : (i+1)*tr.dim])
		}
		targets := tr.targets(step, probs)
		clear(grad)
		gradB := 0.0
		for i, p := range probs {
			residual := p - targets[i]
			addScaled(grad, residual, tr.x[i*tr.dim:(i+1)*tr.dim])
			gradB += residual
		}
		addScaled(m.w, -tr.rate/float64(n), grad)
		m.b -= float64(tr.rate / float64(n) * gradB)
		if next < len(tr.observeAt) && tr.observeAt[next] == step {
			tr.observe(step, m)
			next++
		}
	}
	return m, nil
}

// fixedTargets is the plain cross-entropy: the same labels at every step.
func fixedTargets(labels []float64) func(int, []float64) []float64 {
	return func(int, []float64) []float64 { return labels }
}
