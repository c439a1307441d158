package app

import (
	"errors"
	"strconv"
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
	"oversight/live/wire"
)

// JoinPath is where students join a live class; /join?code=K7QX9D (what
// the teacher's QR code holds) fills the code in.
const JoinPath = "/join"

// Ids of the join page's parts, which the browser tests reach for too.
const (
	joinCodeID     = "join-code"
	joinNicknameID = "join-nickname"
	pollValueID    = "poll-value"
	askTextID      = "ask-text"
	announcerID    = "live-announcer"
)

// JoinPage is where a student joins a live class with the teacher's code,
// then follows it: the teacher's current step of the tour (read from the
// app's own copy of it, so it stays on screen offline), the teacher's
// question to answer, the questions the teacher shares, and a form to ask
// one anonymously. The student may read other steps and catch up in one
// tap. The student's token stays in this tab (sessionStorage); a reload
// resumes where the stream stopped, and a lost connection keeps the last
// step on screen while the stream reconnects.
type JoinPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// ctx is the page's own, taken when it mounts: what a request
	// dispatches when it returns must reach the page even when the
	// control that sent it has gone from it.
	ctx ui.Context
	// code is the code the address gave.
	code    string
	joining bool
	problem string
	notice  string

	session    *studentSession
	stream     *liveStream
	connection liveConnection
	// ended holds the room of a class that has just ended.
	ended *liveRoom

	// viewing is the step on screen; following says it is the teacher's.
	viewing   int
	following bool
	// announcement is what screen readers are told, politely, of the
	// teacher's moves.
	announcement string

	answering     bool
	answerProblem string
	asking        bool
	askProblem    string
	askNotice     string
}

// liveConnection is the state of a student's event stream.
type liveConnection int

const (
	connecting liveConnection = iota
	connected
	disconnected
)

func (p *JoinPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *JoinPage) OnNav(ctx ui.Context) { p.arrive(ctx) }

func (p *JoinPage) arrive(ctx ui.Context) {
	p.Site.showPage(ctx, "Join a live class", "Follow your teacher’s tour on this device, answer the class’s questions and ask your own, anonymously.", headingID)
	if ui.IsClient {
		p.code = ctx.Page().URL().Query().Get("code")
	}
}

func (p *JoinPage) OnMount(ctx ui.Context) {
	p.ctx = ctx
	var s studentSession
	if loadSession(studentSessionKey, &s) && s.Token != "" && s.Room.Code != "" {
		p.enter(&s)
	}
}

func (p *JoinPage) OnDismount() { p.stopStream() }

func (p *JoinPage) stopStream() {
	if p.stream != nil {
		p.stream.stop()
		p.stream = nil
	}
}

// enter shows a class the student is in and follows its events from the
// last one seen.
func (p *JoinPage) enter(s *studentSession) {
	p.session, p.ended, p.problem, p.notice = s, nil, "", ""
	p.viewing, p.following, p.connection = s.Room.Step, true, connecting
	ctx, code, token := p.ctx, s.Room.Code, s.Token
	p.stream = followRoom(code, token, s.Room.LastEventID, true, liveStreamHandlers{
		event: func(e liveEvent) { ctx.Dispatch(func(ui.Context) { p.onEvent(code, e) }) },
		connected: func(ok bool) {
			ctx.Dispatch(func(ui.Context) {
				switch {
				case !p.isRoom(code):
				case ok:
					p.connection = connected
				default:
					p.connection = disconnected
				}
			})
		},
		gone: func(error) {
			ctx.Dispatch(func(ui.Context) {
				if p.isRoom(code) {
					p.endClass()
				}
			})
		},
	})
}

func (p *JoinPage) isRoom(code string) bool { return p.session != nil && p.session.Room.Code == code }

func (p *JoinPage) onEvent(code string, e liveEvent) {
	if !p.isRoom(code) {
		return
	}
	room := &p.session.Room
	step, poll := room.Step, room.openPoll()
	if room.applyEvent(e) {
		p.endClass()
		return
	}
	saveSession(studentSessionKey, p.session)
	if room.Step != step {
		p.teacherMoved()
	}
	if now := room.openPoll(); now != nil && (poll == nil || poll.ID != now.ID) {
		p.announcement = "The teacher asks: " + now.Prompt
	} else if now != nil && now.Revealed && !poll.Revealed {
		p.announcement = "The teacher shows the class’s answers."
	}
}

// teacherMoved follows the teacher to the new step, unless the student is
// reading elsewhere, and says so politely. A student reading the step the
// teacher comes to follows again.
func (p *JoinPage) teacherMoved() {
	room := p.session.Room
	if p.following || p.viewing == room.Step {
		p.following = true
		p.viewing = room.Step
		p.announcement = "The teacher moved to step " + strconv.Itoa(room.Step) + " of " + strconv.Itoa(room.Steps) + p.stepTitle(room.Tour, room.Step) + "."
		return
	}
	p.announcement = "The teacher is now on step " + strconv.Itoa(room.Step) + "."
}

// stepTitle is ": Title" of a tour's step, if this device has it.
func (p *JoinPage) stepTitle(tourID string, n int) string {
	if t, ok := p.tour(tourID); ok && n >= 1 && n <= len(t.Steps) {
		return ": " + t.Steps[n-1].Title
	}
	return ""
}

func (p *JoinPage) tour(id string) (*kb.Tour, bool) {
	if p.Site == nil {
		return nil, false
	}
	return p.Site.Knowledge.Tour(id)
}

// endClass shows that the class is over and forgets it.
func (p *JoinPage) endClass() {
	room := p.session.Room
	p.stopStream()
	forgetSession(studentSessionKey)
	p.session, p.ended = nil, &room
	p.announcement = "The live class has ended."
}

func (p *JoinPage) leave(ctx ui.Context, e ui.Event) {
	p.stopStream()
	forgetSession(studentSessionKey)
	p.session, p.ended, p.notice = nil, nil, "You have left the class. Type its code again to go back."
	p.focusHeading()
}

func (p *JoinPage) joinAnother(ctx ui.Context, e ui.Event) {
	p.ended = nil
	p.focusHeading()
}

// focusHeading moves the focus to the page's heading once the page has
// changed around the control that had it.
func (p *JoinPage) focusHeading() {
	p.ctx.Defer(func(ui.Context) {
		if h := ui.Window().GetElementByID(headingID); h.Truthy() {
			h.Call("focus")
		}
	})
}

func (p *JoinPage) join(ctx ui.Context, e ui.Event) {
	e.PreventDefault()
	if p.joining {
		return
	}
	code, nickname := wire.NormalizeCode(fieldValue(joinCodeID)), strings.TrimSpace(fieldValue(joinNicknameID))
	if code == "" {
		p.problem = "A class code has six letters and digits. Check the code your teacher gives."
		return
	}
	p.joining, p.problem, p.notice = true, "", ""
	p.ctx.Async(func() {
		var joined wire.JoinResponse
		err := liveCall("POST", "/join", "", wire.JoinRequest{Code: code, Nickname: nickname}, &joined)
		if err == nil && (joined.StudentToken == "" || joined.Room.Code == "") {
			err = errNoLiveServer
		}
		p.ctx.Dispatch(func(ui.Context) {
			p.joining = false
			if err != nil {
				p.problem = joinProblem(err)
				return
			}
			s := &studentSession{Token: joined.StudentToken, Room: liveRoom(joined.Room)}
			saveSession(studentSessionKey, s)
			p.enter(s)
			p.announcement = ""
			p.focusHeading()
		})
	})
}

// joinProblem says why joining failed, and what to do.
func joinProblem(err error) string {
	var refusal *liveError
	switch {
	case errors.Is(err, errNoLiveServer):
		return "Live classes need the app served by its own server (oversight serve). This copy is a static site, so there is no class to join here; everything else works."
	case errors.Is(err, errUnreachable):
		return "The server cannot be reached. Check that this device is on the network, then try again."
	case errors.As(err, &refusal) && refusal.Code == wire.ErrRoomNotFound:
		return "No live class has this code. Check it with your teacher: the class may have ended."
	case errors.As(err, &refusal) && refusal.Code == wire.ErrRateLimited:
		return "Too many tries from this network. Wait a minute, then try again."
	case errors.As(err, &refusal):
		return "You could not join: " + refusal.Message + "."
	}
	return "You could not join: the server does not answer as a live class server does."
}

// showStep moves the student's own view to step n. Handlers that capture
// what they act on (a step, a poll) are scoped by it: go-app keeps a
// handler it takes for the same (same code, whatever it captures) on an
// element it reuses.
func (p *JoinPage) showStep(n int) ui.EventHandler {
	return func(ctx ui.Context, e ui.Event) {
		room := p.session.Room
		p.viewing = min(max(n, 1), room.Steps)
		p.following = p.viewing == room.Step
	}
}

func (p *JoinPage) catchUp(ctx ui.Context, e ui.Event) {
	p.viewing, p.following = p.session.Room.Step, true
	p.announcement = ""
	p.focusHeading()
}

// student sends one of the student's requests about the room; done runs
// once it has gone through, fail with the error if it has not.
func (p *JoinPage) student(path string, body any, done func(reply liveReply), fail func(err error)) {
	ctx, code, token := p.ctx, p.session.Room.Code, p.session.Token
	ctx.Async(func() {
		reply, err := liveFetch("POST", roomPath(code)+path, token, body)
		if err == nil {
			err = reply.decode(nil)
		}
		ctx.Dispatch(func(ui.Context) {
			if !p.isRoom(code) {
				return
			}
			if isRoomGone(err) {
				p.endClass()
				return
			}
			if err != nil {
				fail(err)
				return
			}
			done(reply)
		})
	})
}

// answer sends the student's answer to the open poll.
func (p *JoinPage) answer(a wire.AnswerView) {
	if p.answering {
		return
	}
	p.answering, p.answerProblem = true, ""
	body := wire.AnswerRequest{Choice: a.Choice, Value: a.Value}
	p.student("/polls/"+strconv.Itoa(a.Poll)+"/answer", body, func(liveReply) {
		p.answering = false
		if poll := p.session.Room.Poll; poll != nil && poll.ID == a.Poll {
			p.session.Room.MyAnswer = &a
			saveSession(studentSessionKey, p.session)
		}
	}, func(err error) {
		p.answering = false
		p.answerProblem = answerProblem(err)
	})
}

func answerProblem(err error) string {
	var refusal *liveError
	switch {
	case errors.As(err, &refusal) && refusal.Code == wire.ErrPollClosed:
		return "The teacher has stopped taking answers to this question."
	case errors.As(err, &refusal) && refusal.Code == wire.ErrRateLimited:
		return "That was quick: wait a few seconds, then send your answer again."
	}
	return "Your answer was not sent: " + failureReason(err) + "."
}

func (p *JoinPage) chooseOption(poll, option int) ui.EventHandler {
	return func(ctx ui.Context, e ui.Event) { p.answer(wire.AnswerView{Poll: poll, Choice: &option}) }
}

func (p *JoinPage) sendNumber(poll *wire.PollView) ui.EventHandler {
	return func(ctx ui.Context, e ui.Event) {
		e.PreventDefault()
		v, ok := optionalNumber(fieldValue(pollValueID))
		switch {
		case !ok || v == nil:
			p.answerProblem = "Type a number."
		case poll.Min != nil && *v < *poll.Min || poll.Max != nil && *v > *poll.Max:
			p.answerProblem = "Type a number " + rangeText(poll) + "."
		default:
			p.answer(wire.AnswerView{Poll: poll.ID, Value: v})
		}
	}
}

// labLink opens the lab a question is tied to beside the class.
func labLink(lab string) ui.UI {
	if lab == "" {
		return nil
	}
	return ui.P().Body(ui.A().Class("poll-lab-link").Href(lab).Target("_blank").Rel("noopener").Text("Open the lab in a new tab to try it"))
}

// numberHint says what a number poll takes.
func numberHint(poll *wire.PollView) string {
	if r := rangeText(poll); r != "" {
		return "A number " + r + "."
	}
	return "Any number."
}

// rangeText says what answers a number poll takes: "from 0 to 1".
func rangeText(p *wire.PollView) string {
	switch {
	case p.Min != nil && p.Max != nil:
		return "from " + withUnit(*p.Min, p.Unit) + " to " + withUnit(*p.Max, p.Unit)
	case p.Min != nil:
		return "of at least " + withUnit(*p.Min, p.Unit)
	case p.Max != nil:
		return "of at most " + withUnit(*p.Max, p.Unit)
	}
	return ""
}

func (p *JoinPage) ask(ctx ui.Context, e ui.Event) {
	e.PreventDefault()
	text := strings.TrimSpace(fieldValue(askTextID))
	if text == "" {
		p.askProblem, p.askNotice = "Write your question first.", ""
		return
	}
	if p.asking {
		return
	}
	p.asking, p.askProblem, p.askNotice = true, "", ""
	p.student("/questions", wire.AskRequest{Text: text}, func(liveReply) {
		p.asking = false
		p.askNotice = "Sent. Your teacher sees it without your name, and may share it with the class."
		if el := ui.Window().GetElementByID(askTextID); el.Truthy() {
			el.Set("value", "")
		}
	}, func(err error) {
		p.asking = false
		var refusal *liveError
		if errors.As(err, &refusal) && refusal.Code == wire.ErrRateLimited {
			p.askProblem = "You have asked several questions in a short time: wait a little, then send this one."
			return
		}
		p.askProblem = "Your question was not sent: " + failureReason(err) + "."
	})
}

func (p *JoinPage) Render() ui.UI {
	var content ui.UI
	switch {
	case p.session != nil:
		content = p.renderClass()
	case p.ended != nil:
		content = p.renderEnded()
	default:
		content = p.renderForm()
	}
	return pageFrame(p.Site, "join-page",
		// Present from the start, so that what it says later is announced.
		ui.P().ID(announcerID).Class("visually-hidden").Aria("live", "polite").Text(p.announcement),
		content,
	)
}

func (p *JoinPage) renderForm() ui.UI {
	return ui.Div().Class("reading-column", "join-column").Body(
		ui.H1().ID(headingID).TabIndex(-1).Text("Join a live class"),
		ui.P().Class("lead").Text("Type the code your teacher gives to follow the tour on this device, answer the class’s questions and ask your own, anonymously."),
		noticeLine(p.notice),
		ui.Form().ID("join-form").Class("join-form", "card").OnSubmit(p.join).Body(
			ui.Label().For(joinCodeID).Text("Class code"),
			textInput(joinCodeID, wire.MaxTypedCode).Class("join-code-input").Name("code").Value(p.code).
				Spellcheck(false).Attr("autocapitalize", "characters").Aria("describedby", "join-code-hint"),
			ui.P().ID("join-code-hint").Class("hint").Text("Six letters and digits, such as K7Q X9D; capitals and spaces do not matter."),
			ui.Label().For(joinNicknameID).Text("Nickname (optional)"),
			textInput(joinNicknameID, wire.MaxNickname).Aria("describedby", "join-nickname-hint"),
			ui.P().ID("join-nickname-hint").Class("hint").Text("Only your teacher sees it. Your answers and questions are anonymous either way."),
			problemLine(p.problem),
			ui.Button().ID("join-submit").Class("button").Type("submit").Disabled(p.joining).Text("Join the class"),
		),
		ui.P().Class("hint").Text("Nothing about you is kept beyond the class. When the teacher ends it, its answers and questions are deleted."),
	)
}

func (p *JoinPage) renderEnded() ui.UI {
	room := *p.ended
	return ui.Div().Class("reading-column", "join-column").Body(
		ui.H1().ID(headingID).TabIndex(-1).Text("The live class has ended"),
		ui.P().Class("lead").Text("Your teacher has ended it, or it was closed on the server. Nothing of it is kept there any more."),
		ui.If(p.stepTitle(room.Tour, room.Step) != "", func() ui.UI {
			t, _ := p.tour(room.Tour)
			return ui.P().Body(
				ui.Text("The tour is still here to read on your own: "),
				ui.A().Href(TourStepPath(t.ID, room.Step)).Text(t.Title+", step "+strconv.Itoa(room.Step)),
				ui.Text("."),
			)
		}),
		button("join-another", "Join another class", false, p.joinAnother),
	)
}

// renderClass is the class as a student follows it.
func (p *JoinPage) renderClass() ui.UI {
	room := p.session.Room
	return ui.Div().Class("live-student").Body(
		ui.Div().Class("live-student-bar").Body(
			ui.P().Class("live-connection").Role("status").Text(p.connectionText()),
			button("live-leave", "Leave the class", true, p.leave),
		),
		ui.If(!p.following && room.Step >= 1, func() ui.UI {
			return ui.Div().Class("live-catch-up").Body(
				ui.P().Text("You are reading step "+strconv.Itoa(p.viewing)+"; the teacher is on step "+strconv.Itoa(room.Step)+"."),
				button("live-catch-up", "Catch up with the teacher", false, p.catchUp),
			)
		}),
		p.renderPoll(room),
		p.renderStep(room),
		p.renderAsk(room),
	)
}

func (p *JoinPage) connectionText() string {
	code := "Live class " + p.session.Room.Code
	switch p.connection {
	case connecting:
		return code + ": connecting…"
	case disconnected:
		return code + ": connection lost. The last step the teacher shared stays here; reconnecting…"
	}
	if p.following {
		return code + ": following the teacher."
	}
	return code + ": reading on your own."
}

// renderStep shows the step the student is reading, from this device's
// copy of the tour.
func (p *JoinPage) renderStep(room liveRoom) ui.UI {
	t, ok := p.tour(room.Tour)
	n := p.viewing
	if !ok || n < 1 || n > len(t.Steps) {
		return ui.Section().Class("tour-step", "live-step").Body(
			ui.H1().ID(headingID).TabIndex(-1).Text("Step "+strconv.Itoa(max(n, 1))),
			ui.P().Text("This device does not have the tour the teacher is presenting. Reload the page to get the latest version of the app."),
		)
	}
	return ui.Div().Class("tour-layout", "live-layout").Body(
		ui.Div().Class("map-pane", "tour-map").Body(&ConceptMap{Site: p.Site, Spotlight: t.Steps[n-1].Concepts}),
		ui.Section().Class("tour-step", "live-step").Aria("labelledby", headingID).Body(
			ui.P().Class("tour-kicker").Text("Tour: "+t.Title),
			ui.Div().Body(p.Site.stepContent(t, n)...),
			ui.Nav().Class("tour-controls").Aria("label", "Read other steps").Body(
				button("live-prev", "← Previous", true, p.showStep(n-1), n).Disabled(n <= 1),
				button("live-next", "Next →", true, p.showStep(n+1), n).Disabled(n >= len(t.Steps)),
			),
		),
	)
}

// renderPoll shows the teacher's question: to answer while it is open,
// with the class's answers once the teacher reveals them.
func (p *JoinPage) renderPoll(room liveRoom) ui.UI {
	poll := room.openPoll()
	if poll == nil {
		return nil
	}
	mine := room.MyAnswer
	var answer ui.UI
	switch {
	case poll.Status == wire.PollRevealed:
		answer = pollResults(poll, mine)
	case poll.Kind == wire.KindChoice:
		answer = ui.Div().Class("poll-options").Role("group").Aria("labelledby", "poll-prompt").Body(ui.Range(poll.Options).Slice(func(i int) ui.UI {
			chosen := mine != nil && mine.Choice != nil && *mine.Choice == i
			class := []string{"poll-option"}
			if chosen {
				class = append(class, "is-chosen")
			}
			return button("", poll.Options[i], false, p.chooseOption(poll.ID, i), poll.ID, i).Class(class...).
				Aria("pressed", strconv.FormatBool(chosen)).Disabled(p.answering)
		}))
	default:
		label := "Your answer"
		if poll.Unit != "" {
			label += " (" + poll.Unit + ")"
		}
		input := numberInput(pollValueID).Aria("describedby", "poll-range")
		if poll.Min != nil {
			input = input.Min(formatNumber(*poll.Min))
		}
		if poll.Max != nil {
			input = input.Max(formatNumber(*poll.Max))
		}
		answer = ui.Form().Class("poll-number").NoValidate(true).OnSubmit(p.sendNumber(poll), ui.EventScope(poll.ID)).Body(
			ui.Label().For(pollValueID).Text(label),
			ui.Div().Class("poll-number-row").Body(
				input,
				ui.Button().ID("poll-send").Class("button").Type("submit").Disabled(p.answering).Text("Send"),
			),
			ui.P().ID("poll-range").Class("hint").Text(numberHint(poll)),
		)
	}
	return ui.Section().ID("live-poll").Class("live-poll", "card").Aria("labelledby", "poll-heading").Body(
		ui.H2().ID("poll-heading").Text(map[bool]string{true: "The class’s answers", false: "Your teacher asks"}[poll.Status == wire.PollRevealed]),
		ui.P().ID("poll-prompt").Class("poll-prompt").Text(poll.Prompt),
		labLink(poll.Lab),
		answer,
		ui.If(mine != nil && poll.Status == wire.PollOpen, func() ui.UI {
			return ui.P().Class("poll-mine").Role("status").Text("Your answer: " + answerText(poll, mine) + ". You can change it until the teacher shows the class’s answers.")
		}),
		problemLine(p.answerProblem),
	)
}

// renderAsk is the form for an anonymous question, and the questions the
// teacher has shared with the class.
func (p *JoinPage) renderAsk(room liveRoom) ui.UI {
	shared := room.questionsWith(wire.QuestionApproved)
	return ui.Section().Class("live-ask").Aria("labelledby", "ask-heading").Body(
		ui.H2().ID("ask-heading").Text("Ask a question"),
		ui.Form().Class("ask-form").OnSubmit(p.ask).Body(
			ui.Label().For(askTextID).Text("Your question, anonymous: the teacher sees it without your name"),
			ui.Textarea().ID(askTextID).Rows(3).MaxLength(wire.MaxQuestion),
			problemLine(p.askProblem),
			noticeLine(p.askNotice),
			ui.Button().ID("ask-send").Class("button").Type("submit").Disabled(p.asking).Text("Send the question"),
		),
		ui.If(len(shared) > 0, func() ui.UI {
			return ui.Div().Class("shared-questions").Body(
				ui.H3().Text("Questions the teacher shared"),
				ui.Ul().Body(ui.Range(shared).Slice(func(i int) ui.UI {
					return ui.Li().Class("question-text").Text(shared[i].Text)
				})),
			)
		}),
	)
}
