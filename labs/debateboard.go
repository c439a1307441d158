package labs

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"oversight/lab"
	"oversight/sim/debate"
)

// The debate lab's own part of its page: one debate on the board, and the
// game in which the learner is the judge. Its state travels in the page's
// buttons (data-state, lab.View.State) and is kept by the app for the visit
// only: the tally is the learner's, not the address's.

// exampleDigit is the test digit whose debate the board shows before the
// learner judges any.
const exampleDigit = 0

// judgedDigit is the test digit of the learner's n-th debate: the test set
// in a fixed shuffled order (37 and 500 share no factor, so every digit
// comes once in 500 debates), starting away from the example.
func judgedDigit(n int) int { return (7 + 37*n) % debate.TestDigits }

// judgeGame is where the learner stands as judge.
type judgeGame struct {
	n     int // debates judged before this one
	shown int // pixels revealed so far in this one
	pick  int // the debater the learner sided with, -1 before a verdict
	// The tally over the debates judged, this one included once picked:
	// how many the learner and the sparse judge got right, and the random
	// baseline's accuracy on their digits summed, in percent.
	you, judge, random int
}

const judgePrefix = "judge"

func (g judgeGame) state() string {
	return strings.Join([]string{judgePrefix, strconv.Itoa(g.n), strconv.Itoa(g.shown), strconv.Itoa(g.pick),
		strconv.Itoa(g.you), strconv.Itoa(g.judge), strconv.Itoa(g.random)}, ".")
}

// readJudgeGame reads a state the page's buttons carried. Anything else (the
// empty state, or one that does not add up) is no game: the board shows the
// example debate.
func readJudgeGame(state string, k int) (judgeGame, bool) {
	parts := strings.Split(state, ".")
	if len(parts) != 7 || parts[0] != judgePrefix {
		return judgeGame{}, false
	}
	var v [6]int
	for i, s := range parts[1:] {
		n, err := strconv.Atoi(s)
		if err != nil {
			return judgeGame{}, false
		}
		v[i] = n
	}
	g := judgeGame{n: v[0], shown: v[1], pick: v[2], you: v[3], judge: v[4], random: v[5]}
	judged := g.judged()
	if g.n < 0 || g.n > 10000 || g.pick < -1 || g.pick > 1 || g.shown < 0 ||
		g.you < 0 || g.you > judged || g.judge < 0 || g.judge > judged || g.random < 0 || g.random > 100*judged {
		return judgeGame{}, false
	}
	g.shown = min(g.shown, k) // the setting may have changed mid-debate
	if g.pick >= 0 {
		g.shown = k
	}
	return g, true
}

// judged is how many debates the tally counts.
func (g judgeGame) judged() int {
	if g.pick >= 0 {
		return g.n + 1
	}
	return g.n
}

func debateBoard(ctx context.Context, set lab.Setting, v lab.View) (string, error) {
	p := debateParams(set)
	if g, ok := readJudgeGame(v.State, p.K); ok {
		return judgeBoard(ctx, p, g)
	}
	d, err := debate.PlayDebate(ctx, p, exampleDigit)
	if err != nil {
		return "", err
	}
	start := judgeGame{pick: -1}
	return tag("section", attrs{"class", "debate-board", "aria-labelledby", "debate-board-heading"},
		tag("h2", attrs{"id", "debate-board-heading"}, "One debate, turn by turn"),
		tag("p", nil, text(claimsText(d)+" "+exampleVerdict(d, v.Committed))),
		boardAndReveals(d, len(d.Reveals), v.Committed),
		tag("h3", nil, "You are the judge"),
		tag("p", nil, text(fmt.Sprintf("Now judge debates yourself, at the settings above: you see the %d pixels as the judge does, one per turn, then pick a claim. "+
			"A tally sets your accuracy beside the sparse judge’s on the same debates, and beside the judge alone with random pixels. It lasts as long as this visit.", p.K))),
		stateButton("Judge a debate", start.state(), "button", false),
		digitsCredit(),
	), nil
}

// judgeBoard is the game: the debate on the learner's current digit, shown
// as far as it has gone, with the buttons that move it on.
func judgeBoard(ctx context.Context, p debate.Params, g judgeGame) (string, error) {
	d, err := debate.PlayDebate(ctx, p, judgedDigit(g.n))
	if err != nil {
		return "", err
	}
	var said, actions string
	switch {
	case g.pick >= 0:
		said = pickedText(d, g.pick)
		next := judgeGame{n: g.n + 1, pick: -1, you: g.you, judge: g.judge, random: g.random}
		actions = stateButton("Judge the next debate", next.state(), "button", true)
	case g.shown < len(d.Reveals):
		if g.shown > 0 {
			said = revealText(d, g.shown-1)
		} else {
			said = fmt.Sprintf("Debate %d begins: %s No pixel is shown yet.", g.n+1, claimsText(d))
		}
		next := g
		next.shown++
		actions = stateButton(fmt.Sprintf("Reveal pixel %d of %d", g.shown+1, len(d.Reveals)), next.state(), "button", true)
	default:
		said = revealText(d, g.shown-1) + " All pixels are shown: which claim do you believe?"
		random, err := debate.RandomJudge(ctx, p, d.Digit)
		if err != nil {
			return "", err
		}
		for side := range 2 {
			picked := g
			picked.pick = side
			if side == d.Honest {
				picked.you++
			}
			if d.HonestWins {
				picked.judge++
			}
			picked.random += int(100*random + 0.5)
			actions += stateButton(fmt.Sprintf("%s is right: it is a %d", debaterName(side), d.Claims[side]), picked.state(), "button", side == 0)
		}
	}
	return tag("section", attrs{"class", "debate-board is-judging", "aria-labelledby", "debate-board-heading"},
		tag("h2", attrs{"id", "debate-board-heading"}, "You are the judge"),
		tag("p", attrs{"class", "board-claims"}, text(fmt.Sprintf("Debate %d: A claims %d, B claims %d. One of them is lying.", g.n+1, d.Claims[0], d.Claims[1]))),
		// What happened and what to do next come before the board, so that
		// the buttons stay where they are as the list of pixels grows.
		tag("p", attrs{"class", "board-said", "data-announce", ""}, text(said)),
		tag("div", attrs{"class", "board-actions"}, actions),
		boardAndReveals(d, g.shown, g.pick >= 0),
		tallyTable(p, g),
		digitsCredit(),
	), nil
}

// stateButton moves the game to a state. The one marked focus takes the
// keyboard's focus once the page is written anew, as the button pressed
// is gone.
func stateButton(label, state, class string, focus bool) string {
	a := attrs{"type", "button", "class", class, "data-action", "state", "data-state", state}
	if focus {
		a = append(a, "data-focus", "")
	}
	return tag("button", a, text(label))
}

func debaterName(side int) string { return string(rune('A' + side)) }

func claimsText(d debate.Debate) string {
	return fmt.Sprintf("A claims the digit is a %d; B claims it is a %d.", d.Claims[0], d.Claims[1])
}

// verdictText says who won a debate, once it may be told.
func verdictText(d debate.Debate) string {
	winner := "the honest debater won"
	if !d.HonestWins {
		winner = "the liar won"
	}
	return fmt.Sprintf("It is a %d: %s is honest. The sparse judge sided with %s (%s sure), so %s.",
		d.Truth, debaterName(d.Honest), debaterName(d.JudgePicks), percent0(max(d.JudgeLeansA, 1-d.JudgeLeansA)), winner)
}

// exampleVerdict tells who won the example debate once the learner has
// predicted: before, it would answer the prediction's question for them.
func exampleVerdict(d debate.Debate, committed bool) string {
	if !committed {
		return "Which digit it is, and who won, is told once you have predicted and run the lab."
	}
	return verdictText(d)
}

func pickedText(d debate.Debate, pick int) string {
	you := "you were right"
	if pick != d.Honest {
		you = "you were wrong"
	}
	return fmt.Sprintf("You sided with %s: %s. %s", debaterName(pick), you, verdictText(d))
}

// revealText is one turn, as a screen reader hears it and the list shows it.
func revealText(d debate.Debate, turn int) string {
	r := d.Reveals[turn]
	return fmt.Sprintf("Pixel %d of %d, shown by %s: row %d, column %d, value %d of 16.", turn+1, len(d.Reveals), debaterName(r.Debater), r.Row+1, r.Col+1, r.Value)
}

// boardAndReveals draws the 8×8 board with the first shown pixels revealed
// (and, once the verdict is in, the whole digit faintly), beside the list
// of reveals in order, which is the board's text twin.
func boardAndReveals(d debate.Debate, shown int, verdict bool) string {
	items := make([]string, shown)
	for t := range shown {
		items[t] = tag("li", attrs{"class", "by-" + strings.ToLower(debaterName(d.Reveals[t].Debater))}, text(strings.TrimPrefix(revealText(d, t), fmt.Sprintf("Pixel %d of %d, ", t+1, len(d.Reveals)))))
	}
	list := tag("p", attrs{"class", "control-help"}, "No pixel is shown yet.")
	if shown > 0 {
		list = tag("ol", attrs{"class", "reveals"}, strings.Join(items, ""))
	}
	return tag("div", attrs{"class", "board-row"},
		boardSVG(d, shown, verdict),
		tag("div", attrs{"class", "board-text"}, tag("h3", nil, "Pixels shown, in order"), list),
	)
}

// boardSVG draws the board. Screen readers skip it: the list beside it
// says the same, pixel by pixel.
func boardSVG(d debate.Debate, shown int, verdict bool) string {
	const cell, pad = 30, 2
	side := debate.Side*cell + 2*pad
	var b strings.Builder
	turnOf := map[int]int{}
	for t := range shown {
		turnOf[d.Reveals[t].Pixel] = t
	}
	for px := range debate.Pixels {
		x, y := pad+(px%debate.Side)*cell, pad+(px/debate.Side)*cell
		t, revealed := turnOf[px]
		class, opacity := "cell hidden", 0.0
		switch {
		case revealed:
			class, opacity = "cell shown", float64(d.Image[px])/16
		case verdict:
			class, opacity = "cell faint", 0.35*float64(d.Image[px])/16
		}
		b.WriteString(tag("rect", attrs{"class", class, "x", strconv.Itoa(x), "y", strconv.Itoa(y), "width", strconv.Itoa(cell), "height", strconv.Itoa(cell)}))
		if opacity > 0 {
			b.WriteString(tag("rect", attrs{"class", "ink", "x", strconv.Itoa(x), "y", strconv.Itoa(y), "width", strconv.Itoa(cell), "height", strconv.Itoa(cell),
				"fill-opacity", strconv.FormatFloat(opacity, 'f', 2, 64)}))
		}
		if revealed {
			by := strings.ToLower(debaterName(d.Reveals[t].Debater))
			b.WriteString(tag("rect", attrs{"class", "mark by-" + by, "x", strconv.Itoa(x + 2), "y", strconv.Itoa(y + 2), "width", strconv.Itoa(cell - 4), "height", strconv.Itoa(cell - 4)}))
			b.WriteString(tag("text", attrs{"class", "turn by-" + by, "x", strconv.Itoa(x + cell/2), "y", strconv.Itoa(y + cell/2 + 5), "text-anchor", "middle"},
				debaterName(d.Reveals[t].Debater)+strconv.Itoa(t+1)))
		}
	}
	size := strconv.Itoa(side)
	return tag("svg", attrs{"class", "board", "viewBox", "0 0 " + size + " " + size, "width", size, "height", size, "aria-hidden", "true", "focusable", "false"}, b.String())
}

// tallyTable compares the learner with the sparse judge on the debates
// they judged, and with the judge alone on the same digits.
func tallyTable(p debate.Params, g judgeGame) string {
	n := g.judged()
	if n == 0 {
		return tag("p", attrs{"class", "tally-empty"}, "Your tally appears once you have judged a debate.")
	}
	share := func(right int) string {
		return fmt.Sprintf("%d of %d (%s)", right, n, percent0(float64(right)/float64(n)))
	}
	return tag("table", attrs{"class", "lab-table tally"},
		tag("caption", nil, text(fmt.Sprintf("Your tally over %d %s judged", n, plural(n, "debate")))),
		tag("thead", nil, tag("tr", nil, tag("th", attrs{"scope", "col"}, "Judge"), tag("th", attrs{"scope", "col"}, "Right"))),
		tag("tbody", nil,
			tag("tr", nil, tag("th", attrs{"scope", "row"}, "You, after the debates"), tag("td", nil, text(share(g.you)))),
			tag("tr", nil, tag("th", attrs{"scope", "row"}, "The sparse judge, after the same debates"), tag("td", nil, text(share(g.judge)))),
			tag("tr", nil, tag("th", attrs{"scope", "row"}, text(fmt.Sprintf("The sparse judge alone, %d random pixels, naming the digit", p.K))),
				tag("td", nil, text(percent0(float64(g.random)/100/float64(n))+" on average"))),
		),
	)
}

// digitsCredit names where the digits come from, as their licence asks.
func digitsCredit() string {
	return tag("p", attrs{"class", "control-help digits-credit"},
		"The digits are the test part of “Optical Recognition of Handwritten Digits” by E. Alpaydin and C. Kaynak (1998), UCI Machine Learning Repository, under CC BY 4.0 ",
		tag("a", attrs{"class", "citation", "href", "/sources#alpaydin1998digits"}, "(source)"), ".")
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
