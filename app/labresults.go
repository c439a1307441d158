package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/lab"
)

// results shows the learner's last run beside their prediction, or, before
// the first run, a run at the defaults folded away: readers without
// JavaScript open it to see real results, the others predict first.
func (p *LabPage) results() ui.UI {
	s := p.session
	return ui.Section().Class("lab-results").Aria("labelledby", "lab-results-heading").Aria("busy", p.running).Body(
		ui.H2().ID("lab-results-heading").TabIndex(-1).Text("Results"),
		ui.P().Class("lab-status").Role("status").Text(p.status()),
		ui.If(p.failure != "", func() ui.UI {
			return ui.P().Class("lab-error").Text("The lab could not run: " + p.failure + ". The rest of this page, and of the app, works as before.")
		}),
		ui.If(s.Committed && s.Last != nil, func() ui.UI {
			return ui.Div().Class("lab-run").Body(
				p.reveal(*s.Last),
				reportView("run", *s.Last),
			)
		}),
		ui.If(!s.Committed && s.Last == nil, func() ui.UI { return p.foldedDefaults() }),
	)
}

// status says, in the live region, what the lab is doing.
func (p *LabPage) status() string {
	switch {
	case p.running && p.session.Last != nil:
		return "Running the lab at the new setting…"
	case p.running:
		return "Running the lab…"
	case p.session.Committed && p.session.Last != nil:
		return "The run below is at the settings above."
	case p.session.Last != nil:
		return "Commit a new prediction to run the lab again."
	}
	return "Commit a prediction to run the lab."
}

// foldedDefaults is a run at the defaults behind a disclosure.
func (p *LabPage) foldedDefaults() ui.UI {
	var body ui.UI
	switch {
	case p.defaults != nil:
		body = reportView("defaults", *p.defaults)
	case p.defaultsFailure != "":
		body = ui.P().Class("lab-error").Text("The run at the defaults could not be shown: " + p.defaultsFailure + ".")
	default:
		body = ui.P().Text("Computing the run at the defaults…")
	}
	return ui.Details().Class("lab-defaults").Body(
		ui.Summary().Text("A run at the defaults, already done: open it once you have predicted"),
		body,
	)
}

// reveal puts the run's answer beside the learner's prediction.
func (p *LabPage) reveal(r lab.Report) ui.UI {
	pr := p.info.Predict
	s := p.session
	toyAnswer := "no"
	if r.Outcome.Yes {
		toyAnswer = "yes"
	}
	verdict := "The run answered the question as you predicted."
	if toyAnswer != s.Answer {
		verdict = "The run answered the question differently from your prediction."
	}
	return ui.Div().Class("lab-reveal").Body(
		ui.Table().Body(
			ui.Caption().Text("Your prediction beside this run"),
			ui.THead().Body(ui.Tr().Body(
				ui.Th().Scope("col").Text(""),
				ui.Th().Scope("col").Text("You predicted"),
				ui.Th().Scope("col").Text("This run"),
			)),
			ui.TBody().Body(
				ui.Tr().Body(
					ui.Th().Scope("row").Text(pr.Question),
					ui.Td().Text(p.answerText(s.Answer)),
					ui.Td().Class("toy").Text(toyAnswer),
				),
				ui.Tr().Body(
					ui.Th().Scope("row").Text(pr.Measure),
					ui.Td().Text(p.guessText(s.Guess)),
					ui.Td().Class("toy").Text(r.Outcome.Text),
				),
			),
		),
		ui.P().Class("verdict").Text(verdict),
	)
}

// reportView draws a run: its summary, then each figure with its twin.
// prefix keeps the ids of two reports on one page apart.
func reportView(prefix string, r lab.Report) ui.UI {
	return ui.Div().Class("lab-report").Body(
		ui.P().Class("lab-summary").Text(r.Summary),
		ui.Div().Class("lab-figures").Body(ui.Range(r.Figures).Slice(func(i int) ui.UI {
			return figureView(prefix+"-"+r.Figures[i].ID, r.Figures[i])
		})),
	)
}

// figureView is a chart with its text twin: one sentence and a table.
func figureView(id string, f lab.Figure) ui.UI {
	t := f.Table
	return ui.Figure().Class("lab-figure").ID(id).Aria("labelledby", id+"-title").Body(
		ui.H3().ID(id+"-title").Text(f.Title),
		labLegend(f.Chart),
		labChart(f.Chart),
		ui.P().Class("figure-sentence").Text(f.Sentence),
		ui.Table().Class("lab-table").Body(
			ui.Caption().Text("The numbers of “"+f.Title+"”"),
			ui.THead().Body(ui.Tr().Body(ui.Range(t.Head).Slice(func(i int) ui.UI {
				return ui.Th().Scope("col").Text(t.Head[i])
			}))),
			ui.TBody().Body(ui.Range(t.Rows).Slice(func(i int) ui.UI {
				row := t.Rows[i]
				return ui.Tr().Body(ui.Range(row).Slice(func(j int) ui.UI {
					if j == 0 {
						return ui.Th().Scope("row").Text(row[j])
					}
					return ui.Td().Text(row[j])
				}))
			})),
		),
	)
}
