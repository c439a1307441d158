// Package mapgeom is the geometry the concept map shares between the server,
// which lays the map out (maplayout), and the app, which draws it: how large
// each node is, how its label wraps, and which links the map draws while
// nothing is highlighted. It is pure Go, so the app's WebAssembly links it
// without the layout engine.
package mapgeom

import (
	"strings"

	"oversight/kb"
)

// Map units are the SVG user units the map is drawn in; the viewBox scales
// them to the screen.

// nodeStyle is how large a kind of node is drawn, in map units.
type nodeStyle struct {
	fontSize float64
	// maxChars is the longest line before the label wraps.
	maxChars int
}

// styleOf is the style of a kind of node; the core stands out most.
func styleOf(k kb.Kind) nodeStyle {
	switch k {
	case kb.KindCore:
		return nodeStyle{fontSize: 30, maxChars: 16}
	case kb.KindDirection:
		return nodeStyle{fontSize: 23, maxChars: 14}
	case kb.KindMethod:
		return nodeStyle{fontSize: 20, maxChars: 14}
	}
	return nodeStyle{fontSize: SmallestFontSize, maxChars: 15}
}

const (
	// SmallestFontSize is the font size, in map units, of the smallest text
	// the map writes: method, problem and idea labels, and relation names.
	SmallestFontSize = 20
	// ReadableScale is the least screen size, in CSS pixels per map unit,
	// at which the smallest text reads at 12.5 px.
	ReadableScale = 12.5 / SmallestFontSize

	LineHeight  = 1.2
	paddingX    = 10
	paddingY    = 7
	CornerRound = 10
	// MinGap is the least space between two nodes, so that neighbouring
	// labels never touch.
	MinGap = 16
)

// Box is a rectangle on the map: a node with its wrapped label, or the
// name of a relation written beside its edge.
type Box struct {
	Centre        kb.Point
	Width, Height float64
	Lines         []string
	FontSize      float64
}

func (b Box) Left() float64   { return b.Centre.X - b.Width/2 }
func (b Box) Top() float64    { return b.Centre.Y - b.Height/2 }
func (b Box) Right() float64  { return b.Centre.X + b.Width/2 }
func (b Box) Bottom() float64 { return b.Centre.Y + b.Height/2 }

// Overlaps reports whether two boxes come closer than gap.
func (b Box) Overlaps(o Box, gap float64) bool {
	return b.Left() < o.Right()+gap && o.Left() < b.Right()+gap &&
		b.Top() < o.Bottom()+gap && o.Top() < b.Bottom()+gap
}

// Contains reports whether p lies inside the box.
func (b Box) Contains(p kb.Point) bool {
	return p.X > b.Left() && p.X < b.Right() && p.Y > b.Top() && p.Y < b.Bottom()
}

// NodeBox is a concept's node where the map draws it: its label wrapped to
// lines and the rectangle that holds them.
func NodeBox(c *kb.Concept) Box {
	b := textBox(c.Title, styleOf(c.Kind))
	b.Centre = c.Position
	return b
}

// LabelBox is the name of a link's relation as the map writes it, centred
// on the link's label point.
func LabelBox(l kb.Link) Box {
	b := textBox(l.Relation.Phrase(), nodeStyle{fontSize: SmallestFontSize, maxChars: 1 << 10})
	b.Centre = l.LabelAt
	b.Width -= paddingX
	b.Height -= paddingY
	return b
}

func textBox(text string, style nodeStyle) Box {
	lines := WrapLabel(text, style.maxChars)
	longest := 0.0
	for _, l := range lines {
		longest = max(longest, TextWidth(l, style.fontSize))
	}
	return Box{
		Width:    longest + 2*paddingX,
		Height:   float64(len(lines))*style.fontSize*LineHeight + 2*paddingY,
		Lines:    lines,
		FontSize: style.fontSize,
	}
}

// boldWidths are the advance widths of the printable ASCII characters, from
// space to tilde, in thousandths of the font size, in Arial Bold and in
// Liberation Sans Bold, which has the same widths: the fonts the map's
// labels are set in (web/style.css), so that every node fits its label.
var boldWidths = [...]int{
	278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
	975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
	333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
	611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
}

// TextWidth is how wide a line of a label is drawn at a font size, in map
// units. A character beyond ASCII counts as wide as an M, so that no label
// overflows its box.
func TextWidth(line string, fontSize float64) float64 {
	thousandths := 0
	for _, r := range line {
		if r >= ' ' && int(r-' ') < len(boldWidths) {
			thousandths += boldWidths[r-' ']
		} else {
			thousandths += boldWidths['M'-' ']
		}
	}
	return float64(thousandths) * fontSize / 1000
}

// WrapLabel breaks a title into lines of at most maxChars where it can, at
// spaces or after hyphens. A single longer word stays whole.
func WrapLabel(title string, maxChars int) []string {
	var words []string
	for _, w := range strings.Fields(title) {
		for _, p := range strings.SplitAfter(w, "-") {
			if p != "" {
				words = append(words, p)
			}
		}
	}
	var lines []string
	current := ""
	for _, w := range words {
		joiner := " "
		if current == "" || strings.HasSuffix(current, "-") {
			joiner = ""
		}
		if current != "" && len([]rune(current+joiner+w)) > maxChars {
			lines = append(lines, current)
			current, joiner = "", ""
		}
		current += joiner + w
	}
	if current != "" {
		lines = append(lines, current)
	}
	return lines
}

// BandLabel names the band of problems and ideas on the map.
const BandLabel = "Open problems and key ideas"

// InBand says whether a kind of concept sits in the band below the research
// directions rather than among them: the problems the field works on and
// the ideas behind it.
func InBand(k kb.Kind) bool { return k == kb.KindProblem || k == kb.KindIdea }

// AtRest says whether the map draws a link while nothing is highlighted.
// At rest the map shows its structure: how each method or tool serves its
// direction, and how each direction meets the core. Every other relation
// appears when one of its concepts is hovered, focused, filtered or
// spotlit: drawn all at once, they cannot avoid crossing one another.
func AtRest(k *kb.KB, l kb.Link) bool {
	if l.Relation == kb.RelMethodOf || l.Relation == kb.RelToolFor {
		return true
	}
	from, okFrom := k.Concept(l.From)
	to, okTo := k.Concept(l.To)
	if !okFrom || !okTo {
		return false
	}
	return from.Kind == kb.KindCore && to.Kind == kb.KindDirection ||
		from.Kind == kb.KindDirection && to.Kind == kb.KindCore
}
