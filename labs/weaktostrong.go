package labs

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"oversight/lab"
	"oversight/sim/weaktostrong"
)

// The tones of the stylesheet's palette each part is drawn in.
const (
	toneWeak      = "tone-3"
	toneStudent   = "tone-1"
	toneConfident = "tone-2"
	toneCeiling   = "muted"
	toneLabel1    = "tone-1"
	toneLabel0    = "tone-3"
)

// weakToStrong is the lab of Burns et al. 2023: a weak supervisor's labels
// train a strong student, which is measured against both.
func weakToStrong() Lab {
	return Lab{
		Info: lab.Info{
			ID:      "weak-to-strong",
			Title:   "Weak-to-strong generalization",
			Concept: "weak-to-strong-generalization",
			Summary: "Train a strong student on a weak supervisor’s labels and see how much of the gap to its ceiling it recovers.",
			Intro: "A weak supervisor, trained on a little ground truth, labels data for a strong student, which learns from those labels alone. " +
				"Does the student beat its teacher, and how much of the gap to its ceiling – the same student trained on the truth – does it recover? Predict, then run.",
			Shows: "This toy shows the paper’s measure, the performance gap recovered (PGR), on a problem small enough to run in your browser: " +
				"logistic regressions on synthetic data, where a student beats its teacher when the truth stands out in its own features and the teacher’s errors are noise it cannot copy.",
			DoesNot:      "It does not show that language models behave this way: it is a linear toy, not a claim about them, and a small model supervising a larger one only stands in for people supervising a superhuman one.",
			Caveat:       "analogy-may-break",
			ConceptTitle: "Weak-to-strong generalization",
			CaveatTitle:  "The analogy may break",
			Spec:         weaktostrong.Spec(),
			Predict: lab.Prediction{
				Question: "Will the student, trained on the weak labels alone, beat its teacher?",
				Guess:    "Your guess of the share of the gap it recovers (PGR)",
				Help:     "PGR is 0 when the student only matches its teacher, 1 when it matches its ceiling, and below 0 when it does worse than its teacher.",
				Measure:  "PGR",
				Min:      -0.5, Max: 1.5, Step: 0.05, Default: 0.5,
			},
			Reported: reportedWeakToStrong(),
			Reviewed: "2026-12-04",
		},
		Run: runWeakToStrong,
	}
}

func reportedWeakToStrong() []lab.Fact {
	reported := weaktostrong.Reported()
	facts := make([]lab.Fact, len(reported))
	for i, f := range reported {
		facts[i] = lab.Fact{Value: f.Value, About: f.About, Cite: f.Cite, Where: f.Where}
	}
	return facts
}

func runWeakToStrong(ctx context.Context, set lab.Setting) (lab.Report, error) {
	r, err := weaktostrong.Run(ctx, weaktostrong.FromSetting(set))
	if err != nil {
		return lab.Report{}, err
	}
	outcome := lab.Outcome{Yes: r.Naive.Accuracy > r.Weak, Value: r.Naive.PGR, Text: "no PGR: the ceiling is not above the teacher"}
	if r.Naive.PGR != nil {
		outcome.Text = formatPGR(*r.Naive.PGR)
	}
	return lab.Report{
		Query:   weaktostrong.Spec().Query(r.Params.Setting()),
		Summary: r.Summary,
		Outcome: outcome,
		Figures: []lab.Figure{accuracyFigure(r), curveFigure(r), viewFigure(r)},
	}, nil
}

// students are the weakly supervised students of a run, each with its name
// and the class its marks are drawn in.
func students(r weaktostrong.Result) []namedStudent {
	s := []namedStudent{{"Student", toneStudent, r.Naive}}
	if r.Confident != nil {
		s = append(s, namedStudent{"Student with confidence loss", toneConfident, *r.Confident})
	}
	return s
}

type namedStudent struct {
	name, class string
	weaktostrong.Student
}

// accuracyFigure is the paper's picture: the teacher, the students and the
// ceiling side by side, with the gap between teacher and ceiling marked.
func accuracyFigure(r weaktostrong.Result) lab.Figure {
	bars := []lab.Bar{{Label: "Weak teacher", Value: r.Weak, Text: percent(r.Weak), Class: toneWeak}}
	rows := [][]string{{"Weak teacher", percent(r.Weak), "–"}}
	for _, s := range students(r) {
		bars = append(bars, lab.Bar{Label: s.name, Value: s.Accuracy, Text: percent(s.Accuracy), Class: s.class})
		rows = append(rows, []string{s.name, percent(s.Accuracy), pgrText(s.PGR)})
	}
	bars = append(bars, lab.Bar{Label: "Ceiling", Value: r.Ceiling, Text: percent(r.Ceiling), Class: toneCeiling})
	rows = append(rows, []string{"Ceiling (trained on the truth)", percent(r.Ceiling), "–"})
	chart := lab.Chart{
		Kind: lab.BarChart,
		Y:    lab.Axis{Label: "Test accuracy", Min: 0.5, Max: 1, Ticks: []float64{0.5, 0.6, 0.7, 0.8, 0.9, 1}, Percent: true},
		Bars: bars,
	}
	if r.Naive.PGR != nil {
		chart.Bracket = &lab.Bracket{From: 0, To: len(bars) - 1, Label: "the gap"}
		for i, s := range students(r) {
			chart.Bracket.Marks = append(chart.Bracket.Marks, lab.Mark{Bar: i + 1, Label: "PGR " + formatPGR(*s.PGR)})
		}
	}
	return lab.Figure{
		ID:       "accuracy",
		Title:    "Teacher, student and ceiling",
		Sentence: r.Summary,
		Table:    lab.Table{Head: []string{"Model", "Test accuracy", "PGR"}, Rows: rows},
		Chart:    chart,
	}
}

// curveFigure follows each student's PGR as it trains: where it crosses 0
// it has caught up with its teacher, and 1 is its ceiling. With no gap
// there is no PGR, and the curve shows accuracy instead.
func curveFigure(r weaktostrong.Result) lab.Figure {
	if r.Naive.PGR == nil {
		return accuracyCurveFigure(r)
	}
	chart := lab.Chart{
		Kind: lab.LineChart,
		X:    lab.Axis{Label: "Training steps", Min: 0, Max: float64(r.Params.Steps), Ticks: stepTicks(r.Params.Steps)},
		Levels: []lab.Level{
			{Y: 0, Label: "teacher", Class: toneWeak},
			{Y: 1, Label: "ceiling", Class: toneCeiling},
		},
	}
	head := []string{"Training steps"}
	lo, hi := 0.0, 1.0
	for _, s := range students(r) {
		series := lab.Series{Name: s.name, Class: s.class}
		for _, p := range s.Curve {
			series.Points = append(series.Points, lab.Point{X: float64(p.Step), Y: *p.PGR})
			lo, hi = math.Min(lo, *p.PGR), math.Max(hi, *p.PGR)
		}
		chart.Series = append(chart.Series, series)
		chart.Legend = append(chart.Legend, lab.Key{Class: s.class, Label: s.name})
		head = append(head, s.name+": PGR")
	}
	lo, hi = math.Floor(lo*4)/4, math.Ceil(hi*4)/4
	chart.Y = lab.Axis{Label: "PGR", Min: lo, Max: hi, Ticks: quarterTicks(lo, hi)}
	return lab.Figure{
		ID:       "curve",
		Title:    "The gap recovered as the student trains",
		Sentence: curveSentence(r),
		Table:    lab.Table{Head: head, Rows: curveRows(r, func(p weaktostrong.CurvePoint) string { return formatPGR(*p.PGR) })},
		Chart:    chart,
	}
}

func accuracyCurveFigure(r weaktostrong.Result) lab.Figure {
	chart := lab.Chart{
		Kind: lab.LineChart,
		X:    lab.Axis{Label: "Training steps", Min: 0, Max: float64(r.Params.Steps), Ticks: stepTicks(r.Params.Steps)},
		Y:    lab.Axis{Label: "Test accuracy", Min: 0.5, Max: 1, Ticks: []float64{0.5, 0.75, 1}, Percent: true},
		Levels: []lab.Level{
			{Y: r.Weak, Label: "teacher", Class: toneWeak},
			{Y: r.Ceiling, Label: "ceiling", Class: toneCeiling},
		},
	}
	head := []string{"Training steps"}
	for _, s := range students(r) {
		series := lab.Series{Name: s.name, Class: s.class}
		for _, p := range s.Curve {
			series.Points = append(series.Points, lab.Point{X: float64(p.Step), Y: p.Accuracy})
		}
		chart.Series = append(chart.Series, series)
		chart.Legend = append(chart.Legend, lab.Key{Class: s.class, Label: s.name})
		head = append(head, s.name+": accuracy")
	}
	return lab.Figure{
		ID:       "curve",
		Title:    "The student’s accuracy as it trains",
		Sentence: "The ceiling is not above the teacher in this run, so there is no gap to recover: the chart shows accuracy instead of PGR.",
		Table:    lab.Table{Head: head, Rows: curveRows(r, func(p weaktostrong.CurvePoint) string { return percent(p.Accuracy) })},
		Chart:    chart,
	}
}

// curveRows lists every fifth point of the curves, and the last: enough to
// read the shape without a table of thirty rows.
func curveRows(r weaktostrong.Result, cell func(weaktostrong.CurvePoint) string) [][]string {
	all := students(r)
	var rows [][]string
	for i, p := range r.Naive.Curve {
		if (i+1)%5 != 0 && i != len(r.Naive.Curve)-1 {
			continue
		}
		row := []string{strconv.Itoa(p.Step)}
		for _, s := range all {
			row = append(row, cell(s.Curve[i]))
		}
		rows = append(rows, row)
	}
	return rows
}

// curveSentence says where the naive student's PGR ends and how far it
// fell from its best, which is what early stopping would keep.
func curveSentence(r weaktostrong.Result) string {
	curve := r.Naive.Curve
	best := curve[0]
	for _, p := range curve {
		if *p.PGR > *best.PGR {
			best = p
		}
	}
	last := curve[len(curve)-1]
	s := fmt.Sprintf("The student’s PGR ends at %s after %d steps", formatPGR(*last.PGR), last.Step)
	if best.Step != last.Step && *best.PGR-*last.PGR >= 0.05 {
		return s + fmt.Sprintf("; it was highest, %s, after %d steps: stopping early would have kept more.", formatPGR(*best.PGR), best.Step)
	}
	return s + "."
}

// viewFigure draws test examples in the plane of the two latents that
// decide the labels, marking the weak supervisor's errors and which of
// them the student copied.
func viewFigure(r weaktostrong.Result) lab.Figure {
	var weakWrong, copied, ownErrors int
	// Half the examples the run gives are enough to see the pattern, and
	// half the marks to lay out when the page places the chart.
	points := r.View[:len(r.View)/2]
	dots := make([]lab.Dot, len(points))
	for i, p := range points {
		class := toneLabel0
		if p.Truth == 1 {
			class = toneLabel1
		}
		studentWrong := p.Naive != p.Truth
		switch {
		case p.WeakWrong && studentWrong:
			class += " ring cross"
			weakWrong++
			copied++
		case p.WeakWrong:
			class += " ring"
			weakWrong++
		case studentWrong:
			ownErrors++
		}
		dots[i] = lab.Dot{X: p.X, Y: p.Y, Class: class}
	}
	n := len(points)
	return lab.Figure{
		ID:    "view",
		Title: "The data, and the teacher’s mistakes",
		Sentence: fmt.Sprintf("Of the %d test examples drawn, the weak teacher labels %d wrongly and the student copies %d of those mistakes; it makes %d of its own.",
			n, weakWrong, copied, ownErrors),
		Table: lab.Table{
			Head: []string{"Test examples drawn", "Count"},
			Rows: [][]string{
				{"All", strconv.Itoa(n)},
				{"Labelled wrongly by the weak teacher", strconv.Itoa(weakWrong)},
				{"… and by the student too (copied)", strconv.Itoa(copied)},
				{"Wrong by the student alone", strconv.Itoa(ownErrors)},
			},
		},
		Chart: lab.Chart{
			Kind: lab.ScatterChart,
			X:    lab.Axis{Label: "The truth’s direction (label 1 right of 0)", Min: -3, Max: 3, Ticks: []float64{-3, -2, -1, 0, 1, 2, 3}},
			Y:    lab.Axis{Label: "What the copyable errors follow", Min: -3, Max: 3, Ticks: []float64{-3, -2, -1, 0, 1, 2, 3}},
			Dots: dots,
			Legend: []lab.Key{
				{Class: toneLabel1, Label: "true label 1"},
				{Class: toneLabel0, Label: "true label 0"},
				{Class: "muted ring", Label: "the teacher’s mistake (ringed)"},
				{Class: "muted ring cross", Label: "a mistake the student copied (crossed)"},
			},
		},
	}
}

func stepTicks(steps int) []float64 {
	return []float64{0, float64(steps) / 2, float64(steps)}
}

// quarterTicks are ticks every quarter between lo and hi, or every half
// when that would be more than nine.
func quarterTicks(lo, hi float64) []float64 {
	step := 0.25
	if (hi-lo)/step > 8 {
		step = 0.5
	}
	var ticks []float64
	for v := lo; v <= hi+1e-9; v += step {
		ticks = append(ticks, math.Round(v*100)/100)
	}
	return ticks
}

func percent(share float64) string { return fmt.Sprintf("%.0f%%", 100*share) }

func formatPGR(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if s == "-0.00" {
		return "0.00"
	}
	return s
}

func pgrText(v *float64) string {
	if v == nil {
		return "none (no gap)"
	}
	return formatPGR(*v)
}
