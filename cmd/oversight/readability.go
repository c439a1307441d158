//go:build !(js && wasm)

package main

import (
	"fmt"
	"io"

	"oversight/internal/readability"
	"oversight/kb"
)

// What the checker holds the content's language to. A summary is the first
// thing a reader sees, in the map's previews and in lists, so it must be
// short and plain; a body may need its technical words, so its grade is
// reported, not enforced.
const (
	maxSummaryGrade = 10
	maxSummaryWords = 25
	bodyGradeAim    = 12
)

// readable is an item's text as the checker measures it.
type readable struct {
	file        string
	summary     string
	summaryLine int
	// body is plain text, or empty for an item without one (a term).
	body string
}

// readables lists the text of every item, in the order the app lists them.
func readables(k *kb.KB) []readable {
	var out []readable
	entry := func(e *kb.Entry) {
		out = append(out, readable{file: e.File, summary: e.Summary, summaryLine: e.SummaryLine, body: readability.PlainText(e.Body)})
	}
	for _, c := range k.Concepts() {
		entry(&c.Entry)
	}
	for _, c := range k.Caveats() {
		entry(&c.Entry)
	}
	for _, e := range k.Events() {
		entry(&e.Entry)
	}
	for _, r := range k.Readings() {
		entry(&r.Entry)
	}
	for _, p := range k.Pages() {
		entry(&p.Entry)
	}
	for _, t := range k.Tours() {
		var narration string
		for _, s := range t.Steps {
			narration += readability.PlainText(s.NarrationHTML) + "\n\n"
		}
		out = append(out, readable{file: t.File, summary: t.Summary, summaryLine: t.SummaryLine, body: narration})
	}
	for _, t := range k.Glossary() {
		out = append(out, readable{file: t.File, summary: t.Summary, summaryLine: t.SummaryLine})
	}
	return out
}

// summaryFaults names every summary longer than maxSummaryWords or harder
// than maxSummaryGrade, at its line.
func summaryFaults(items []readable) kb.Faults {
	var faults kb.Faults
	for _, it := range items {
		s := readability.Measure(it.summary)
		switch {
		case s.Words > maxSummaryWords:
			faults = append(faults, kb.Fault{File: it.file, Line: it.summaryLine, Message: fmt.Sprintf(
				"the summary has %d words; the most is %d: say less, the body says the rest", s.Words, maxSummaryWords)})
		case s.Grade() > maxSummaryGrade:
			faults = append(faults, kb.Fault{File: it.file, Line: it.summaryLine, Message: fmt.Sprintf(
				"the summary reads at grade %.1f; the most is %d: use shorter sentences and plainer words", s.Grade(), maxSummaryGrade)})
		}
	}
	return faults
}

// reportBodies writes the distribution of the bodies' grades and names the
// bodies above bodyGradeAim; with every, it also lists each item's grades.
func reportBodies(items []readable, every bool, out io.Writer) {
	var grades []float64
	for _, it := range items {
		summary := readability.Measure(it.summary)
		if it.body == "" {
			if every {
				fmt.Fprintf(out, "%s: summary grade %.1f (%d words)\n", it.file, summary.Grade(), summary.Words)
			}
			continue
		}
		grade := readability.Measure(it.body).Grade()
		grades = append(grades, grade)
		switch {
		case every:
			fmt.Fprintf(out, "%s: summary grade %.1f (%d words), body grade %.1f\n", it.file, summary.Grade(), summary.Words, grade)
		case grade > bodyGradeAim:
			fmt.Fprintf(out, "%s: the body reads at grade %.1f; aim for %d or below\n", it.file, grade, bodyGradeAim)
		}
	}
	sorted := readability.Sorted(grades)
	fmt.Fprintf(out, "readability: %d bodies, Flesch–Kincaid grade median %.1f, quartiles %.1f to %.1f; %d above grade %d\n",
		len(sorted), readability.Quantile(sorted, 0.5), readability.Quantile(sorted, 0.25), readability.Quantile(sorted, 0.75),
		countAbove(sorted, bodyGradeAim), bodyGradeAim)
}

func countAbove(values []float64, limit float64) int {
	n := 0
	for _, v := range values {
		if v > limit {
			n++
		}
	}
	return n
}
