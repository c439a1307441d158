package load

import (
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"oversight/content"
	"oversight/kb"
)

// realKB is the app's own knowledge base, which imported tours are checked
// against.
func realKB(t *testing.T) *kb.KB {
	t.Helper()
	k, err := Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// readmeExample is the complete tour in content/tours/README.md.
func readmeExample(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../content/tours/README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "```markdown\n")
	example, _, closed := strings.Cut(rest, "\n```\n")
	if !ok || !closed {
		t.Fatal("content/tours/README.md has no ```markdown example")
	}
	return example + "\n"
}

func TestTheREADMEExampleParsesAndRoundTrips(t *testing.T) {
	k := realKB(t)
	example := readmeExample(t)
	tour, err := Tour("debate-in-five-minutes.md", []byte(example), k)
	if err != nil {
		t.Fatalf("the README's example does not parse:\n%v", err)
	}
	if tour.ID != "debate-in-five-minutes" || tour.Title != "Debate in five minutes" || tour.Minutes != 5 ||
		tour.Audience != "Anyone who has looked at the map once" || tour.Reviewed != "2026-11-26" {
		t.Errorf("front matter read as %+v", tour)
	}
	if len(tour.Steps) != 2 || len(tour.Quiz) != 1 || len(tour.Warnings) != 0 {
		t.Fatalf("want 2 steps, 1 self-check question and no warnings; got %d, %d, %v", len(tour.Steps), len(tour.Quiz), tour.Warnings)
	}
	first := tour.Steps[0]
	if first.Title != "Two models argue, one judge decides" || !reflect.DeepEqual(first.Concepts, []string{"debate", "scalable-oversight"}) {
		t.Errorf("step 1 = %q %v", first.Title, first.Concepts)
	}
	if first.Line != 10 || tour.Steps[1].Line != 27 || tour.Quiz[0].Line != 36 {
		t.Errorf("lines: step 1 at %d, step 2 at %d, question at %d", first.Line, tour.Steps[1].Line, tour.Quiz[0].Line)
	}
	if !strings.Contains(first.NarrationHTML, `<a href="/concepts/debate">debate</a>`) ||
		!strings.Contains(first.NarrationHTML, `<a href="/sources#irving2018debate">[1]</a>`) {
		t.Errorf("step 1's narration renders as %s", first.NarrationHTML)
	}
	if !strings.HasPrefix(first.Notes, "Ask two students") || len(first.Questions) != 2 || first.Questions[1] != "Could the more persuasive side still be wrong?" {
		t.Errorf("notes %q, questions %q", first.Notes, first.Questions)
	}
	if tour.Steps[1].Notes != "" || len(tour.Steps[1].Questions) != 0 {
		t.Errorf("step 2 has notes or questions it does not declare")
	}
	q := tour.Quiz[0]
	if q.Prompt != "Who decides a debate?" || len(q.Options) != 3 || q.Answer != 1 || !strings.Contains(q.FeedbackHTML, `href="/concepts/debate"`) {
		t.Errorf("self-check read as %+v", q)
	}
	if !reflect.DeepEqual(tour.Sources, []string{"irving2018debate"}) {
		t.Errorf("sources = %v", tour.Sources)
	}

	// Round trip: written back, the example is unchanged, and reads the same.
	written := string(tourMarkdown(tour))
	if written != example {
		t.Errorf("Markdown() changed the example:\n--- got\n%s\n--- want\n%s", written, example)
	}
	again, err := Tour("debate-in-five-minutes.md", []byte(written), k)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again, tour) {
		t.Errorf("parsing the written tour gives a different tour")
	}
}

func TestEveryBuiltInTourRoundTrips(t *testing.T) {
	k := realKB(t)
	if len(k.Tours()) < 3 {
		t.Fatalf("want at least 3 built-in tours, got %d", len(k.Tours()))
	}
	for _, tour := range k.Tours() {
		again, err := Tour(tour.ID+".md", tourMarkdown(tour), k)
		if err != nil {
			t.Errorf("%s written back does not parse:\n%v", tour.ID, err)
			continue
		}
		again.File = tour.File
		for i := range again.Steps {
			again.Steps[i].Line = tour.Steps[i].Line
		}
		for i := range again.Quiz {
			again.Quiz[i].Line = tour.Quiz[i].Line
		}
		if !reflect.DeepEqual(again, tour) {
			t.Errorf("%s changes when written back and read again", tour.ID)
		}
	}
}

// tourDoc is a valid imported tour; each test case breaks one line of it.
var tourDoc = []string{
	"---",                                  // 1
	"title: A short tour",                  // 2
	"audience: A class",                    // 3
	"minutes: 5",                           // 4
	"summary: Two steps.",                  // 5
	"---",                                  // 6
	"",                                     // 7
	"## The judge",                         // 8
	"",                                     // 9
	"Concepts: human-judgement-loop",       // 10
	"",                                     // 11
	"People judge answers.",                // 12
	"",                                     // 13
	"## Debate",                            // 14
	"",                                     // 15
	"Concepts: debate, scalable-oversight", // 16
	"",                                     // 17
	"Two models argue.",                    // 18
	"",                                     // 19
	"### Questions",                        // 20
	"",                                     // 21
	"- Who wins?",                          // 22
	"",                                     // 23
	"## Self-check",                        // 24
	"",                                     // 25
	"### Who judges?",                      // 26
	"",                                     // 27
	"- [x] People",                         // 28
	"- [ ] Nobody",                         // 29
	"",                                     // 30
	"Feedback: See [the loop](/concepts/human-judgement-loop).", // 31
}

// edit returns tourDoc with line n replaced by the given lines.
func edit(n int, replacement ...string) string {
	lines := append([]string(nil), tourDoc[:n-1]...)
	lines = append(lines, replacement...)
	lines = append(lines, tourDoc[n:]...)
	return strings.Join(lines, "\n") + "\n"
}

func TestTheTestTourIsValid(t *testing.T) {
	tour, err := Tour("mine.md", []byte(strings.Join(tourDoc, "\n")), realKB(t))
	if err != nil {
		t.Fatal(err)
	}
	if tour.ID != "mine" || len(tour.Steps) != 2 || len(tour.Quiz) != 1 || tour.Steps[1].Questions[0] != "Who wins?" {
		t.Errorf("parsed as %+v", tour)
	}
}

func TestTourFaultsNameTheirLine(t *testing.T) {
	k := realKB(t)
	cases := []struct {
		name, doc, want string
	}{
		{"unknown concept", edit(16, "Concepts: debate, scalable-oversigt"),
			`mine.md:16: unknown concept "scalable-oversigt" (did you mean scalable-oversight?)`},
		{"no steps", strings.Join(tourDoc[:7], "\n") + "\n",
			`mine.md:7: the tour has no steps`},
		{"front matter that does not parse", edit(3, "audience: [a class"),
			`mine.md:3: front matter does not parse as YAML`},
		{"front matter never closed", strings.Join(tourDoc[:5], "\n") + "\n## A step\n",
			`mine.md:1: front matter not closed`},
		{"no front matter", strings.Join(tourDoc[7:], "\n"),
			`mine.md:1: front matter missing`},
		{"unknown field", edit(4, "minute: 5"),
			`mine.md:4: unknown field "minute"`},
		{"missing minutes", edit(4),
			`mine.md:2: missing minutes`},
		{"minutes not a number", edit(4, "minutes: ten"),
			`mine.md:4: minutes must be a whole number from 1 to 240`},
		{"a quote in the title", edit(2, `title: The "judge"`),
			`mine.md:2: title contains one of`},
		{"a character reference in a step's heading", edit(14, "## Debate &amp; judges"),
			`mine.md:14: the heading contains an HTML character reference`},
		{"no concepts line", edit(10, "People judge answers, and the model learns."),
			`mine.md:10: the step "The judge" must name its concepts`},
		{"no narration", edit(12, ""),
			`mine.md:8: the step "The judge" has no narration`},
		{"a # heading", edit(9, "# Title"),
			`mine.md:9: a # heading is not allowed`},
		{"text before the first step", edit(7, "Welcome!"),
			`mine.md:7: text before the first step`},
		{"an unknown ### section", edit(20, "### Homework"),
			`mine.md:20: unknown section ### Homework`},
		{"a question that is not a list item", edit(22, "Who wins?"),
			`mine.md:22: write each question as a list item`},
		{"an unknown concept link", edit(18, "Two [models](/concepts/debat) argue."),
			`mine.md:18: the text links to unknown concept "debat" (did you mean debate?)`},
		{"an unknown source", edit(18, "Two models argue [@nobody2024]."),
			`mine.md:18: citation of unknown source "nobody2024"`},
		{"two right answers", edit(29, "- [x] Nobody"),
			`mine.md:26: the question "Who judges?" marks 2 answers as right`},
		{"no right answer", edit(28, "- [ ] People"),
			`mine.md:26: the question "Who judges?" marks no answer as right`},
		{"one answer", edit(29),
			`mine.md:26: the question "Who judges?" needs at least two answers`},
		{"no feedback", edit(31),
			`mine.md:26: the question "Who judges?" has no feedback`},
		{"feedback that links no concept", edit(31, "Feedback: People judge."),
			`mine.md:31: the feedback must link the concept`},
		{"a step after the self-check", edit(31, tourDoc[30], "", "## Later", "", "Concepts: debate", "", "Text."),
			`mine.md:33: the step "Later" comes after the ## Self-check`},
		{"quotes nested too deep", edit(12, strings.Repeat(">", 17)+"deep"),
			`mine.md:12: quotes, lists and indentation nest 17 levels deep here; the most allowed is 16`},
		{"lists nested too deep", edit(12, strings.Repeat("1. ", 17)+"deep"),
			`mine.md:12: quotes, lists and indentation nest 17 levels deep here`},
		{"a line indented too far", edit(12, strings.Repeat(" ", 34)+"far"),
			`mine.md:12: quotes, lists and indentation nest 17 levels deep here`},
		{"a front matter of more than 100 lines", edit(5, append([]string{"summary: Two steps."}, slices.Repeat([]string{"weight: 1"}, 97)...)...),
			`mine.md:102: the front matter is 101 lines long; the most allowed is 100`},
		{"a front matter of more than 8 KiB", edit(5, "summary: "+strings.Repeat("Two steps. ", 800)),
			`mine.md:2: the front matter is 9 KiB; the most allowed is 8 KiB`},
		{"brackets nested too deep", edit(12, "[[[[[[[[[deep]]]]]]]]]"),
			`mine.md:12: brackets nest 9 deep here; the most allowed is 8`},
		{"brackets nested too deep across lines", edit(12, "[[[[ a", "[[[[ b", "[ c ]]]]]]]]]"),
			`mine.md:14: brackets nest 9 deep here`},
		{"quotes nested too deep in the speaker notes", edit(19, "", "### Speaker notes", "", "Fine.", "", strings.Repeat(">", 17)+" deep", ""),
			`mine.md:24: quotes, lists and indentation nest 17 levels deep here`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Tour("mine.md", []byte(c.doc), k)
			var faults kb.Faults
			if !errors.As(err, &faults) {
				t.Fatalf("got %v, want faults", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("faults:\n%v\nwant one containing:\n%s", err, c.want)
			}
		})
	}
}

func TestAnOversizedTourIsRefusedBeforeParsing(t *testing.T) {
	doc := edit(12, strings.Repeat("Long narration. ", kb.MaxMarkdownBytes/16+1))
	_, err := Tour("big.md", []byte(doc), realKB(t))
	if err == nil || !strings.HasPrefix(err.Error(), "big.md:1: the tour is 65 KiB; the most a tour may be is 64 KiB") || strings.Count(err.Error(), "\n") != 0 {
		t.Errorf("got %v", err)
	}
}

func TestUntrustedMarkdownIsRenderedWithoutHTMLImagesOrScriptLinks(t *testing.T) {
	doc := edit(12,
		"Safe text.",                             // 12
		"",                                       // 13
		"<script>alert(1)</script>",              // 14
		"",                                       // 15
		`Inline <img src=x onerror="alert(1)">.`, // 16
		"",                                       // 17
		"A [bad link](javascript:alert(1)) and a [good one](/concepts/debate).", // 18
		"", // 19
		"![a picture](https://example.org/x.png)", // 20
		"",                                   // 21
		"<javascript:alert(2)> and [ref][r]", // 22
		"",                                   // 23
		"[r]: JaVaScRiPt:alert(3)",           // 24
	)
	tour, err := Tour("evil.md", []byte(doc), realKB(t))
	if err != nil {
		t.Fatal(err)
	}
	html := tour.Steps[0].NarrationHTML
	// An autolink's text is its address, kept as plain text.
	for _, bad := range []string{"<script", "<img", "onerror", "alert(1)", "alert(3)", "JaVaScRiPt", `href=""`, `href="javascript`, "raw HTML", "example.org"} {
		if strings.Contains(html, bad) {
			t.Errorf("the narration contains %q:\n%s", bad, html)
		}
	}
	for _, kept := range []string{"Safe text.", "A bad link and", `<a href="/concepts/debate">good one</a>`, "<p>a picture</p>", "<p>javascript:alert(2) and ref</p>"} {
		if !strings.Contains(html, kept) {
			t.Errorf("the narration lost %q:\n%s", kept, html)
		}
	}
	var lines []int
	for _, w := range tour.Warnings {
		lines = append(lines, w.Line)
	}
	if want := []int{14, 16, 18, 20, 22, 22}; !reflect.DeepEqual(lines, want) {
		t.Errorf("warnings on lines %v, want %v:\n%v", lines, want, tour.Warnings)
	}
}

func TestBuiltInToursLoadIntoTheKnowledgeBase(t *testing.T) {
	step := func(title, extra string) string {
		return "---\ntitle: " + title + "\naudience: A class\nminutes: 5\nsummary: S.\nreviewed: 2026-11-26\n" + extra +
			"---\n\n## Step\n\nConcepts: scalable-oversight\n\nNarration.\n"
	}
	files := tree(fstest.MapFS{
		"concepts/scalable-oversight.md": oversight(),
		"tours/later.md":                 {Data: []byte(step("Zeta", "weight: 1\n"))},
		"tours/first.md":                 {Data: []byte(step("Alpha", "weight: 2\n"))},
		"tours/README.md":                {Data: []byte("# Not a tour\n")},
	})
	k, err := Content(files, "content")
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Tours()) != 2 || k.Tours()[0].ID != "later" || k.Tours()[1].ID != "first" {
		t.Errorf("tours are not ordered by weight: %v", k.Tours())
	}
	if tour, ok := k.Tour("first"); !ok || tour.File != "content/tours/first.md" {
		t.Errorf("Tour(first) = %v, %v", tour, ok)
	}

	files["tours/first.md"] = &fstest.MapFile{Data: []byte(strings.Replace(step("Alpha", ""), "reviewed: 2026-11-26\n", "", 1) + "\n<b>bold</b>\n")}
	files["tours/imported.md"] = &fstest.MapFile{Data: []byte(step("Beta", ""))}
	_, err = Content(files, "content")
	for _, want := range []string{
		"content/tours/first.md:2: missing reviewed (YYYY-MM-DD)",
		"content/tours/first.md:14: HTML is not shown: write Markdown instead",
		`content/tours/imported.md:1: the tour id "imported" is taken`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("faults:\n%v\nwant:\n%s", err, want)
		}
	}
}

func TestTourIDsComeFromTheFileNameOrTheTitle(t *testing.T) {
	k := realKB(t)
	for name, want := range map[string]string{
		"My Lesson (v2).md":    "my-lesson-v2",
		`C:\teacher\week 3.md`: "week-3",
		"pasted":               "pasted",
		"???.md":               "a-short-tour",
	} {
		tour, err := Tour(name, []byte(strings.Join(tourDoc, "\n")), k)
		if err != nil {
			t.Fatal(err)
		}
		if tour.ID != want {
			t.Errorf("Tour(%q) id = %q, want %q", name, tour.ID, want)
		}
	}
}
