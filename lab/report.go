package lab

import "fmt"

// Report is what a run of a lab shows, as plain data, drawn the same way
// for every lab (labs.Bench), on the server and in the labs' worker.
type Report struct {
	// Query is the setting that was run, as an address's query (Spec.Query).
	Query   string   `json:"query"`
	Summary string   `json:"summary"` // the run in one plain sentence
	Outcome Outcome  `json:"outcome"`
	Figures []Figure `json:"figures"`
}

// Outcome answers the lab's Prediction.
type Outcome struct {
	Yes bool `json:"yes"` // the answer to a yes or no question
	// Choice is the key of the answer, when the question has Choices.
	Choice string `json:"choice,omitempty"`
	// Value is the measure the learner guessed; nil when the run has none
	// (a weak-to-strong run with no gap has no PGR).
	Value *float64 `json:"value"`
	Text  string   `json:"text"` // the value as the page shows it, or why there is none
}

// Figure is one chart and its text twin: a table and one sentence, for
// screen readers and for anyone who prefers numbers to shapes.
type Figure struct {
	ID       string `json:"id"` // unique on the page: an element id
	Title    string `json:"title"`
	Sentence string `json:"sentence"`
	Table    Table  `json:"table"`
	Chart    Chart  `json:"chart"`
}

// Table is a figure's numbers. The first column names each row.
type Table struct {
	Head []string   `json:"head"`
	Rows [][]string `json:"rows"`
}

// ChartKind says how a chart is drawn.
type ChartKind string

const (
	BarChart     ChartKind = "bars"    // one bar per value, from zero
	LineChart    ChartKind = "lines"   // series of points joined by lines
	ScatterChart ChartKind = "scatter" // dots in a plane
)

// Chart is what the app draws as SVG. A class is a tone of the stylesheet's
// palette, tone-1 to tone-5 or muted (see .lab-chart in web/style.css), so
// that every lab's charts share a look and follow the theme; a dot's class
// may add the marks "ring" (drawn around it) and "cross" (over it), "large"
// (a bigger dot) and "diamond" (an open diamond instead of a dot).
type Chart struct {
	Kind ChartKind `json:"kind"`
	// X and Y are the axes' names and ranges (a bar chart's Y only).
	X Axis `json:"x"`
	Y Axis `json:"y"`
	// Bars, with an optional bracket between two of them (a gap).
	Bars    []Bar    `json:"bars,omitempty"`
	Bracket *Bracket `json:"bracket,omitempty"`
	// Series of a line chart, and level lines across it.
	Series []Series `json:"series,omitempty"`
	Levels []Level  `json:"levels,omitempty"`
	// Dots of a scatter chart; its Series, if any, are drawn under them.
	Dots []Dot `json:"dots,omitempty"`
	// Legend names each class drawn.
	Legend []Key `json:"legend,omitempty"`
}

// Axis is a chart's axis: its name, its range and where its ticks go.
type Axis struct {
	Label string    `json:"label"`
	Min   float64   `json:"min"`
	Max   float64   `json:"max"`
	Ticks []float64 `json:"ticks,omitempty"`
	// Percent writes the ticks as percentages of 1.
	Percent bool `json:"percent,omitempty"`
}

// Bar is one bar: its label under it, its value and that value in words
// above it.
type Bar struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
	Text  string  `json:"text"`
	Class string  `json:"class"`
}

// Bracket spans the bars From to To (indices) at their heights, labelled:
// the gap a measure is taken over. Marks are bars whose heights are marked
// on it, each with a label (how much of the gap that bar recovers).
type Bracket struct {
	From  int    `json:"from"`
	To    int    `json:"to"`
	Label string `json:"label"`
	Marks []Mark `json:"marks,omitempty"`
}

// Mark is a bar's height marked on a bracket.
type Mark struct {
	Bar   int    `json:"bar"`
	Label string `json:"label"`
}

// Series is one line of a line chart.
type Series struct {
	Name   string  `json:"name"`
	Class  string  `json:"class"`
	Points []Point `json:"points"`
}

// Point is a point of a series.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Level is a labelled horizontal line across a line chart.
type Level struct {
	Y     float64 `json:"y"`
	Label string  `json:"label"`
	Class string  `json:"class"`
}

// Dot is one point of a scatter chart. Label, if any, is written beside
// it (moved apart from other labels, with a line back to the dot).
type Dot struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Class string  `json:"class"`
	Label string  `json:"label,omitempty"`
}

// Key is one entry of a legend. Line shows a line's colour, in a scatter
// chart too (whose Series are drawn as lines under its dots).
type Key struct {
	Class string `json:"class"`
	Label string `json:"label"`
	Line  bool   `json:"line,omitempty"`
}

// Check says what in a report could not be drawn, if anything: a lab's
// fault, which its page reports rather than drawing half a chart.
func (r Report) Check() error {
	for _, f := range r.Figures {
		if err := f.check(); err != nil {
			return fmt.Errorf("figure %q of the lab's result cannot be drawn: %w", f.ID, err)
		}
	}
	return nil
}

func (f Figure) check() error {
	c := f.Chart
	switch c.Kind {
	case BarChart, LineChart, ScatterChart:
	default:
		return fmt.Errorf("unknown chart kind %q", c.Kind)
	}
	if !(c.Y.Max > c.Y.Min) || (c.Kind != BarChart && !(c.X.Max > c.X.Min)) {
		return fmt.Errorf("an axis has no range")
	}
	if b := c.Bracket; b != nil {
		bars := []int{b.From, b.To}
		for _, m := range b.Marks {
			bars = append(bars, m.Bar)
		}
		for _, i := range bars {
			if i < 0 || i >= len(c.Bars) {
				return fmt.Errorf("the bracket names bar %d of %d", i, len(c.Bars))
			}
		}
	}
	for _, row := range f.Table.Rows {
		if len(row) != len(f.Table.Head) {
			return fmt.Errorf("a row of the table has %d cells for %d columns", len(row), len(f.Table.Head))
		}
	}
	return nil
}
