package labs

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"oversight/lab"
	"oversight/sim/control"
)

// The control lab's protocol keys (sim/control's), and the tone each
// protocol is drawn in: its point, its sweep and the paper's points.
var protocolTones = map[string]string{
	"no-untrusted":         "muted",
	"upfront-auditing":     "tone-5",
	"trusted-monitoring":   "tone-3",
	"defer-to-trusted":     "tone-1",
	"trusted-editing":      "tone-2",
	"untrusted-monitoring": "tone-4",
}

// askedUsefulness is the usefulness at which the prediction asks which
// protocol is safest: about where the paper's best protocols sit.
const askedUsefulness = 0.95

// plotFrom is where the plot's usefulness axis starts: the sweeps end
// near 50%, and the protocols crowd above 90%. A point less useful (the
// trusted model alone) is drawn at the axis's edge, its label saying so.
const plotFrom = 0.5

// sweepRows are the thresholds at which the text twin lists the sweeps:
// those the paper reports.
var sweepRows = []float64{0.05, 0.10, 0.20, 0.50}

// controlGame is the lab of Greenblatt et al. 2023: the learner picks a
// protocol for using an untrusted model, a red team answers each protocol
// with its worst attack, and the page plots safety against usefulness.
func controlGame() Lab {
	return Lab{
		Info: lab.Info{
			ID:      "control",
			Title:   "The control game",
			Concept: "control-and-containment",
			Summary: "Choose a protocol for using a model that may be trying to slip backdoors past you, let a red team answer it, and see safety against usefulness.",
			Intro: "An untrusted strong model writes the code for 5,000 tasks and may hide a backdoor in some; a trusted weaker model rates how suspicious each solution looks, and trusted humans can check 2% of them by hand. " +
				"For every protocol, a red team picks the attack that leaves the least safety. Which protocol keeps you safest while keeping most of the strong model’s usefulness? Predict, then run.",
			Shows: "This toy plays the paper’s game in miniature: suspicion scores from a trusted monitor, a small audit budget, and a red team that chooses how often, and on which tasks, to attack each protocol. " +
				"It shows why auditing at random barely helps, why a monitor pays off only as far as it can tell backdoors from honest code, and how handing suspicious tasks to the trusted model buys safety with usefulness.",
			DoesNot: "It does not show how real models attack or how well a real monitor reads code: suspicion here is two overlapping bell curves, the red team searches only the attacks the toy knows, and the numbers are tuned to sit near the paper’s, not measured. " +
				"Nor does it say that a protocol that holds here would hold against a much stronger model.",
			Caveat:       "control-assumes-untrusted-model",
			ConceptTitle: "Control and containment",
			CaveatTitle:  "Control assumes the model may be an adversary",
			Spec:         control.Spec(),
			Predict: lab.Prediction{
				Question: "Which protocol will be safest at about 95% usefulness?",
				Choices:  predictedProtocols(),
				Guess:    "Your guess of its safety there",
				Help: "Safety is the chance that no working backdoor gets through in the whole deployment. Usefulness is rescaled: 0% is the trusted model alone, 100% the untrusted model alone. " +
					"A protocol with a threshold may lower it to reach 95%.",
				Measure: "Safety",
				Unit:    "%",
				Min:     0, Max: 100, Step: 5, Default: 50,
			},
			Reported: reportedControl(),
			Reviewed: "2026-12-04",
		},
		Run: runControl,
	}
}

// predictedProtocols are the answers to the prediction: every protocol
// that uses the untrusted model (without it, usefulness is nil).
func predictedProtocols() []lab.Option {
	param, _ := control.Spec().Param("protocol")
	var choices []lab.Option
	for _, o := range param.Options {
		if o.Key != "no-untrusted" {
			choices = append(choices, o)
		}
	}
	return choices
}

// reportedControl lists the paper's points for each protocol at the lab's
// default thresholds; the chart shows them all.
func reportedControl() []lab.Fact {
	defaults := control.DefaultParams()
	shown := map[string]float64{
		"no-untrusted": 0, "upfront-auditing": 0, "trusted-monitoring": 0, "untrusted-monitoring": 0,
		"defer-to-trusted": defaults.DeferThreshold, "trusted-editing": defaults.EditThreshold,
	}
	var facts []lab.Fact
	for _, r := range control.ReportedPoints() {
		if threshold, ok := shown[r.Protocol]; !ok || math.Abs(threshold-r.Threshold) > 1e-9 {
			continue
		}
		about := lowerFirstWord(r.Label) + ", against the red team’s best attack"
		if len(facts) == 0 {
			// The setting, said once.
			about = lowerFirstWord(r.Label) + ", in the paper’s setting: 5,000 programming problems, GPT-4 untrusted, GPT-3.5 trusted, 2% of problems audited by hand"
		}
		facts = append(facts, lab.Fact{
			Value: fmt.Sprintf("%s safety at %s usefulness", share(r.Safety), share(r.Usefulness)),
			About: about,
			Cite:  r.Citation,
			Where: r.Where,
		})
	}
	return facts
}

func runControl(ctx context.Context, set lab.Setting) (lab.Report, error) {
	r, err := control.Run(ctx, control.FromSetting(set))
	if err != nil {
		return lab.Report{}, err
	}
	best, safety := safestAt(r, askedUsefulness)
	value := 100 * safety
	return lab.Report{
		Query:   control.Spec().Query(clamped(control.Spec(), set)),
		Summary: r.Summary,
		Outcome: lab.Outcome{Choice: best, Value: &value, Text: share(safety)},
		Figures: []lab.Figure{tradeOffFigure(r, best, safety), attackFigure(r)},
	}, nil
}

// clamped is the setting a run reads: each value in its range and on its
// step, a missing one at its default.
func clamped(spec lab.Spec, set lab.Setting) lab.Setting {
	out := spec.Defaults()
	for _, p := range spec.Params {
		if v, ok := set[p.Key]; ok {
			out[p.Key] = p.Clamp(v)
		}
	}
	return out
}

// safestAt finds the protocol with the most safety at a usefulness of at
// least u: a protocol with a threshold may lower it along its sweep to
// get there, one without counts only if it is that useful as it is. It
// returns the protocol's key and its safety.
func safestAt(r control.Result, u float64) (string, float64) {
	best, bestSafety := "", -1.0
	for _, p := range r.Protocols {
		if p.Protocol == "no-untrusted" {
			continue
		}
		points := []control.Point{p}
		if c, ok := curveOf(r, p.Protocol); ok {
			points = c.Points
		}
		if s, ok := safetyAtUsefulness(points, u); ok && s > bestSafety {
			best, bestSafety = p.Protocol, s
		}
	}
	return best, max(bestSafety, 0)
}

// safetyAtUsefulness is the most safety a sweep's points reach with a
// usefulness of at least u, interpolating where the sweep crosses u.
func safetyAtUsefulness(points []control.Point, u float64) (float64, bool) {
	best, found := 0.0, false
	keep := func(s float64) {
		if !found || s > best {
			best, found = s, true
		}
	}
	for i, p := range points {
		if p.Usefulness >= u {
			keep(p.Safety)
		}
		if i > 0 {
			a := points[i-1]
			if (a.Usefulness-u)*(p.Usefulness-u) < 0 {
				t := (a.Usefulness - u) / (a.Usefulness - p.Usefulness)
				keep(a.Safety + t*(p.Safety-a.Safety))
			}
		}
	}
	return best, found
}

func curveOf(r control.Result, key string) (control.Curve, bool) {
	for _, c := range r.Curves {
		if c.Protocol == key {
			return c, true
		}
	}
	return control.Curve{}, false
}

// tradeOffFigure is the paper's picture: safety against usefulness, every
// protocol a point, the thresholds swept as curves, the learner's protocol
// ringed and the paper's points beside the toy's.
func tradeOffFigure(r control.Result, best string, bestSafety float64) lab.Figure {
	chart := lab.Chart{
		Kind: lab.ScatterChart,
		X:    lab.Axis{Label: "Usefulness (0% trusted model alone, 100% untrusted alone)", Min: plotFrom, Max: 1, Ticks: []float64{0.5, 0.6, 0.7, 0.8, 0.9, 1}, Percent: true},
		Y:    lab.Axis{Label: "Safety", Min: 0, Max: 1, Ticks: []float64{0, 0.25, 0.5, 0.75, 1}, Percent: true},
	}
	// The protocols are told apart by colour in the legend and by name in
	// the table: labels on a dozen points within a few percent of each
	// other would cover each other and the curves. Only the learner's
	// protocol, and a point off the scale, are named on the plot.
	for _, p := range r.Protocols {
		chart.Legend = append(chart.Legend, lab.Key{Class: protocolTones[p.Protocol] + " large", Label: legendLabel(p)})
	}
	chart.Legend = append(chart.Legend,
		lab.Key{Class: "muted large ring", Label: "your protocol"},
		lab.Key{Class: "muted", Label: "a threshold swept from 0 to 50%", Line: true},
		lab.Key{Class: "muted diamond", Label: "reported in the paper"},
	)
	for _, c := range r.Curves {
		s := lab.Series{Name: c.Label, Class: protocolTones[c.Protocol]}
		for _, p := range c.Points {
			s.Points = append(s.Points, lab.Point{X: p.Usefulness, Y: p.Safety})
		}
		chart.Series = append(chart.Series, s)
	}
	for _, rep := range r.Reported {
		chart.Dots = append(chart.Dots, lab.Dot{X: rep.Usefulness, Y: rep.Safety, Class: protocolTones[rep.Protocol] + " diamond"})
	}
	for _, p := range r.Protocols {
		class := protocolTones[p.Protocol] + " large"
		if p.Chosen {
			class += " ring"
		}
		label := ""
		switch {
		case p.Usefulness < plotFrom:
			label = "← " + shortLabel(p) + ", " + share(p.Usefulness) + " useful"
		case p.Chosen:
			label = shortLabel(p)
		}
		chart.Dots = append(chart.Dots, lab.Dot{X: p.Usefulness, Y: p.Safety, Class: class, Label: label})
	}
	chosen := chosenPoint(r)
	sentence := fmt.Sprintf("Against the red team, %s reaches %s safety at %s usefulness. At %s usefulness the safest protocol is %s, at %s safety. "+
		"The diamonds are the paper’s own points, from its Table 7; the table gives the paper’s safety and usefulness beside the toy’s.",
		lowerFirstWord(chosen.Label), share(chosen.Safety), share(chosen.Usefulness), share(askedUsefulness), lowerFirstWord(protocolName(best)), share(bestSafety))
	return lab.Figure{
		ID:       "trade-off",
		Title:    "Safety against usefulness",
		Sentence: sentence,
		Table:    lab.Table{Head: []string{"Protocol", "Safety", "Usefulness", "The paper"}, Rows: tradeOffRows(r)},
		Chart:    chart,
	}
}

// tradeOffRows list every protocol as played, then the sweeps at the
// thresholds the paper reports, each beside the paper's point if it has one.
func tradeOffRows(r control.Result) [][]string {
	var rows [][]string
	listed := map[string]bool{}
	row := func(p control.Point, name string) {
		key := p.Protocol + "@" + strconv.FormatFloat(p.Threshold, 'f', 4, 64)
		if listed[key] {
			return
		}
		listed[key] = true
		paper := "–"
		for _, rep := range r.Reported {
			if rep.Protocol == p.Protocol && math.Abs(rep.Threshold-p.Threshold) < 1e-9 {
				paper = share(rep.Safety) + ", " + share(rep.Usefulness)
			}
		}
		rows = append(rows, []string{name, share(p.Safety), share(p.Usefulness), paper})
	}
	for _, p := range r.Protocols {
		name := p.Label
		if p.Chosen {
			name += " (your protocol)"
		}
		row(p, name)
	}
	for _, c := range r.Curves {
		for _, p := range c.Points {
			for _, t := range sweepRows {
				if math.Abs(p.Threshold-t) < 1e-9 {
					row(p, p.Label)
				}
			}
		}
	}
	return rows
}

// attackFigure follows one attempt of the red team's answer to the chosen
// protocol: how often it is audited, stopped by the trusted model, or gets
// through and works; and how the deployments went.
func attackFigure(r control.Result) lab.Figure {
	p := chosenPoint(r)
	a := p.Attack
	through := max(0, 1-a.Audited-a.Stopped)
	if a.Kind == "none" {
		through = 0 // no attempts: nothing gets through
	}
	sim := r.Simulation
	bars := []lab.Bar{
		{Label: "Audited", Value: a.Audited, Text: share(a.Audited), Class: "tone-2"},
		{Label: "Stopped", Value: a.Stopped, Text: share(a.Stopped), Class: "tone-1"},
		{Label: "Submitted", Value: through, Text: share(through), Class: "tone-3"},
		{Label: "Worked", Value: through * a.Works, Text: share(through * a.Works), Class: "tone-5"},
	}
	// The table says in full what the bars' short labels stand for.
	fates := []string{
		"Audited, and so caught",
		"Stopped by the trusted model (T): its own code used, or its edit",
		"Submitted unaudited and intact",
		"Worked: submitted, and the backdoor works",
	}
	rows := make([][]string, 0, len(bars)+3)
	for i, b := range bars {
		rows = append(rows, []string{fates[i], b.Text})
	}
	rows = append(rows,
		[]string{"Attempts in a deployment of " + thousands(r.Tasks) + " tasks", fmt.Sprintf("about %.0f", a.Attempts)},
		[]string{"Safety (the chance no backdoor works), exact", share(p.Safety)},
		[]string{fmt.Sprintf("Safety in %s simulated deployments (seed %d)", thousands(sim.Deployments), r.Params.Seed), fmt.Sprintf("%s ± %s", share(sim.Safety), share(sim.StdErr))},
	)
	return lab.Figure{
		ID:       "attack",
		Title:    "The red team’s answer to " + lowerFirstWord(p.Label),
		Sentence: a.Description,
		Table:    lab.Table{Head: []string{"What becomes of one attempt", "Share"}, Rows: rows},
		Chart: lab.Chart{
			Kind: lab.BarChart,
			Y:    lab.Axis{Label: "Share of its attempts", Min: 0, Max: 1, Ticks: []float64{0, 0.25, 0.5, 0.75, 1}, Percent: true},
			Bars: bars,
		},
	}
}

func chosenPoint(r control.Result) control.Point {
	for _, p := range r.Protocols {
		if p.Chosen {
			return p
		}
	}
	return r.Protocols[0]
}

// shortLabel names a protocol's point on the chart, short enough to sit
// beside it.
func shortLabel(p control.Point) string {
	switch p.Protocol {
	case "no-untrusted":
		return "Trusted model alone"
	case "untrusted-monitoring":
		return "Untrusted monitor"
	}
	return p.Label
}

// legendLabel names a protocol in the plot's legend.
func legendLabel(p control.Point) string {
	if p.Protocol == "no-untrusted" {
		return "Trusted model alone"
	}
	return p.Label
}

func protocolName(key string) string {
	param, _ := control.Spec().Param("protocol")
	for _, o := range param.Options {
		if o.Key == key {
			return o.Label
		}
	}
	return key
}

// share writes a share of 1 as a whole percentage.
func share(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) }

// thousands writes a count with its thousands separated: "5,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
