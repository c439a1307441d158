// Package syllables estimates how many syllables an English word has, for
// readability measures. It reads spelling, not a pronouncing dictionary:
// groups of vowels, less a silent e, plus the vowel pairs that are said as
// two syllables. That is right for most words and off by one for some
// (create, science), which a measure over a whole text absorbs.
package syllables

import (
	"strings"
	"unicode"
)

// Count returns the syllables of one word, at least 1 for a word with a
// letter and 0 for one without. A word in capitals that is short or has no
// vowel (GPT, RLHF, LLMs) is read letter by letter, as such acronyms are
// said; a longer one with vowels (WIRED, NASA) is read as a word.
func Count(word string) int {
	if isSpelledOut(word) {
		return spelledOut(word)
	}
	w := letters(word)
	if w == "" {
		return 0
	}
	if n, ok := exceptions[w]; ok {
		return n
	}
	if base, suffix, ok := silentESuffix(w); ok {
		return Count(base) + suffix
	}
	if len(w) <= 3 {
		return 1
	}
	n := vowelGroups(w) - silentEndings(w) + splitPairs(w)
	if strings.HasSuffix(w, "ism") || strings.HasSuffix(w, "asm") {
		n++ // mech-a-nism: the m is a syllable of its own
	}
	return max(n, 1)
}

// exceptions are common words the rules get wrong.
var exceptions = map[string]int{
	"people": 2, "create": 2, "created": 3, "creates": 2, "idea": 3, "ideas": 3,
	"area": 3, "being": 2, "science": 2, "society": 4, "quiet": 2, "client": 2,
	"business": 2, "every": 3, "different": 3, "evening": 2, "real": 1, "really": 2,
	"element": 3, "elements": 3,
}

// isSpelledOut says whether a word is an acronym said letter by letter:
// two or more capitals (and perhaps a plural s), at most three of them or
// none a vowel.
func isSpelledOut(word string) bool {
	capitals, vowels := 0, 0
	for _, r := range strings.TrimSuffix(word, "s") {
		switch {
		case unicode.IsUpper(r):
			capitals++
			if strings.ContainsRune("AEIOU", r) {
				vowels++
			}
		case unicode.IsLetter(r):
			return false
		}
	}
	return capitals >= 2 && (capitals <= 3 || vowels == 0)
}

// spelledOut counts an acronym letter by letter: W is dou-ble-you.
func spelledOut(word string) int {
	n := 0
	for _, r := range word {
		switch {
		case r == 'W':
			n += 3
		case unicode.IsUpper(r):
			n++
		}
	}
	return n
}

// letters is the word in lower case without what is not a letter, so that
// model’s and models' count like models.
func letters(word string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(word) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		} else if unicode.IsLetter(r) {
			b.WriteRune(fold(r))
		}
	}
	return b.String()
}

// fold reads an accented vowel as its plain letter (é as e), and any other
// letter outside a to z as a consonant.
func fold(r rune) rune {
	switch r {
	case 'à', 'á', 'â', 'ä':
		return 'a'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ò', 'ó', 'ô', 'ö':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	}
	return 'x'
}

func isVowel(w string, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	case 'y':
		return i > 0 // a y that starts a word is a consonant: yes, year
	}
	return false
}

// vowelGroups counts the runs of vowels, each one the heart of a syllable.
func vowelGroups(w string) int {
	n := 0
	for i := range len(w) {
		if isVowel(w, i) && (i == 0 || !isVowel(w, i-1)) {
			n++
		}
	}
	return n
}

// silentEndings is 1 when the word ends in a vowel group that is not said:
// a final e after a consonant (make), except the -le of table, and the e of
// -es and -ed after most consonants (makes, asked; but boxes, wanted).
func silentEndings(w string) int {
	last := len(w) - 1
	switch {
	case w[last] == 'e' && !isVowel(w, last-1):
		if w[last-1] == 'l' && !isVowel(w, last-2) {
			return 0 // ta-ble
		}
		return 1
	case strings.HasSuffix(w, "es") && !isVowel(w, last-2):
		if strings.ContainsRune("sxzgc", rune(w[last-2])) || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") {
			return 0 // box-es, pag-es, match-es
		}
		if w[last-2] == 'l' && !isVowel(w, last-3) {
			return 0 // ta-bles
		}
		return 1
	case strings.HasSuffix(w, "ed") && !isVowel(w, last-2):
		if w[last-2] == 't' || w[last-2] == 'd' {
			return 0 // want-ed
		}
		return 1
	}
	return 0
}

// splitPairs counts the vowel pairs said as two syllables: ra-ti-o,
// vid-e-o, act-u-al, me-di-um. The pairs after c, s, t, x or g are one
// sound (na-tion, spe-cial, re-gion), as are qu and gu (qual-i-ty).
func splitPairs(w string) int {
	n := 0
	for i := 1; i+1 < len(w); i++ {
		pair := w[i : i+2]
		before := w[i-1]
		switch pair {
		case "ia", "io", "iu":
			if !strings.ContainsRune("cstxg", rune(before)) {
				n++
			}
		case "eo":
			n++
		case "ua", "uo":
			if before != 'q' && before != 'g' {
				n++
			}
		}
	}
	return n
}

// silentESuffix splits a word made of a base ending in a silent e and a
// suffix that starts with a consonant: safe-ly, state-ment, care-ful. The
// e stays silent inside the word, which vowel groups alone would miss.
func silentESuffix(w string) (base string, suffixSyllables int, ok bool) {
	for _, suffix := range []string{"ments", "ment", "ness", "less", "fully", "ful", "ly"} {
		base, found := strings.CutSuffix(w, suffix)
		if !found || len(base) < 3 || !strings.HasSuffix(base, "e") || isVowel(base, len(base)-2) {
			continue
		}
		if base[len(base)-2] == 'l' && !isVowel(base, len(base)-3) {
			continue // sim-ple-ness keeps its -le
		}
		if suffix == "fully" {
			return base, 2, true
		}
		return base, 1, true
	}
	return "", 0, false
}
