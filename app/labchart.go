package app

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/lab"
)

// A lab's chart is drawn in a frame of chartWidth × chartHeight units,
// scaled to the column's width; the margins hold the axes' labels.
const (
	chartWidth   = 480.0
	chartHeight  = 280.0
	marginLeft   = 58.0
	marginTop    = 14.0
	marginBottom = 50.0
	// barsRight leaves room right of the bars for the bracket's labels.
	barsRight  = 120.0
	plainRight = 70.0
)

// plot maps a chart's values to the frame.
type plot struct {
	x, y        lab.Axis
	left, right float64 // the plot area, in frame units
	top, bottom float64
	xPerUnit    float64
	yPerUnit    float64
}

func newPlot(c lab.Chart, right float64) plot {
	p := plot{x: c.X, y: c.Y, left: marginLeft, right: chartWidth - right, top: marginTop, bottom: chartHeight - marginBottom}
	if c.X.Max > c.X.Min {
		p.xPerUnit = (p.right - p.left) / (c.X.Max - c.X.Min)
	}
	p.yPerUnit = (p.bottom - p.top) / (c.Y.Max - c.Y.Min)
	return p
}

func (p plot) atX(v float64) float64 {
	return p.left + (clamp(v, p.x.Min, p.x.Max)-p.x.Min)*p.xPerUnit
}

func (p plot) atY(v float64) float64 {
	return p.bottom - (clamp(v, p.y.Min, p.y.Max)-p.y.Min)*p.yPerUnit
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// labChart draws a chart as SVG. It is hidden from screen readers: its
// figure's sentence and table say what it shows.
func labChart(c lab.Chart) ui.UI {
	var parts []ui.UI
	switch c.Kind {
	case lab.BarChart:
		p := newPlot(c, barsRight)
		parts = append(parts, p.yAxis())
		parts = append(parts, barsOf(p, c)...)
	case lab.LineChart:
		p := newPlot(c, plainRight)
		parts = append(parts, p.yAxis(), p.xAxis())
		parts = append(parts, linesOf(p, c)...)
	case lab.ScatterChart:
		p := newPlot(c, plainRight)
		parts = append(parts, p.yAxis(), p.xAxis())
		parts = append(parts, dotsOf(p, c)...)
	}
	return svg("svg").Class("lab-chart", "chart-"+string(c.Kind)).
		Attr("viewBox", "0 0 "+num(chartWidth)+" "+num(chartHeight)).
		Aria("hidden", "true").Attr("focusable", "false").
		Body(parts...)
}

// yAxis draws the value axis: its gridlines, ticks and name.
func (p plot) yAxis() ui.UI {
	var parts []ui.UI
	for _, t := range p.y.Ticks {
		y := p.atY(t)
		parts = append(parts,
			svg("line").Class("grid").Attr("x1", num(p.left)).Attr("x2", num(p.right)).Attr("y1", num(y)).Attr("y2", num(y)),
			svg("text").Class("tick").Attr("x", num(p.left-6)).Attr("y", num(y+4)).Attr("text-anchor", "end").Text(tickText(t, p.y.Percent)),
		)
	}
	midY := (p.top + p.bottom) / 2
	parts = append(parts,
		svg("line").Class("axis").Attr("x1", num(p.left)).Attr("x2", num(p.left)).Attr("y1", num(p.top)).Attr("y2", num(p.bottom)),
		svg("text").Class("axis-label").Attr("transform", "translate(14 "+num(midY)+") rotate(-90)").Attr("text-anchor", "middle").Text(p.y.Label),
	)
	return svg("g").Body(parts...)
}

// xAxis draws the axis across the bottom: ticks and name.
func (p plot) xAxis() ui.UI {
	parts := []ui.UI{
		svg("line").Class("axis").Attr("x1", num(p.left)).Attr("x2", num(p.right)).Attr("y1", num(p.bottom)).Attr("y2", num(p.bottom)),
		svg("text").Class("axis-label").Attr("x", num((p.left+p.right)/2)).Attr("y", num(chartHeight-8)).Attr("text-anchor", "middle").Text(p.x.Label),
	}
	for _, t := range p.x.Ticks {
		x := p.atX(t)
		parts = append(parts,
			svg("line").Class("axis").Attr("x1", num(x)).Attr("x2", num(x)).Attr("y1", num(p.bottom)).Attr("y2", num(p.bottom+4)),
			svg("text").Class("tick").Attr("x", num(x)).Attr("y", num(p.bottom+18)).Attr("text-anchor", "middle").Text(tickText(t, p.x.Percent)),
		)
	}
	return svg("g").Body(parts...)
}

// barsOf draws each bar from the axis's foot, its value above it and its
// label below, then the bracket.
func barsOf(p plot, c lab.Chart) []ui.UI {
	n := float64(len(c.Bars))
	slot := (p.right - p.left) / n
	width := math.Min(64, slot*0.62)
	centre := func(i int) float64 { return p.left + slot*(float64(i)+0.5) }
	var parts []ui.UI
	for i, b := range c.Bars {
		x, top := centre(i), p.atY(b.Value)
		parts = append(parts,
			svg("rect").Class("bar", b.Class).Attr("x", num(x-width/2)).Attr("y", num(top)).Attr("width", num(width)).Attr("height", num(math.Max(0, p.bottom-top))),
			svg("text").Class("value").Attr("x", num(x)).Attr("y", num(top-5)).Attr("text-anchor", "middle").Text(b.Text),
			wrappedText(b.Label, x, p.bottom+16, 15, "bar-label"),
		)
	}
	if br := c.Bracket; br != nil {
		parts = append(parts, bracketOf(p, c, br, centre, width))
	}
	return parts
}

// bracketOf draws the gap between two bars' heights right of the bars,
// with guides from the bars' tops and a tick for each marked bar.
func bracketOf(p plot, c lab.Chart, br *lab.Bracket, centre func(int) float64, width float64) ui.UI {
	x := p.right + 10
	from, to := p.atY(c.Bars[br.From].Value), p.atY(c.Bars[br.To].Value)
	guide := func(i int, y float64) ui.UI {
		return svg("line").Class("guide").Attr("x1", num(centre(i)+width/2)).Attr("x2", num(x)).Attr("y1", num(y)).Attr("y2", num(y))
	}
	parts := []ui.UI{
		guide(br.From, from), guide(br.To, to),
		svg("path").Class("bracket").Attr("d", "M"+num(x-4)+" "+num(from)+"H"+num(x)+"V"+num(to)+"H"+num(x-4)),
		svg("text").Class("bracket-label").Attr("x", num(x+6)).Attr("y", num(math.Min(from, to)-6)).Text(br.Label),
	}
	heights := make([]float64, len(br.Marks))
	for i, m := range br.Marks {
		heights[i] = p.atY(c.Bars[m.Bar].Value)
	}
	labelled := apart(heights, 14)
	for i, m := range br.Marks {
		y := heights[i]
		parts = append(parts,
			svg("line").Class("bracket-mark", c.Bars[m.Bar].Class).Attr("x1", num(x-6)).Attr("x2", num(x+6)).Attr("y1", num(y)).Attr("y2", num(y)),
			svg("text").Class("mark-label").Attr("x", num(x+9)).Attr("y", num(labelled[i]+4)).Text(m.Label),
		)
	}
	return svg("g").Body(parts...)
}

// apart moves heights down, the least it can, so that no two are closer
// than gap, keeping their order: labels beside marks that nearly meet stay
// legible.
func apart(heights []float64, gap float64) []float64 {
	order := make([]int, len(heights))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(heights[a], heights[b]) })
	placed := slices.Clone(heights)
	for k := 1; k < len(order); k++ {
		prev, cur := order[k-1], order[k]
		placed[cur] = math.Max(placed[cur], placed[prev]+gap)
	}
	return placed
}

// linesOf draws the levels as dashed lines, named at their right end, and
// each series as a line.
func linesOf(p plot, c lab.Chart) []ui.UI {
	var parts []ui.UI
	for _, l := range c.Levels {
		y := p.atY(l.Y)
		parts = append(parts,
			svg("line").Class("level", l.Class).Attr("x1", num(p.left)).Attr("x2", num(p.right)).Attr("y1", num(y)).Attr("y2", num(y)),
			svg("text").Class("level-label").Attr("x", num(p.right+4)).Attr("y", num(y+4)).Text(l.Label),
		)
	}
	for _, s := range c.Series {
		points := make([]string, len(s.Points))
		for i, pt := range s.Points {
			points[i] = num(p.atX(pt.X)) + "," + num(p.atY(pt.Y))
		}
		parts = append(parts, svg("polyline").Class("series", s.Class).Attr("points", strings.Join(points, " ")))
	}
	return parts
}

// dotsOf draws each dot, with its ring and cross when its class asks.
func dotsOf(p plot, c lab.Chart) []ui.UI {
	parts := make([]ui.UI, len(c.Dots))
	for i, d := range c.Dots {
		parts[i] = dotMark(d.Class, p.atX(d.X), p.atY(d.Y))
	}
	return parts
}

// dotMark is one dot of a scatter chart, as its legend shows it too.
func dotMark(class string, x, y float64) ui.UI {
	marks := strings.Fields(class)
	parts := []ui.UI{svg("circle").Class(append([]string{"dot"}, marks...)...).Attr("cx", num(x)).Attr("cy", num(y)).Attr("r", "2.6")}
	if slices.Contains(marks, "ring") {
		parts = append(parts, svg("circle").Class("ring-mark").Attr("cx", num(x)).Attr("cy", num(y)).Attr("r", "5.5"))
	}
	if slices.Contains(marks, "cross") {
		parts = append(parts, svg("path").Class("cross-mark").Attr("d",
			"M"+num(x-4)+" "+num(y-4)+"L"+num(x+4)+" "+num(y+4)+"M"+num(x-4)+" "+num(y+4)+"L"+num(x+4)+" "+num(y-4)))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return svg("g").Body(parts...)
}

// labLegend names what each class of a chart stands for, each beside its
// mark: a line's colour or a dot as drawn.
func labLegend(c lab.Chart) ui.UI {
	if len(c.Legend) == 0 {
		return nil
	}
	return ui.Ul().Class("lab-legend").Body(ui.Range(c.Legend).Slice(func(i int) ui.UI {
		k := c.Legend[i]
		var mark ui.UI
		if c.Kind == lab.ScatterChart {
			mark = dotMark(k.Class, 8, 8)
		} else {
			mark = svg("line").Class("series", k.Class).Attr("x1", "1").Attr("x2", "15").Attr("y1", "8").Attr("y2", "8")
		}
		return ui.Li().Body(
			svg("svg").Class("lab-chart", "legend-mark").Attr("viewBox", "0 0 16 16").Attr("width", "16").Attr("height", "16").
				Aria("hidden", "true").Attr("focusable", "false").Body(mark),
			ui.Text(k.Label),
		)
	}))
}

// wrappedText writes a label in lines of at most width characters,
// centred on x, the first line's baseline at y.
func wrappedText(label string, x, y float64, width int, class string) ui.UI {
	lines := wrapWords(label, width)
	spans := make([]ui.UI, len(lines))
	for i, l := range lines {
		dy := "0"
		if i > 0 {
			dy = "1.2em"
		}
		spans[i] = svg("tspan").Attr("x", num(x)).Attr("dy", dy).Text(l)
	}
	return svg("text").Class(class).Attr("x", num(x)).Attr("y", num(y)).Attr("text-anchor", "middle").Body(spans...)
}

// wrapWords breaks text between words into lines of at most width
// characters (a longer word has a line of its own).
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// tickText writes a tick's value: a share as a percentage, or the number
// as short as it reads.
func tickText(v float64, percent bool) string {
	if percent {
		return fmt.Sprintf("%.0f%%", 100*v)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// num writes a coordinate with one decimal: the same on the server and in
// the browser, and short.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}
