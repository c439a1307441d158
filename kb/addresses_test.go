package kb

import "testing"

func TestAnIDIsHyphenatedLowerCaseWords(t *testing.T) {
	for id, want := range map[string]bool{
		"debate": true, "weak-to-strong-generalization": true, "gpt-4": true, "2023": true,
		"": false, "-debate": false, "debate-": false, "weak--strong": false,
		"Debate": false, "débat": false, "a_b": false, "a b": false, "a/b": false,
	} {
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
}
