// Package weaktostrong simulates weak-to-strong generalization (Burns et al.
// 2023), small enough to run in a browser: a weak supervisor, trained on a
// little ground truth, labels data for a strong student, which is then
// compared with its supervisor and with its ceiling, the same student trained
// on the truth. It is pure Go, random only through its seed: the same Params
// give the same Result byte for byte, natively and in WebAssembly.
package weaktostrong

import (
	"context"
	"fmt"
	"math"
)

// Result is what one run shows. Accuracies are shares of the test set.
type Result struct {
	Params  Params  `json:"params"` // as run, after clamping
	Weak    float64 `json:"weak"`   // the weak supervisor's accuracy
	Ceiling float64 `json:"ceiling"`
	Naive   Student `json:"naive"` // trained on the weak labels alone
	// Confident is trained with the auxiliary confidence loss; nil when the
	// loss is off.
	Confident *Student `json:"confident,omitempty"`
	View      []Point  `json:"view"`
	Summary   string   `json:"summary"` // the run in one plain sentence
}

// Student is one weakly supervised student.
type Student struct {
	Accuracy float64 `json:"accuracy"`
	// PGR is the performance gap recovered, (student − weak) ÷ (ceiling −
	// weak); null when the ceiling is not at least MinGap above the weak
	// supervisor, since there is then no gap to speak of.
	PGR   *float64     `json:"pgr"`
	Curve []CurvePoint `json:"curve"`
}

// CurvePoint is a student's test accuracy after some steps of training, and
// the gap it had recovered then.
type CurvePoint struct {
	Step     int      `json:"step"`
	Accuracy float64  `json:"accuracy"`
	PGR      *float64 `json:"pgr"`
}

// Point is a test example drawn in the plane of the two latents that decide
// the labels: X is the truth's direction (the truth is X > 0) and Y the
// feature the weak supervisor's imitable errors follow. Labels are 0 or 1.
type Point struct {
	X         float64 `json:"x"`
	Y         float64 `json:"y"`
	Truth     int     `json:"truth"`
	WeakLabel int     `json:"weakLabel"`
	WeakWrong bool    `json:"weakWrong"`
	Naive     int     `json:"naive"`               // the naive student's prediction
	Confident *int    `json:"confident,omitempty"` // the confident student's, when it runs
}

const (
	// MinGap is the smallest ceiling − weak gap (a share of the test set)
	// over which PGR is reported.
	MinGap = 0.01

	curvePoints = 30
	viewPoints  = 300
	// warmupPercent is the part of training over which the confidence loss
	// ramps in, as in openai/weak-to-strong.
	warmupPercent = 10

	studentRate = 0.15
	weakRate    = 0.5
	weakSteps   = 300
)

// Run trains the weak supervisor, the naive student, the confident student
// (when the confidence loss is on) and the ceiling, and measures them on the
// test set. It returns ctx.Err() as soon as it sees ctx done.
func Run(ctx context.Context, p Params) (Result, error) {
	p = FromSetting(p.Setting())
	t := newTask(p.Salience, weakNoise(p.WeakStrength/100), p.Imitable/100, p.Seed)
	groundTruth := t.sample(groundTruthSize, streamGroundTruth)
	train := t.sample(trainSize, streamTrain)
	test := t.sample(testSize, streamTest)

	weak, err := training{
		x: groundTruth.weak, dim: weakDim, steps: weakSteps, rate: weakRate,
		targets: fixedTargets(groundTruth.truth),
	}.run(ctx)
	if err != nil {
		return Result{}, err
	}
	weakLabels := make([]float64, train.n)
	for i := range weakLabels {
		weakLabels[i] = weak.prob(train.weak[i*weakDim : (i+1)*weakDim])
	}

	r := Result{Params: p, Weak: weak.accuracy(test.weak, weakDim, test.truth)}
	ceiling, err := trainStudent(ctx, p.Steps, train, test, fixedTargets(train.truth), nil)
	if err != nil {
		return Result{}, err
	}
	r.Ceiling = ceiling.accuracy(test.strong, strongDim, test.truth)

	var naiveCurve []CurvePoint
	naive, err := trainStudent(ctx, p.Steps, train, test, fixedTargets(weakLabels), &naiveCurve)
	if err != nil {
		return Result{}, err
	}
	r.Naive = r.student(naive, test, naiveCurve)

	var confident *logreg
	if p.Confidence {
		warmup := max(1, p.Steps*warmupPercent/100)
		loss := newConfidenceLoss(weakLabels, p.Alpha, warmup)
		var curve []CurvePoint
		m, err := trainStudent(ctx, p.Steps, train, test, loss.targets, &curve)
		if err != nil {
			return Result{}, err
		}
		s := r.student(m, test, curve)
		r.Confident, confident = &s, &m
	}
	r.View = view(test, weak, naive, confident)
	r.Summary = r.summary()
	return r, nil
}

// weakNoise is the spread of noise on z0 that leaves a reading of z0 right
// with the given probability: P(sign(z0 + σ·e) = sign(z0)) = ½ + atan(1/σ)/π
// for independent standard normals z0 and e.
func weakNoise(accuracy float64) float64 {
	return cot(math.Pi * (accuracy - 0.5))
}

// trainStudent trains a logistic regression on the student's features
// towards the targets, and records its test accuracy along the way in curve
// (when curve is not nil).
func trainStudent(ctx context.Context, steps int, train, test dataset, targets func(int, []float64) []float64, curve *[]CurvePoint) (logreg, error) {
	tr := training{x: train.strong, dim: strongDim, steps: steps, rate: studentRate, targets: targets}
	if curve != nil {
		tr.observeAt = curveSteps(steps)
		tr.observe = func(step int, m logreg) {
			*curve = append(*curve, CurvePoint{Step: step, Accuracy: m.accuracy(test.strong, strongDim, test.truth)})
		}
	}
	return tr.run(ctx)
}

// curveSteps spreads the curve's points evenly over training, ending at its
// last step.
func curveSteps(steps int) []int {
	var at []int
	for k := 1; k <= curvePoints; k++ {
		s := (k*steps + curvePoints - 1) / curvePoints
		if len(at) == 0 || at[len(at)-1] != s {
			at = append(at, s)
		}
	}
	return at
}

func (r Result) student(m logreg, test dataset, curve []CurvePoint) Student {
	acc := m.accuracy(test.strong, strongDim, test.truth)
	for i := range curve {
		curve[i].PGR = pgr(curve[i].Accuracy, r.Weak, r.Ceiling)
	}
	return Student{Accuracy: acc, PGR: pgr(acc, r.Weak, r.Ceiling), Curve: curve}
}

// pgr is the performance gap recovered, or nil when there is no gap.
func pgr(student, weak, ceiling float64) *float64 {
	if ceiling-weak < MinGap {
		return nil
	}
	v := (student - weak) / (ceiling - weak)
	return &v
}

// view is the first viewPoints test examples, with every model's label.
func view(test dataset, weak logreg, naive logreg, confident *logreg) []Point {
	n := min(viewPoints, test.n)
	points := make([]Point, n)
	for i := range points {
		strong := test.strong[i*strongDim : (i+1)*strongDim]
		weakLabel := weak.predict(test.weak[i*weakDim : (i+1)*weakDim])
		points[i] = Point{
			X: test.z0[i], Y: test.z1[i],
			Truth:     int(test.truth[i]),
			WeakLabel: int(weakLabel),
			WeakWrong: weakLabel != test.truth[i],
			Naive:     int(naive.predict(strong)),
		}
		if confident != nil {
			label := int(confident.predict(strong))
			points[i].Confident = &label
		}
	}
	return points
}

// summary says the run in one sentence, the page's text twin of its chart.
func (r Result) summary() string {
	s := fmt.Sprintf("The student reached %s where its teacher had %s and its ceiling %s", percent(r.Naive.Accuracy), percent(r.Weak), percent(r.Ceiling))
	if r.Naive.PGR == nil {
		return s + ": with no gap between teacher and ceiling, there was no gap to recover."
	}
	s += ": it " + recovered(*r.Naive.PGR)
	if c := r.Confident; c != nil {
		s += fmt.Sprintf("; with the confidence loss it reached %s and %s", percent(c.Accuracy), recovered(*c.PGR))
	}
	return s + "."
}

// recovered says what a PGR means in words.
func recovered(pgr float64) string {
	switch {
	case pgr < 0:
		return "did worse than its teacher"
	case pgr > 1:
		return "did better than its ceiling"
	}
	return "recovered " + percent(pgr) + " of the gap"
}

func percent(share float64) string { return fmt.Sprintf("%.0f%%", 100*share) }
