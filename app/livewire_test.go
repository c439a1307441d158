//go:build !(js && wasm)

// The app against a live server (package live, which the WebAssembly does
// not link). Both ends write and read package wire's types, so what is
// left to check needs a server: the room the app builds from a stream of
// events is the room the server shows, and what the app's question form
// accepts, the server opens as the app read it.

package app

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"oversight/internal/eventstream"
	"oversight/live"
	"oversight/live/wire"
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

// send sends a request with a JSON body (nil for none) and the token, if
// any, and returns the answer as the app reads it.
func (s liveServer) send(method, path, token string, body any) liveReply {
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
	return liveReply{status: res.StatusCode, body: got}
}

// call sends a request that must get the status, and decodes the answer
// into out when set.
func (s liveServer) call(method, path, token string, body any, status int, out any) {
	s.t.Helper()
	reply := s.send(method, path, token, body)
	if reply.status != status {
		s.t.Fatalf("%s %s: %d %s, want %d", method, path, reply.status, reply.body, status)
	}
	if out != nil && json.Unmarshal(reply.body, out) != nil {
		s.t.Fatalf("%s %s: cannot read %s", method, path, reply.body)
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
	events := eventstream.Events(res.Body, 100)
	room = &liveRoom{}
	return room, func(id uint64) {
		s.t.Helper()
		for room.LastEventID < id {
			select {
			case e, ok := <-events:
				if !ok {
					s.t.Fatalf("the stream ended before event %d", id)
				}
				room.applyEvent(liveEvent{ID: e.ID, Name: e.Name, Data: e.Data})
			case <-time.After(10 * time.Second):
				s.t.Fatalf("event %d did not come", id)
			}
		}
	}
}

// startClass starts a class of a tour of six steps, at step two, and
// joins students with the given nicknames (the first n).
func (s liveServer) startClass(n int, nicknames ...string) (code, teacher string, students []string) {
	s.t.Helper()
	var created wire.CreateResponse
	s.call("POST", "/rooms", "", wire.CreateRequest{Tour: "why-the-judge-fails", Steps: 6, Step: 2}, 201, &created)
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
	var joined wire.JoinResponse
	s.call("POST", "/join", "", wire.JoinRequest{Code: strings.ToLower(code), Nickname: nickname}, 200, &joined)
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
	s.call("POST", "/rooms/"+code+"/step", teacher, wire.StepRequest{Move: wire.MoveNext}, 200, &room)
	spec, problem := pollSpecFrom(wire.KindNumber, "What PGR will the student reach?", "", "0", "1", "PGR", "/labs/w2s?gap=3")
	if problem != "" {
		t.Fatal(problem)
	}
	var poll wire.PollView
	s.call("POST", "/rooms/"+code+"/polls", teacher, spec, 201, &poll)
	for i, v := range []float64{0.2, 0.55, 1} {
		s.call("POST", "/rooms/"+code+"/polls/1/answer", joined[i], wire.AnswerRequest{Value: &v}, 200, nil)
	}
	for _, text := range []string{"Why a weak teacher?", "What is PGR?\nReally.", "Can I go?"} {
		s.call("POST", "/rooms/"+code+"/questions", joined[0], wire.AskRequest{Text: text}, 202, nil)
	}
	s.call("POST", "/rooms/"+code+"/questions/1/approve", teacher, nil, 204, nil)
	s.call("POST", "/rooms/"+code+"/questions/3/dismiss", teacher, nil, 204, nil)
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
	if err := s.send("GET", "/rooms/"+code+"/events", "", nil).decode(nil); !isRoomGone(err) {
		t.Errorf("the stream of an ended room reads as %v, not as gone", err)
	}
}

func TestWhatTheQuestionFormAcceptsTheServerOpensAsTheAppReadIt(t *testing.T) {
	s := newLiveServer(t)
	code, teacher, _ := s.startClass(0)
	text := func(n int) string { return strings.Repeat("é", n) }
	lines := func(n, length int) string {
		options := make([]string, n)
		for i := range options {
			options[i] = strconv.Itoa(i) + text(length-len(strconv.Itoa(i)))
		}
		return strings.Join(options, "\n")
	}
	for _, c := range []struct {
		name                                              string
		kind, prompt, options, lowest, highest, unit, lab string
	}{
		{"the longest prompt", wire.KindChoice, text(wire.MaxPrompt), "a\nb", "", "", "", ""},
		{"the most options, each the longest", wire.KindChoice, "Which?", " " + lines(wire.MaxOptions, wire.MaxOption) + "\n\n", "", "", "", ""},
		{"the fewest options", wire.KindChoice, "Which?", lines(wire.MinOptions, 1), "", "", "", ""},
		{"the longest unit and lab", wire.KindNumber, " PGR? ", "", "-0.5", "1e3", text(wire.MaxUnit), "/" + strings.Repeat("a", wire.MaxLab-1)},
		{"a lab with a query", wire.KindNumber, "PGR?", "", "", "", "", " /labs/w2s?gap=3 "},
		{"a prompt on two lines", wire.KindNumber, "Your guess,\nplease?", "", "", "", "", ""},
	} {
		spec, problem := pollSpecFrom(c.kind, c.prompt, c.options, c.lowest, c.highest, c.unit, c.lab)
		if problem != "" {
			t.Errorf("%s: the app refuses it: %s", c.name, problem)
			continue
		}
		var poll wire.PollView
		s.call("POST", "/rooms/"+code+"/polls", teacher, spec, 201, &poll)
		if !reflect.DeepEqual(poll.PollSpec, spec) {
			t.Errorf("%s: the app read\n%+v\nthe server opened\n%+v", c.name, spec, poll.PollSpec)
		}
	}
	for _, c := range []struct {
		name                                              string
		kind, prompt, options, lowest, highest, unit, lab string
	}{
		{"a prompt too long", wire.KindChoice, text(wire.MaxPrompt + 1), "a\nb", "", "", "", ""},
		{"too many options", wire.KindChoice, "Which?", lines(wire.MaxOptions+1, 1), "", "", "", ""},
		{"too few options", wire.KindChoice, "Which?", lines(wire.MinOptions-1, 1), "", "", "", ""},
		{"an option too long", wire.KindChoice, "Which?", "a\n" + text(wire.MaxOption+1), "", "", "", ""},
		{"a unit too long", wire.KindNumber, "PGR?", "", "", "", text(wire.MaxUnit + 1), ""},
		{"a lab address too long", wire.KindNumber, "PGR?", "", "", "", "", "/" + strings.Repeat("a", wire.MaxLab)},
		{"a lab on another site", wire.KindNumber, "PGR?", "", "", "", "", "https://example.org/lab"},
		{"a lab on another host", wire.KindNumber, "PGR?", "", "", "", "", "//example.org/lab"},
		{"bounds the wrong way", wire.KindNumber, "PGR?", "", "1", "0", "", ""},
	} {
		spec, problem := pollSpecFrom(c.kind, c.prompt, c.options, c.lowest, c.highest, c.unit, c.lab)
		if problem == "" {
			t.Errorf("%s: the app sends it", c.name)
		}
		// Sent all the same, the server refuses it: the app is no stricter.
		if got := s.send("POST", "/rooms/"+code+"/polls", teacher, spec).status; got != http.StatusBadRequest {
			t.Errorf("%s: the server answers %d, want 400", c.name, got)
		}
	}
}
