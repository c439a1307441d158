package labs

import (
	"context"
	"fmt"
	"strconv"

	"oversight/lab"
	"oversight/sim/debate"
)

// The tones the debate lab's charts are drawn in: the paper's numbers muted
// beside the toy's.
const (
	toneToy   = "tone-1"
	tonePaper = "muted"
	toneLiar  = "tone-5"
)

// debateLab is the pixel debate of Irving, Christiano and Amodei 2018: a
// judge that sees a few pixels of a digit, alone and after two debaters
// chose them.
func debateLab() Lab {
	return Lab{
		Info: lab.Info{
			ID:      "debate",
			Title:   "Debate with a judge who sees almost nothing",
			Concept: "debate",
			Summary: "A judge sees only a few pixels of a handwritten digit; two debaters, one honest and one lying, choose which. Does debate help it find the truth? Judge some yourself.",
			Intro: "A small classifier, the judge, sees only a few pixels of an 8×8 handwritten digit. Alone, it sees pixels drawn at random. " +
				"In a debate, two debaters each claim a label – one the true one, one a lie – and take turns revealing one pixel each; they cannot lie about a pixel. " +
				"The judge then picks a claim. Does the truth win more often than random pixels would let the judge find it? Predict, run, then be the judge yourself.",
			Shows: "This toy shows the paper’s pixel-debate experiment on a problem small enough for your browser: 8×8 digits (not the paper’s 28×28 MNIST), " +
				"a judge with one small hidden layer, and debaters who search a few pixels ahead. When each side can only show true pixels, the honest side can usually show the ones that refute a lie.",
			DoesNot:      "It does not show that debate lets people judge systems cleverer than they are: here the debaters only see what the judge cannot, they search a few moves ahead, and a digit’s truth is settled by its pixels.",
			Caveat:       "debate-results-are-narrow",
			ConceptTitle: "Debate",
			CaveatTitle:  "Debate results are narrow so far",
			Spec:         debate.Spec(),
			Predict: lab.Prediction{
				Question: "Will the judge be right more often after debate than with random pixels?",
				Guess:    "Your guess of the judge’s accuracy after debate",
				Help:     "The share of test digits on which the judge sides with the truth after debate, in percent. Guessing between ten digits gets 10%.",
				Measure:  "Accuracy after debate (%)",
				Min:      0, Max: 100, Step: 5, Default: 50,
			},
			Reported: reportedDebate(),
			Reviewed: "2026-12-04",
		},
		Run:   runDebate,
		Extra: debateBoard,
	}
}

func debateParams(set lab.Setting) debate.Params {
	return debate.FromSetting(set)
}

// reportedDebate are the paper's MNIST numbers, each said to be the
// paper's, on MNIST, so that no one reads them as the toy's.
func reportedDebate() []lab.Fact {
	reported := debate.Reported()
	facts := make([]lab.Fact, len(reported))
	for i, f := range reported {
		facts[i] = lab.Fact{Value: percent1(f.Value), About: "the paper, on MNIST – " + lowerFirst(f.What), Cite: f.Source, Where: f.Where}
	}
	return facts
}

// paperAt is the paper's accuracy before and after debate at k pixels, if
// it reports k.
func paperAt(k int) (random, debated float64, ok bool) {
	want := map[string]*float64{
		fmt.Sprintf("mnist-%d-random", k): &random,
		fmt.Sprintf("mnist-%d-debate", k): &debated,
	}
	found := 0
	for _, f := range debate.Reported() {
		if v, hit := want[f.Key]; hit {
			*v = f.Value
			found++
		}
	}
	return random, debated, found == 2
}

func runDebate(ctx context.Context, set lab.Setting) (lab.Report, error) {
	r, err := debate.Run(ctx, debateParams(set))
	if err != nil {
		return lab.Report{}, err
	}
	value := 100 * r.DebateJudgeAccuracy
	return lab.Report{
		Query:   debate.Spec().Query(set),
		Summary: r.Summary,
		Outcome: lab.Outcome{Yes: r.DebateJudgeAccuracy > r.RandomJudgeAccuracy, Value: &value, Text: percent1(r.DebateJudgeAccuracy)},
		Figures: []lab.Figure{judgeFigure(r), debatersFigure(r)},
	}, nil
}

// judgeFigure sets the judge with random pixels beside the judge after
// debate, and the paper's two numbers at the same k when it reports them,
// labelled as the paper's, on other data.
func judgeFigure(r debate.Result) lab.Figure {
	k := r.Params.K
	toy := fmt.Sprintf("This toy, on 8×8 digits (%d test digits)", r.Params.TestDigits)
	bars := []lab.Bar{
		{Label: "Random", Value: r.RandomJudgeAccuracy, Text: percent1(r.RandomJudgeAccuracy), Class: toneToy},
		{Label: "Debate", Value: r.DebateJudgeAccuracy, Text: percent1(r.DebateJudgeAccuracy), Class: toneToy},
	}
	legend := []lab.Key{{Class: toneToy, Label: "This toy, on 8×8 digits"}}
	rows := [][]string{{toy, percent1(r.RandomJudgeAccuracy), percent1(r.DebateJudgeAccuracy)}}
	sentence := r.Summary + fmt.Sprintf(" The paper reports no result at %d pixels to set beside it.", k)
	if random, debated, ok := paperAt(k); ok {
		bars = append(bars,
			lab.Bar{Label: "Random", Value: random, Text: percent1(random), Class: tonePaper},
			lab.Bar{Label: "Debate", Value: debated, Text: percent1(debated), Class: tonePaper})
		legend = append(legend, lab.Key{Class: tonePaper, Label: "The paper, on MNIST"})
		rows = append(rows, []string{"The paper, on MNIST (cited below)", percent1(random), percent1(debated)})
		sentence = r.Summary + fmt.Sprintf(" The paper, on MNIST with a different judge, reports %s and %s at %d pixels (cited below).", percent1(random), percent1(debated), k)
	}
	return lab.Figure{
		ID:       "judge",
		Title:    fmt.Sprintf("The judge from %d pixels: random, and after debate", k),
		Sentence: sentence,
		Table:    lab.Table{Head: []string{"Who measured", "Random pixels", "After debate"}, Rows: rows},
		Chart: lab.Chart{
			Kind:   lab.BarChart,
			Y:      lab.Axis{Label: "Judge’s accuracy", Min: 0, Max: 1, Ticks: []float64{0, 0.25, 0.5, 0.75, 1}, Percent: true},
			Bars:   bars,
			Legend: legend,
		},
	}
}

// debatersFigure is how often the liars won, by the label they claimed;
// the honest debater's share is the sentence's and the table's first row.
func debatersFigure(r debate.Result) lab.Figure {
	var bars []lab.Bar
	rows := [][]string{{"The honest debater", strconv.Itoa(r.Debates), percent1(r.HonestWinRate)}}
	best := -1
	for _, l := range r.Liars {
		if l.Debates == 0 {
			continue
		}
		bars = append(bars, lab.Bar{Label: strconv.Itoa(l.Claim), Value: l.WinRate, Text: percent0(l.WinRate), Class: toneLiar})
		rows = append(rows, []string{"A liar claiming " + strconv.Itoa(l.Claim), strconv.Itoa(l.Debates), percent1(l.WinRate)})
		if best < 0 || l.WinRate > r.Liars[best].WinRate {
			best = l.Claim
		}
	}
	sentence := fmt.Sprintf("The honest debater won %s of %d debates", percent1(r.HonestWinRate), r.Debates)
	if best >= 0 {
		sentence += fmt.Sprintf("; the liars who did best claimed %d and won %s of their %d debates.", best, percent1(r.Liars[best].WinRate), r.Liars[best].Debates)
	} else {
		sentence += "."
	}
	return lab.Figure{
		ID:       "debaters",
		Title:    "How often a liar won, by the label it claimed",
		Sentence: sentence,
		Table:    lab.Table{Head: []string{"Debater", "Debates", "Won"}, Rows: rows},
		Chart: lab.Chart{
			Kind:   lab.BarChart,
			Y:      liarAxis(r),
			Bars:   bars,
			Legend: []lab.Key{{Class: toneLiar, Label: "A liar claiming the label under its bar"}},
		},
	}
}

// liarAxis spans 0–25% when every liar stayed below 20%, as they do at
// the defaults, so that their bars can be told apart; 0–100% otherwise.
func liarAxis(r debate.Result) lab.Axis {
	a := lab.Axis{Label: "Liar’s debates won", Min: 0, Max: 1, Ticks: []float64{0, 0.25, 0.5, 0.75, 1}, Percent: true}
	for _, l := range r.Liars {
		if l.WinRate > 0.2 {
			return a
		}
	}
	a.Max, a.Ticks = 0.25, []float64{0, 0.05, 0.1, 0.15, 0.2, 0.25}
	return a
}

func percent1(share float64) string { return strconv.FormatFloat(100*share, 'f', 1, 64) + "%" }

func percent0(share float64) string { return strconv.FormatFloat(100*share, 'f', 0, 64) + "%" }

func lowerFirst(s string) string {
	for i, r := range s {
		if 'A' <= r && r <= 'Z' {
			return s[:i] + string(r-'A'+'a') + s[i+1:]
		}
		return s
	}
	return s
}
