package load

import (
	"strings"
	"testing"

	"oversight/kb"
)

// glossaryOf is a glossary of a few terms, as a loader holds it.
func glossaryOf() *glossaryTerms {
	return newGlossaryTerms([]*kb.Term{
		{ID: "reward-model", Title: "Reward model", Aliases: []string{"reward models", "preference model"}},
		{ID: "rlhf", Title: "RLHF", Aliases: []string{"reinforcement learning from human feedback"}},
		{ID: "weights", Title: "Weights"},
	})
}

// marked renders Markdown as a page that marks glossary terms.
func marked(t *testing.T, src string) string {
	t.Helper()
	html, removed, refused := renderMarkdown([]byte(src), "f.md", 1, newHTMLBudget(), glossaryOf().page())
	if len(removed)+len(refused) > 0 {
		t.Fatalf("rendering %q removed %v, refused %v", src, removed, refused)
	}
	return html
}

func termLinkTo(id, text string) string {
	return `<a href="/glossary#` + id + `" class="term">` + text + `</a>`
}

func TestTheFirstUseOfATermLinksToItsDefinition(t *testing.T) {
	html := marked(t, "A reward model scores answers. Then the reward model is optimised.")
	want := `<p>A ` + termLinkTo("reward-model", "reward model") + ` scores answers. Then the reward model is optimised.</p>`
	if !strings.Contains(html, want) {
		t.Errorf("got %s\nwant it to contain %s", html, want)
	}
}

func TestATermIsMarkedOncePerPageAcrossParagraphsAndForms(t *testing.T) {
	html := marked(t, "Reward models help.\n\nA preference model is the same thing.\n\n- and a reward model in a list")
	if n := strings.Count(html, `class="term"`); n != 1 {
		t.Errorf("the term is marked %d times, want once:\n%s", n, html)
	}
	if !strings.Contains(html, termLinkTo("reward-model", "Reward models")) {
		t.Errorf("the first form used, in its own case, should be the one marked:\n%s", html)
	}
}

func TestEachTermIsMarkedAtItsOwnFirstUse(t *testing.T) {
	html := marked(t, "In RLHF, a reward model learns from people; RLHF then uses it. The weights change.")
	for _, want := range []string{termLinkTo("rlhf", "RLHF"), termLinkTo("reward-model", "reward model"), termLinkTo("weights", "weights")} {
		if strings.Count(html, want) != 1 {
			t.Errorf("want %s once in:\n%s", want, html)
		}
	}
}

func TestTermsAreNotMarkedInHeadingsLinksOrCode(t *testing.T) {
	html := marked(t, "## Reward model\n\n[a reward model](/concepts/x), `reward model`, <https://example.org/reward-model>\n\n    reward model\n\nThe reward model.")
	if n := strings.Count(html, `class="term"`); n != 1 {
		t.Fatalf("want one mark, in the last sentence; got %d:\n%s", n, html)
	}
	if !strings.Contains(html, "<p>The "+termLinkTo("reward-model", "reward model")+".</p>") {
		t.Errorf("the mark is not on the plain use:\n%s", html)
	}
}

func TestTermsAreMatchedAsWholeWordsInAnyCase(t *testing.T) {
	if html := marked(t, "Overweights and rewarding models are not terms."); strings.Contains(html, `class="term"`) {
		t.Errorf("a term inside a longer word was marked:\n%s", html)
	}
	if html := marked(t, "WEIGHTS matter."); !strings.Contains(html, termLinkTo("weights", "WEIGHTS")) {
		t.Errorf("a term in capitals was not marked:\n%s", html)
	}
	if html := marked(t, "the weights’ values"); !strings.Contains(html, termLinkTo("weights", "weights")+"’") {
		t.Errorf("a term before an apostrophe was not marked:\n%s", html)
	}
}

func TestTheLongestFormWins(t *testing.T) {
	html := marked(t, "Reinforcement learning from human feedback trains models.")
	if !strings.Contains(html, termLinkTo("rlhf", "Reinforcement learning from human feedback")) {
		t.Errorf("the whole phrase should be one mark:\n%s", html)
	}
}

func TestATermSplitAcrossTwoLinesIsMarkedWhole(t *testing.T) {
	html := marked(t, "It trains a reward\nmodel on *each* preference\nmodel.")
	if !strings.Contains(html, termLinkTo("reward-model", "reward\nmodel")) {
		t.Errorf("a term across a line break was not marked whole:\n%s", html)
	}
	if n := strings.Count(html, `class="term"`); n != 1 {
		t.Errorf("want one mark, got %d:\n%s", n, html)
	}
}

func TestALineBreakAfterATermStaysOutsideItsLink(t *testing.T) {
	html := marked(t, "They adjust the weights\nslowly.")
	if !strings.Contains(html, termLinkTo("weights", "weights")+"\nslowly") {
		t.Errorf("the line break moved into the link:\n%s", html)
	}
}

func TestEachPageMarksItsOwnFirstUse(t *testing.T) {
	g := glossaryOf()
	for range 2 {
		html, _, _ := renderMarkdown([]byte("The weights."), "f.md", 1, newHTMLBudget(), g.page())
		if !strings.Contains(html, `class="term"`) {
			t.Errorf("a new page did not mark the term again: %s", html)
		}
	}
}

func TestWithoutAGlossaryNothingIsMarked(t *testing.T) {
	var none *glossaryTerms
	html, _, _ := renderMarkdown([]byte("The weights."), "f.md", 1, newHTMLBudget(), none.page())
	if strings.Contains(html, "glossary") {
		t.Errorf("text was marked without a glossary: %s", html)
	}
}
