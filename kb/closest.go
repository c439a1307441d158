package kb

import (
	"sort"
	"strings"
)

// typoSimilarity is how alike two ids must be for one to be offered as a
// correction of the other.
const typoSimilarity = 0.6

// Closest returns up to n candidates close enough to query to be what the
// author meant, best first.
func Closest(query string, candidates []string, n int) []string {
	type scored struct {
		value string
		score float64
	}
	var ranked []scored
	for _, c := range candidates {
		if s := similarity(query, c); s >= typoSimilarity {
			ranked = append(ranked, scored{c, s})
		}
	}
	sort.SliceStable(ranked, func(i, j int) bool {
		if ranked[i].score != ranked[j].score {
			return ranked[i].score > ranked[j].score
		}
		return ranked[i].value < ranked[j].value
	})
	out := make([]string, 0, n)
	for i := 0; i < len(ranked) && i < n; i++ {
		out = append(out, ranked[i].value)
	}
	return out
}

// Nearest returns the n concepts whose id or title is most like query, best
// first, however weak the match: a reader who mistyped a page still gets
// somewhere to go.
func (k *KB) Nearest(query string, n int) []*Concept {
	type scored struct {
		concept *Concept
		score   float64
	}
	ranked := make([]scored, 0, len(k.concepts))
	for _, c := range k.concepts {
		s := max(similarity(query, c.ID), similarity(query, c.Title))
		ranked = append(ranked, scored{c, s})
	}
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].score > ranked[j].score })
	out := make([]*Concept, 0, n)
	for i := 0; i < len(ranked) && i < n; i++ {
		out = append(out, ranked[i].concept)
	}
	return out
}

// similarity is 1 for equal strings, high when one contains the other, and
// otherwise one minus the edit distance relative to the longer string.
func similarity(a, b string) float64 {
	a, b = normalise(a), normalise(b)
	if a == b {
		return 1
	}
	if len(a) >= 3 && len(b) >= 3 && (strings.Contains(a, b) || strings.Contains(b, a)) {
		return 0.9
	}
	longest := max(len([]rune(a)), len([]rune(b)))
	if longest == 0 {
		return 0
	}
	return 1 - float64(editDistance(a, b))/float64(longest)
}

func normalise(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", " ")
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
