package app

import (
	"errors"
	"strconv"
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/live/wire"
)

// LiveClassPanel runs a live class from the presenter view: students join
// on their own devices with a short code (or its QR code) and follow the
// step on the presenter's screen; the teacher asks them a question
// (multiple choice, or a number such as a prediction), watches the answers
// come in, reveals their distribution and closes it; moderates the
// students' anonymous questions; downloads the results; and ends the
// class, which deletes it from the server. The teacher's token stays in
// this tab (sessionStorage) and goes to the server in a header only.
type LiveClassPanel struct {
	ui.Compo

	// TourID is the built-in tour presented, Steps its number of steps
	// and Step the one on the presenter's screen: the class follows it.
	TourID string
	Steps  int
	Step   int
	// Imported is set for a tour kept on this device only, which the
	// students' devices do not have.
	Imported bool

	// ctx is the panel's own, taken when it mounts: what a request
	// dispatches when it returns must reach the panel even when the
	// control that sent it has gone from the page.
	ctx     ui.Context
	origin  string
	session *teacherSession
	room    liveRoom
	stream  *liveStream
	// stateKnown: room holds the server's state, not a guess.
	stateKnown bool
	connected  bool
	starting   bool
	stepping   bool
	confirmEnd bool
	pollKind   string
	// problem is what went wrong last; formProblem what is wrong with the
	// question being written; notice what the teacher should know now.
	problem     string
	formProblem string
	notice      string
}

// Ids of the panel's parts, which the browser tests reach for too.
const (
	liveHeadingID  = "live-heading"
	pollPromptID   = "poll-prompt"
	pollOptionsID  = "poll-options"
	pollMinID      = "poll-min"
	pollMaxID      = "poll-max"
	pollUnitID     = "poll-unit"
	pollLabID      = "poll-lab"
	pollKindChoice = "poll-kind-choice"
	pollKindNumber = "poll-kind-number"
)

func (p *LiveClassPanel) OnMount(ctx ui.Context) {
	p.ctx = ctx
	p.origin = ui.Window().Get("location").Get("origin").String()
	p.pollKind = wire.KindChoice
	var s teacherSession
	if !p.Imported && loadSession(teacherSessionKey, &s) && s.Tour == p.TourID && s.Code != "" {
		p.session = &s
		p.room = liveRoom{Code: s.Code, Tour: s.Tour, Steps: p.Steps}
		p.follow()
	}
}

func (p *LiveClassPanel) OnDismount() {
	if p.stream != nil {
		p.stream.stop()
		p.stream = nil
	}
}

// OnUpdate runs when the presenter moves to another step: the class
// follows.
func (p *LiveClassPanel) OnUpdate(ctx ui.Context) { p.syncStep() }

// follow reads the room's event stream with the teacher's token.
func (p *LiveClassPanel) follow() {
	ctx, code, token := p.ctx, p.session.Code, p.session.Token
	p.stream = followRoom(code, token, 0, false, liveStreamHandlers{
		event: func(e liveEvent) { ctx.Dispatch(func(ui.Context) { p.onEvent(code, e) }) },
		connected: func(ok bool) {
			ctx.Dispatch(func(ui.Context) {
				p.connected = ok
				p.syncStep()
			})
		},
		gone: func(error) {
			ctx.Dispatch(func(ui.Context) {
				if p.isRoom(code) {
					p.finish(classGone)
				}
			})
		},
	})
}

func (p *LiveClassPanel) isRoom(code string) bool { return p.session != nil && p.session.Code == code }

func (p *LiveClassPanel) onEvent(code string, e liveEvent) {
	if !p.isRoom(code) {
		return
	}
	if p.room.applyEvent(e) {
		p.finish(classEnded)
		return
	}
	if e.Name == wire.EventState {
		p.stateKnown = true
		p.syncStep()
	}
}

// What the teacher is told when a class is over: it has ended, here, in
// another tab or by expiry; or the server no longer knows it.
const (
	classEnded = "The class has ended. Its answers and questions are deleted from the server."
	classGone  = "This live class has ended: it was ended elsewhere, or expired, or the server restarted without keeping it."
)

// finish forgets the class, saying why.
func (p *LiveClassPanel) finish(notice string) {
	if p.stream != nil {
		p.stream.stop()
		p.stream = nil
	}
	forgetSession(teacherSessionKey)
	p.session, p.room, p.stateKnown, p.connected = nil, liveRoom{}, false, false
	p.confirmEnd, p.problem, p.formProblem, p.notice = false, "", "", notice
}

// syncStep moves the class to the presenter's step, one request at a
// time so that steps arrive in order.
func (p *LiveClassPanel) syncStep() {
	if p.session == nil || !p.stateKnown || p.stepping || p.Step < 1 || p.Step == p.room.Step {
		return
	}
	p.stepping = true
	ctx, step, s := p.ctx, p.Step, *p.session
	ctx.Async(func() {
		var view liveRoom
		err := liveCall("POST", roomPath(s.Code)+"/step", s.Token, wire.StepRequest{Step: step}, &view)
		ctx.Dispatch(func(ui.Context) {
			p.stepping = false
			if !p.isRoom(s.Code) {
				return
			}
			if err != nil {
				p.failed(err, "The class could not be moved to step "+strconv.Itoa(step))
				return
			}
			p.problem = ""
			if view.LastEventID >= p.room.LastEventID {
				p.room = view
			}
			p.syncStep()
		})
	})
}

// failed reports a request that did not go through.
func (p *LiveClassPanel) failed(err error, what string) {
	if isRoomGone(err) {
		p.finish(classGone)
		return
	}
	p.problem = what + ": " + failureReason(err) + "."
}

// failureReason says in words why a request failed.
func failureReason(err error) string {
	var refusal *liveError
	switch {
	case errors.Is(err, errUnreachable):
		return "the server cannot be reached; check the network and try again"
	case errors.As(err, &refusal):
		return refusal.Message
	}
	return "the server does not answer as a live class server does"
}

func (p *LiveClassPanel) start(ctx ui.Context, e ui.Event) {
	if p.starting {
		return
	}
	p.starting, p.problem, p.notice = true, "", ""
	tour, steps, step := p.TourID, p.Steps, p.Step
	p.ctx.Async(func() {
		var created wire.CreateResponse
		err := liveCall("POST", "/rooms", "", wire.CreateRequest{Tour: tour, Steps: steps, Step: max(step, 1)}, &created)
		if err == nil && (created.Code == "" || created.TeacherToken == "") {
			err = errNoLiveServer
		}
		p.ctx.Dispatch(func(ui.Context) {
			p.starting = false
			if err != nil {
				p.problem = startProblem(err)
				return
			}
			p.session = &teacherSession{Code: created.Code, Token: created.TeacherToken, Tour: tour}
			saveSession(teacherSessionKey, p.session)
			p.room, p.stateKnown = liveRoom(created.Room), true
			p.follow()
			p.syncStep()
		})
	})
}

// startProblem says why a class could not start.
func startProblem(err error) string {
	if errors.Is(err, errNoLiveServer) {
		return "A live class needs the app served by its own server (oversight serve), which connects the students’ devices. " +
			"This copy is a static site: everything else works here, but not live classes."
	}
	return "The live class could not start: " + failureReason(err) + "."
}

// teacher sends one of the teacher's requests about the room and, once it
// has gone through, calls done (which may be nil).
func (p *LiveClassPanel) teacher(method, path string, body any, what string, done func(reply liveReply)) {
	if p.session == nil {
		return
	}
	ctx, s := p.ctx, *p.session
	ctx.Async(func() {
		reply, err := liveFetch(method, roomPath(s.Code)+path, s.Token, body)
		if err == nil {
			err = reply.decode(nil)
		}
		ctx.Dispatch(func(ui.Context) {
			if !p.isRoom(s.Code) {
				return
			}
			if err != nil {
				p.failed(err, what)
				return
			}
			p.problem = ""
			if done != nil {
				done(reply)
			}
		})
	})
}

func (p *LiveClassPanel) setKind(kind string) ui.EventHandler {
	return func(ctx ui.Context, e ui.Event) { p.pollKind, p.formProblem = kind, "" }
}

func (p *LiveClassPanel) submitPoll(ctx ui.Context, e ui.Event) {
	e.PreventDefault()
	spec, problem := pollSpecFrom(p.pollKind, fieldValue(pollPromptID), fieldValue(pollOptionsID),
		fieldValue(pollMinID), fieldValue(pollMaxID), fieldValue(pollUnitID), fieldValue(pollLabID))
	if problem != "" {
		p.formProblem = problem
		return
	}
	p.formProblem = ""
	p.teacher("POST", "/polls", spec, "The question could not be opened", func(reply liveReply) {
		// The stream may have brought the poll, and answers to it, first.
		var poll wire.PollView
		if reply.decode(&poll) == nil && (p.room.Poll == nil || p.room.Poll.ID < poll.ID) {
			p.room.Poll = &poll
		}
		for _, id := range []string{pollPromptID, pollOptionsID, pollMinID, pollMaxID, pollUnitID, pollLabID} {
			if el := ui.Window().GetElementByID(id); el.Truthy() {
				el.Set("value", "")
			}
		}
	})
}

// pollAction reveals or closes the current poll.
func (p *LiveClassPanel) pollAction(action, what string) ui.EventHandler {
	return func(ctx ui.Context, e ui.Event) {
		if p.room.Poll == nil {
			return
		}
		path := "/polls/" + strconv.Itoa(p.room.Poll.ID) + "/" + action
		p.teacher("POST", path, nil, what, func(reply liveReply) {
			var poll wire.PollView
			if reply.decode(&poll) == nil && p.room.Poll != nil && p.room.Poll.ID == poll.ID {
				p.room.Poll = &poll
			}
		})
	}
}

// moderate approves or dismisses a student's question. Its buttons are
// scoped by the question's id: go-app keeps a handler it takes for the
// same (same code, whatever it captures) on an element it reuses for
// another question.
func (p *LiveClassPanel) moderate(id int, action, what string) ui.EventHandler {
	return func(ctx ui.Context, e ui.Event) {
		p.teacher("POST", "/questions/"+strconv.Itoa(id)+"/"+action, nil, what, func(liveReply) {
			if action == "dismiss" {
				p.room.removeQuestion(id)
				return
			}
			for i := range p.room.Questions {
				if p.room.Questions[i].ID == id {
					p.room.Questions[i].Status = wire.QuestionApproved
				}
			}
		})
	}
}

func (p *LiveClassPanel) export(format, mediaType string) ui.EventHandler {
	return func(ctx ui.Context, e ui.Event) {
		code := p.room.Code
		p.teacher("GET", "/export?format="+format, nil, "The results could not be downloaded", func(reply liveReply) {
			saveFile("live-class-"+code+"."+format, mediaType, reply.body)
		})
	}
}

func (p *LiveClassPanel) askToEnd(ctx ui.Context, e ui.Event)  { p.confirmEnd = true }
func (p *LiveClassPanel) keepGoing(ctx ui.Context, e ui.Event) { p.confirmEnd = false }

func (p *LiveClassPanel) end(ctx ui.Context, e ui.Event) {
	p.teacher("DELETE", "", nil, "The class could not be ended", func(liveReply) {
		p.finish(classEnded)
	})
}

// fieldValue is the text in a form field of the page.
func fieldValue(id string) string {
	el := ui.Window().GetElementByID(id)
	if !el.Truthy() {
		return ""
	}
	return el.Get("value").String()
}

func (p *LiveClassPanel) Render() ui.UI {
	body := []ui.UI{ui.H2().ID(liveHeadingID).Text("Live class")}
	switch {
	case p.Imported:
		body = append(body, ui.P().Class("hint").Text("A live class needs a tour every student’s device has, and this one is kept on this device only. Present a built-in tour to run a live class."))
	case p.session == nil:
		body = append(body,
			ui.P().Class("hint").Text("Students follow this tour on their own phones or laptops as you present it, answer your questions and ask theirs anonymously. No accounts, no names needed."),
			noticeLine(p.notice),
			button("live-start", "Start a live class", false, p.start).Disabled(p.starting),
		)
	default:
		body = append(body,
			ui.P().Class("live-connection").Role("status").Text(p.connectionText()),
			p.renderJoin(),
			ui.Div().Class("live-parts").Body(p.renderPoll(), p.renderQuestions()),
			p.renderEnd(),
		)
	}
	body = append(body, problemLine(p.problem))
	class := []string{"live-class"}
	if p.session != nil {
		class = append(class, "is-live")
	}
	return ui.Section().ID("live-class").Class(class...).Aria("labelledby", liveHeadingID).Body(body...)
}

func (p *LiveClassPanel) connectionText() string {
	switch {
	case !p.connected:
		return "Connecting to the class…"
	case p.room.Step >= 1:
		return "Live: students see step " + strconv.Itoa(p.room.Step) + " of " + strconv.Itoa(p.room.Steps) + "."
	}
	return "Live."
}

// renderJoin tells students how to join: the code, a QR code of the join
// address with the code in it, and the address to type.
func (p *LiveClassPanel) renderJoin() ui.UI {
	code := p.room.Code
	joinURL := p.origin + JoinPath + "?code=" + code
	joined := p.room.studentCount()
	students := strconv.Itoa(joined) + " " + plural(joined, "student has", "students have") + " joined"
	if len(p.room.Nicknames) > 0 {
		students += ": " + strings.Join(p.room.Nicknames, ", ")
	}
	return ui.Div().Class("live-join").Body(
		ui.P().Class("live-code-line").Body(ui.Text("Join code"), ui.Strong().ID("live-code").Class("live-code").Text(code)),
		ui.P().Class("live-join-line").Body(
			ui.Text("Students scan the QR code, or open "),
			ui.Code().Class("live-join-url").Text(p.origin+JoinPath),
			ui.Text(" and type the join code."),
		),
		ui.Div().Class("live-qr").Body(&QRCode{Text: joinURL, Label: "QR code to join the live class"}),
		ui.P().Class("live-students").Text(students+"."),
	)
}

func (p *LiveClassPanel) renderPoll() ui.UI {
	poll := p.room.Poll
	if poll == nil || poll.Status == wire.PollClosed {
		return p.pollForm()
	}
	answered, joined := 0, p.room.studentCount()
	if poll.Answers != nil {
		answered = *poll.Answers
	}
	heading := "Question for the class: open"
	var results, reveal ui.UI
	if poll.Status == wire.PollRevealed {
		heading, results = "Question for the class: answers shown", pollResults(poll, nil)
	} else {
		reveal = button("poll-reveal", "Reveal the answers", false, p.pollAction("reveal", "The answers could not be revealed"))
	}
	return ui.Section().Class("live-poll", "card").Aria("labelledby", "poll-heading").Body(
		ui.H3().ID("poll-heading").Text(heading),
		ui.P().Class("poll-prompt").Text(poll.Prompt),
		labLine(poll.Lab),
		ui.P().Class("poll-answered").Text(strconv.Itoa(answered)+" of "+strconv.Itoa(joined)+" "+plural(joined, "student", "students")+" answered."),
		results,
		ui.Div().Class("live-actions").Body(
			reveal,
			button("poll-close", "Close the question", true, p.pollAction("close", "The question could not be closed")),
		),
	)
}

// pollForm writes a question for the class.
func (p *LiveClassPanel) pollForm() ui.UI {
	kind := p.pollKind
	if kind == "" {
		kind = wire.KindChoice
	}
	radio := func(id, value, label string) ui.UI {
		return ui.Label().Class("poll-kind").For(id).Body(
			ui.Input().ID(id).Type("radio").Name("poll-kind").Value(value).Checked(kind == value).OnChange(p.setKind(value)),
			ui.Text(" "+label),
		)
	}
	var fields ui.UI
	if kind == wire.KindChoice {
		fields = labelled(pollOptionsID, "Options, one per line ("+optionsRange()+")", ui.Textarea().ID(pollOptionsID).Rows(4))
	} else {
		fields = ui.Div().Class("poll-range").Body(
			labelled(pollMinID, "Lowest (optional)", numberInput(pollMinID)),
			labelled(pollMaxID, "Highest (optional)", numberInput(pollMaxID)),
			labelled(pollUnitID, "Unit (optional)", textInput(pollUnitID, wire.MaxUnit)),
		)
	}
	return ui.Form().ID("poll-form").Class("poll-form", "card").Aria("labelledby", "poll-form-heading").OnSubmit(p.submitPoll).Body(
		ui.H3().ID("poll-form-heading").Text("Ask the class"),
		ui.FieldSet().Class("poll-kinds").Body(
			ui.Legend().Text("Kind of question"),
			radio(pollKindChoice, wire.KindChoice, "Multiple choice"),
			radio(pollKindNumber, wire.KindNumber, "A number, such as a prediction"),
		),
		labelled(pollPromptID, "Question", ui.Textarea().ID(pollPromptID).Rows(2).MaxLength(wire.MaxPrompt)),
		fields,
		labelled(pollLabID, "Lab for the class to try (optional): its address on this site, such as /labs/…", textInput(pollLabID, wire.MaxLab)),
		problemLine(p.formProblem),
		ui.Button().ID("poll-open").Class("button").Type("submit").Text("Open the question"),
	)
}

// numberInput is a field for a number, with the keypad a decimal needs.
func numberInput(id string) ui.HTMLInput {
	return ui.Input().ID(id).Type("number").Attr("step", "any").Attr("inputmode", "decimal")
}

// textInput is a field for one line of text of at most max characters.
func textInput(id string, max int) ui.HTMLInput {
	return ui.Input().ID(id).Type("text").MaxLength(max).AutoComplete(false)
}

// labLine names the lab a question is tied to.
func labLine(lab string) ui.UI {
	if lab == "" {
		return nil
	}
	return ui.P().Class("poll-lab").Body(ui.Text("Lab: "), ui.Code().Text(lab))
}

func (p *LiveClassPanel) renderQuestions() ui.UI {
	pending, approved := p.room.questionsWith(wire.QuestionPending), p.room.questionsWith(wire.QuestionApproved)
	return ui.Section().Class("live-questions").Aria("labelledby", "questions-heading").Body(
		ui.H3().ID("questions-heading").Text("Students’ questions"),
		ui.If(len(pending)+len(approved) == 0, func() ui.UI {
			return ui.P().Class("hint").Text("None yet. Students ask from their devices, anonymously; you see each question here first and decide whether the class sees it.")
		}),
		p.questionList("is-pending", "", pending),
		p.questionList("is-approved", "Shared with the class", approved),
	)
}

// questionList lists questions of one status with what the teacher can do
// with each: share a pending one, or dismiss it; remove a shared one.
func (p *LiveClassPanel) questionList(class, heading string, questions []wire.QuestionView) ui.UI {
	if len(questions) == 0 {
		return nil
	}
	pending := class == "is-pending"
	return ui.Div().Body(
		ui.If(heading != "", func() ui.UI { return ui.H4().Text(heading) }),
		ui.Ul().Class("live-question-list", class).Body(ui.Range(questions).Slice(func(i int) ui.UI {
			q := questions[i]
			dismiss, failed := "Remove", "The question could not be removed"
			var share ui.UI
			if pending {
				dismiss, failed = "Dismiss", "The question could not be dismissed"
				share = button("", "Share with the class", false, p.moderate(q.ID, "approve", "The question could not be shared"), q.ID).
					Class("button", "approve-question").Aria("describedby", questionTextID(q.ID))
			}
			return ui.Li().Class("live-question").Body(
				ui.P().ID(questionTextID(q.ID)).Class("question-text").Text(q.Text),
				ui.Div().Class("live-actions").Body(
					share,
					button("", dismiss, true, p.moderate(q.ID, "dismiss", failed), q.ID).
						Class("button", "secondary", "dismiss-question").Aria("describedby", questionTextID(q.ID)),
				),
			)
		})),
	)
}

func questionTextID(id int) string { return "question-" + strconv.Itoa(id) }

func (p *LiveClassPanel) renderEnd() ui.UI {
	var end, confirm ui.UI
	if p.confirmEnd {
		confirm = ui.Div().Class("confirm").Role("group").Aria("labelledby", "end-warning").Body(
			ui.P().ID("end-warning").Text("Ending deletes this class’s answers and questions from the server, and tells the students it is over. Download the results first to keep them."),
			button("live-end-now", "End the class now", false, p.end),
			button("", "Keep the class going", true, p.keepGoing),
		)
	} else {
		end = button("live-end", "End the class", true, p.askToEnd)
	}
	return ui.Div().Class("live-end").Body(
		ui.Div().Class("live-actions").Body(
			button("live-export-csv", "Download results (CSV)", true, p.export("csv", "text/csv")),
			button("live-export-json", "Download results (JSON)", true, p.export("json", "application/json")),
			end,
		),
		confirm,
	)
}
