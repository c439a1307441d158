package wire

import (
	"strings"
	"testing"
)

func TestCodesAreReadAsPeopleTypeThem(t *testing.T) {
	cases := map[string]string{
		"k7q-x9d": "K7QX9D", " K7Q X9D ": "K7QX9D", "K7QX9D": "K7QX9D",
		"K7QX9": "", "K7QX9DD": "", "K7QX0D": "", "K7QXID": "", "K7QX9Ð": "", "": "",
		strings.Repeat(" ", MaxTypedCode) + "K7QX9D": "",
	}
	for typed, want := range cases {
		if got := NormalizeCode(typed); got != want {
			t.Errorf("NormalizeCode(%q) = %q, want %q", typed, got, want)
		}
	}
}

func TestPlainTextIsCleanedNotEscaped(t *testing.T) {
	cases := []struct {
		in, want  string
		multiline bool
	}{
		{"  <script>x</script>  ", "<script>x</script>", false},
		{"a\nb\tc", "a b c", false},
		{"a\nb", "a\nb", true},
		{"a\u2028b", "a b", true},
	}
	for _, tc := range cases {
		if got, ok := CleanText(tc.in, 100, tc.multiline); !ok || got != tc.want {
			t.Errorf("CleanText(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := CleanText("\xff", 100, false); ok {
		t.Error("invalid UTF-8 accepted")
	}
	if _, ok := CleanText(strings.Repeat("é", 11), 10, false); ok {
		t.Error("11 characters accepted where 10 are the most")
	}
}

func TestALabIsAnAddressOnThisSite(t *testing.T) {
	for link, want := range map[string]bool{
		"": true, "/labs/w2s?gap=3": true, "/" + strings.Repeat("a", MaxLab-1): true,
		"/" + strings.Repeat("a", MaxLab): false,
		"https://example.org/lab":         false, "//example.org/lab": false, "/\\example.org": false,
		"labs/w2s": false, "/labs/w2s gap": false, "javascript:alert(1)": false,
	} {
		if got := ValidLab(link); got != want {
			t.Errorf("ValidLab(%q) = %v, want %v", link, got, want)
		}
	}
}

func TestATourIsNamedByItsID(t *testing.T) {
	for id, want := range map[string]bool{
		"why-the-judge-fails": true, "w2s": true, strings.Repeat("a", MaxTour): true,
		"": false, "-lead": false, "Upper": false, "a b": false, "a/b": false, strings.Repeat("a", MaxTour+1): false,
	} {
		if got := ValidTour(id); got != want {
			t.Errorf("ValidTour(%q) = %v, want %v", id, got, want)
		}
	}
}
