package maplayout

import (
	"fmt"
	"path"

	"oversight/kb"
	"oversight/mapgeom"
)

// Faults are what keeps a laid-out map from being read, each at the line an
// author can change: a pinned concept that sits on another or on an edge,
// or whose own edges cannot get around a node. What the layout itself got
// wrong, with no pin involved, is named at the link or concept concerned.
func Faults(k *kb.KB) kb.Faults {
	d, err := newDrawing(k)
	if err != nil {
		return kb.Faults{{File: conceptsFolder(k), Message: err.Error()}}
	}
	var faults kb.Faults
	for _, pair := range d.nodeOverlaps() {
		faults = append(faults, overlapFaults(pair[0], pair[1])...)
	}
	for i, l := range d.links {
		for _, id := range d.boxesCrossed(i) {
			faults = append(faults, throughFault(d, l, id))
		}
	}
	for i, a := range d.links {
		for _, b := range d.links[i+1:] {
			if sharesEnd(a, b) && mapgeom.LabelBox(a).Overlaps(mapgeom.LabelBox(b), 0) {
				faults = append(faults, labelFault(k, a, b))
			}
		}
	}
	return faults.Sorted()
}

// labelFault names two links whose relation names, shown together when
// the concept they share is highlighted, cover each other.
func labelFault(k *kb.KB, a, b kb.Link) kb.Fault {
	shared := a.From
	if shared != b.From && shared != b.To {
		shared = a.To
	}
	return kb.Fault{File: fileOf(k, a.From), Line: a.Line,
		Message: fmt.Sprintf("the names of the links %s → %s and %s → %s overlap where they meet %q, which has %d links: fewer would leave room to name them",
			a.From, a.To, b.From, b.To, shared, len(k.LinksOf(shared)))}
}

func overlapFaults(a, b *kb.Concept) kb.Faults {
	var faults kb.Faults
	for _, pair := range [][2]*kb.Concept{{a, b}, {b, a}} {
		if c, other := pair[0], pair[1]; c.Pinned {
			faults = append(faults, kb.Fault{File: c.File, Line: c.PositionLine,
				Message: fmt.Sprintf("the node for %q, pinned here, overlaps %q (%s): move it, or remove position: to let the layout place it", c.Title, other.Title, other.File)})
		}
	}
	if len(faults) == 0 {
		faults = append(faults, kb.Fault{File: a.File, Line: 1,
			Message: fmt.Sprintf("the layout put the node for %q on %q (%s): pin one of them with position:", a.Title, b.Title, b.File)})
	}
	return faults
}

func throughFault(d *drawing, l kb.Link, id string) kb.Fault {
	c, _ := d.k.Concept(id)
	if c.Pinned {
		return kb.Fault{File: c.File, Line: c.PositionLine,
			Message: fmt.Sprintf("the node for %q, pinned here, lies on the edge %s → %s: move it, or remove position:", c.Title, l.From, l.To)}
	}
	for _, end := range []string{l.From, l.To} {
		if e, _ := d.k.Concept(end); e.Pinned {
			return kb.Fault{File: e.File, Line: e.PositionLine,
				Message: fmt.Sprintf("pinned here, %q pulls the edge %s → %s through %q: move it, or remove position:", e.Title, l.From, l.To, c.Title)}
		}
	}
	return kb.Fault{File: fileOf(d.k, l.From), Line: l.Line,
		Message: fmt.Sprintf("the layout could not route the edge to %q around %q", l.To, c.Title)}
}

// conceptsFolder names where the concepts come from, for a fault about
// the map as a whole.
func conceptsFolder(k *kb.KB) string {
	if cs := k.Concepts(); len(cs) > 0 {
		return path.Dir(cs[0].File)
	}
	return "concepts"
}
