package app

import (
	"encoding/json"
	"slices"
	"strconv"
)

// A live class as the app sees it: the JSON the server's live API sends
// (live/README.md), decoded into the app's own types (the WebAssembly
// does not link package live, which brings net/http), and the events that
// change it.

// LivePath is where the server answers the live classes' API (package
// live, mounted by `oversight serve`); a static export has nothing there.
const LivePath = "/live"

// Limits on what a person types, as the server enforces them: the fields
// say so before the server has to refuse.
const (
	liveQuestionMax = 280
	livePromptMax   = 280
	liveOptionMax   = 80
	liveNicknameMax = 24
	liveUnitMax     = 16
	liveLabMax      = 300
	liveOptionsMin  = 2
	liveOptionsMax  = 8
	// liveCodeLength is the length of a join code.
	liveCodeLength = 6
)

// liveRoom is a room as the teacher or a student sees it (RoomView).
type liveRoom struct {
	Code        string         `json:"code"`
	Tour        string         `json:"tour"`
	Steps       int            `json:"steps"`
	Step        int            `json:"step"`
	Poll        *livePoll      `json:"poll"`
	Questions   []liveQuestion `json:"questions"`
	LastEventID uint64         `json:"lastEventId"`
	// Students and Nicknames are the teacher's only.
	Students  int      `json:"students,omitempty"`
	Nicknames []string `json:"nicknames,omitempty"`
	// MyAnswer is a student's answer to Poll.
	MyAnswer *liveAnswer `json:"myAnswer,omitempty"`
}

// livePoll is a question the teacher put to the class (PollView). Answers
// and Results reach students only once the poll is revealed.
type livePoll struct {
	ID       int          `json:"id"`
	Kind     string       `json:"kind"`
	Prompt   string       `json:"prompt"`
	Options  []string     `json:"options,omitempty"`
	Min      *float64     `json:"min,omitempty"`
	Max      *float64     `json:"max,omitempty"`
	Unit     string       `json:"unit,omitempty"`
	Lab      string       `json:"lab,omitempty"`
	Status   string       `json:"status"`
	Revealed bool         `json:"revealed"`
	Answers  *int         `json:"answers,omitempty"`
	Results  *liveResults `json:"results,omitempty"`
}

// Poll kinds and statuses.
const (
	pollChoice   = "choice"
	pollNumber   = "number"
	pollOpen     = "open"
	pollRevealed = "revealed"
	pollClosed   = "closed"
)

// liveResults is a poll's distribution: counts per option, or a number
// poll's summary and bins.
type liveResults struct {
	Counts []int     `json:"counts,omitempty"`
	Min    *float64  `json:"min,omitempty"`
	Max    *float64  `json:"max,omitempty"`
	Mean   *float64  `json:"mean,omitempty"`
	Median *float64  `json:"median,omitempty"`
	Bins   []liveBin `json:"bins,omitempty"`
}

type liveBin struct {
	From  float64 `json:"from"`
	To    float64 `json:"to"`
	Count int     `json:"count"`
}

// liveQuestion is a student's anonymous question: "pending" (the teacher
// alone sees it) or "approved" (the class sees it).
type liveQuestion struct {
	ID     int    `json:"id"`
	Text   string `json:"text"`
	Status string `json:"status"`
}

// liveAnswer is one student's answer to one poll.
type liveAnswer struct {
	Poll   int      `json:"poll"`
	Choice *int     `json:"choice,omitempty"`
	Value  *float64 `json:"value,omitempty"`
}

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
	if idErr == nil && e.Name != "state" && id <= r.LastEventID {
		return false
	}
	data := []byte(e.Data)
	switch e.Name {
	case "ended":
		return true
	case "state":
		var fresh liveRoom
		if json.Unmarshal(data, &fresh) != nil {
			return false
		}
		mine := r.MyAnswer
		*r = fresh
		r.keepAnswer(mine)
	case "step":
		var s struct{ Step int }
		if json.Unmarshal(data, &s) == nil && s.Step >= 1 {
			r.Step = s.Step
		}
	case "poll":
		var p livePoll
		if json.Unmarshal(data, &p) == nil {
			mine := r.MyAnswer
			r.Poll = &p
			r.keepAnswer(mine)
		}
	case "answers":
		var a struct {
			Poll    int
			Answers int
			Results *liveResults
		}
		if json.Unmarshal(data, &a) == nil && r.Poll != nil && r.Poll.ID == a.Poll {
			r.Poll.Answers, r.Poll.Results = &a.Answers, a.Results
		}
	case "question":
		var q liveQuestion
		if json.Unmarshal(data, &q) == nil {
			r.putQuestion(q)
		}
	case "question.removed":
		var q struct{ ID int }
		if json.Unmarshal(data, &q) == nil {
			r.Questions = slices.DeleteFunc(r.Questions, func(x liveQuestion) bool { return x.ID == q.ID })
		}
	case "students":
		var s struct {
			Students int
			Nickname string
		}
		if json.Unmarshal(data, &s) == nil {
			r.Students = s.Students
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
func (r *liveRoom) keepAnswer(mine *liveAnswer) {
	r.MyAnswer = nil
	if mine != nil && r.Poll != nil && r.Poll.ID == mine.Poll {
		r.MyAnswer = mine
	}
}

// putQuestion adds a question, or updates it where it is (a pending
// question approved), keeping them oldest first.
func (r *liveRoom) putQuestion(q liveQuestion) {
	for i := range r.Questions {
		if r.Questions[i].ID == q.ID {
			r.Questions[i] = q
			return
		}
	}
	at, _ := slices.BinarySearchFunc(r.Questions, q.ID, func(x liveQuestion, id int) int { return x.ID - id })
	r.Questions = slices.Insert(r.Questions, at, q)
}

// questionsWith lists the room's questions of one status, oldest first.
func (r *liveRoom) questionsWith(status string) []liveQuestion {
	var out []liveQuestion
	for _, q := range r.Questions {
		if q.Status == status {
			out = append(out, q)
		}
	}
	return out
}

// openPoll is the poll students see now: open or revealed, not closed.
func (r *liveRoom) openPoll() *livePoll {
	if r.Poll == nil || r.Poll.Status == pollClosed {
		return nil
	}
	return r.Poll
}

// normalizeCode reads a join code as people type it: any case, with
// spaces and dashes, as the server does.
func normalizeCode(typed string) string {
	var b []byte
	for _, c := range []byte(typed) {
		switch {
		case c == ' ' || c == '-' || c == '\t':
		case c >= 'a' && c <= 'z':
			b = append(b, c-'a'+'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}
