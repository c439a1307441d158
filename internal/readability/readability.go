// Package readability measures how hard a text is to read, as the
// Flesch–Kincaid grade: roughly the years of schooling a reader needs. It
// grows with longer sentences and longer words:
//
//	grade = 0.39 × words per sentence + 11.8 × syllables per word − 15.59
//
// The content checker holds summaries to grade 10 and reports the grade of
// every body.
package readability

import (
	"html"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"oversight/internal/syllables"
)

// Stats are the counts a grade is computed from.
type Stats struct {
	Words, Sentences, Syllables int
}

// Grade is the Flesch–Kincaid grade of the text, 0 for a text without words.
func (s Stats) Grade() float64 {
	if s.Words == 0 || s.Sentences == 0 {
		return 0
	}
	return 0.39*float64(s.Words)/float64(s.Sentences) + 11.8*float64(s.Syllables)/float64(s.Words) - 15.59
}

// Measure counts the words, sentences and syllables of plain text. A word
// is a run of characters between spaces, dashes, hyphens and slashes that
// has a letter: numbers and symbols are not words. A sentence ends at a
// full stop, question or exclamation mark followed by a space or the end
// (not after an abbreviation such as e.g. or et al., nor after an initial),
// and at a paragraph break: a blank line ends an item of a list or a
// heading that has no full stop.
func Measure(text string) Stats {
	var s Stats
	for _, paragraph := range paragraphBreak.Split(text, -1) {
		words := strings.FieldsFunc(paragraph, isBetweenWords)
		open := false // a sentence has words not yet ended by a full stop
		for _, w := range words {
			if strings.ContainsFunc(w, unicode.IsLetter) {
				s.Words++
				s.Syllables += syllables.Count(w)
				open = true
			}
			if open && endsSentence(w) {
				s.Sentences++
				open = false
			}
		}
		if open {
			s.Sentences++
		}
	}
	return s
}

var paragraphBreak = regexp.MustCompile(`\n[ \t]*\n`)

// isBetweenWords is what separates words: spaces, and the dashes, hyphens
// and slashes inside compounds (weak-to-strong is three short words).
func isBetweenWords(r rune) bool {
	return unicode.IsSpace(r) || r == '-' || r == '–' || r == '—' || r == '/'
}

// abbreviations are the words whose full stop does not end a sentence.
var abbreviations = map[string]bool{
	"e.g.": true, "i.e.": true, "al.": true, "etc.": true, "vs.": true, "cf.": true,
	"dr.": true, "mr.": true, "mrs.": true, "ms.": true, "p.": true, "pp.": true,
	"u.k.": true, "u.s.": true, "st.": true, "fig.": true, "vol.": true,
}

// endsSentence says whether a word ends its sentence: it ends in a full
// stop, question or exclamation mark, perhaps inside closing quotes or
// brackets, and is not an abbreviation or a capital's initial (C. A. E.).
func endsSentence(word string) bool {
	w := strings.TrimRight(word, `"'”’)]*_`)
	if w == "" {
		return false
	}
	switch last := w[len(w)-1]; {
	case last == '?' || last == '!':
		return true
	case strings.HasSuffix(w, "…"):
		return true
	case last != '.':
		return false
	}
	bare := strings.TrimLeft(w, `"'“‘([*_`)
	if abbreviations[strings.ToLower(bare)] {
		return false
	}
	if r := []rune(bare); len(r) == 2 && unicode.IsUpper(r[0]) {
		return false
	}
	return true
}

// blockEnd matches the end of an HTML block that ends a sentence when its
// text does not: a paragraph, an item of a list, a heading, a quote.
var (
	blockEnd = regexp.MustCompile(`(?i)</(?:p|li|h[1-6]|blockquote|div|pre)>|<br\s*/?>|<hr\s*/?>`)
	tag      = regexp.MustCompile(`<[^>]*>`)
)

// PlainText turns HTML as the content loader renders it into text for
// Measure: the end of each block becomes a paragraph break, tags go, and
// character references become the characters they stand for.
func PlainText(h string) string {
	h = blockEnd.ReplaceAllString(h, "\n\n")
	return html.UnescapeString(tag.ReplaceAllString(h, ""))
}

// Quantile is the value below which a fraction q of the values lie,
// interpolating between the two nearest (the method most statistics
// packages use by default). values must be sorted; it is 0 when empty.
func Quantile(values []float64, q float64) float64 {
	if len(values) == 0 {
		return 0
	}
	pos := q * float64(len(values)-1)
	lo := int(pos)
	if lo+1 >= len(values) {
		return values[len(values)-1]
	}
	return values[lo] + (pos-float64(lo))*(values[lo+1]-values[lo])
}

// Sorted returns the values in increasing order, leaving them as they are.
func Sorted(values []float64) []float64 {
	out := append([]float64(nil), values...)
	sort.Float64s(out)
	return out
}
