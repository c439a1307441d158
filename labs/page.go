package labs

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"oversight/kb"
	"oversight/lab"
)

// Bench renders labs' pages (lab.View) as HTML, running a lab when a view
// asks. It keeps the run at each lab's defaults, which every page shows
// folded before a prediction, and the last run of each lab, which the page
// shows again when the learner predicts anew.
type Bench struct {
	// RunOnlyDefaults refuses runs at any other setting: the server's
	// bench, so that an address cannot make the server compute.
	RunOnlyDefaults bool

	mu       sync.Mutex
	defaults map[string]lab.Report
	last     map[string]lab.Report
}

// Render writes the main part of a lab's page for a view: one element,
// which the app places as it is. It stops with ctx.Err() if a run does.
func (b *Bench) Render(ctx context.Context, v lab.View) (string, error) {
	l, ok := Find(v.Lab)
	if !ok {
		return "", fmt.Errorf("there is no lab %q", v.Lab)
	}
	set, notes := l.Spec.Read(v.Query)
	page := labPage{Lab: l, view: v, setting: set, notes: notes}
	var err error
	if page.defaults, err = b.defaultsOf(ctx, l); err != nil {
		return "", err
	}
	if v.Run {
		if b.RunOnlyDefaults && l.Spec.Query(set) != "" {
			return "", fmt.Errorf("the server runs lab %s at its defaults only", l.ID)
		}
		// At the defaults the run is the one already made: a run is
		// deterministic, and a slow lab would otherwise run twice.
		r := page.defaults
		if l.Spec.Query(set) != "" {
			if r, err = l.Run(ctx, set); err == nil {
				err = r.Check()
			}
			if err != nil {
				return "", err
			}
		}
		b.remember(l.ID, r)
	}
	page.last = b.lastOf(l.ID)
	if l.Extra != nil {
		if page.extra, err = l.Extra(ctx, set, v); err != nil {
			return "", err
		}
	}
	return page.html(), nil
}

func (b *Bench) defaultsOf(ctx context.Context, l Lab) (lab.Report, error) {
	b.mu.Lock()
	r, ok := b.defaults[l.ID]
	b.mu.Unlock()
	if ok {
		return r, nil
	}
	r, err := l.Run(ctx, l.Spec.Defaults())
	if err == nil {
		err = r.Check()
	}
	if err != nil {
		return lab.Report{}, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.defaults == nil {
		b.defaults = make(map[string]lab.Report)
	}
	b.defaults[l.ID] = r
	return r, nil
}

func (b *Bench) remember(id string, r lab.Report) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.last == nil {
		b.last = make(map[string]lab.Report)
	}
	b.last[id] = r
}

func (b *Bench) lastOf(id string) *lab.Report {
	b.mu.Lock()
	defer b.mu.Unlock()
	if r, ok := b.last[id]; ok {
		return &r
	}
	return nil
}

// labPage is one rendering of a lab's page.
type labPage struct {
	Lab
	view     lab.View
	setting  lab.Setting
	notes    []lab.Note
	defaults lab.Report
	last     *lab.Report
	extra    string // the lab's own part (Lab.Extra), HTML
}

// The ids the app's page finds the parts it acts on by (app/labpage.go).
const (
	answerMissing = "lab-answer-missing"
	guessID       = "lab-guess"
	resultsID     = "lab-results-heading"
	statusID      = "lab-status"
)

func (p labPage) guess() float64 {
	if p.view.Guess == nil {
		return p.Predict.Default
	}
	return *p.view.Guess
}

func (p labPage) html() string {
	// data-query is the address the page was written for: the app keeps a
	// prerendered page that answers its own address as it is, rather than
	// have the worker write the same page over it while the learner reads
	// (and clicks) it.
	return tag("div", attrs{"class", "lab-body", "data-query", p.view.Query},
		tag("p", attrs{"class", "back"}, tag("a", attrs{"href", kb.ConceptPath(p.Concept)}, text("← "+p.ConceptTitle))),
		tag("p", attrs{"class", "kind-badge kind-lab"}, "Lab"),
		tag("h1", attrs{"id", "page-title", "tabindex", "-1"}, text(p.Title)),
		tag("p", attrs{"class", "lead"}, text(p.Intro)),
		p.addressNotes(),
		p.caption(),
		tag("div", attrs{"class", "lab-bench"}, p.controls(), p.prediction()),
		p.results(),
		p.extra,
		p.paper(),
	)
}

// addressNotes says what of the address was not used as written.
func (p labPage) addressNotes() string {
	if len(p.notes) == 0 {
		return ""
	}
	return tag("div", attrs{"class", "lab-notes", "role", "note"},
		tag("p", nil, text("Part of this page’s address could not be used as written:")),
		tag("ul", nil, each(p.notes, func(_ int, n lab.Note) string {
			if param, ok := p.Spec.Param(n.Key); ok {
				return tag("li", nil, text(param.Label+": "+n.Message+"."))
			}
			return tag("li", nil, text(upperFirst(n.Message)+"."))
		})),
	)
}

// caption says what the toy shows and what it does not, and links the
// caveat on the analogy.
func (p labPage) caption() string {
	return tag("section", attrs{"class", "lab-caption", "aria-labelledby", "lab-caption-heading"},
		tag("h2", attrs{"id", "lab-caption-heading"}, text("What this toy shows, and what it does not")),
		tag("p", nil, text(p.Shows)),
		tag("p", nil, text(p.DoesNot+" See the caveat "), tag("a", attrs{"href", kb.CaveatPath(p.Caveat)}, text(p.CaveatTitle)),
			text(", and the concept this lab belongs to, "), tag("a", attrs{"href", kb.ConceptPath(p.Concept)}, text(p.ConceptTitle)), "."),
	)
}

// controls draws one control per parameter: a slider for a number, a
// checkbox for a toggle, a list for a choice. Each carries its key in
// data-param, by which the app reads a change.
func (p labPage) controls() string {
	return tag("section", attrs{"class", "lab-controls", "aria-labelledby", "lab-controls-heading"},
		tag("h2", attrs{"id", "lab-controls-heading"}, "Settings"),
		each(p.Spec.Params, func(_ int, param lab.Param) string { return p.control(param) }),
		tag("p", nil, tag("a", attrs{"class", "button secondary", "href", lab.Path(p.ID)}, "Back to the defaults")),
	)
}

func (p labPage) control(param lab.Param) string {
	id := "lab-" + param.Key
	v := p.setting[param.Key]
	help := tag("p", attrs{"class", "control-help", "id", id + "-help"}, text(param.Help))
	switch {
	case param.Toggle:
		a := attrs{"type", "checkbox", "id", id, "data-param", param.Key, "aria-describedby", id + "-help"}
		if v != 0 {
			a = append(a, "checked", "")
		}
		return tag("div", attrs{"class", "lab-control is-toggle"},
			tag("label", attrs{"for", id}, tag("input", a), text(" "+param.Label)), help)
	case len(param.Options) > 0:
		return tag("div", attrs{"class", "lab-control"},
			tag("label", attrs{"for", id}, text(param.Label)),
			tag("select", attrs{"id", id, "data-param", param.Key, "aria-describedby", id + "-help"}, each(param.Options, func(i int, o lab.Option) string {
				a := attrs{"value", o.Key}
				if i == int(v) {
					a = append(a, "selected", "")
				}
				return tag("option", a, text(o.Label))
			})),
			help)
	}
	return tag("div", attrs{"class", "lab-control"},
		tag("div", attrs{"class", "control-head"},
			tag("label", attrs{"for", id}, text(param.Label)),
			tag("span", attrs{"class", "value"}, tag("output", attrs{"for", id, "id", id + "-value"}, text(param.Format(v))), text(unitSuffix(param.Unit)))),
		tag("input", attrs{"type", "range", "id", id, "data-param", param.Key, "min", param.Format(param.Min), "max", param.Format(param.Max),
			"step", strconv.FormatFloat(param.Step, 'f', -1, 64), "value", param.Format(v), "aria-describedby", id + "-help"}),
		help)
}

// unitSuffix is what follows a value: "%" and "×" close up, a word does not.
func unitSuffix(unit string) string {
	switch unit {
	case "", "%", "×":
		return unit
	}
	return " " + unit
}

// prediction asks the learner to commit to an answer and a guess before
// the first run; once committed, it says what they predicted.
func (p labPage) prediction() string {
	pr := p.Predict
	head := tag("h2", attrs{"id", "lab-predict-heading"}, "Your prediction")
	section := attrs{"class", "lab-predict", "aria-labelledby", "lab-predict-heading"}
	if p.view.Committed {
		return tag("section", section, head,
			tag("p", attrs{"class", "committed"}, text("You predicted: "+p.answerText(p.view.Answer)+"; "+pr.Measure+" "+p.guessText(p.guess())+".")),
			tag("p", attrs{"class", "control-help"}, "Change a setting and the lab runs again; your prediction stays beside each run."),
			tag("button", attrs{"type", "button", "class", "button secondary", "data-action", "predict-again"}, "Predict again"),
		)
	}
	radio := func(i int, o lab.Option) string {
		id := answerID(i)
		a := attrs{"type", "radio", "id", id, "name", "lab-answer", "value", o.Key, "data-answer", o.Key}
		if p.view.Answer == o.Key {
			a = append(a, "checked", "")
		}
		return tag("label", attrs{"for", id}, tag("input", a), " "+text(o.Label))
	}
	answers := attrs{"class", "answers"}
	if len(pr.Choices) > 0 {
		answers = attrs{"class", "answers is-choice"}
	}
	return tag("section", section, head,
		tag("fieldset", attrs{"aria-describedby", answerMissing},
			tag("legend", nil, text(pr.Question)),
			tag("div", answers, each(p.answers(), radio))),
		tag("div", attrs{"class", "lab-control"},
			tag("div", attrs{"class", "control-head"},
				tag("label", attrs{"for", guessID}, text(pr.Guess)),
				tag("span", attrs{"class", "value"}, tag("output", attrs{"for", guessID, "id", guessID + "-value"}, p.guessNumber(p.guess())), text(pr.Unit))),
			tag("input", attrs{"type", "range", "id", guessID, "data-guess", "", "min", p.guessNumber(pr.Min), "max", p.guessNumber(pr.Max),
				"step", strconv.FormatFloat(pr.Step, 'f', -1, 64), "value", p.guessNumber(p.guess()), "aria-describedby", guessID + "-help"}),
			tag("p", attrs{"class", "control-help", "id", guessID + "-help"}, text(pr.Help))),
		tag("p", attrs{"id", answerMissing, "class", "lab-missing", "aria-live", "polite"}),
		tag("button", attrs{"type", "button", "class", "button", "id", "lab-commit", "data-action", "commit"}, "Commit my prediction and run"),
	)
}

// answers are the prediction's answers: its choices, or yes and no.
func (p labPage) answers() []lab.Option {
	if len(p.Predict.Choices) > 0 {
		return p.Predict.Choices
	}
	return []lab.Option{{Key: "yes", Label: "Yes"}, {Key: "no", Label: "No"}}
}

// answerID is the id of the i-th answer's radio button, counted from 1:
// the app focuses the first when a commit lacks an answer.
func answerID(i int) string { return "lab-answer-" + strconv.Itoa(i+1) }

// answerText writes an answer as the learner read it: a choice's label, or
// yes or no.
func (p labPage) answerText(answer string) string {
	for _, o := range p.Predict.Choices {
		if o.Key == answer {
			return lowerFirstWord(o.Label)
		}
	}
	if answer == "yes" {
		return "yes"
	}
	return "no"
}

// lowerFirstWord lowers a label's first letter to write it inside a
// sentence, unless the first word is an acronym ("PGR").
func lowerFirstWord(s string) string {
	if len(s) > 1 && 'A' <= s[0] && s[0] <= 'Z' && !('A' <= s[1] && s[1] <= 'Z') {
		return string(s[0]-'A'+'a') + s[1:]
	}
	return s
}

// guessText writes a guess with as many decimals as its step needs, and
// its unit.
func (p labPage) guessText(v float64) string {
	return p.guessNumber(v) + p.Predict.Unit
}

// guessNumber writes a guess as its slider holds it.
func (p labPage) guessNumber(v float64) string {
	decimals := 0
	for step := p.Predict.Step; step < 1 && decimals < 6; step *= 10 {
		decimals++
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// results shows the last run beside the prediction, or, before the first
// run, a run at the defaults folded away: readers without JavaScript open
// it to see real results, the others predict first.
func (p labPage) results() string {
	status := "Commit a prediction to run the lab."
	var body string
	switch {
	case p.view.Committed && p.last != nil:
		status = "The run below is at the settings above."
		if p.last.Query != p.Spec.Query(p.setting) {
			status = "The run below is at other settings than those above."
		}
		body = tag("div", attrs{"class", "lab-run"}, p.reveal(*p.last), reportHTML("run", *p.last))
	case p.last != nil:
		status = "Commit a new prediction to run the lab again."
	default:
		body = tag("details", attrs{"class", "lab-defaults"},
			tag("summary", nil, "A run at the defaults, already done: open it once you have predicted"),
			reportHTML("defaults", p.defaults))
	}
	return tag("section", attrs{"class", "lab-results", "aria-labelledby", resultsID},
		tag("h2", attrs{"id", resultsID, "tabindex", "-1"}, "Results"),
		tag("p", attrs{"class", "lab-status", "id", statusID, "role", "status"}, text(status)),
		body,
	)
}

// reveal puts the run's answer beside the learner's prediction.
func (p labPage) reveal(r lab.Report) string {
	toy := "no"
	switch {
	case len(p.Predict.Choices) > 0:
		toy = r.Outcome.Choice
	case r.Outcome.Yes:
		toy = "yes"
	}
	verdict := "The run answered the question as you predicted."
	if toy != p.view.Answer {
		verdict = "The run answered the question differently from your prediction."
	}
	return tag("div", attrs{"class", "lab-reveal"},
		tag("table", nil,
			tag("caption", nil, "Your prediction beside this run"),
			tag("thead", nil, tag("tr", nil, tag("td", nil), tag("th", attrs{"scope", "col"}, "You predicted"), tag("th", attrs{"scope", "col"}, "This run"))),
			tag("tbody", nil,
				tag("tr", nil, tag("th", attrs{"scope", "row"}, text(p.Predict.Question)), tag("td", nil, text(p.answerText(p.view.Answer))), tag("td", attrs{"class", "toy"}, text(p.answerText(toy)))),
				tag("tr", nil, tag("th", attrs{"scope", "row"}, text(p.Predict.Measure)), tag("td", nil, p.guessText(p.guess())), tag("td", attrs{"class", "toy"}, text(r.Outcome.Text))),
			),
		),
		tag("p", attrs{"class", "verdict"}, verdict),
	)
}

// reportHTML draws a run: its summary, then each figure with its text
// twin. prefix keeps the ids of two reports apart.
func reportHTML(prefix string, r lab.Report) string {
	return tag("div", attrs{"class", "lab-report"},
		tag("p", attrs{"class", "lab-summary"}, text(r.Summary)),
		tag("div", attrs{"class", "lab-figures"}, each(r.Figures, func(_ int, f lab.Figure) string {
			return figureHTML(prefix+"-"+f.ID, f)
		})),
	)
}

// figureHTML is a chart with its text twin: one sentence and a table.
func figureHTML(id string, f lab.Figure) string {
	t := f.Table
	return tag("figure", attrs{"class", "lab-figure", "id", id, "aria-labelledby", id + "-title"},
		tag("h3", attrs{"id", id + "-title"}, text(f.Title)),
		legend(f.Chart),
		chartSVG(f.Chart),
		tag("p", attrs{"class", "figure-sentence"}, text(f.Sentence)),
		tag("table", attrs{"class", "lab-table"},
			tag("caption", nil, text("The numbers of “"+f.Title+"”")),
			tag("thead", nil, tag("tr", nil, each(t.Head, func(_ int, h string) string { return tag("th", attrs{"scope", "col"}, text(h)) }))),
			tag("tbody", nil, each(t.Rows, func(_ int, row []string) string {
				return tag("tr", nil, each(row, func(j int, cell string) string {
					if j == 0 {
						return tag("th", attrs{"scope", "row"}, text(cell))
					}
					return tag("td", nil, text(cell))
				}))
			})),
		),
	)
}

// paper shows what the sources reported, beside the toy's numbers and
// apart from them, cited as the page's source list numbers them.
func (p labPage) paper() string {
	number := map[string]int{}
	for i, id := range p.Cited() {
		number[id] = i + 1
	}
	return tag("section", attrs{"class", "lab-paper", "aria-labelledby", "lab-paper-heading"},
		tag("h2", attrs{"id", "lab-paper-heading"}, "What the research reported"),
		tag("p", nil, "The numbers above are the toy’s. These are from the sources cited, as written there:"),
		tag("ul", nil, each(p.Reported, func(_ int, f lab.Fact) string {
			return tag("li", nil,
				tag("strong", nil, text(upperFirst(f.Value))),
				text(": "+f.About+" "),
				tag("a", attrs{"class", "citation", "href", "/sources#" + f.Cite}, "["+strconv.Itoa(number[f.Cite])+"]"),
				text(" ("+f.Where+")."),
			)
		})),
	)
}

func upperFirst(s string) string {
	for i, r := range s {
		if 'a' <= r && r <= 'z' {
			return s[:i] + string(r-'a'+'A') + s[i+1:]
		}
		return s
	}
	return s
}
