package load

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"oversight/kb"
)

// render renders Markdown that starts on line 10 of a file, within the
// budget of a whole file.
func render(src string) (string, kb.Faults, kb.Faults) {
	return renderMarkdown([]byte(src), "f.md", 10, newHTMLBudget(), nil)
}

func TestLinksAreJudgedByTheAddressTheBrowserWillRead(t *testing.T) {
	for dest, want := range map[string]string{
		"/concepts/debate":           `<a href="/concepts/debate">x</a>`,
		"#top":                       `<a href="#top">x</a>`,
		"https://example.org/a?b=c":  `<a href="https://example.org/a?b=c">x</a>`,
		"HTTP://example.org/":        `<a href="HTTP://example.org/">x</a>`,
		"/&#92;example.org":          `<a href="/%5Cexample.org">x</a>`,
		"/a&amp;b":                   `<a href="/a&amp;b">x</a>`,
		"//evil.example":             "",
		"/&#x2F;evil.example":        "", // goldmark writes //evil.example
		"/&sol;evil.example":         "",
		`\/\/evil.example`:           "",
		"&#x6A;avascript:alert(1)":   "",
		"&#106;avascript:alert(1)":   "",
		"javascript&colon;alert(1)":  "",
		"<java\tscript:alert(1)>":    "",
		"data:image/png;base64,iVBO": "",
		"mailto:a@example.org":       "",
		"concepts/debate":            "",
		"&#104;ttps://example.org/":  `<a href="https://example.org/">x</a>`,
	} {
		html, removed, refused := render("[x](" + dest + ")")
		if len(refused) > 0 {
			t.Fatalf("%s: refused: %v", dest, refused)
		}
		if want == "" {
			if strings.Contains(html, "<a") || len(removed) != 1 || removed[0].Line != 10 {
				t.Errorf("[x](%s) renders %s with removals %v; want the link removed at line 10", dest, html, removed)
			}
			continue
		}
		if !strings.Contains(html, want) || len(removed) != 0 {
			t.Errorf("[x](%s) renders %s with removals %v; want %s", dest, html, removed, want)
		}
	}
}

func TestMarkdownBeyondTheLimitsIsRefusedNamingTheLine(t *testing.T) {
	repeat := strings.Repeat
	cases := []struct {
		name, src, want string
	}{
		{"a NUL character", "a\n\x00", "f.md:11: the line contains a NUL character"},
		{"text that is not UTF-8", "a\n\nb\xe9", "f.md:12: the line is not UTF-8 text"},
		{"quotes nested too deep", "> a\n" + repeat(">", 17) + " b", "f.md:11: quotes, lists and indentation nest 17 levels deep here; the most allowed is 16"},
		{"a list item indented too deep", "- a\n" + repeat(" ", 34) + "- b", "f.md:11: quotes, lists and indentation nest 18 levels deep here"},
		{"brackets across the lines of a paragraph", "[[[ a\n[[[[ b\n[[ c", "f.md:12: brackets nest 9 deep here; the most allowed is 8"},
		{"parentheses on a line", "[a](((((((((b)))))))))", "f.md:10: brackets nest 9 deep here"},
		{"too many emphasis markers in a paragraph", repeat("*a ", 300) + "\n" + repeat("_b ", 201), "f.md:11: the paragraph has more than 500 runs of * and _ by this line: split it with blank lines"},
		{"emphasis nested too deep", "a\n\n" + repeat("*", 34) + "b" + repeat("*", 34), "f.md:12: emphasis and links nest more than 16 deep in this paragraph"},
		{"a long link used many times", "[r]: /" + repeat("a", 1000) + "\n\n" + repeat("[x][r] ", 600), "f.md:10: the addresses of the links from here on add up to more than 512 KiB"},
		{"text that renders to too much HTML", repeat(">\n\n", 21000), "f.md:10: the text from here on renders to more than 512 KiB of HTML"},
		{"text longer than a file may be", repeat("[@s1] ", 12000), "f.md:10: the text from here on is 71 KiB once its citations are links; the most allowed is 64 KiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			html, _, refused := render(c.src)
			if html != "" || len(refused) == 0 || !strings.HasPrefix(refused[0].String(), c.want) {
				t.Errorf("refused %v, rendered %d bytes; want a fault starting\n%s", refused, len(html), c.want)
			}
		})
	}
}

func TestMarkdownRightAtTheLimitsRenders(t *testing.T) {
	repeat := strings.Repeat
	for name, src := range map[string]string{
		"quotes nested 16 deep":                repeat(">", 16) + " a",
		"lists nested 8 deep by indentation":   "- a\n" + repeat(" ", 14) + "- b",
		"brackets nested 8 deep":               "[[[[[[[[a]]]]]]]]",
		"500 runs of emphasis markers":         repeat("*a ", 300) + "\n" + repeat("_b ", 200),
		"500 runs in each of two paragraphs":   repeat("*a ", 500) + "\n\n" + repeat("_b ", 500),
		"emphasis nested 16 deep":              repeat("*", 32) + "b" + repeat("*", 32),
		"a long link used a few times":         "[r]: /" + repeat("a", 1000) + "\n\n" + repeat("[x][r] ", 400),
		"text that renders to 500 KiB of HTML": repeat(">\n\n", 19000),
	} {
		html, removed, refused := render(src)
		if len(refused) > 0 || len(removed) > 0 || !strings.HasPrefix(html, `<div class="prose">`) {
			t.Errorf("%s: refused %v, removed %v", name, refused, removed)
		}
	}
}

func TestATourHasOneHTMLBudgetForAllItsParts(t *testing.T) {
	// A step that uses a long link 300 times renders to 300 KB of HTML: one
	// such step fits in a file's 512 KiB, two do not.
	refs := []string{"[r]: /" + strings.Repeat("a", 1000), "", strings.Repeat("[x][r] ", 300)}
	one := edit(12, refs...)
	if _, err := Tour("mine.md", []byte(one), realKB(t)); err != nil {
		t.Fatalf("one such step is refused: %v", err)
	}
	two := strings.Replace(one, "Two models argue.", strings.Join(refs, "\n"), 1)
	_, err := Tour("mine.md", []byte(two), realKB(t))
	want := "mine.md:20: the addresses of the links from here on add up to more than 512 KiB"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestATextMadeToWearOutTheParserIsNamedOnlyOnItsFirstLines(t *testing.T) {
	_, _, refused := render(strings.Repeat("\x00\n", 1000))
	if len(refused) != maxFaultsPerText || refused[0].Line != 10 || refused[maxFaultsPerText-1].Line != 10+maxFaultsPerText-1 {
		t.Errorf("got %d faults: %v", len(refused), refused)
	}
	html, removed, _ := render(strings.Repeat("<b>a</b>\n\n", 100))
	last := removed[len(removed)-1]
	if strings.Count(html, "<p>a</p>") != 100 || len(removed) != maxFaultsPerText+1 || last.String() != "f.md:60: and 75 more like these from here on" {
		t.Errorf("named %d removals, the last %q", len(removed), last)
	}
}

// goldmark before v1.8.4 let &#106;avascript: and SVG data: addresses past
// its own check. renderMarkdown judges every address itself, but goldmark's
// check is still the first line. (go.mod names the version every build uses.)
func TestGoldmarkIsAtLeast1_8_4(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	var major, minor, patch int
	_, rest, found := strings.Cut(string(mod), "github.com/yuin/goldmark v")
	if _, err := fmt.Sscanf(rest, "%d.%d.%d", &major, &minor, &patch); !found || err != nil {
		t.Fatalf("go.mod names no goldmark version (%v)", err)
	}
	if major < 1 || major == 1 && (minor < 8 || minor == 8 && patch < 4) {
		t.Errorf("goldmark is v%d.%d.%d; it must be v1.8.4 or later", major, minor, patch)
	}
}
