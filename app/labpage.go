package app

import (
	"strconv"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/lab"
)

// LabPage is one lab: its controls, drawn from its Spec; the prediction a
// learner commits to before the first run; the run's results beside that
// prediction, as charts with their text twins; and what the paper reported.
// The setting lives in the address, so a link, a tour step or the back
// button opens the lab as it was. Runs happen in the labs' worker; the
// server prerenders the page with the results of a run at the defaults,
// folded away so that they do not give the answer before a prediction.
type LabPage struct {
	ui.Compo

	// ID is the lab shown.
	ID string

	// shownID is the lab this page last arrived at: a new address for the
	// same lab is a new setting, not a new page.
	shownID string
	info    lab.Info
	setting lab.Setting
	notes   []lab.Note
	session labSession
	// missingAnswer is set when the learner tries to commit without
	// answering the yes-or-no question.
	missingAnswer bool
	running       bool
	failure       string
	// defaults is a run at the defaults, shown folded before the first
	// run; defaultsFailure says why there is none.
	defaults        *lab.Report
	defaultsFailure string
	// mounted is the page's own context: a run's answer is dispatched on
	// it, since the control that asked for the run may be gone by then.
	mounted ui.Context
}

// labSession is what the learner has done in a lab during this visit: kept
// in the app's memory, so that leaving the lab and coming back finds it.
type labSession struct {
	Committed bool
	Answer    string // "yes" or "no"
	Guess     float64
	Last      *lab.Report
}

func labStateKey(id string) string { return "lab:" + id }

func (p *LabPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *LabPage) OnNav(ctx ui.Context) { p.arrive(ctx) }

func (p *LabPage) OnMount(ctx ui.Context) { p.mounted = ctx }

func (p *LabPage) arrive(ctx ui.Context) {
	p.info, _ = knowledge.Lab(p.ID)
	p.setting, p.notes = p.info.Spec.Read(ctx.Page().URL().RawQuery)
	if p.shownID == p.ID {
		// Another setting of the same lab: keep the reader where they are.
		ctx.Defer(func(ctx ui.Context) { markShown(ctx.Page().URL()) })
		if p.session.Committed {
			p.run(ctx)
		}
		return
	}
	p.shownID = p.ID
	p.session = labSession{Guess: p.info.Predict.Default}
	p.missingAnswer, p.running, p.failure = false, false, ""
	p.defaults, p.defaultsFailure = nil, ""
	showPage(ctx, p.info.Title+" · Lab", p.info.Summary, headingID)
	if !ui.IsClient {
		if r, ok := labRunner.Defaults(p.ID); ok {
			p.defaults = &r
		}
		return
	}
	ctx.GetState(labStateKey(p.ID), &p.session)
	if p.session.Committed {
		p.run(ctx)
		return
	}
	labRunner.Run(ctx, p.ID, "", func(ctx ui.Context, r lab.Report, err error) {
		if err != nil {
			p.defaultsFailure = err.Error()
			return
		}
		p.defaults = &r
	})
}

// run asks the worker for a run at the current setting. The results of
// the one before stay in view, marked as being updated, until it answers.
func (p *LabPage) run(ui.Context) {
	p.running, p.failure = true, ""
	labRunner.Run(p.mounted, p.ID, p.info.Spec.Query(p.setting), func(ctx ui.Context, r lab.Report, err error) {
		p.running = false
		if err != nil {
			p.failure = err.Error()
			return
		}
		p.session.Last = &r
		p.save(ctx)
	})
}

func (p *LabPage) save(ctx ui.Context) {
	ctx.SetState(labStateKey(p.ID), p.session)
}

func (p *LabPage) Render() ui.UI {
	l := p.info
	return pageFrame("lab-page",
		ui.Article().Class("lab").Body(
			ui.P().Class("back").Body(
				ui.A().Href(ConceptPath(l.Concept)).Text("← "+titleOf(l.Concept)),
			),
			ui.P().Class("kind-badge", "kind-lab").Text("Lab"),
			ui.H1().ID(headingID).TabIndex(-1).Text(l.Title),
			ui.P().Class("lead").Text(l.Intro),
			p.addressNotes(),
			p.caption(),
			ui.Div().Class("lab-bench").Body(
				p.controls(),
				p.prediction(),
			),
			p.results(),
			p.paper(),
			&SourceList{IDs: p.cited(), Reviewed: l.Reviewed},
		),
	)
}

// addressNotes says what of the address was not used as written.
func (p *LabPage) addressNotes() ui.UI {
	if len(p.notes) == 0 {
		return nil
	}
	return ui.Div().Class("lab-notes").Role("note").Body(
		ui.P().Text("Part of this page’s address could not be used as written:"),
		ui.Ul().Body(ui.Range(p.notes).Slice(func(i int) ui.UI {
			n := p.notes[i]
			if param, ok := p.info.Spec.Param(n.Key); ok {
				return ui.Li().Text(param.Label + ": " + n.Message + ".")
			}
			return ui.Li().Text(sentenceCase(n.Message) + ".")
		})),
	)
}

// caption says what the toy shows and what it does not, and links the
// caveat on the analogy.
func (p *LabPage) caption() ui.UI {
	l := p.info
	caveat, ok := knowledge.Caveat(l.Caveat)
	return ui.Section().Class("lab-caption").Aria("labelledby", "lab-caption-heading").Body(
		ui.H2().ID("lab-caption-heading").Text("What this toy shows, and what it does not"),
		ui.P().Text(l.Shows),
		ui.P().Body(
			ui.Text(l.DoesNot),
			ui.If(ok, func() ui.UI {
				return ui.Span().Body(
					ui.Text(" See the caveat "),
					ui.A().Href(CaveatPath(caveat.ID)).Text(caveat.Title),
					ui.Text("."),
				)
			}),
		),
	)
}

// cited lists the sources of the reported facts, in the order they are
// first cited, which is how their citations are numbered.
func (p *LabPage) cited() []string {
	var ids []string
	seen := map[string]bool{}
	for _, f := range p.info.Reported {
		if !seen[f.Cite] {
			seen[f.Cite] = true
			ids = append(ids, f.Cite)
		}
	}
	return ids
}

// paper shows what the sources reported, beside the toy's numbers and
// apart from them.
func (p *LabPage) paper() ui.UI {
	facts := p.info.Reported
	number := map[string]int{}
	for i, id := range p.cited() {
		number[id] = i + 1
	}
	return ui.Section().Class("lab-paper").Aria("labelledby", "lab-paper-heading").Body(
		ui.H2().ID("lab-paper-heading").Text("What the research reported"),
		ui.P().Text("The numbers above are the toy’s. These are from the paper and its released code, as written there:"),
		ui.Ul().Body(ui.Range(facts).Slice(func(i int) ui.UI {
			f := facts[i]
			return ui.Li().Body(
				ui.Strong().Text(sentenceCase(f.Value)),
				ui.Text(": "+f.About+" "),
				ui.A().Class("citation").Href(SourcesPath+"#"+f.Cite).Text("["+strconv.Itoa(number[f.Cite])+"]"),
				ui.Text(" ("+f.Where+")."),
			)
		})),
	)
}
