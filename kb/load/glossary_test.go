package load

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// term writes a glossary file with the given front matter lines.
func term(front ...string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\n" + strings.Join(front, "\n") + "\n---\n")}
}

// withGlossary is a content tree of two concepts and the given glossary.
func withGlossary(glossary fstest.MapFS, debateBody string) fstest.MapFS {
	files := fstest.MapFS{
		"concepts/debate.md": {Data: []byte("---\n" + strings.Join(append(validFront, citedFront...), "\n") +
			"\n---\n" + debateBody + "\n")},
		"concepts/scalable-oversight.md": oversight(),
	}
	for name, f := range glossary {
		files["glossary/"+name] = f
	}
	return tree(files)
}

func TestTheGlossaryLoadsItsTermsInOrderOfTitle(t *testing.T) {
	k, err := Content(withGlossary(fstest.MapFS{
		"weights.md": term("title: Weights", "aliases: [model weights]", "summary: The numbers a model learns.", "reviewed: 2026-11-28"),
		"rlhf.md": term("title: RLHF", "aliases: [reinforcement learning from human feedback]",
			"summary: Training on people’s preferences.", "sources: [s1]", "reviewed: 2026-11-28"),
	}, "Two models argue about their weights."), "content")
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, term := range k.Glossary() {
		titles = append(titles, term.Title)
	}
	if !reflect.DeepEqual(titles, []string{"RLHF", "Weights"}) {
		t.Errorf("glossary = %v, want RLHF then Weights", titles)
	}
	rlhf, ok := k.Term("rlhf")
	if !ok || rlhf.Summary != "Training on people’s preferences." || rlhf.SummaryLine != 4 ||
		!reflect.DeepEqual(rlhf.Sources, []string{"s1"}) || rlhf.Reviewed != "2026-11-28" || rlhf.File != "content/glossary/rlhf.md" ||
		!reflect.DeepEqual(rlhf.Forms(), []string{"RLHF", "reinforcement learning from human feedback"}) {
		t.Errorf("rlhf = %+v", rlhf)
	}
	debate, _ := k.Concept("debate")
	if !strings.Contains(debate.Body, `<a href="/glossary#weights" class="term">weights</a>`) {
		t.Errorf("the concept's body does not mark the term: %s", debate.Body)
	}
}

func TestTheGlossaryReportsEachFaultWithFileAndLine(t *testing.T) {
	good := term("title: Weights", "summary: The numbers a model learns.", "reviewed: 2026-11-28")
	cases := []struct {
		name     string
		glossary fstest.MapFS
		body     string
		want     string
	}{
		{
			name: "a form that names two terms",
			glossary: fstest.MapFS{"weights.md": good,
				"parameters.md": term("title: Parameters", "aliases: [weights]", "summary: Numbers.", "reviewed: 2026-11-28")},
			want: `content/glossary/weights.md:2: the form "Weights" already names the term parameters (content/glossary/parameters.md:3)`,
		},
		{
			name:     "a form given twice",
			glossary: fstest.MapFS{"weights.md": term("title: Weights", "aliases: [weights]", "summary: N.", "reviewed: 2026-11-28")},
			want:     `content/glossary/weights.md:3: the form "weights" is given twice (first on line 2)`,
		},
		{
			name:     "a form without a letter",
			glossary: fstest.MapFS{"weights.md": term("title: Weights", "aliases: ['42']", "summary: N.", "reviewed: 2026-11-28")},
			want:     `content/glossary/weights.md:3: the form "42" has no letter`,
		},
		{
			name:     "a term with a body",
			glossary: fstest.MapFS{"weights.md": {Data: []byte("---\ntitle: Weights\nsummary: N.\nreviewed: 2026-11-28\n---\nMore.\n")}},
			want:     `content/glossary/weights.md:6: a glossary term has no body: write its definition in summary:`,
		},
		{
			name:     "a term citing an unknown source",
			glossary: fstest.MapFS{"weights.md": term("title: Weights", "summary: N.", "sources: [s2]", "reviewed: 2026-11-28")},
			want:     `content/glossary/weights.md:4: citation of unknown source "s2"`,
		},
		{
			name:     "a term without its summary",
			glossary: fstest.MapFS{"weights.md": term("title: Weights", "reviewed: 2026-11-28")},
			want:     `content/glossary/weights.md:2: missing summary`,
		},
		{
			name:     "a link to a term that does not exist",
			glossary: fstest.MapFS{"weights.md": good},
			body:     "Line one.\nSee the [weights](/glossary#wieghts).",
			want:     `content/concepts/debate.md:14: the text links to unknown glossary term "wieghts" (did you mean weights?)`,
		},
		{
			name:     "a citation written so that it links nowhere",
			glossary: fstest.MapFS{"weights.md": good},
			body:     "Two models argue [@ s1].",
			want:     `content/concepts/debate.md:13: a citation that links nowhere: write each as [@source-id]`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := c.body
			if body == "" {
				body = "Two models argue."
			}
			_, err := Content(withGlossary(c.glossary, body), "content")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got:\n%v\nwant a fault starting:\n%s", err, c.want)
			}
		})
	}
}

func TestAWellFormedGlossaryLinkIsAccepted(t *testing.T) {
	_, err := Content(withGlossary(fstest.MapFS{
		"weights.md": term("title: Weights", "summary: N.", "reviewed: 2026-11-28"),
	}, "See [the glossary](/glossary) and [weights](/glossary#weights) [@s1]."), "content")
	if err != nil {
		t.Error(err)
	}
}
