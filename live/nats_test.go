package live

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"oversight/live/natstest"
	"oversight/live/wire"
)

// newNATSHub is one instance of the app's hub, sharing rooms through NATS.
func newNATSHub(t *testing.T, url string) *Hub {
	t.Helper()
	h, err := New(Config{NATSURL: url, SweepEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

// streamState reads the commands the NATS stream holds for one room.
func streamState(t *testing.T, url, code string) (roomCommands, lastSeq uint64) {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	stream, err := js.Stream(ctx, "OVERSIGHT_LIVE")
	if err != nil {
		t.Fatal(err)
	}
	subject := "oversight.live.room." + code
	info, err := stream.Info(ctx, jetstream.WithSubjectFilter(subject))
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Subjects[subject], info.State.LastSeq
}

func TestTwoInstancesServeOneClassThroughNATS(t *testing.T) {
	url := natstest.Start(t)
	a, b := serve(t, newNATSHub(t, url)), serve(t, newNATSHub(t, url))
	code, teacherOnA := startRemoteClass(t, a, 10)
	teacherOnB := remote{t: t, base: b, token: teacherOnA.token}
	room := "/rooms/" + code

	// A student joins on the other instance and follows the teacher.
	teacherStream := teacherOnA.listen(code, "")
	teacherStream.expect("state", "")
	student := joinRemote(t, b, code)
	teacherStream.expect("students", `{"students":1}`)
	studentOnA := remote{t: t, base: a, token: student.token}
	studentStream := student.listen(code, "")
	studentStream.expect("state", "")
	teacherOnA.must(http.StatusOK, "POST", room+"/step", map[string]any{"move": "next"}, nil)
	studentStream.expect("step", `{"step":2}`)
	teacherStream.expect("step", `{"step":2}`)

	// A poll opened on A, answered on B, counted on A, revealed from B.
	teacherOnA.must(http.StatusCreated, "POST", room+"/polls", wire.PollSpec{Kind: "choice", Prompt: "Which?", Options: []string{"a", "b", "c"}}, nil)
	studentStream.expect("poll", "")
	teacherStream.expect("poll", "")
	student.must(http.StatusOK, "POST", room+"/polls/1/answer", map[string]any{"choice": 2}, nil)
	teacherStream.expect("answers", "")
	var mine wire.RoomView
	studentOnA.must(http.StatusOK, "GET", room, nil, &mine)
	if mine.MyAnswer == nil || *mine.MyAnswer.Choice != 2 {
		t.Fatalf("instance A shows the student's answer as %+v, want choice 2", mine.MyAnswer)
	}
	teacherOnB.must(http.StatusOK, "POST", room+"/polls/1/reveal", nil, nil)
	var revealed wire.PollView
	json.Unmarshal([]byte(studentStream.expect("poll", "").Data), &revealed)
	if revealed.Results == nil || revealed.Results.Counts[2] != 1 {
		t.Fatalf("the student on B sees the revealed poll as %+v, want the answer counted", revealed)
	}

	// A question asked on A, approved on B.
	studentOnA.must(http.StatusAccepted, "POST", room+"/questions", map[string]any{"text": "Why?"}, nil)
	teacherOnB.must(http.StatusNoContent, "POST", room+"/questions/1/approve", nil, nil)
	studentStream.expect("question", `{"id":1,"text":"Why?","status":"approved"}`)

	// The student's connection to B drops; they reconnect to A and get
	// what they missed: ids are the same on every instance.
	studentStream.close()
	teacherOnA.must(http.StatusOK, "POST", room+"/step", map[string]any{"move": "next"}, nil)
	teacherOnB.must(http.StatusOK, "POST", room+"/step", map[string]any{"move": "next"}, nil)
	resumed := studentOnA.listen(code, studentStream.lastID)
	resumed.expect("step", `{"step":3}`)
	resumed.expect("step", `{"step":4}`)

	// Refused commands never reach the stream.
	_, before := streamState(t, url, code)
	if status, _ := student.do("POST", room+"/step", map[string]any{"step": 9}); status != http.StatusForbidden {
		t.Fatalf("a student's step on B got %d, want 403", status)
	}
	if _, after := streamState(t, url, code); after != before {
		t.Fatalf("a refused command was published: the stream went from %d to %d", before, after)
	}

	// An instance started now rebuilds the room from the stream.
	c := serve(t, newNATSHub(t, url))
	var state wire.RoomView
	remote{t: t, base: c, token: teacherOnA.token}.must(http.StatusOK, "GET", room, nil, &state)
	if state.Step != 4 || state.Poll == nil || *state.Poll.Answers != 1 || len(state.Questions) != 1 {
		t.Fatalf("a new instance sees %+v; want step 4, the poll's answer and the question", state)
	}

	// Ending the class on A ends it everywhere and deletes its commands,
	// all but the one that ended it.
	teacherOnA.must(http.StatusNoContent, "DELETE", room, nil, nil)
	resumed.expect("ended", "{}")
	for _, instance := range []string{a, b, c} {
		if status, _ := (remote{t: t, base: instance, token: teacherOnA.token}).do("GET", room, nil); status != http.StatusNotFound {
			t.Fatalf("the ended class still answers on an instance: %d", status)
		}
	}
	if kept, _ := streamState(t, url, code); kept != 1 {
		t.Fatalf("the stream keeps %d commands of the ended class, want 1 (the end)", kept)
	}
}
