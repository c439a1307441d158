//go:build !(js && wasm)

// The app's side of the live API against the server's (package live, which
// the WebAssembly does not link): what the server sends, the app reads
// whole, and what the app checks, the server accepts.

package app

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"oversight/internal/eventstream"
	"oversight/live"
)

// liveServer is a hub in memory, served over HTTP.
type liveServer struct {
	t   *testing.T
	url string
}

func newLiveServer(t *testing.T) liveServer {
	t.Helper()
	hub, err := live.New(live.Config{SweepEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	s := httptest.NewServer(hub)
	t.Cleanup(func() {
		hub.Close()
		s.Close()
	})
	return liveServer{t: t, url: s.URL}
}

// call sends a request; out, when set, is decoded strictly: a field the
// app's types do not have fails the test.
func (s liveServer) call(method, path, token string, body any, status int, out any) {
	s.t.Helper()
	var data []byte
	if body != nil {
		data, _ = json.Marshal(body)
	}
	req, _ := http.NewRequest(method, s.url+path, bytes.NewReader(data))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	got, _ := io.ReadAll(res.Body)
	if res.StatusCode != status {
		s.t.Fatalf("%s %s: %d %s, want %d", method, path, res.StatusCode, got, status)
	}
	if out != nil {
		strictly(s.t, got, out)
	}
}

func strictly(t *testing.T, data []byte, out any) {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(out); err != nil {
		t.Fatalf("the app cannot read %s: %v", data, err)
	}
}

// follow reads a room's event stream into a room, as the app does, and
// returns a function that waits for the event with the given id.
func (s liveServer) follow(code, token string) (room *liveRoom, upTo func(id uint64)) {
	s.t.Helper()
	req, _ := http.NewRequest("GET", s.url+"/rooms/"+code+"/events", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { res.Body.Close() })
	events := make(chan eventstream.Event, 100)
	go func() {
		r := eventstream.NewReader(bufio.NewReader(res.Body))
		for {
			e, err := r.Next()
			if err != nil {
				close(events)
				return
			}
			events <- e
		}
	}()
	room = &liveRoom{}
	return room, func(id uint64) {
		s.t.Helper()
		for room.LastEventID < id {
			select {
			case e, ok := <-events:
				if !ok {
					s.t.Fatalf("the stream ended before event %d", id)
				}
				checkEventData(s.t, e)
				room.applyEvent(liveEvent{ID: e.ID, Name: e.Name, Data: e.Data})
			case <-time.After(10 * time.Second):
				s.t.Fatalf("event %d did not come", id)
			}
		}
	}
}

// checkEventData decodes an event's data strictly into the type the app
// reads it as.
func checkEventData(t *testing.T, e eventstream.Event) {
	t.Helper()
	targets := map[string]any{
		"state": &liveRoom{}, "poll": &livePoll{}, "question": &liveQuestion{},
		"step":             &struct{ Step int }{},
		"question.removed": &struct{ ID int }{},
		"students": &struct {
			Students int
			Nickname string
		}{},
		"answers": &struct {
			Poll    int
			Answers int
			Results *liveResults
		}{},
	}
	if target, ok := targets[e.Name]; ok {
		strictly(t, []byte(e.Data), target)
	} else {
		t.Errorf("the app does not know the event %q", e.Name)
	}
}

// startClass starts a class of a tour of six steps, at step two, and
// joins students with the given nicknames (the first n).
func (s liveServer) startClass(n int, nicknames ...string) (code, teacher string, students []string) {
	s.t.Helper()
	var created struct {
		Code         string   `json:"code"`
		TeacherToken string   `json:"teacherToken"`
		Room         liveRoom `json:"room"`
	}
	s.call("POST", "/rooms", "", map[string]any{"tour": "why-the-judge-fails", "steps": 6, "step": 2}, 201, &created)
	for i := range n {
		nickname := ""
		if i < len(nicknames) {
			nickname = nicknames[i]
		}
		students = append(students, s.join(created.Code, nickname))
	}
	return created.Code, created.TeacherToken, students
}

// join joins a class, typing its code in lower case.
func (s liveServer) join(code, nickname string) string {
	s.t.Helper()
	var joined struct {
		StudentToken string   `json:"studentToken"`
		Room         liveRoom `json:"room"`
	}
	s.call("POST", "/join", "", map[string]string{"code": strings.ToLower(code), "nickname": nickname}, 200, &joined)
	return joined.StudentToken
}

func TestRoomsBuiltFromTheirStreamsMatchTheServersViews(t *testing.T) {
	s := newLiveServer(t)
	code, teacher, joined := s.startClass(3, "Ada", "", "Bo")
	teacherRoom, teacherUpTo := s.follow(code, teacher)
	classRoom, classUpTo := s.follow(code, "")
	// Joined after the streams opened: their events are in both.
	joined = append(joined, s.join(code, "Cy"))

	var room liveRoom
	s.call("POST", "/rooms/"+code+"/step", teacher, map[string]string{"move": "next"}, 200, &room)
	spec, problem := pollSpecFrom(pollNumber, "What PGR will the student reach?", "", "0", "1", "PGR", "/labs/w2s?gap=3")
	if problem != "" {
		t.Fatal(problem)
	}
	var poll livePoll
	s.call("POST", "/rooms/"+code+"/polls", teacher, spec, 201, &poll)
	for i, v := range []float64{0.2, 0.55, 1} {
		s.call("POST", "/rooms/"+code+"/polls/1/answer", joined[i], map[string]float64{"value": v}, 200, &liveAnswer{})
	}
	for _, text := range []string{"Why a weak teacher?", "What is PGR?\nReally."} {
		s.call("POST", "/rooms/"+code+"/questions", joined[0], map[string]string{"text": text}, 202, &liveQuestion{})
	}
	s.call("POST", "/rooms/"+code+"/questions/1/approve", teacher, nil, 204, nil)
	s.call("POST", "/rooms/"+code+"/polls/1/reveal", teacher, nil, 200, &poll)

	var teacherView, classView, studentView liveRoom
	s.call("GET", "/rooms/"+code, teacher, nil, 200, &teacherView)
	s.call("GET", "/rooms/"+code, "", nil, 200, &classView)
	s.call("GET", "/rooms/"+code, joined[1], nil, 200, &studentView)
	teacherUpTo(teacherView.LastEventID)
	classUpTo(classView.LastEventID)
	if !reflect.DeepEqual(*teacherRoom, teacherView) {
		t.Errorf("the teacher's room from the stream:\n%+v\nthe server's view:\n%+v", *teacherRoom, teacherView)
	}
	if !reflect.DeepEqual(*classRoom, classView) {
		t.Errorf("the class's room from the stream:\n%+v\nthe server's view:\n%+v", *classRoom, classView)
	}
	if studentView.MyAnswer == nil || answerText(studentView.Poll, studentView.MyAnswer) != "0.55 PGR" {
		t.Errorf("the student's own answer reads %+v", studentView.MyAnswer)
	}
	// The app marks each answer in the bin the server counted it in.
	bins := classView.Poll.Results.Bins
	for _, v := range []float64{0.2, 0.55, 1} {
		if i := binOf(bins, v); bins[i].Count == 0 {
			t.Errorf("the app puts %v in bin %d (%v to %v), which the server left empty", v, i, bins[i].From, bins[i].To)
		}
	}

	s.call("DELETE", "/rooms/"+code, teacher, nil, 204, nil)
	if err := s.reply("GET", "/rooms/"+code+"/events").decode(nil); !isRoomGone(err) {
		t.Errorf("the stream of an ended room reads as %v, not as gone", err)
	}
}

// reply is the server's answer as the app reads it.
func (s liveServer) reply(method, path string) liveReply {
	s.t.Helper()
	req, _ := http.NewRequest(method, s.url+path, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return liveReply{status: res.StatusCode, body: body}
}

// status sends a request and returns the status it gets.
func (s liveServer) status(method, path, token string, body any) int {
	s.t.Helper()
	data, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, s.url+path, bytes.NewReader(data))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func TestTheAppsLimitsOnTextAreTheServers(t *testing.T) {
	s := newLiveServer(t)
	code, teacher, students := s.startClass(1)
	student := students[0]

	text := func(n int) string { return strings.Repeat("é", n) }
	polls := "/rooms/" + code + "/polls"
	for _, c := range []struct {
		name  string
		limit int
		try   func(n int) int
	}{
		{"nickname", liveNicknameMax, func(n int) int {
			return s.status("POST", "/join", "", map[string]string{"code": code, "nickname": text(n)})
		}},
		{"prompt", livePromptMax, func(n int) int {
			return s.status("POST", polls, teacher, livePollSpec{Kind: pollChoice, Prompt: text(n), Options: []string{"a", "b"}})
		}},
		{"option", liveOptionMax, func(n int) int {
			return s.status("POST", polls, teacher, livePollSpec{Kind: pollChoice, Prompt: "?", Options: []string{"a", text(n)}})
		}},
		{"unit", liveUnitMax, func(n int) int {
			return s.status("POST", polls, teacher, livePollSpec{Kind: pollNumber, Prompt: "?", Unit: text(n)})
		}},
		{"lab address", liveLabMax, func(n int) int {
			return s.status("POST", polls, teacher, livePollSpec{Kind: pollNumber, Prompt: "?", Lab: "/" + strings.Repeat("a", n-1)})
		}},
		{"question", liveQuestionMax, func(n int) int {
			return s.status("POST", "/rooms/"+code+"/questions", student, map[string]string{"text": text(n)})
		}},
	} {
		if got := c.try(c.limit); got/100 != 2 {
			t.Errorf("a %s of %d characters, the app's limit, gets %d", c.name, c.limit, got)
		}
		if got := c.try(c.limit + 1); got != http.StatusBadRequest {
			t.Errorf("a %s of %d characters, over the app's limit, gets %d, want 400", c.name, c.limit+1, got)
		}
	}
	for _, options := range [][]string{make([]string, liveOptionsMin-1), make([]string, liveOptionsMax+1)} {
		for i := range options {
			options[i] = "x"
		}
		if got := s.status("POST", polls, teacher, livePollSpec{Kind: pollChoice, Prompt: "?", Options: options}); got != http.StatusBadRequest {
			t.Errorf("a poll of %d options gets %d, want 400", len(options), got)
		}
	}
}
