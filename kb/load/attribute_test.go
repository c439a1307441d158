package load

import (
	"strings"
	"testing"
	"testing/fstest"
)

// go-app writes prerendered attributes with strconv.Quote: a title must
// read the same there as in the app, or not load.
func TestTextThatWouldNotReadTheSameInAnAttributeIsRefused(t *testing.T) {
	for title, want := range map[string]string{
		`Debate "two"`:                         `title contains one of " \ < > which break HTML attributes`,
		`Debate <b>two</b>`:                    `title contains one of " \ < > which break HTML attributes`,
		`Debate -> judge`:                      `title contains one of " \ < > which break HTML attributes`,
		`'C:\debate'`:                          `title contains one of " \ < > which break HTML attributes`,
		`Fish &amp; chips`:                     "title contains an HTML character reference (like &amp;), which a page would show as the character",
		`'&copy 2024 Debate'`:                  "title contains an HTML character reference", // quoted: &copy is a YAML anchor
		"No\u00a0break":                        "title contains the character U+00A0, which a page cannot show as it is",
		"Scientist \U0001F469\u200d\U0001F52C": "title contains the character U+200D",
		"\"Tab\\there\"":                       "title contains a control character or line break",
	} {
		_, err := Content(tree(fstest.MapFS{
			"concepts/debate.md":             concept(withLine(validFront, 2, "title: "+title)...),
			"concepts/scalable-oversight.md": oversight(),
		}), "content")
		if err == nil || !strings.Contains(err.Error(), "content/concepts/debate.md:2: "+want) {
			t.Errorf("title: %s\ngot %v\nwant content/concepts/debate.md:2: %s", title, err, want)
		}
	}
}

func TestTextThatReadsTheSameInAnAttributeLoads(t *testing.T) {
	for _, title := range []string{
		"Debate’s “two” sides", "R&D at AT&T, Q&A", "Ça va — 100 % sûr", "Tests 🧪 and ‘quotes’", "a = b; c / d {e}",
	} {
		k, err := Content(tree(fstest.MapFS{
			"concepts/debate.md":             concept(withLine(validFront, 2, "title: "+title)...),
			"concepts/scalable-oversight.md": oversight(),
		}), "content")
		if err != nil {
			t.Errorf("title: %s\n%v", title, err)
			continue
		}
		if c, _ := k.Concept("debate"); c.Title != title {
			t.Errorf("title %q loads as %q", title, c.Title)
		}
	}
}

func TestASourceAddressMustReadTheSameInAnAttribute(t *testing.T) {
	files := base()
	files["sources/s1.md"] = file("---", "title: A paper", "authors: A. Author", "venue: arXiv", "date: 2023",
		`url: https://example.org/"onmouseover="alert(1)`, "status: verified", "---")
	_, err := Content(files, "content")
	if want := "content/sources/s1.md:6: url contains one of"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
}
