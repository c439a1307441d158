package app

import (
	"strconv"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// SelfCheck is a tour's closing quiz: multiple-choice questions whose
// feedback explains the answer and links the concept behind it. Picking an
// answer shows at once whether it is right; without JavaScript, each
// question has the answer behind a disclosure instead.
type SelfCheck struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	Questions []*kb.QuizQuestion
	// TourID, Imported and Steps name the tour, to remember on the device
	// that its self-check was done.
	TourID   string
	Imported bool
	Steps    int

	// chosen is the answer picked for each question answered so far.
	chosen map[int]int
}

func (s *SelfCheck) OnUpdate(ctx ui.Context) { s.chosen = nil }

func (s *SelfCheck) Render() ui.UI {
	right := 0
	for i, j := range s.chosen {
		if s.Questions[i].Answer == j {
			right++
		}
	}
	return ui.Section().Class("self-check").Aria("label", SelfCheckTitle).Body(
		ui.Ol().Class("quiz").Body(ui.Range(s.Questions).Slice(func(i int) ui.UI {
			return s.question(i)
		})),
		ui.If(len(s.chosen) == len(s.Questions) && len(s.Questions) > 0, func() ui.UI {
			return ui.P().Class("quiz-score").Role("status").Text(
				"You got " + strconv.Itoa(right) + " of " + strconv.Itoa(len(s.Questions)) + " right.")
		}),
	)
}

func (s *SelfCheck) question(i int) ui.UI {
	q := s.Questions[i]
	chosen, answered := s.chosen[i]
	return ui.Li().Class("quiz-question").Body(
		ui.H2().Class("quiz-prompt").ID("quiz-"+strconv.Itoa(i+1)).Text(q.Prompt),
		ui.Ul().Class("quiz-options").Aria("labelledby", "quiz-"+strconv.Itoa(i+1)).Body(
			ui.Range(q.Options).Slice(func(j int) ui.UI {
				class := []string{"quiz-option"}
				if answered && j == q.Answer {
					class = append(class, "is-right")
				} else if answered && j == chosen {
					class = append(class, "is-wrong")
				}
				return ui.Li().Body(
					ui.Button().Class(class...).Type("button").
						Aria("pressed", answered && j == chosen).
						OnClick(s.choose(i, j)).
						Text(optionLetter(j) + ". " + q.Options[j]),
				)
			}),
		),
		ui.If(answered, func() ui.UI {
			verdict := "Right."
			if chosen != q.Answer {
				verdict = "Not quite: the answer is " + optionLetter(q.Answer) + "."
			}
			return ui.Div().Class("quiz-feedback").Role("status").Body(
				ui.P().Class("quiz-verdict").Text(verdict),
				ui.Raw(q.FeedbackHTML),
			)
		}).Else(func() ui.UI {
			return ui.Details().Class("quiz-answer").Body(
				ui.Summary().Text("Show the answer"),
				ui.P().Class("quiz-verdict").Text("The answer is "+optionLetter(q.Answer)+": "+q.Options[q.Answer]+"."),
				ui.Raw(q.FeedbackHTML),
			)
		}),
	)
}

func (s *SelfCheck) choose(i, j int) ui.EventHandler {
	return func(ctx ui.Context, e ui.Event) {
		if s.chosen == nil {
			s.chosen = make(map[int]int)
		}
		s.chosen[i] = j
		if len(s.chosen) == len(s.Questions) {
			s.Site.device.markChecked(ctx, tourRef{ID: s.TourID, Imported: s.Imported}, s.Steps)
		}
	}
}

// optionLetter names answer j as A, B, C, …
func optionLetter(j int) string { return string(rune('A' + j)) }
