package maplayout

import (
	"math"
	"sort"

	"oversight/kb"
	"oversight/mapgeom"
)

// LaptopPane is the room, in CSS pixels, that a laptop's screen of
// 1280 × 800 gives the map beside the map page's introduction (web/style.css:
// the page's width less the introduction's column, the window's height less
// the header and search bar). The layout shapes the map for it.
var LaptopPane = kb.Rect{W: 779, H: 654}

// compactGap is the least room compacting leaves between two nodes: what
// neato leaves, each node grown by edgeGap and nodeSep apart, so that the
// router has room to pass between them.
const compactGap = 2*edgeGap + nodeSep

// pair is two research nodes, and how far their centres' offsets must
// stretch along x (byX) or along y (byY) to keep them nodeSep apart. One of
// the two is enough.
type pair struct{ byX, byY float64 }

// compact draws the research part together. Graphviz's overlap removal
// leaves it spread out, with more empty room than nodes. Compacting scales
// the centres' offsets by one factor along x and another along y: the
// least that keep every pair of nodes compactGap apart, and of those the
// pair of factors that gives the whole map, band included, the largest
// scale in LaptopPane. Scaling along the axes keeps every concept on the
// same side of each other, so the structure neato found stays as it was.
// It returns the scale the map would be drawn at in LaptopPane.
func (p *plan) compact() float64 {
	research := p.researchNodes()
	if len(research) < 2 {
		return 0 // nothing to compact: every try is as good
	}
	pairs := p.pairs(research)
	sort.Slice(pairs, func(a, b int) bool { return pairs[a].byX > pairs[b].byX })
	centre := p.centreOf(research)
	band := p.bandMembers()
	bestX, bestY, bestScale := 1.0, 1.0, p.paneScale(research, band, centre, 1, 1)
	// With x stretched by pairs[i].byX, every pair from i on keeps apart
	// along x; those before it must keep apart along y.
	needY := 0.0
	for _, pr := range pairs {
		sx := pr.byX
		if !math.IsInf(sx, 1) && !math.IsInf(needY, 1) {
			if scale := p.paneScale(research, band, centre, sx, needY); scale > bestScale {
				bestX, bestY, bestScale = sx, needY, scale
			}
		}
		needY = math.Max(needY, pr.byY)
	}
	for _, i := range research {
		b := &p.boxes[i]
		b.Centre = kb.Point{X: centre.X + (b.Centre.X-centre.X)*bestX, Y: centre.Y + (b.Centre.Y-centre.Y)*bestY}
	}
	return bestScale
}

// researchNodes are the indices of the concepts neato placed.
func (p *plan) researchNodes() []int {
	var nodes []int
	for i, c := range p.concepts {
		if p.inResearch(c) && !c.Pinned {
			nodes = append(nodes, i)
		}
	}
	return nodes
}

// pairs lists every two research nodes with the stretch each needs.
func (p *plan) pairs(nodes []int) []pair {
	var pairs []pair
	for a, i := range nodes {
		for _, j := range nodes[a+1:] {
			bi, bj := p.boxes[i], p.boxes[j]
			pairs = append(pairs, pair{
				byX: stretch((bi.Width+bj.Width)/2+compactGap, bi.Centre.X-bj.Centre.X),
				byY: stretch((bi.Height+bj.Height)/2+compactGap, bi.Centre.Y-bj.Centre.Y),
			})
		}
	}
	return pairs
}

// stretch is the factor that makes an offset at least need long.
func stretch(need, offset float64) float64 {
	if offset == 0 {
		return math.Inf(1)
	}
	return need / math.Abs(offset)
}

func (p *plan) centreOf(nodes []int) kb.Point {
	var sum kb.Point
	for _, i := range nodes {
		sum.X += p.boxes[i].Centre.X
		sum.Y += p.boxes[i].Centre.Y
	}
	return kb.Point{X: sum.X / float64(len(nodes)), Y: sum.Y / float64(len(nodes))}
}

// paneScale is the scale at which the map, its research stretched by sx and
// sy about centre and its band below, would fit LaptopPane.
func (p *plan) paneScale(nodes, band []int, centre kb.Point, sx, sy float64) float64 {
	left, top, right, bottom := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, i := range nodes {
		b := p.boxes[i]
		x, y := centre.X+(b.Centre.X-centre.X)*sx, centre.Y+(b.Centre.Y-centre.Y)*sy
		left, right = math.Min(left, x-b.Width/2), math.Max(right, x+b.Width/2)
		top, bottom = math.Min(top, y-b.Height/2), math.Max(bottom, y+b.Height/2)
	}
	width := right - left
	bandWidth, bandHeight := p.bandSize(band, width)
	width = math.Max(width, bandWidth)
	height := bottom - top
	if bandHeight > 0 {
		height += bandGap + bandHeight
	}
	width, height = width+2*frameMargin, height+2*frameMargin
	return math.Min(LaptopPane.W/width, LaptopPane.H/height)
}

// bandMembers are the indices of the concepts the band holds.
func (p *plan) bandMembers() []int {
	var members []int
	for i, c := range p.concepts {
		if !p.inResearch(c) {
			members = append(members, i)
		}
	}
	return members
}

// bandSize is the frame of the band below research this wide: at least
// as wide as squareWidth, its rows filled in the order placeBand uses.
func (p *plan) bandSize(members []int, researchWidth float64) (width, height float64) {
	if len(members) == 0 {
		return 0, 0
	}
	width = p.bandWidth(members, researchWidth)
	rows := p.bandRows(members, width)
	height = bandCaption + 2*bandPad + float64(len(rows)-1)*bandRowGap
	for _, row := range rows {
		height += p.rowHeight(row)
	}
	return width + 2*bandPad, height
}

// bandWidth is how wide the band's rows may run.
func (p *plan) bandWidth(members []int, researchWidth float64) float64 {
	width := math.Max(researchWidth, p.squareWidth(members))
	width = math.Max(width, mapgeom.TextWidth(mapgeom.BandLabel, mapgeom.SmallestFontSize)+2*mapgeom.CornerRound)
	for _, i := range members {
		width = math.Max(width, p.boxes[i].Width)
	}
	return width
}

// bandRows breaks the band's members, in order, into rows no wider than
// width.
func (p *plan) bandRows(members []int, width float64) [][]int {
	var rows [][]int
	var row []int
	rowWidth := 0.0
	for _, i := range members {
		if len(row) > 0 && rowWidth+bandColumnGap+p.boxes[i].Width > width {
			rows = append(rows, row)
			row, rowWidth = nil, 0
		}
		if len(row) > 0 {
			rowWidth += bandColumnGap
		}
		row = append(row, i)
		rowWidth += p.boxes[i].Width
	}
	return append(rows, row)
}

func (p *plan) rowHeight(row []int) float64 {
	height := 0.0
	for _, i := range row {
		height = math.Max(height, p.boxes[i].Height)
	}
	return height
}
