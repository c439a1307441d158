package weaktostrong

import (
	"context"
	"testing"
)

func TestLogisticRegressionLearnsALinearRule(t *testing.T) {
	// label = x0 + x1 > 0.5, with x from a grid
	var x, labels []float64
	for i := range 20 {
		for j := range 20 {
			a, b := float64(i)/10-1, float64(j)/10-1
			x = append(x, a, b)
			label := 0.0
			if a+b > 0.5 {
				label = 1
			}
			labels = append(labels, label)
		}
	}
	m, err := training{x: x, dim: 2, steps: 2000, rate: 1, targets: fixedTargets(labels)}.run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if acc := m.accuracy(x, 2, labels); acc < 0.97 {
		t.Fatalf("accuracy %v on the rows it learnt from", acc)
	}
}

func TestTrainingShowsTheModelAtTheStepsAsked(t *testing.T) {
	var seen []int
	_, err := training{
		x: []float64{1, -1}, dim: 1, steps: 10, rate: 0.1, targets: fixedTargets([]float64{1, 0}),
		observeAt: []int{2, 5, 10},
		observe:   func(step int, _ logreg) { seen = append(seen, step) },
	}.run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 3 || seen[0] != 2 || seen[1] != 5 || seen[2] != 10 {
		t.Fatalf("observed at %v", seen)
	}
}
