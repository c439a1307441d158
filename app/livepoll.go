package app

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/live/wire"
)

// What the teacher and the students both see of a poll: its answers'
// distribution once revealed, and an answer in words.

// formatNumber writes a number as a person would: at most three decimals,
// no trailing zeros, and a power of ten only for the very large or small.
func formatNumber(v float64) string {
	if a := math.Abs(v); a != 0 && (a >= 1e9 || a < 1e-3) {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	s := strconv.FormatFloat(v, 'f', 3, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// withUnit writes a number with the poll's unit, if it has one.
func withUnit(v float64, unit string) string {
	if unit == "" {
		return formatNumber(v)
	}
	return formatNumber(v) + " " + unit
}

// answerText writes an answer as the student gave it.
func answerText(p *wire.PollView, a *wire.AnswerView) string {
	switch {
	case a == nil || p == nil:
		return ""
	case a.Choice != nil && *a.Choice >= 0 && *a.Choice < len(p.Options):
		return p.Options[*a.Choice]
	case a.Value != nil:
		return withUnit(*a.Value, p.Unit)
	}
	return ""
}

// percent is count's share of total, rounded, for a label.
func percent(count, total int) int {
	if total == 0 {
		return 0
	}
	return (200*count + total) / (2 * total)
}

// answersCount says how many answered: "12 answers".
func answersCount(n int) string { return strconv.Itoa(n) + " " + plural(n, "answer", "answers") }

// pollResults shows a revealed poll's distribution, marking the reader's
// own answer. The bars are drawn, and every number is also written.
func pollResults(p *wire.PollView, mine *wire.AnswerView) ui.UI {
	if p.Results == nil || p.Answers == nil {
		return nil
	}
	total := *p.Answers
	if p.Kind == wire.KindChoice {
		counts := p.Results.Counts
		return ui.Ul().Class("poll-results").Body(ui.Range(p.Options).Slice(func(i int) ui.UI {
			count := 0
			if i < len(counts) {
				count = counts[i]
			}
			isMine := mine != nil && mine.Choice != nil && *mine.Choice == i
			return resultRow(p.Options[i], isMine, count, total)
		}))
	}
	r := p.Results
	if r.Mean == nil || r.Median == nil || r.Min == nil || r.Max == nil {
		return ui.P().Class("poll-summary").Text("No answers.")
	}
	summary := answersCount(total) + " · mean " + withUnit(*r.Mean, p.Unit) + " · median " + withUnit(*r.Median, p.Unit) +
		" · from " + withUnit(*r.Min, p.Unit) + " to " + withUnit(*r.Max, p.Unit)
	return ui.Div().Body(
		ui.P().Class("poll-summary").Text(summary),
		ui.Ul().Class("poll-results", "is-bins").Body(ui.Range(r.Bins).Slice(func(i int) ui.UI {
			b := r.Bins[i]
			isMine := mine != nil && mine.Value != nil && binOf(r.Bins, *mine.Value) == i
			return resultRow(formatNumber(b.From)+" to "+formatNumber(b.To), isMine, b.Count, total)
		})),
	)
}

// binOf is the bin a value was counted in, as the server counts: equal
// bins from the first's start to the last's end, a value outside them in
// the nearest.
func binOf(bins []wire.Bin, value float64) int {
	n := len(bins)
	if n < 2 {
		return 0
	}
	from, to := bins[0].From, bins[n-1].To
	i := int((value - from) / ((to - from) / float64(n)))
	return min(max(i, 0), n-1)
}

// resultRow is one option or bin: its label, a bar, and the count.
func resultRow(label string, isMine bool, count, total int) ui.UI {
	width := 0.0
	if total > 0 {
		width = 100 * float64(count) / float64(total)
	}
	class := "poll-result"
	if isMine {
		class += " is-mine"
	}
	return ui.Li().Class(class).Body(
		ui.Span().Class("poll-label").Body(
			ui.Text(label),
			ui.If(isMine, func() ui.UI { return ui.Strong().Class("poll-mine-mark").Text(" (your answer)") }),
		),
		svg("svg").Class("poll-bar").Attr("viewBox", "0 0 100 10").Attr("preserveAspectRatio", "none").Aria("hidden", true).Body(
			svg("rect").Class("poll-bar-track").Attr("width", 100).Attr("height", 10),
			svg("rect").Class("poll-bar-fill").Attr("width", strconv.FormatFloat(width, 'f', 1, 64)).Attr("height", 10),
		),
		ui.Span().Class("poll-count").Text(strconv.Itoa(count)+" ("+strconv.Itoa(percent(count, total))+"%)"),
	)
}

// pollSpecFrom reads the teacher's question form, or says in a sentence
// what to fix: the server would refuse the same, in its own words.
func pollSpecFrom(kind, prompt, options, lowest, highest, unit, lab string) (wire.PollSpec, string) {
	spec := wire.PollSpec{Kind: kind, Prompt: strings.TrimSpace(prompt), Lab: strings.TrimSpace(lab)}
	switch {
	case spec.Prompt == "":
		return spec, "Write the question first."
	case utf8.RuneCountInString(prompt) > wire.MaxPrompt:
		return spec, "The question is longer than " + strconv.Itoa(wire.MaxPrompt) + " characters."
	case !wire.ValidLab(spec.Lab):
		return spec, "The lab is given by its address on this site, which starts with /, such as /labs/…"
	}
	if kind == wire.KindChoice {
		for _, line := range strings.Split(options, "\n") {
			if option := strings.TrimSpace(line); option != "" {
				spec.Options = append(spec.Options, option)
			}
		}
		if len(spec.Options) < wire.MinOptions || len(spec.Options) > wire.MaxOptions {
			return spec, "A multiple-choice question needs " + optionsRange() + " options, one per line."
		}
		for _, option := range spec.Options {
			if utf8.RuneCountInString(option) > wire.MaxOption {
				return spec, "An option is longer than " + strconv.Itoa(wire.MaxOption) + " characters: " + option
			}
		}
		return spec, ""
	}
	spec.Kind, spec.Unit = wire.KindNumber, strings.TrimSpace(unit)
	var ok bool
	if spec.Min, ok = optionalNumber(lowest); !ok {
		return spec, "The lowest value is not a number."
	}
	if spec.Max, ok = optionalNumber(highest); !ok {
		return spec, "The highest value is not a number."
	}
	if spec.Min != nil && spec.Max != nil && *spec.Min >= *spec.Max {
		return spec, "The lowest value must be below the highest."
	}
	if utf8.RuneCountInString(spec.Unit) > wire.MaxUnit {
		return spec, "The unit is longer than " + strconv.Itoa(wire.MaxUnit) + " characters."
	}
	return spec, ""
}

// optionsRange says how many options a multiple-choice question has:
// "2 to 8".
func optionsRange() string {
	return strconv.Itoa(wire.MinOptions) + " to " + strconv.Itoa(wire.MaxOptions)
}

// optionalNumber reads a field that may be left empty; ok is false for
// text that is not a finite number.
func optionalNumber(text string) (v *float64, ok bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, true
	}
	n, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
		return nil, false
	}
	return &n, true
}

// button is a button of the app's style, outlined when secondary; scope
// names what its handler acts on when that can change under it (see
// ui.EventScope).
func button(id, label string, secondary bool, onClick ui.EventHandler, scope ...any) ui.HTMLButton {
	class := []string{"button"}
	if secondary {
		class = append(class, "secondary")
	}
	b := ui.Button().Class(class...).Type("button").Text(label).OnClick(onClick, ui.EventScope(scope...))
	if id != "" {
		b = b.ID(id)
	}
	return b
}

// problemLine tells what went wrong, at once to screen readers; nothing
// when nothing did.
func problemLine(text string) ui.UI {
	if text == "" {
		return nil
	}
	return ui.P().Class("live-problem").Role("alert").Text(text)
}

// noticeLine tells what happened, politely; nothing when empty.
func noticeLine(text string) ui.UI {
	if text == "" {
		return nil
	}
	return ui.P().Class("live-notice").Role("status").Text(text)
}

// labelled is a form field with its label above it.
func labelled(id, label string, field ui.UI) ui.UI {
	return ui.Div().Class("poll-field").Body(ui.Label().For(id).Text(label), field)
}
