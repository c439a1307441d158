package app

import (
	"encoding/json"
	"reflect"
	"strconv"
	"testing"

	"oversight/live/wire"
)

func event(id int, name, data string) liveEvent {
	e := liveEvent{Name: name, Data: data}
	if id > 0 {
		e.ID = strconv.Itoa(id)
	}
	return e
}

func TestAStudentsRoomFollowsItsStream(t *testing.T) {
	var r liveRoom
	if err := json.Unmarshal([]byte(`{"code":"K7QX9D","tour":"why-the-judge-fails","steps":5,"step":1,"poll":null,"questions":[],"lastEventId":3}`), &r); err != nil {
		t.Fatal(err)
	}
	r.applyEvent(event(4, "step", `{"step":2}`))
	if r.Step != 2 || r.LastEventID != 4 {
		t.Fatalf("after a step: step %d, last event %d", r.Step, r.LastEventID)
	}
	r.applyEvent(event(5, "poll", `{"id":1,"kind":"choice","prompt":"Which?","options":["a","b"],"status":"open","revealed":false}`))
	if p := r.openPoll(); p == nil || p.Prompt != "Which?" || p.Answers != nil {
		t.Fatalf("the open poll is %+v", p)
	}
	one := 1
	r.MyAnswer = &wire.AnswerView{Poll: 1, Choice: &one}
	r.applyEvent(event(7, "poll", `{"id":1,"kind":"choice","prompt":"Which?","options":["a","b"],"status":"revealed","revealed":true,"answers":3,"results":{"counts":[1,2]}}`))
	if r.MyAnswer == nil || r.Poll.Results == nil || r.Poll.Results.Counts[1] != 2 {
		t.Errorf("a revealed poll must keep the student's answer and bring the results: %+v, %+v", r.MyAnswer, r.Poll)
	}
	r.applyEvent(event(8, "poll", `{"id":1,"kind":"choice","prompt":"Which?","options":["a","b"],"status":"closed","revealed":true}`))
	if r.openPoll() != nil {
		t.Errorf("a closed poll is still shown")
	}
	r.applyEvent(event(9, "poll", `{"id":2,"kind":"number","prompt":"How much?","status":"open","revealed":false}`))
	if r.MyAnswer != nil {
		t.Errorf("the answer to poll 1 is kept for poll 2")
	}
	r.applyEvent(event(11, "question", `{"id":4,"text":"Why?","status":"approved"}`))
	r.applyEvent(event(12, "question", `{"id":2,"text":"How?","status":"approved"}`))
	if got := r.questionsWith(wire.QuestionApproved); len(got) != 2 || got[0].ID != 2 || got[1].ID != 4 {
		t.Errorf("shared questions, oldest first: %+v", got)
	}
	r.applyEvent(event(13, "question.removed", `{"id":4}`))
	if got := r.questionsWith(wire.QuestionApproved); len(got) != 1 || got[0].ID != 2 {
		t.Errorf("after a removal: %+v", got)
	}
	if r.LastEventID != 13 {
		t.Errorf("the room resumes after %d, want 13", r.LastEventID)
	}
	if !r.applyEvent(event(0, "ended", `{}`)) {
		t.Errorf("the ended event does not end the class")
	}
	if r.LastEventID != 13 {
		t.Errorf("ended, which has no id, moved the last id to %d", r.LastEventID)
	}
}

func TestAStateEventReplacesTheRoomButKeepsTheStudentsAnswer(t *testing.T) {
	two := 2
	r := liveRoom{Code: "K7QX9D", Step: 1, LastEventID: 3, MyAnswer: &wire.AnswerView{Poll: 5, Choice: &two}}
	r.applyEvent(event(40, "state", `{"code":"K7QX9D","tour":"t","steps":4,"step":3,"poll":{"id":5,"kind":"choice","prompt":"?","options":["a","b","c"],"status":"open","revealed":false},"questions":[],"lastEventId":40}`))
	if r.Step != 3 || r.LastEventID != 40 || r.MyAnswer == nil || *r.MyAnswer.Choice != 2 {
		t.Errorf("after a state event: %+v", r)
	}
	r.applyEvent(event(41, "state", `{"code":"K7QX9D","tour":"t","steps":4,"step":3,"poll":null,"questions":[],"lastEventId":41}`))
	if r.MyAnswer != nil {
		t.Errorf("an answer outlived its poll")
	}
}

func TestEventsTheRoomAlreadyHoldsArePassedOver(t *testing.T) {
	r := liveRoom{Step: 4, LastEventID: 10}
	r.applyEvent(event(9, "step", `{"step":3}`))
	r.applyEvent(event(10, "step", `{"step":3}`))
	if r.Step != 4 || r.LastEventID != 10 {
		t.Errorf("an old event went back to step %d (last id %d)", r.Step, r.LastEventID)
	}
	r.applyEvent(event(11, "step", `{"step":5}`))
	if r.Step != 5 {
		t.Errorf("a new event was passed over")
	}
}

func TestUnknownOrUnreadableEventsChangeNothing(t *testing.T) {
	r := liveRoom{Code: "K7QX9D", Step: 2, Questions: []wire.QuestionView{{ID: 1, Text: "Why?", Status: wire.QuestionPending}}}
	before := r
	for _, e := range []liveEvent{
		{Name: "something-new", Data: `{"step":9}`},
		{Name: "step", Data: `not json`},
		{Name: "step", Data: `{"step":0}`},
		{Name: "state", Data: `[1,2]`},
		{Name: "question", Data: `{"id":`},
	} {
		if r.applyEvent(e) {
			t.Errorf("%s %s ended the class", e.Name, e.Data)
		}
	}
	if !reflect.DeepEqual(r, before) {
		t.Errorf("the room changed: %+v", r)
	}
}

func TestTheTeachersRoomCountsAnswersAndStudentsAndModeratesQuestions(t *testing.T) {
	r := liveRoom{Poll: &wire.PollView{ID: 2, PollSpec: wire.PollSpec{Kind: wire.KindChoice, Options: []string{"a", "b"}}, Status: wire.PollOpen}}
	r.applyEvent(event(1, "students", `{"students":1,"nickname":"Ada"}`))
	r.applyEvent(event(2, "students", `{"students":2}`))
	if r.studentCount() != 2 || !reflect.DeepEqual(r.Nicknames, []string{"Ada"}) {
		t.Errorf("students %d, nicknames %v", r.studentCount(), r.Nicknames)
	}
	r.applyEvent(event(3, "answers", `{"poll":1,"answers":9,"results":{"counts":[9,0]}}`))
	if r.Poll.Answers != nil {
		t.Errorf("answers to another poll were counted")
	}
	r.applyEvent(event(4, "answers", `{"poll":2,"answers":2,"results":{"counts":[1,1]}}`))
	if r.Poll.Answers == nil || *r.Poll.Answers != 2 || r.Poll.Results.Counts[0] != 1 {
		t.Errorf("the poll's answers: %+v", r.Poll)
	}
	r.applyEvent(event(5, "question", `{"id":7,"text":"Why?","status":"pending"}`))
	r.applyEvent(event(6, "question", `{"id":8,"text":"How?","status":"pending"}`))
	r.applyEvent(event(7, "question", `{"id":7,"text":"Why?","status":"approved"}`))
	if p, a := r.questionsWith(wire.QuestionPending), r.questionsWith(wire.QuestionApproved); len(p) != 1 || p[0].ID != 8 || len(a) != 1 || a[0].ID != 7 {
		t.Errorf("pending %+v, approved %+v", p, a)
	}
	if len(r.Questions) != 2 {
		t.Errorf("an approval added a question instead of changing it: %+v", r.Questions)
	}
}

func TestNumbersAreWrittenAsAPersonWould(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 0.5: "0.5", 0.4712: "0.471", 12: "12", -3.25: "-3.25", 1e12: "1e+12", 0.0001: "0.0001", -0.0001: "-0.0001", 1234.5: "1234.5"} {
		if got := formatNumber(v); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", v, got, want)
		}
	}
	if got := withUnit(0.5, "PGR"); got != "0.5 PGR" {
		t.Errorf("withUnit = %q", got)
	}
}

func TestPercentagesAreRoundedAndSafeWithNoAnswers(t *testing.T) {
	for _, c := range []struct{ count, total, want int }{{0, 0, 0}, {1, 3, 33}, {2, 3, 67}, {1, 8, 13}, {5, 5, 100}} {
		if got := percent(c.count, c.total); got != c.want {
			t.Errorf("percent(%d, %d) = %d, want %d", c.count, c.total, got, c.want)
		}
	}
}

// The limits on the question form's text and options are tested against
// the server in livewire_test.go; these are the app's own readings.
func TestTheTeachersQuestionFormIsCheckedBeforeItIsSent(t *testing.T) {
	for _, c := range []struct {
		name                                         string
		kind, prompt, options, lowest, highest, unit string
		lab                                          string
		problem                                      bool
	}{
		{"a choice question", wire.KindChoice, " Which? ", "small\n\n large \n", "", "", "", "", false},
		{"no prompt", wire.KindChoice, "  ", "a\nb", "", "", "", "", true},
		{"one option and blank lines", wire.KindChoice, "Which?", "a\n \n", "", "", "", "", true},
		{"a number with bounds", wire.KindNumber, "PGR?", "", "0", "1", "", "/labs/w2s?gap=3", false},
		{"a number without bounds", wire.KindNumber, "PGR?", "", "", "", "", "", false},
		{"a bound that is not a number", wire.KindNumber, "PGR?", "", "low", "", "", "", true},
		{"a bound out of range", wire.KindNumber, "PGR?", "", "", "1e999", "", "", true},
	} {
		spec, problem := pollSpecFrom(c.kind, c.prompt, c.options, c.lowest, c.highest, c.unit, c.lab)
		if (problem != "") != c.problem {
			t.Errorf("%s: problem %q, want one: %v", c.name, problem, c.problem)
		}
		if c.name == "a choice question" && (spec.Prompt != "Which?" || !reflect.DeepEqual(spec.Options, []string{"small", "large"})) {
			t.Errorf("%s: read as %+v", c.name, spec)
		}
		if c.name == "a number with bounds" && (spec.Kind != wire.KindNumber || *spec.Min != 0 || *spec.Max != 1 || spec.Lab != "/labs/w2s?gap=3" || spec.Options != nil) {
			t.Errorf("%s: read as %+v", c.name, spec)
		}
	}
}

func TestAnAnswerThatIsNotTheLiveAPIsMeansNoLiveServer(t *testing.T) {
	for _, r := range []liveReply{
		{status: 404, body: []byte("404 page not found\n")},
		{status: 405, body: []byte("<!doctype html><title>Method not allowed</title>")},
		{status: 404, body: []byte(`{"message":"not ours"}`)},
		{status: 200, body: []byte("<!doctype html><html>the app's page</html>")},
		{status: 301},
	} {
		var out liveRoom
		if err := r.decode(&out); err != errNoLiveServer {
			t.Errorf("%d %q reads as %v, want errNoLiveServer", r.status, r.body, err)
		}
	}
	refused := liveReply{status: 429, body: []byte(`{"error":"rate_limited","message":"too many requests; try again later"}`), retryAfter: 6e9}
	err := refused.decode(nil)
	if e, ok := err.(*liveError); !ok || e.Code != "rate_limited" || e.RetryAfter != 6e9 || isRoomGone(err) {
		t.Errorf("a refusal reads as %#v", err)
	}
	gone := liveReply{status: 404, body: []byte(`{"error":"room_not_found","message":"no live class has this code"}`)}
	if !isRoomGone(gone.decode(nil)) {
		t.Errorf("a room that is not found is not gone")
	}
}
