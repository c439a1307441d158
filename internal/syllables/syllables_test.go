package syllables

import "testing"

// Words as a dictionary splits them. Each line is a rule of Count at work.
var dictionary = map[string]int{
	// One vowel group, one syllable.
	"cat": 1, "the": 1, "strong": 1, "weak": 1, "judge": 1, "through": 1, "school": 1,
	// Several groups.
	"model": 2, "human": 2, "answer": 2, "problem": 2, "computer": 3, "alignment": 3,
	"supervision": 4, "interpretability": 7, "generalization": 6, "capability": 5,
	// A silent final e, but the -le of table is said.
	"make": 1, "machine": 2, "recognise": 3, "table": 2, "simple": 2, "whole": 1,
	// -es and -ed are silent after most consonants.
	"makes": 1, "games": 1, "asked": 1, "trained": 1, "used": 1,
	"boxes": 2, "pages": 2, "matches": 2, "wanted": 2, "needed": 2, "tables": 2,
	// Vowel pairs said as two syllables, and those said as one.
	"prior": 2, "biology": 4, "video": 3, "actual": 3, "medium": 3, "period": 3, "theory": 3,
	"nation": 2, "special": 2, "region": 2, "quality": 3, "language": 2,
	// A silent e inside a word, before a suffix.
	"safely": 2, "statement": 2, "hopeful": 2, "completely": 3, "likeness": 2, "carefully": 3,
	// A suffix after a said e or none.
	"element": 3, "comment": 2, "family": 3, "only": 2, "simply": 2,
	// -ism ends in a syllable of its own.
	"mechanism": 4,
	// A y that starts a word is a consonant; elsewhere it is a vowel.
	"yes": 1, "year": 1, "system": 2, "very": 2,
	// Apostrophes, and accented vowels read as plain ones.
	"model’s": 2, "don't": 1, "décor": 2,
	// Short acronyms and those without a vowel are spelled out; longer ones
	// with vowels are read as words.
	"RLHF": 4, "GPT": 3, "AI": 2, "WWW": 9, "LLMs": 3, "CNBC": 4, "WIRED": 1, "NASA": 2,
	// Words the rules get wrong, held in the exceptions.
	"people": 2, "create": 2, "science": 2,
}

func TestCountMatchesTheDictionary(t *testing.T) {
	for word, want := range dictionary {
		if got := Count(word); got != want {
			t.Errorf("Count(%q) = %d, want %d", word, got, want)
		}
	}
}

func TestAWordWithoutLettersHasNoSyllables(t *testing.T) {
	for _, word := range []string{"", "2023", "78%", "–", "[1]"} {
		if got := Count(word); got != 0 {
			t.Errorf("Count(%q) = %d, want 0", word, got)
		}
	}
}

func TestEveryWordHasAtLeastOneSyllable(t *testing.T) {
	for _, word := range []string{"rhythm", "by", "tsk", "x", "I", "e"} {
		if got := Count(word); got < 1 {
			t.Errorf("Count(%q) = %d, want at least 1", word, got)
		}
	}
}
