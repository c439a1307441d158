package live

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"oversight/live/wire"
)

func TestStudentsFollowTheTeachersStepsInOrder(t *testing.T) {
	h, _ := newTestHub(t, nil)
	c := startClass(t, h, 5)
	student := c.join("Ada")
	var joined wire.RoomView
	c.must(http.StatusOK, student.get(c.path(""))).decode(t, &joined)
	if joined.Tour != "weak-to-strong" || joined.Step != 1 || joined.Steps != 5 {
		t.Fatalf("a student who joins sees %+v, want step 1 of the 5 of weak-to-strong", joined)
	}
	s := c.listen(studentAudience, joined.LastEventID)

	c.step(map[string]any{"move": "next"})
	c.step(map[string]any{"move": "next"})
	c.step(map[string]any{"move": "previous"})
	c.step(map[string]any{"step": 5})
	c.step(map[string]any{"move": "next"}) // past the last step: no change
	if res := c.teacher.post(c.path("/step"), map[string]any{"step": 6}); res.status != http.StatusBadRequest {
		t.Fatalf("step 6 of 5 got %d, want 400", res.status)
	}

	events, _ := s.read()
	want := "step {\"step\":2}\nstep {\"step\":3}\nstep {\"step\":2}\nstep {\"step\":5}"
	if got := names(events); got != want {
		t.Fatalf("the student's stream:\n%s\nwant:\n%s", got, want)
	}
	for i := 1; i < len(events); i++ {
		if events[i].id <= events[i-1].id {
			t.Fatalf("event ids not increasing: %d then %d", events[i-1].id, events[i].id)
		}
	}
}

func TestAReconnectingClientGetsEveryEventItMissedInOrder(t *testing.T) {
	h, _ := newTestHub(t, nil)
	c := startClass(t, h, 10)
	c.join("")
	s := c.listen(studentAudience, c.seq())
	c.step(map[string]any{"move": "next"})
	first, _ := s.read()
	lastSeen := first[0].id

	// The student's connection drops; the class goes on.
	for range 4 {
		c.step(map[string]any{"move": "next"})
	}
	c.openPoll(wire.PollSpec{Kind: "choice", Prompt: "Which?", Options: []string{"a", "b"}})

	resumed := c.listen(studentAudience, lastSeen)
	events, _ := resumed.read()
	want := []string{"step", "step", "step", "step", "poll"}
	if len(events) != len(want) {
		t.Fatalf("on resume got:\n%s\nwant the %d missed events", names(events), len(want))
	}
	for i, e := range events {
		if e.name != want[i] || e.id <= lastSeen || (i > 0 && e.id <= events[i-1].id) {
			t.Fatalf("on resume got:\n%s\nwant %v after id %d, in order", names(events), want, lastSeen)
		}
	}
	if steps := strings.Count(names(events), `"step":`); steps != 4 {
		t.Fatalf("resume replayed %d steps, want 4", steps)
	}
}

func TestAClientTooFarBehindGetsTheFullStateInstead(t *testing.T) {
	h, _ := newTestHub(t, func(l *Limits) { l.EventLog = 4 })
	c := startClass(t, h, 20)
	before := c.seq()
	for range 10 {
		c.step(map[string]any{"move": "next"})
	}
	events, _ := c.listen(studentAudience, before).read()
	if len(events) != 1 || events[0].name != "state" {
		t.Fatalf("a client 10 events behind a log of 4 got:\n%s\nwant one state event", names(events))
	}
	var state wire.RoomView
	json.Unmarshal(events[0].data, &state)
	if state.Step != 11 || events[0].id != c.seq() || state.LastEventID != c.seq() {
		t.Fatalf("the state event is %+v with id %d; want step 11 and the latest id %d", state, events[0].id, c.seq())
	}
}

func TestStudentsSeeAPollsResultsOnlyOnceRevealed(t *testing.T) {
	h, _ := newTestHub(t, nil)
	c := startClass(t, h, 3)
	ada, bo := c.join("Ada"), c.join("Bo")
	students := c.listen(studentAudience, c.seq())
	teacher := c.listen(teacherAudience, c.seq())

	id := c.openPoll(wire.PollSpec{Kind: "choice", Prompt: "Which gap?", Options: []string{"small", "large"}})
	c.must(http.StatusOK, ada.post(c.path("/polls/1/answer"), map[string]any{"choice": 1}))
	c.must(http.StatusOK, bo.post(c.path("/polls/1/answer"), map[string]any{"choice": 1}))

	var studentView, teacherView wire.RoomView
	c.must(http.StatusOK, ada.get(c.path(""))).decode(t, &studentView)
	c.must(http.StatusOK, c.teacher.get(c.path(""))).decode(t, &teacherView)
	if p := studentView.Poll; p == nil || p.ID != id || p.Answers != nil || p.Results != nil {
		t.Fatalf("before the reveal a student sees the poll as %+v; want it without answers or results", p)
	}
	if p := teacherView.Poll; p == nil || *p.Answers != 2 || p.Results.Counts[1] != 2 {
		t.Fatalf("the teacher sees the poll as %+v; want 2 answers, both for option 1", p)
	}
	if mine := studentView.MyAnswer; mine == nil || *mine.Choice != 1 {
		t.Fatalf("a student's own answer reads %+v, want choice 1", mine)
	}

	studentEvents, _ := students.read()
	if got := names(studentEvents); strings.Contains(got, "answers") || strings.Contains(got, "counts") {
		t.Fatalf("students' stream before the reveal:\n%s\nwant no answers or counts", got)
	}
	teacherEvents, _ := teacher.read()
	if got := names(teacherEvents); strings.Count(got, "answers {") != 2 {
		t.Fatalf("teacher's stream:\n%s\nwant one answers event per answer", got)
	}

	c.must(http.StatusOK, c.teacher.post(c.path("/polls/1/reveal"), nil))
	studentEvents, _ = students.read()
	var revealed wire.PollView
	if len(studentEvents) != 1 || studentEvents[0].name != "poll" {
		t.Fatalf("on reveal students got:\n%s\nwant one poll event", names(studentEvents))
	}
	json.Unmarshal(studentEvents[0].data, &revealed)
	if revealed.Status != "revealed" || revealed.Results == nil || revealed.Results.Counts[1] != 2 {
		t.Fatalf("the revealed poll reads %+v; want status revealed with both answers on option 1", revealed)
	}
	if res := ada.post(c.path("/polls/1/answer"), map[string]any{"choice": 0}); res.status != http.StatusConflict || res.errorCode() != "poll_closed" {
		t.Fatalf("an answer after the reveal got %d %s; want 409 poll_closed", res.status, res.body)
	}

	c.must(http.StatusOK, c.teacher.post(c.path("/polls/1/close"), nil))
	c.must(http.StatusOK, ada.get(c.path(""))).decode(t, &studentView)
	if studentView.Poll.Status != "closed" || studentView.Poll.Results == nil {
		t.Fatalf("a closed revealed poll reads %+v; want closed, results still shown", studentView.Poll)
	}
}

func TestAClosedPollIsNeverRevealedAndANewPollClosesTheLast(t *testing.T) {
	h, _ := newTestHub(t, nil)
	c := startClass(t, h, 3)
	student := c.join("")
	c.openPoll(wire.PollSpec{Kind: "number", Prompt: "PGR?", Min: ptr(0.0), Max: ptr(1.0), Lab: "/labs/w2s?gap=3"})
	c.must(http.StatusOK, student.post(c.path("/polls/1/answer"), map[string]any{"value": 0.4}))
	c.must(http.StatusOK, c.teacher.post(c.path("/polls/1/close"), nil))
	if res := c.teacher.post(c.path("/polls/1/reveal"), nil); res.status != http.StatusConflict {
		t.Fatalf("revealing a closed poll got %d, want 409", res.status)
	}
	var view wire.RoomView
	c.must(http.StatusOK, student.get(c.path(""))).decode(t, &view)
	if view.Poll.Results != nil || view.Poll.Answers != nil {
		t.Fatalf("a poll closed unrevealed shows students %+v; want no results", view.Poll)
	}

	c.openPoll(wire.PollSpec{Kind: "choice", Prompt: "Again?", Options: []string{"yes", "no"}})
	second := c.openPoll(wire.PollSpec{Kind: "choice", Prompt: "And?", Options: []string{"yes", "no"}})
	c.must(http.StatusOK, c.teacher.get(c.path(""))).decode(t, &view)
	if view.Poll.ID != second {
		t.Fatalf("the current poll is %d, want the newest, %d", view.Poll.ID, second)
	}
	if res := student.post(c.path("/polls/2/answer"), map[string]any{"choice": 0}); res.errorCode() != "poll_closed" {
		t.Fatalf("answering the poll a newer one replaced got %d %s; want poll_closed", res.status, res.body)
	}
}

func TestOnlyTheTeacherDrivesTheRoom(t *testing.T) {
	h, _ := newTestHub(t, nil)
	c := startClass(t, h, 5)
	student := c.join("")
	stranger := caller{t: t, handler: h, addr: "203.0.113.9", token: "not-a-token"}
	anonymous := caller{t: t, handler: h, addr: "203.0.113.10"}
	before := c.seq()

	attempts := []struct {
		who    caller
		method string
		path   string
		body   any
		status int
	}{
		{student, "POST", "/step", map[string]any{"step": 3}, http.StatusForbidden},
		{anonymous, "POST", "/step", map[string]any{"step": 3}, http.StatusUnauthorized},
		{stranger, "POST", "/step", map[string]any{"step": 3}, http.StatusUnauthorized},
		{student, "POST", "/polls", wire.PollSpec{Kind: "choice", Prompt: "?", Options: []string{"a", "b"}}, http.StatusForbidden},
		{student, "DELETE", "", nil, http.StatusForbidden},
		{student, "GET", "/export?format=json", nil, http.StatusForbidden},
		{c.teacher, "POST", "/questions", map[string]any{"text": "?"}, http.StatusForbidden},
	}
	for _, a := range attempts {
		if res := a.who.do(a.method, c.path(a.path), a.body); res.status != a.status {
			t.Errorf("%s %s by %q got %d %s; want %d", a.method, a.path, a.who.token, res.status, res.body, a.status)
		}
	}
	if c.seq() != before {
		t.Fatalf("refused requests changed the room: %d events, was %d", c.seq(), before)
	}
}

func TestQuestionsReachTheClassOnlyOnceApproved(t *testing.T) {
	h, _ := newTestHub(t, nil)
	c := startClass(t, h, 3)
	asker, other := c.join(""), c.join("")
	students := c.listen(studentAudience, c.seq())

	var q wire.QuestionView
	c.must(http.StatusAccepted, asker.post(c.path("/questions"), map[string]any{"text": "  <b>Why</b> does\u0007 it work?  "})).decode(t, &q)
	if q.Text != "<b>Why</b> does  it work?" || q.Status != "pending" {
		t.Fatalf("a question is stored as %+v; want plain text, trimmed, control characters as spaces, pending", q)
	}
	var view wire.RoomView
	c.must(http.StatusOK, other.get(c.path(""))).decode(t, &view)
	if len(view.Questions) != 0 {
		t.Fatalf("students see pending questions: %+v", view.Questions)
	}
	if events, _ := students.read(); len(events) != 0 {
		t.Fatalf("students' stream got a pending question:\n%s", names(events))
	}
	c.must(http.StatusOK, c.teacher.get(c.path(""))).decode(t, &view)
	if len(view.Questions) != 1 || view.Questions[0].Status != "pending" {
		t.Fatalf("the teacher sees %+v, want the pending question", view.Questions)
	}

	c.must(http.StatusNoContent, c.teacher.post(c.path("/questions/1/approve"), nil))
	events, _ := students.read()
	if len(events) != 1 || events[0].name != "question" || !strings.Contains(string(events[0].data), `"approved"`) {
		t.Fatalf("on approval students got:\n%s\nwant the approved question", names(events))
	}
	c.must(http.StatusNoContent, c.teacher.post(c.path("/questions/1/dismiss"), nil))
	events, _ = students.read()
	if names(events) != `question.removed {"id":1}` {
		t.Fatalf("on dismissal students got:\n%s\nwant question.removed", names(events))
	}

	// A pending question dismissed never reaches students.
	c.must(http.StatusAccepted, asker.post(c.path("/questions"), map[string]any{"text": "Second?"}))
	c.must(http.StatusNoContent, c.teacher.post(c.path("/questions/2/dismiss"), nil))
	if events, _ := students.read(); len(events) != 0 {
		t.Fatalf("students' stream got:\n%s\nwant nothing of a dismissed pending question", names(events))
	}
}

func TestEndingAClassDeletesItAndEndsItsStreams(t *testing.T) {
	h, _ := newTestHub(t, nil)
	c := startClass(t, h, 3)
	student := c.join("")
	s := c.listen(studentAudience, c.seq())
	c.must(http.StatusNoContent, c.teacher.do(http.MethodDelete, c.path(""), nil))
	if _, ended := s.read(); !ended {
		t.Fatal("a stream of an ended class does not end")
	}
	for _, who := range []caller{student, c.teacher} {
		if res := who.get(c.path("")); res.status != http.StatusNotFound {
			t.Fatalf("an ended class still answers: %d %s", res.status, res.body)
		}
	}
	if n := len(h.rooms.byCode); n != 0 {
		t.Fatalf("%d rooms kept after the class ended", n)
	}
}

func TestEveryResponseIsUncacheable(t *testing.T) {
	h, _ := newTestHub(t, nil)
	c := startClass(t, h, 3)
	for _, res := range []response{
		c.teacher.get(c.path("")),
		c.teacher.get(c.path("/export?format=csv")),
		c.teacher.get("/rooms/XXXXXX"),
		c.teacher.post("/join", map[string]any{"code": c.code}),
	} {
		if got := res.header.Get("Cache-Control"); got != "no-store" {
			t.Fatalf("Cache-Control is %q on a %d response, want no-store", got, res.status)
		}
	}
}

func TestRequestsFromAnotherSiteAreRefused(t *testing.T) {
	h, _ := newTestHub(t, nil)
	req, _ := http.NewRequest(http.MethodPost, "http://class.example/rooms", strings.NewReader(`{"tour":"a","steps":2}`))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden || len(h.rooms.byCode) != 0 {
		t.Fatalf("a cross-site start got %d and made %d rooms; want 403 and none", rec.Code, len(h.rooms.byCode))
	}
}

func ptr[T any](v T) *T { return &v }
