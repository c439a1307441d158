package labs

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"oversight/lab"
)

// renderDebate writes the debate lab's page at a query and state, running it
// when run is set.
func renderDebate(t *testing.T, b *Bench, query, state string, run bool) string {
	t.Helper()
	page, err := b.Render(context.Background(), lab.View{Lab: "debate", Query: query, State: state, Run: run, Committed: run, Answer: "yes"})
	if err != nil {
		t.Fatal(err)
	}
	return page
}

// focusedState is the state the button that takes the focus moves to: what
// a learner pressing Enter gets.
func focusedState(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`<button [^>]*data-state="([^"]*)" data-focus=""`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no button takes the focus on the board:\n%s", boardOf(page))
	}
	return html.UnescapeString(m[1])
}

func boardOf(page string) string {
	if i := strings.Index(page, `<section class="debate-board`); i >= 0 {
		return page[i:]
	}
	return ""
}

func TestTheDebatePageShowsOneDebateOnTheBoardWithItsTextTwin(t *testing.T) {
	page := renderDebate(t, &Bench{}, "k=4", "", false)
	board := boardOf(page)
	if board == "" {
		t.Fatal("the page has no board")
	}
	for _, want := range []string{
		`<svg class="board"`, `aria-hidden="true"`, // the drawing is hidden…
		`<ol class="reveals">`, // …and the list says the same
		"One debate, turn by turn", "A claims the digit is a", "shown by",
		`data-action="state"`, "Judge a debate",
	} {
		if !strings.Contains(board, want) {
			t.Errorf("the board lacks %q", want)
		}
	}
	if strings.Contains(board, "is honest") || strings.Contains(board, `class="cell faint"`) {
		t.Error("before a prediction, the example debate tells who won")
	}
	if got := strings.Count(board, "<li "); got != 4 {
		t.Errorf("the board lists %d reveals at k=4, want 4", got)
	}
	if got := strings.Count(board, `class="mark by-`); got != 4 {
		t.Errorf("the board marks %d pixels at k=4, want 4", got)
	}
}

func TestTheDebatePageCreditsTheDigitsAndCitesThePaperAsThePapers(t *testing.T) {
	page := renderDebate(t, &Bench{}, "", "", true)
	for _, want := range []string{
		`href="/sources#alpaydin1998digits"`, "CC BY 4.0", "E. Alpaydin and C. Kaynak",
		`href="/sources#irving2018debate"`,
		"The paper, on MNIST", "This toy, on 8×8 digits",
		"59.4%", "88.9%", // the paper's numbers at the default k, 6
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// At a k the paper does not report, no number of its stands in the chart.
	other := renderDebate(t, &Bench{}, "k=5", "", true)
	run := other[strings.Index(other, `class="lab-run"`):strings.Index(other, `class="lab-paper"`)]
	if strings.Contains(run, "Paper: debate") || !strings.Contains(run, "The paper reports no result at 5 pixels") {
		t.Error("at 5 pixels the run sets a paper's number beside the toy's, or does not say it has none")
	}
}

func TestJudgingTwoDebatesCountsBothInTheTally(t *testing.T) {
	b := &Bench{}
	page := renderDebate(t, b, "k=2", "", false)
	if !strings.Contains(page, "Judge a debate") {
		t.Fatal("the board offers no game")
	}
	state := regexp.MustCompile(`data-state="(judge[^"]*)"`).FindStringSubmatch(page)[1]
	for debate := 1; debate <= 2; debate++ {
		page = renderDebate(t, b, "k=2", state, false)
		if !strings.Contains(page, "No pixel is shown yet") {
			t.Errorf("debate %d opens with pixels shown", debate)
		}
		for pixel := 1; pixel <= 2; pixel++ {
			page = renderDebate(t, b, "k=2", focusedState(t, page), false)
			said := regexp.MustCompile(`data-announce="">([^<]*)<`).FindStringSubmatch(page)
			if said == nil || !strings.Contains(said[1], "Pixel "+string(rune('0'+pixel))+" of 2, shown by") || !strings.Contains(said[1], "row ") {
				t.Errorf("debate %d, pixel %d: the page says %q", debate, pixel, said)
			}
		}
		if !strings.Contains(page, "A is right: it is a") || !strings.Contains(page, "B is right: it is a") {
			t.Fatalf("debate %d: no claim to pick once every pixel is shown", debate)
		}
		page = renderDebate(t, b, "k=2", focusedState(t, page), false) // A's claim
		if !strings.Contains(page, "You sided with A") || !strings.Contains(page, "The sparse judge sided with") {
			t.Errorf("debate %d: the verdict is not told", debate)
		}
		state = focusedState(t, page)
	}
	for _, want := range []string{"Your tally over 2 debates judged", "You, after the debates", "The sparse judge, after the same debates", "2 random pixels, naming the digit"} {
		if !strings.Contains(page, want) {
			t.Errorf("the tally lacks %q", want)
		}
	}
}

func TestAStateThatDoesNotAddUpShowsTheExampleDebate(t *testing.T) {
	for _, state := range []string{"judge.1.2", "judge.0.0.-1.5.0.0", "judge.x.0.-1.0.0.0", "other", "judge.0.0.2.0.0.0"} {
		if page := renderDebate(t, &Bench{}, "", state, false); !strings.Contains(page, "One debate, turn by turn") {
			t.Errorf("state %q did not fall back to the example", state)
		}
	}
}
