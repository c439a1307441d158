package readability

import (
	"math"
	"testing"
)

func TestMeasureCountsWordsSentencesAndSyllables(t *testing.T) {
	cases := []struct {
		text string
		want Stats
	}{
		{"The cat sat.", Stats{Words: 3, Sentences: 1, Syllables: 3}},
		{"The cat sat. The dog ran!", Stats{Words: 6, Sentences: 2, Syllables: 6}},
		{"Is it true? Yes.", Stats{Words: 4, Sentences: 2, Syllables: 4}},
		// Compounds split at hyphens and dashes; numbers are not words.
		{"Weak-to-strong models scored 78% – well.", Stats{Words: 6, Sentences: 1, Syllables: 7}},
		// Abbreviations and initials do not end a sentence.
		{"Burns et al. showed it, e.g. with C. A. Goodhart.", Stats{Words: 10, Sentences: 1, Syllables: 11}},
		// A paragraph break ends a sentence that has no full stop.
		{"A heading\n\nThe text.", Stats{Words: 4, Sentences: 2, Syllables: 5}},
		// A line break inside a paragraph does not.
		{"One long\nsentence.", Stats{Words: 3, Sentences: 1, Syllables: 4}},
		// Closing quotes and brackets after the full stop.
		{"He said “no.” Then (he left.) Done.", Stats{Words: 7, Sentences: 3, Syllables: 7}},
		{"", Stats{}},
	}
	for _, c := range cases {
		if got := Measure(c.text); got != c.want {
			t.Errorf("Measure(%q) = %+v, want %+v", c.text, got, c.want)
		}
	}
}

func TestGradeFollowsTheFleschKincaidFormula(t *testing.T) {
	s := Stats{Words: 20, Sentences: 2, Syllables: 30}
	want := 0.39*10 + 11.8*1.5 - 15.59
	if got := s.Grade(); math.Abs(got-want) > 1e-12 {
		t.Errorf("Grade of %+v = %v, want %v", s, got, want)
	}
	if got := (Stats{}).Grade(); got != 0 {
		t.Errorf("the grade of no text is %v, want 0", got)
	}
}

func TestLongerSentencesAndWordsReadHarder(t *testing.T) {
	plain := Measure("The judge reads the answer. She checks each step. Then she marks it.")
	dense := Measure("Supervisory evaluation of superhuman capabilities necessitates methodological innovations that preserve informative feedback.")
	if plain.Grade() >= 6 {
		t.Errorf("plain text reads at grade %.1f, want below 6", plain.Grade())
	}
	if dense.Grade() <= 16 {
		t.Errorf("dense text reads at grade %.1f, want above 16", dense.Grade())
	}
}

func TestPlainTextEndsSentencesAtBlocksAndDecodesCharacters(t *testing.T) {
	h := `<div class="prose"><h2>What it means</h2><p>Tom &amp; Jerry <a href="/sources#x">[1]</a>.</p><ul><li>one item</li><li>another</li></ul></div>`
	got := Measure(PlainText(h))
	want := Stats{Words: 8, Sentences: 4, Syllables: 12}
	if got != want {
		t.Errorf("Measure(PlainText(%q)) = %+v, want %+v (text %q)", h, got, want, PlainText(h))
	}
}

func TestQuantileInterpolatesBetweenNeighbours(t *testing.T) {
	values := []float64{1, 2, 3, 4}
	for _, c := range []struct{ q, want float64 }{{0, 1}, {0.25, 1.75}, {0.5, 2.5}, {0.75, 3.25}, {1, 4}} {
		if got := Quantile(values, c.q); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("Quantile(%v, %v) = %v, want %v", values, c.q, got, c.want)
		}
	}
	if got := Quantile(nil, 0.5); got != 0 {
		t.Errorf("the median of nothing is %v, want 0", got)
	}
}
