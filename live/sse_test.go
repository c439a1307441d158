package live

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"oversight/live/wire"
)

func TestStudentsFollowOverServerSentEventsAndResumeAfterADrop(t *testing.T) {
	hub, _ := newTestHub(t, nil)
	url := serve(t, hub)
	code, teacher := startRemoteClass(t, url, 10)
	student := joinRemote(t, url, code)

	s := student.listen(code, "")
	if ct, cc := s.res.Header.Get("Content-Type"), s.res.Header.Get("Cache-Control"); ct != "text/event-stream" || cc != "no-store" {
		t.Fatalf("the stream is served as %q with Cache-Control %q", ct, cc)
	}
	var state wire.RoomView
	json.Unmarshal([]byte(s.expect("state", "").Data), &state)
	if state.Step != 1 || state.Students != nil {
		t.Fatalf("a student's first state is %+v; want step 1, no roster", state)
	}
	teacher.must(http.StatusOK, "POST", "/rooms/"+code+"/step", map[string]any{"move": "next"}, nil)
	seen := s.expect("step", `{"step":2}`)

	s.close() // the connection drops; the class goes on
	teacher.must(http.StatusOK, "POST", "/rooms/"+code+"/step", map[string]any{"move": "next"}, nil)
	teacher.must(http.StatusOK, "POST", "/rooms/"+code+"/step", map[string]any{"move": "next"}, nil)
	teacher.must(http.StatusCreated, "POST", "/rooms/"+code+"/polls", wire.PollSpec{Kind: "choice", Prompt: "Which?", Options: []string{"a", "b"}}, nil)

	again := student.listen(code, seen.ID)
	again.expect("step", `{"step":3}`)
	again.expect("step", `{"step":4}`)
	again.expect("poll", "")
	teacher.must(http.StatusOK, "POST", "/rooms/"+code+"/step", map[string]any{"move": "next"}, nil)
	again.expect("step", `{"step":5}`)
}

func TestTeacherOnlyEventsNeverReachAStudentsStream(t *testing.T) {
	hub, _ := newTestHub(t, nil)
	url := serve(t, hub)
	code, teacher := startRemoteClass(t, url, 10)
	students := []remote{joinRemote(t, url, code), joinRemote(t, url, code)}

	teacherStream := teacher.listen(code, "")
	var teacherState wire.RoomView
	json.Unmarshal([]byte(teacherStream.expect("state", "").Data), &teacherState)
	if teacherState.Students == nil || *teacherState.Students != 2 {
		t.Fatalf("the teacher's state is %+v, want the roster of 2", teacherState)
	}
	studentStream := students[0].listen(code, "")
	studentStream.expect("state", "")

	teacher.must(http.StatusCreated, "POST", "/rooms/"+code+"/polls", wire.PollSpec{Kind: "number", Prompt: "PGR?"}, nil)
	for i, s := range students {
		s.must(http.StatusOK, "POST", "/rooms/"+code+"/polls/1/answer", map[string]any{"value": i}, nil)
		s.must(http.StatusAccepted, "POST", "/rooms/"+code+"/questions", map[string]any{"text": "Why " + strconv.Itoa(i) + "?"}, nil)
	}
	teacher.must(http.StatusOK, "POST", "/rooms/"+code+"/step", map[string]any{"step": 7}, nil)

	teacherStream.expect("poll", "")
	for range students {
		teacherStream.expect("answers", "")
		teacherStream.expect("question", "")
	}
	teacherStream.expect("step", `{"step":7}`)
	// The student's stream goes from the poll straight to the step: the
	// four events between were the teacher's.
	poll := studentStream.expect("poll", "")
	step := studentStream.expect("step", `{"step":7}`)
	if gap := idOf(t, step) - idOf(t, poll); gap != 5 {
		t.Fatalf("ids %d then %d; want the 4 teacher-only events between", idOf(t, poll), idOf(t, step))
	}

	teacher.must(http.StatusNoContent, "DELETE", "/rooms/"+code, nil, nil)
	studentStream.expect("ended", "{}")
	teacherStream.expect("ended", "{}")
	if !studentStream.closed() || !teacherStream.closed() {
		t.Fatal("the server kept streams of an ended class open")
	}
}

func TestAStreamOpenedAfterAReloadResumesFromAfter(t *testing.T) {
	hub, _ := newTestHub(t, nil)
	url := serve(t, hub)
	code, teacher := startRemoteClass(t, url, 10)
	teacher.must(http.StatusOK, "POST", "/rooms/"+code+"/step", map[string]any{"step": 2}, nil)
	teacher.must(http.StatusOK, "POST", "/rooms/"+code+"/step", map[string]any{"step": 3}, nil)
	s := remote{t: t, base: url}.open("/rooms/"+code+"/events?after=1", http.Header{})
	s.expect("step", `{"step":3}`)
}
