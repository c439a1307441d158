package labs

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"oversight/lab"
)

// A chart is drawn in a frame of chartWidth × chartHeight units, scaled to
// the column's width; the margins hold the axes' labels.
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

func (p plot) atX(v float64) float64 { return p.left + (clamp(v, p.x.Min, p.x.Max)-p.x.Min)*p.xPerUnit }

func (p plot) atY(v float64) float64 {
	return p.bottom - (clamp(v, p.y.Min, p.y.Max)-p.y.Min)*p.yPerUnit
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// chartSVG draws a chart. It is hidden from screen readers: its figure's
// sentence and table say what it shows.
func chartSVG(c lab.Chart) string {
	var body string
	switch c.Kind {
	case lab.BarChart:
		p := newPlot(c, barsRight)
		body = p.yAxis() + barsOf(p, c)
	case lab.LineChart:
		p := newPlot(c, plainRight)
		body = p.yAxis() + p.xAxis() + linesOf(p, c)
	case lab.ScatterChart:
		p := newPlot(c, plainRight)
		body = p.yAxis() + p.xAxis() + linesOf(p, c) + dotsOf(p, c) + dotLabels(p, c)
	}
	return tag("svg", attrs{"class", "lab-chart chart-" + string(c.Kind), "viewBox", "0 0 " + num(chartWidth) + " " + num(chartHeight),
		"aria-hidden", "true", "focusable", "false"}, body)
}

func line(class string, x1, y1, x2, y2 float64) string {
	return tag("line", attrs{"class", class, "x1", num(x1), "y1", num(y1), "x2", num(x2), "y2", num(y2)})
}

func label(class string, x, y float64, anchor, s string) string {
	a := attrs{"class", class, "x", num(x), "y", num(y)}
	if anchor != "" {
		a = append(a, "text-anchor", anchor)
	}
	return tag("text", a, text(s))
}

// yAxis draws the value axis: its gridlines, ticks and name.
func (p plot) yAxis() string {
	var b strings.Builder
	for _, t := range p.y.Ticks {
		y := p.atY(t)
		b.WriteString(line("grid", p.left, y, p.right, y))
		b.WriteString(label("tick", p.left-6, y+4, "end", tickText(t, p.y.Percent)))
	}
	b.WriteString(line("axis", p.left, p.top, p.left, p.bottom))
	b.WriteString(tag("text", attrs{"class", "axis-label", "transform", "translate(14 " + num((p.top+p.bottom)/2) + ") rotate(-90)", "text-anchor", "middle"}, text(p.y.Label)))
	return tag("g", nil, b.String())
}

// xAxis draws the axis across the bottom: ticks and name.
func (p plot) xAxis() string {
	var b strings.Builder
	b.WriteString(line("axis", p.left, p.bottom, p.right, p.bottom))
	b.WriteString(label("axis-label", (p.left+p.right)/2, chartHeight-8, "middle", p.x.Label))
	for _, t := range p.x.Ticks {
		x := p.atX(t)
		b.WriteString(line("axis", x, p.bottom, x, p.bottom+4))
		b.WriteString(label("tick", x, p.bottom+18, "middle", tickText(t, p.x.Percent)))
	}
	return tag("g", nil, b.String())
}

// barsOf draws each bar from the axis's foot, its value above it and its
// label below, then the bracket.
func barsOf(p plot, c lab.Chart) string {
	slot := (p.right - p.left) / float64(len(c.Bars))
	width := math.Min(64, slot*0.62)
	centre := func(i int) float64 { return p.left + slot*(float64(i)+0.5) }
	var b strings.Builder
	for i, bar := range c.Bars {
		x, top := centre(i), p.atY(bar.Value)
		b.WriteString(tag("rect", attrs{"class", "bar " + bar.Class, "x", num(x - width/2), "y", num(top), "width", num(width), "height", num(math.Max(0, p.bottom-top))}))
		b.WriteString(label("value", x, top-5, "middle", bar.Text))
		b.WriteString(wrappedText(bar.Label, x, p.bottom+16, 15, "bar-label"))
	}
	if br := c.Bracket; br != nil {
		b.WriteString(bracketOf(p, c, br, centre, width))
	}
	return b.String()
}

// bracketOf draws the gap between two bars' heights right of the bars,
// with guides from the bars' tops and a tick for each marked bar.
func bracketOf(p plot, c lab.Chart, br *lab.Bracket, centre func(int) float64, width float64) string {
	x := p.right + 10
	from, to := p.atY(c.Bars[br.From].Value), p.atY(c.Bars[br.To].Value)
	var b strings.Builder
	b.WriteString(line("guide", centre(br.From)+width/2, from, x, from))
	b.WriteString(line("guide", centre(br.To)+width/2, to, x, to))
	b.WriteString(tag("path", attrs{"class", "bracket", "d", "M" + num(x-4) + " " + num(from) + "H" + num(x) + "V" + num(to) + "H" + num(x-4)}))
	b.WriteString(label("bracket-label", x+6, math.Min(from, to)-6, "", br.Label))
	heights := make([]float64, len(br.Marks))
	for i, m := range br.Marks {
		heights[i] = p.atY(c.Bars[m.Bar].Value)
	}
	labelled := apart(heights, 14)
	for i, m := range br.Marks {
		b.WriteString(line("bracket-mark "+c.Bars[m.Bar].Class, x-6, heights[i], x+6, heights[i]))
		b.WriteString(label("mark-label", x+9, labelled[i]+4, "", m.Label))
	}
	return tag("g", nil, b.String())
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
		placed[order[k]] = math.Max(placed[order[k]], placed[order[k-1]]+gap)
	}
	return placed
}

// linesOf draws the levels as dashed lines, named at their right end, and
// each series as a line.
func linesOf(p plot, c lab.Chart) string {
	var b strings.Builder
	for _, l := range c.Levels {
		y := p.atY(l.Y)
		b.WriteString(line("level "+l.Class, p.left, y, p.right, y))
		b.WriteString(label("level-label", p.right+4, y+4, "", l.Label))
	}
	for _, s := range c.Series {
		points := make([]string, len(s.Points))
		for i, pt := range s.Points {
			points[i] = num(p.atX(pt.X)) + "," + num(p.atY(pt.Y))
		}
		b.WriteString(tag("polyline", attrs{"class", "series " + s.Class, "points", strings.Join(points, " ")}))
	}
	return b.String()
}

// dotsOf draws each dot, with its ring and cross when its class asks.
func dotsOf(p plot, c lab.Chart) string {
	return each(c.Dots, func(_ int, d lab.Dot) string { return dotMark(d.Class, p.atX(d.X), p.atY(d.Y)) })
}

// dotMark is one dot of a scatter chart, as its legend shows it too.
func dotMark(class string, x, y float64) string {
	marks := strings.Fields(class)
	r := dotRadius(marks)
	s := tag("circle", attrs{"class", "dot " + class, "cx", num(x), "cy", num(y), "r", num(r)})
	if slices.Contains(marks, "diamond") {
		s = tag("path", attrs{"class", "dot " + class, "d",
			"M" + num(x) + " " + num(y-r) + "L" + num(x+r) + " " + num(y) + "L" + num(x) + " " + num(y+r) + "L" + num(x-r) + " " + num(y) + "Z"})
	}
	if slices.Contains(marks, "ring") {
		s += tag("circle", attrs{"class", "ring-mark", "cx", num(x), "cy", num(y), "r", num(r + 3)})
	}
	if slices.Contains(marks, "cross") {
		s += tag("path", attrs{"class", "cross-mark", "d",
			"M" + num(x-4) + " " + num(y-4) + "L" + num(x+4) + " " + num(y+4) + "M" + num(x-4) + " " + num(y+4) + "L" + num(x+4) + " " + num(y-4)})
	}
	return s
}

// dotRadius is how big a dot is drawn: "large" and "diamond" stand out
// from a cloud of small dots.
func dotRadius(marks []string) float64 {
	switch {
	case slices.Contains(marks, "large"):
		return 4.5
	case slices.Contains(marks, "diamond"):
		return 4
	}
	return 2.6
}

// dotLabels writes the labelled dots' labels beside them: left of a dot in
// the right half of the plot, right of one in the left half, each side's
// labels moved apart so that none overlap, with a line back to its dot
// when moved.
func dotLabels(p plot, c lab.Chart) string {
	var b strings.Builder
	for _, left := range []bool{true, false} {
		var dots []lab.Dot
		for _, d := range c.Dots {
			if d.Label != "" && (p.atX(d.X) > (p.left+p.right)/2) == left {
				dots = append(dots, d)
			}
		}
		heights := make([]float64, len(dots))
		for i, d := range dots {
			heights[i] = p.atY(d.Y)
		}
		placed := apart(heights, 13)
		for i, d := range dots {
			x, y := p.atX(d.X), p.atY(d.Y)
			// The guide ends at lx; the label starts 2 units past it.
			lx, tx, anchor := x+9, x+11, "start"
			if left {
				lx, tx, anchor = x-9, x-11, "end"
			}
			if math.Abs(placed[i]-y) > 3 {
				b.WriteString(line("guide", x, y, lx, placed[i]))
			}
			b.WriteString(label("dot-label", tx, placed[i]+4, anchor, d.Label))
		}
	}
	return b.String()
}

// legend names what each class of a chart stands for, each beside its
// mark: a line's colour or a dot as drawn.
func legend(c lab.Chart) string {
	if len(c.Legend) == 0 {
		return ""
	}
	return tag("ul", attrs{"class", "lab-legend"}, each(c.Legend, func(_ int, k lab.Key) string {
		mark := line("series "+k.Class, 1, 8, 15, 8)
		if c.Kind == lab.ScatterChart && !k.Line {
			mark = dotMark(k.Class, 8, 8)
		}
		return tag("li", nil,
			tag("svg", attrs{"class", "lab-chart legend-mark", "viewBox", "0 0 16 16", "width", "16", "height", "16", "aria-hidden", "true", "focusable", "false"}, mark),
			text(k.Label))
	}))
}

// wrappedText writes a label in lines of at most width characters,
// centred on x, the first line's baseline at y.
func wrappedText(s string, x, y float64, width int, class string) string {
	lines := wrapWords(s, width)
	spans := each(lines, func(i int, l string) string {
		dy := "0"
		if i > 0 {
			dy = "1.2em"
		}
		return tag("tspan", attrs{"x", num(x), "dy", dy}, text(l))
	})
	return tag("text", attrs{"class", class, "x", num(x), "y", num(y), "text-anchor", "middle"}, spans)
}

// wrapWords breaks text between words into lines of at most width
// characters (a longer word has a line of its own).
func wrapWords(s string, width int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = w
		case len([]rune(cur))+1+len([]rune(w)) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
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

// num writes a coordinate with one decimal, short.
func num(v float64) string {
	s := strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0")
	if s == "-0" {
		return "0"
	}
	return s
}
