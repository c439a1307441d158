package app

import (
	"encoding/json"
	"slices"
	"strconv"

	"oversight/live/wire"
)

// A live class as the app sees it: the room the server's live API sends
// (live/README.md), in package wire's types, which the server writes too
// (the WebAssembly links wire, not package live, which brings net/http),
// and the events that change it.

// LivePath is where the server answers the live classes' API (package
// live, mounted by `oversight serve`); a static export has nothing there.
const LivePath = "/live"

// liveRoom is a room as the teacher or a student sees it: the server's
// RoomView, as a type of the app's own so that it can follow the room's
// events (applyEvent).
type liveRoom wire.RoomView

// liveEvent is one event of a room's stream.
type liveEvent struct {
	ID   string
	Name string
	Data string
}

// applyEvent changes the room as the event says, and says whether the
// class has ended. An event the room already reflects (a reply to one of
// the teacher's requests may bring the room ahead of its stream) is passed
// over, and so is an event the app does not know, or cannot read: a newer
// server may send more.
func (r *liveRoom) applyEvent(e liveEvent) (ended bool) {
	id, idErr := strconv.ParseUint(e.ID, 10, 64)
	if idErr == nil && e.Name != wire.EventState && id <= r.LastEventID {
		return false
	}
	data := []byte(e.Data)
	switch e.Name {
	case wire.EventEnded:
		return true
	case wire.EventState:
		var fresh liveRoom
		if json.Unmarshal(data, &fresh) != nil {
			return false
		}
		mine := r.MyAnswer
		*r = fresh
		r.keepAnswer(mine)
	case wire.EventStep:
		var s wire.StepEvent
		if json.Unmarshal(data, &s) == nil && s.Step >= 1 {
			r.Step = s.Step
		}
	case wire.EventPoll:
		var p wire.PollView
		if json.Unmarshal(data, &p) == nil {
			mine := r.MyAnswer
			r.Poll = &p
			r.keepAnswer(mine)
		}
	case wire.EventAnswers:
		var a wire.AnswersEvent
		if json.Unmarshal(data, &a) == nil && r.Poll != nil && r.Poll.ID == a.Poll {
			r.Poll.Answers, r.Poll.Results = &a.Answers, a.Results
		}
	case wire.EventQuestion:
		var q wire.QuestionView
		if json.Unmarshal(data, &q) == nil {
			r.putQuestion(q)
		}
	case wire.EventQuestionRemoved:
		var q wire.QuestionRemovedEvent
		if json.Unmarshal(data, &q) == nil {
			r.removeQuestion(q.ID)
		}
	case wire.EventStudents:
		var s wire.StudentsEvent
		if json.Unmarshal(data, &s) == nil {
			r.Students = &s.Students
			if s.Nickname != "" {
				r.Nicknames = append(r.Nicknames, s.Nickname)
			}
		}
	}
	if idErr == nil {
		r.LastEventID = id
	}
	return false
}

// keepAnswer keeps a student's answer while it is an answer to the
// room's poll: a state or poll event never carries it.
func (r *liveRoom) keepAnswer(mine *wire.AnswerView) {
	r.MyAnswer = nil
	if mine != nil && r.Poll != nil && r.Poll.ID == mine.Poll {
		r.MyAnswer = mine
	}
}

// putQuestion adds a question, or updates it where it is (a pending
// question approved), keeping them oldest first.
func (r *liveRoom) putQuestion(q wire.QuestionView) {
	for i := range r.Questions {
		if r.Questions[i].ID == q.ID {
			r.Questions[i] = q
			return
		}
	}
	at, _ := slices.BinarySearchFunc(r.Questions, q.ID, func(x wire.QuestionView, id int) int { return x.ID - id })
	r.Questions = slices.Insert(r.Questions, at, q)
}

// removeQuestion drops a dismissed question.
func (r *liveRoom) removeQuestion(id int) {
	r.Questions = slices.DeleteFunc(r.Questions, func(q wire.QuestionView) bool { return q.ID == id })
}

// questionsWith lists the room's questions of one status (wire.Question…),
// oldest first.
func (r *liveRoom) questionsWith(status string) []wire.QuestionView {
	var out []wire.QuestionView
	for _, q := range r.Questions {
		if q.Status == status {
			out = append(out, q)
		}
	}
	return out
}

// openPoll is the poll students see now: open or revealed, not closed.
func (r *liveRoom) openPoll() *wire.PollView {
	if r.Poll == nil || r.Poll.Status == wire.PollClosed {
		return nil
	}
	return r.Poll
}

// studentCount is how many students have joined, as the teacher sees.
func (r *liveRoom) studentCount() int {
	if r.Students == nil {
		return 0
	}
	return *r.Students
}
