package wire

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeCode reads a join code as a person types it: any case, with
// spaces or dashes. It returns "" for anything that cannot be a code.
func NormalizeCode(typed string) string {
	if len(typed) > MaxTypedCode {
		return ""
	}
	var b strings.Builder
	for _, r := range strings.ToUpper(typed) {
		switch {
		case r == ' ' || r == '-':
		case r < 128 && strings.IndexByte(CodeAlphabet, byte(r)) >= 0:
			b.WriteRune(r)
		default:
			return ""
		}
	}
	if b.Len() != CodeLength {
		return ""
	}
	return b.String()
}

// CleanText is what a room stores of a person's text: valid UTF-8,
// trimmed, control characters turned into spaces (newlines kept where
// multiline), at most max characters. It is plain text, never HTML or
// Markdown: the app shows it as text. ok is false for text that is too
// long or invalid.
func CleanText(s string, max int, multiline bool) (clean string, ok bool) {
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

// ValidTour accepts a tour id as the app names them: lower-case letters,
// digits and dashes.
func ValidTour(id string) bool {
	if id == "" || len(id) > MaxTour || id[0] == '-' {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// ValidLab accepts an address on this site only ("/labs/w2s?gap=3"), or
// none, so that a poll cannot send students elsewhere.
func ValidLab(link string) bool {
	if link == "" {
		return true
	}
	if len(link) > MaxLab || !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//") ||
		strings.ContainsAny(link, "\\ \t\r\n") {
		return false
	}
	u, err := url.Parse(link)
	return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil
}
