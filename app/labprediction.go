package app

import (
	"strconv"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The ids of the prediction's controls.
const (
	answerYesID = "lab-answer-yes"
	answerNoID  = "lab-answer-no"
	guessID     = "lab-guess"
	commitID    = "lab-commit"
)

// prediction asks the learner to commit to an answer and a guess before the
// first run; once committed, it says what they predicted, which the results
// then answer.
func (p *LabPage) prediction() ui.UI {
	pr := p.info.Predict
	s := p.session
	section := ui.Section().Class("lab-predict").Aria("labelledby", "lab-predict-heading")
	if s.Committed {
		return section.Body(
			ui.H2().ID("lab-predict-heading").Text("Your prediction"),
			ui.P().Class("committed").Text("You predicted: "+p.answerText(s.Answer)+"; "+pr.Measure+" "+p.guessText(s.Guess)+"."),
			ui.P().Class("control-help").Text("Change a setting and the lab runs again; your prediction stays beside each run."),
			ui.Button().Type("button").Class("button", "secondary").Text("Predict again").OnClick(p.predictAgain),
		)
	}
	return section.Body(
		ui.H2().ID("lab-predict-heading").Text("Your prediction"),
		ui.FieldSet().Aria("describedby", "lab-answer-missing").Body(
			ui.Legend().Text(pr.Question),
			ui.Div().Class("answers").Body(
				p.answer(answerYesID, "yes", "Yes"),
				p.answer(answerNoID, "no", "No"),
			),
		),
		ui.Div().Class("lab-control").Body(
			ui.Div().Class("control-head").Body(
				ui.Label().For(guessID).Text(pr.Guess),
				ui.Output().For(guessID).Text(p.guessText(s.Guess)),
			),
			ui.Input().Type("range").ID(guessID).Min(p.guessText(pr.Min)).Max(p.guessText(pr.Max)).Step(pr.Step).
				Value(p.guessText(s.Guess)).Aria("describedby", guessID+"-help").OnInput(p.guessing),
			ui.P().Class("control-help").ID(guessID+"-help").Text(pr.Help),
		),
		ui.P().ID("lab-answer-missing").Class("lab-missing").Aria("live", "polite").Body(
			ui.If(p.missingAnswer, func() ui.UI { return ui.Text("Answer yes or no first.") }),
		),
		ui.Button().Type("button").Class("button").ID(commitID).Text("Commit my prediction and run").OnClick(p.commit),
	)
}

func (p *LabPage) answer(id, value, label string) ui.UI {
	return ui.Label().For(id).Body(
		ui.Input().Type("radio").ID(id).Name("lab-answer").Value(value).Checked(p.session.Answer == value).
			OnChange(func(ctx ui.Context, e ui.Event) {
				p.session.Answer = value
				p.missingAnswer = false
			}),
		ui.Text(" "+label),
	)
}

func (p *LabPage) guessing(ctx ui.Context, e ui.Event) {
	if v, err := strconv.ParseFloat(e.Get("target").Get("value").String(), 64); err == nil {
		p.session.Guess = v
	}
}

func (p *LabPage) commit(ctx ui.Context, e ui.Event) {
	if p.session.Answer == "" {
		p.missingAnswer = true
		ctx.Defer(func(ui.Context) {
			ui.Window().GetElementByID(answerYesID).Call("focus")
		})
		return
	}
	p.session.Committed = true
	p.save(ctx)
	p.run(ctx)
	// On the page's context: this button is gone once the prediction is.
	p.mounted.Defer(func(ui.Context) {
		if el := ui.Window().GetElementByID("lab-results-heading"); el.Truthy() {
			el.Call("focus", map[string]any{"preventScroll": true})
			el.Call("scrollIntoView", map[string]any{"block": "start"})
		}
	})
}

// predictAgain takes the learner back to predicting, for the next run.
func (p *LabPage) predictAgain(ctx ui.Context, e ui.Event) {
	p.session.Committed = false
	p.save(ctx)
	p.mounted.Defer(func(ui.Context) {
		if el := ui.Window().GetElementByID(answerYesID); el.Truthy() {
			el.Call("focus")
		}
	})
}

func (p *LabPage) answerText(answer string) string {
	if answer == "yes" {
		return "yes"
	}
	return "no"
}

// guessText writes a guess with as many decimals as its step needs.
func (p *LabPage) guessText(v float64) string {
	decimals := 0
	for step := p.info.Predict.Step; step < 1 && decimals < 6; step *= 10 {
		decimals++
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}
