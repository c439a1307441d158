package load

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"oversight/content"
	"oversight/kb"
	"oversight/kb/hostile"
)

// tourHTML is every piece of HTML a tour renders.
func tourHTML(t *kb.Tour) []string {
	var out []string
	for _, s := range t.Steps {
		out = append(out, s.NarrationHTML, s.NotesHTML)
	}
	for _, q := range t.Quiz {
		out = append(out, q.FeedbackHTML)
	}
	return out
}

// expectSafe fails the test for anything in the tour's HTML that could run
// script or lead outside the app and the web.
func expectSafe(t *testing.T, name string, tour *kb.Tour) {
	t.Helper()
	for _, h := range tourHTML(tour) {
		for _, p := range htmlProblems(h) {
			t.Errorf("%s renders %s:\n%s", name, p, h)
		}
	}
}

// expectFaultsWithLines checks that err is faults, each naming file and a
// line in it.
func expectFaultsWithLines(t *testing.T, err error, file string, data []byte) kb.Faults {
	t.Helper()
	var faults kb.Faults
	if !errors.As(err, &faults) || len(faults) == 0 {
		t.Fatalf("%s: got %v, want faults", file, err)
	}
	lines := bytes.Count(data, []byte("\n")) + 1
	for _, f := range faults {
		if f.File != file || f.Line < 1 || f.Line > lines || f.Message == "" {
			t.Errorf("%s: the fault %q does not name the file and one of its %d lines", file, f, lines)
		}
	}
	return faults
}

func TestTheHostileCorpusImportsWithNothingThatRunsOrLeaves(t *testing.T) {
	k := realKB(t)
	for _, h := range hostile.Corpus() {
		t.Run(h.Name, func(t *testing.T) {
			tour, err := Tour(h.Name, h.Markdown, k)
			if h.Refused {
				expectFaultsWithLines(t, err, h.Name, h.Markdown)
				return
			}
			// The tour must import, or its Markdown would never be rendered.
			if err != nil {
				t.Fatalf("the tour is refused, so its Markdown is never rendered:\n%v", err)
			}
			expectSafe(t, h.Name, tour)
			if !strings.Contains(strings.Join(tourHTML(tour), ""), "<p>") {
				t.Errorf("the tour renders no paragraph: is its Markdown rendered at all?")
			}
		})
	}
}

func TestTheCorpusSaysWhatItLeftOutAndKeepsTheRest(t *testing.T) {
	k := realKB(t)
	cases := map[string]struct {
		removedLines []int
		kept         []string
	}{
		"script-elements.md":       {[]int{14, 16, 18, 20, 24, 26, 32, 35, 44}, []string{`<a href="/concepts/debate">safe link</a>`, "&lt;script&gt;alert(&ldquo;split&rdquo;)&lt;/script&gt;"}},
		"event-handlers.md":        {[]int{12, 14, 16, 18, 20, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48}, []string{"<p>An inline  image, and .</p>", "<p>a raw HTML link</p>"}},
		"javascript-links.md":      {[]int{12, 14, 16, 24, 26, 28, 30, 32}, []string{"A plain link, a mixed one and an upper one.", `<a href="/concepts/debate">safe link</a>`, `<a href="https://example.org/paper">web page</a>`}},
		"reference-definitions.md": {[]int{12, 14, 26}, []string{"Full one, collapsed js, shortcut js, upper, entity, titled and", `<a href="/concepts/debate">safe</a>`, "so this stays text"}},
		"other-schemes.md":         {[]int{12, 14, 16, 18, 20, 26, 28}, []string{`<a href="/%5Cevil.example">backslash entity</a>`, `<a href="#top">a fragment</a>`, `<a href="http://example.org/">plain web</a>`}},
		"quote-breakouts.md":       {[]int{22, 24}, []string{`title="a&quot; onmouseover=&quot;alert('entity')"`, `<a href="https://example.org/%22onmouseover=%22alert('address')">address</a>`}},
		"code-fence-info.md":       {nil, []string{`<code class="language-&quot;&gt;&lt;script&gt;alert('info')&lt;/script&gt;">`, "&lt;script&gt;alert('in_code')&lt;/script&gt;"}},
		"attributes.md":            {nil, []string{"<h4>Sub-heading {onmouseover=alert(1)}</h4>", `<a href="/concepts/debate">link</a>{onclick=alert(&rsquo;link&rsquo;)}`}},
		"footnotes.md":             {[]int{14, 16}, []string{"<p>A claim[^1] and another[^evil].</p>", "<p>[^evil]:  and a link.</p>"}},
		"html-oddities.md":         {[]int{12, 14, 16, 18, 20, 22}, []string{"&lt;a/href=&ldquo;javascript:alert(&lsquo;slash&rsquo;)&quot;&gt;x", "&lt;script&gt;alert(&rsquo;entities&rsquo;)&lt;/script&gt;"}},
	}
	for _, h := range hostile.Corpus() {
		c, ok := cases[h.Name]
		if !ok {
			continue
		}
		t.Run(h.Name, func(t *testing.T) {
			tour, err := Tour(h.Name, h.Markdown, k)
			if err != nil {
				t.Fatal(err)
			}
			var lines []int
			for _, w := range tour.Warnings {
				if len(lines) == 0 || lines[len(lines)-1] != w.Line {
					lines = append(lines, w.Line)
				}
			}
			if !equalInts(lines, c.removedLines) {
				t.Errorf("removals named on lines %v, want %v:\n%v", lines, c.removedLines, tour.Warnings)
			}
			all := strings.Join(tourHTML(tour), "\n")
			for _, kept := range c.kept {
				if !strings.Contains(all, kept) {
					t.Errorf("the tour lost %q:\n%s", kept, all)
				}
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// withPage is the app's content with one more page.
func withPage(t *testing.T, name string, data []byte) fstest.MapFS {
	t.Helper()
	files := fstest.MapFS{}
	err := fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(content.FS, p)
		files[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files["pages/"+name] = &fstest.MapFile{Data: data}
	return files
}

// asPage turns a tour into a page of content with the same body: its
// audience, minutes and summary lines become a page's summary, review date
// and source, so every line keeps its number. It needs the front matter of
// five lines that every tour of the corpus has but the ones made to break
// the front matter.
func asPage(tour []byte) ([]byte, bool) {
	lines := strings.SplitAfter(string(tour), "\n")
	if len(lines) < 6 || lines[5] != "---\n" {
		return nil, false
	}
	lines[2], lines[3], lines[4] = "summary: The tour as a page.\n", "reviewed: 2026-11-26\n", "sources: [irving2018debate]\n"
	return []byte(strings.Join(lines, "")), true
}

// A content author's page is Markdown too, checked by the same code: what
// an imported tour would leave out, the content checker refuses, naming the
// same line, and what a tour may not be, a page may not be either.
func TestContentIsHeldToTheSameRulesAsAnImportedTour(t *testing.T) {
	k := realKB(t)
	for _, h := range append(hostile.Corpus(), hostile.Pathological(kb.MaxMarkdownBytes)...) {
		page, ok := asPage(h.Markdown)
		if !ok || h.Name == "attribute-breakouts.md" {
			continue // its faults are in the front matter a page replaces
		}
		t.Run(h.Name, func(t *testing.T) {
			tour, tourErr := Tour(h.Name, h.Markdown, k)
			file := "content/pages/" + h.Name
			_, err := Content(withPage(t, h.Name, page), "content")
			if tourErr == nil && len(tour.Warnings) == 0 {
				if err != nil {
					t.Fatalf("the tour imports as it is, but the page is refused:\n%v", err)
				}
				return
			}
			faults := expectFaultsWithLines(t, err, file, page)
			if tourErr != nil {
				return
			}
			// A page is one text where a tour's parts are several, so a
			// reference may resolve to another definition: the line is what
			// must match.
			for _, w := range tour.Warnings {
				if !faultOnLine(faults, w.Line) {
					t.Errorf("the tour leaves out %q, but the content checker does not refuse line %d:\n%v", w, w.Line, faults)
				}
			}
		})
	}
}

func faultOnLine(faults kb.Faults, line int) bool {
	for _, f := range faults {
		if f.Line == line {
			return true
		}
	}
	return false
}

// The limits exist for the browser, where goldmark's recursion overflows the
// JavaScript stack and its quadratic cases take seconds; natively, each
// pathological tour at the largest size allowed is refused or rendered in
// well under a second. The time is the process's processor time, which
// other programs on a loaded machine do not inflate.
func TestPathologicalMarkdownAtTheSizeLimitIsRefusedOrRenderedInUnderASecond(t *testing.T) {
	k := realKB(t)
	for _, h := range hostile.Pathological(kb.MaxMarkdownBytes) {
		t.Run(h.Name, func(t *testing.T) {
			if len(h.Markdown) != kb.MaxMarkdownBytes {
				t.Fatalf("the tour is %d bytes, want %d", len(h.Markdown), kb.MaxMarkdownBytes)
			}
			took := processorTime(func() {
				tour, err := Tour(h.Name, h.Markdown, k)
				if h.Refused {
					expectFaultsWithLines(t, err, h.Name, h.Markdown)
					return
				}
				if err != nil {
					t.Fatalf("refused:\n%v", err)
				}
				expectSafe(t, h.Name, tour)
			})
			if took > time.Second {
				t.Errorf("took %v of processor time", took)
			}
		})
	}
}
