package live

import (
	"net/http"
	"testing"
	"time"

	"oversight/live/wire"
)

// BenchmarkStepToFortyStreams is one teacher's step through the HTTP
// handler, then read by the 40 streams of the class.
func BenchmarkStepToFortyStreams(b *testing.B) {
	h, err := New(Config{SweepEvery: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	c := startClass(b, h, wire.MaxSteps)
	var streams []*stream
	for range 40 {
		c.join("")
		sub, _ := h.subscribe(c.code, studentAudience)
		streams = append(streams, &stream{t: b, hub: h, sub: sub, after: c.seq()})
	}
	step := 1
	b.ReportAllocs()
	for b.Loop() {
		step = step%wire.MaxSteps + 1
		if res := c.teacher.post(c.path("/step"), map[string]any{"step": step}); res.status != http.StatusOK {
			b.Fatalf("step: %d %s", res.status, res.body)
		}
		for _, s := range streams {
			s.read()
		}
	}
}

// BenchmarkAnswer is one student's answer to a number poll of a class of
// 200, through the HTTP handler.
func BenchmarkAnswer(b *testing.B) {
	limits := DefaultLimits()
	limits.AnswerRate = Rate{Burst: 1 << 30, Every: time.Second}
	limits.CommandsPerRoom = 1 << 30
	h, err := New(Config{Limits: limits, SweepEvery: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	c := startClass(b, h, 5)
	var students []caller
	for range 200 {
		students = append(students, c.join(""))
	}
	c.openPoll(wire.PollSpec{Kind: "number", Prompt: "?"})
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		s := students[i%len(students)]
		if res := s.post(c.path("/polls/1/answer"), map[string]any{"value": i % 100}); res.status != http.StatusOK {
			b.Fatalf("answer: %d %s", res.status, res.body)
		}
	}
}
