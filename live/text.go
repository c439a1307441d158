package live

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cleanText is what a room stores of a person's text: valid UTF-8, trimmed,
// control characters turned into spaces (newlines kept where multiline),
// at most max characters. It is plain text, never HTML or Markdown: the
// app shows it as text. ok is false for text that is too long or invalid.
func cleanText(s string, max int, multiline bool) (string, bool) {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > max {
		return "", false
	}
	s = strings.Map(func(r rune) rune {
		if r == '\n' && multiline {
			return r
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s), true
}

// validTour accepts a tour id as the app names them: lower-case letters,
// digits and dashes.
func validTour(id string) bool {
	if id == "" || len(id) > maxTour || id[0] == '-' {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// validLab accepts an address on this site only ("/labs/w2s?gap=3"), so a
// poll cannot send students elsewhere.
func validLab(link string) bool {
	if link == "" {
		return true
	}
	if len(link) > maxLab || !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//") ||
		strings.ContainsAny(link, "\\ \t\r\n") {
		return false
	}
	u, err := url.Parse(link)
	return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil
}
