package app

import (
	"strings"
	"time"
)

// readableDate writes a content date (YYYY, YYYY-MM or YYYY-MM-DD) the way a
// reader says it: "5 July 2023", "May 2024", "2022".
func readableDate(d string) string {
	for _, f := range []struct{ in, out string }{
		{"2006-01-02", "2 January 2006"},
		{"2006-01", "January 2006"},
		{"2006", "2006"},
	} {
		if len(d) == len(f.in) {
			if t, err := time.Parse(f.in, d); err == nil {
				return t.Format(f.out)
			}
		}
	}
	return d
}

// plural picks the singular or plural noun for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// sentenceCase lowers the first letter of a label used inside a sentence.
func sentenceCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// sentenceStart raises the first letter of a phrase that starts a sentence.
func sentenceStart(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
