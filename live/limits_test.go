package live

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"oversight/live/wire"
)

func TestTextFieldsHaveLengthLimits(t *testing.T) {
	h, _ := newTestHub(t, nil)
	c := startClass(t, h, 3)
	student := c.join("")
	cases := []struct {
		what   string
		who    caller
		path   string
		body   any
		status int
	}{
		{"a question of 280 characters", student, "/questions", map[string]any{"text": strings.Repeat("é", 280)}, http.StatusAccepted},
		{"a question of 281 characters", student, "/questions", map[string]any{"text": strings.Repeat("é", 281)}, http.StatusBadRequest},
		{"an empty question", student, "/questions", map[string]any{"text": "   "}, http.StatusBadRequest},
		{"a prompt of 281 characters", c.teacher, "/polls", wire.PollSpec{Kind: "choice", Prompt: strings.Repeat("x", 281), Options: []string{"a", "b"}}, http.StatusBadRequest},
		{"an option of 81 characters", c.teacher, "/polls", wire.PollSpec{Kind: "choice", Prompt: "?", Options: []string{"a", strings.Repeat("x", 81)}}, http.StatusBadRequest},
		{"nine options", c.teacher, "/polls", wire.PollSpec{Kind: "choice", Prompt: "?", Options: strings.Split("abcdefghi", "")}, http.StatusBadRequest},
		{"a lab on another site", c.teacher, "/polls", wire.PollSpec{Kind: "number", Prompt: "?", Lab: "https://evil.example/"}, http.StatusBadRequest},
		{"a lab as //host", c.teacher, "/polls", wire.PollSpec{Kind: "number", Prompt: "?", Lab: "//evil.example/"}, http.StatusBadRequest},
		{"a body with an unknown field", student, "/questions", map[string]any{"text": "hi", "html": "<b>"}, http.StatusBadRequest},
	}
	for _, tc := range cases {
		if res := tc.who.post(c.path(tc.path), tc.body); res.status != tc.status {
			t.Errorf("%s: got %d %s, want %d", tc.what, res.status, res.body, tc.status)
		}
	}
	long := caller{t: t, handler: h, addr: studentAddress}
	if res := long.post("/join", map[string]any{"code": c.code, "nickname": strings.Repeat("n", 25)}); res.status != http.StatusBadRequest {
		t.Errorf("a nickname of 25 characters: got %d, want 400", res.status)
	}
	big := caller{t: t, handler: h, addr: studentAddress, token: student.token}
	if res := big.post(c.path("/questions"), map[string]any{"text": strings.Repeat("x", maxBody)}); res.status != http.StatusBadRequest {
		t.Errorf("a body over %d bytes: got %d, want 400", maxBody, res.status)
	}
}

func TestAnswersAreRateLimitedPerStudent(t *testing.T) {
	h, clk := newTestHub(t, nil)
	c := startClass(t, h, 3)
	eager, calm := c.join(""), c.join("")
	c.openPoll(wire.PollSpec{Kind: "number", Prompt: "?"})
	rate := h.limits.AnswerRate
	accepted := 0
	var refused response
	for i := range rate.Burst + 5 {
		res := eager.post(c.path("/polls/1/answer"), map[string]any{"value": i})
		if res.status == http.StatusOK {
			accepted++
		} else {
			refused = res
		}
	}
	if accepted != rate.Burst || refused.status != http.StatusTooManyRequests || refused.header.Get("Retry-After") == "" {
		t.Fatalf("%d of %d rapid answers accepted, last refusal %d (Retry-After %q); want %d then 429 with Retry-After",
			accepted, rate.Burst+5, refused.status, refused.header.Get("Retry-After"), rate.Burst)
	}
	c.must(http.StatusOK, calm.post(c.path("/polls/1/answer"), map[string]any{"value": 1}))
	clk.advance(rate.Every)
	c.must(http.StatusOK, eager.post(c.path("/polls/1/answer"), map[string]any{"value": 2}))
	if res := eager.post(c.path("/polls/1/answer"), map[string]any{"value": 3}); res.status != http.StatusTooManyRequests {
		t.Fatalf("after one refill, a second answer got %d, want 429", res.status)
	}
	var view wire.RoomView
	c.must(http.StatusOK, c.teacher.get(c.path(""))).decode(t, &view)
	if *view.Poll.Answers != 2 {
		t.Fatalf("the poll counts %d answers, want one per student: 2", *view.Poll.Answers)
	}
}

func TestQuestionsAreLimitedPerStudentAndPerRoom(t *testing.T) {
	h, clk := newTestHub(t, func(l *Limits) { l.QuestionsPerStudent = 5; l.QuestionsPerRoom = 7 })
	c := startClass(t, h, 3)
	ask := func(s caller) response { return s.post(c.path("/questions"), map[string]any{"text": "why?"}) }
	a, b := c.join(""), c.join("")
	for range h.limits.QuestionRate.Burst {
		c.must(http.StatusAccepted, ask(a))
	}
	if res := ask(a); res.status != http.StatusTooManyRequests {
		t.Fatalf("a question past the burst of %d got %d, want 429", h.limits.QuestionRate.Burst, res.status)
	}
	clk.advance(time.Hour)
	c.must(http.StatusAccepted, ask(a))
	c.must(http.StatusAccepted, ask(a))
	if res := ask(a); res.errorCode() != "too_many_questions" {
		t.Fatalf("a 6th question from one student got %d %s, want too_many_questions", res.status, res.body)
	}
	c.must(http.StatusAccepted, ask(b))
	c.must(http.StatusAccepted, ask(b))
	if res := ask(b); res.errorCode() != "too_many_questions" {
		t.Fatalf("an 8th question in the room got %d %s, want too_many_questions", res.status, res.body)
	}
}

func TestRoomsAreCappedForStudentsPollsAndPerServer(t *testing.T) {
	h, _ := newTestHub(t, func(l *Limits) { l.StudentsPerRoom = 2; l.PollsPerRoom = 1; l.Rooms = 2 })
	c := startClass(t, h, 3)
	c.join("")
	c.join("")
	late := caller{t: t, handler: h, addr: studentAddress}
	if res := late.post("/join", map[string]any{"code": c.code}); res.errorCode() != "room_full" {
		t.Fatalf("a 3rd student in a room of 2 got %d %s, want room_full", res.status, res.body)
	}
	c.openPoll(wire.PollSpec{Kind: "number", Prompt: "?"})
	if res := c.teacher.post(c.path("/polls"), wire.PollSpec{Kind: "number", Prompt: "?"}); res.errorCode() != "too_many_polls" {
		t.Fatalf("a 2nd poll in a room of 1 got %d %s, want too_many_polls", res.status, res.body)
	}
	startClass(t, h, 3)
	if res := c.teacher.post("/rooms", map[string]any{"tour": "t", "steps": 2}); res.status != http.StatusServiceUnavailable || res.errorCode() != "too_many_rooms" {
		t.Fatalf("a 3rd room on a server of 2 got %d %s, want 503 too_many_rooms", res.status, res.body)
	}
}

func TestStartingRoomsIsRateLimitedPerAddress(t *testing.T) {
	h, _ := newTestHub(t, nil)
	teacher := caller{t: t, handler: h, addr: "192.0.2.50"}
	started := 0
	for range h.limits.CreateRate.Burst + 3 {
		if teacher.post("/rooms", map[string]any{"tour": "t", "steps": 2}).status == http.StatusCreated {
			started++
		}
	}
	if started != h.limits.CreateRate.Burst {
		t.Fatalf("one address started %d rooms at once, want %d", started, h.limits.CreateRate.Burst)
	}
}

func TestIdleRoomsExpireAndEveryRoomEndsAfterItsLifetime(t *testing.T) {
	h, clk := newTestHub(t, nil)
	idle := startClass(t, h, 3)
	busy := startClass(t, h, 50)
	s := idle.listen(studentAudience, idle.seq())

	clk.advance(h.limits.IdleExpiry - time.Minute)
	busy.step(map[string]any{"move": "next"})
	h.Sweep(t.Context())
	if len(h.rooms.byCode) != 2 {
		t.Fatalf("%d rooms after %v; none is idle yet", len(h.rooms.byCode), h.limits.IdleExpiry-time.Minute)
	}
	clk.advance(time.Minute)
	h.Sweep(t.Context())
	if _, ended := s.read(); !ended || h.rooms.byCode[idle.code] != nil {
		t.Fatalf("a room idle for %v was not ended", h.limits.IdleExpiry)
	}
	if h.rooms.byCode[busy.code] == nil {
		t.Fatal("a room active a minute ago was ended")
	}
	started := h.rooms.byCode[busy.code].started
	for h.rooms.byCode[busy.code] != nil && clk.Now().Sub(started) <= h.limits.Lifetime {
		clk.advance(time.Hour)
		busy.step(map[string]any{"step": 1 + int(clk.Now().Sub(started)/time.Hour)})
		h.Sweep(t.Context())
	}
	if lived := clk.Now().Sub(started); h.rooms.byCode[busy.code] != nil || lived != h.limits.Lifetime {
		t.Fatalf("a room busy all along ended after %v; want its lifetime, %v", lived, h.limits.Lifetime)
	}
}

func TestJoinCodesCannotBeEnumerated(t *testing.T) {
	h, clk := newTestHub(t, nil)
	c := startClass(t, h, 3)
	attacker := caller{t: t, handler: h, addr: "203.0.113.66"}
	tries := 1000
	notFound, limited, found := 0, 0, 0
	for i := range tries {
		code := fmt.Sprintf("%06d", 222222+i) // digits 2-9 only are codes
		code = strings.NewReplacer("0", "A", "1", "B").Replace(code)
		switch res := attacker.post("/join", map[string]any{"code": code}); res.status {
		case http.StatusNotFound:
			notFound++
		case http.StatusTooManyRequests:
			limited++
		case http.StatusOK:
			found++
		}
	}
	burst := h.limits.JoinFailureRate.Burst
	if notFound != burst || limited != tries-burst {
		t.Fatalf("of %d guesses, %d were told not found and %d refused (found %d); want %d and %d",
			tries, notFound, limited, found, burst, tries-burst)
	}
	if res := attacker.post("/join", map[string]any{"code": c.code}); res.status != http.StatusTooManyRequests {
		t.Fatalf("the right code from a blocked address got %d, want 429 like any other", res.status)
	}
	if res := attacker.get("/rooms/" + c.code + "/events"); res.status != http.StatusTooManyRequests {
		t.Fatalf("the event stream from a blocked address got %d, want 429", res.status)
	}
	c.join("someone else") // other addresses are not affected
	clk.advance(h.limits.JoinFailureRate.Every)
	if res := attacker.post("/join", map[string]any{"code": c.code}); res.status != http.StatusOK {
		t.Fatalf("after a refill the right code got %d, want 200", res.status)
	}

	// Once its tries are all back, the address is forgotten.
	clk.advance(time.Duration(burst) * h.limits.JoinFailureRate.Every)
	h.Sweep(t.Context())
	if n := h.failures.size(); n != 0 {
		t.Fatalf("%d addresses remembered after their limits refilled, want 0", n)
	}
}

func TestAFloodedRoomStaysWithinItsCaps(t *testing.T) {
	h, clk := newTestHub(t, func(l *Limits) {
		l.StudentsPerRoom = 50
		l.QuestionsPerRoom = 40
		l.EventLog = 32
		l.CommandsPerRoom = 3000
		l.Addresses = 100
	})
	c := startClass(t, h, 100)
	c.openPoll(wire.PollSpec{Kind: "number", Prompt: "?"})
	var students []caller
	for range 80 {
		res := caller{t: t, handler: h, addr: studentAddress}.post("/join", map[string]any{"code": c.code, "nickname": strings.Repeat("n", 24)})
		var joined wire.JoinResponse
		if res.status == http.StatusOK {
			res.decode(t, &joined)
			students = append(students, caller{t: t, handler: h, addr: studentAddress, token: joined.StudentToken})
		}
	}
	for round := range 40 {
		for _, s := range students {
			s.post(c.path("/questions"), map[string]any{"text": strings.Repeat("q", 280)})
			s.post(c.path("/polls/1/answer"), map[string]any{"value": round})
		}
		c.teacher.post(c.path("/step"), map[string]any{"move": "next"})
		clk.advance(time.Minute)
	}
	for i := range 500 { // guesses from many addresses
		caller{t: t, handler: h, addr: fmt.Sprintf("10.0.%d.%d", i/250, i%250)}.post("/join", map[string]any{"code": "ZZZZZZ"})
	}

	r := h.rooms.byCode[c.code]
	sizes := map[string][2]int{
		"students":             {len(r.students), 50},
		"questions":            {len(r.questions), 40},
		"answers":              {len(r.polls[0].answers), 50},
		"student events":       {len(r.log.student.events), 32},
		"teacher events":       {len(r.log.teacher.events), 32},
		"commands":             {r.commands, 3000},
		"addresses remembered": {h.failures.size(), 100},
	}
	for what, s := range sizes {
		if s[0] > s[1] {
			t.Errorf("%s: %d, over the cap of %d", what, s[0], s[1])
		}
	}
	if r.commands < 3000 {
		t.Fatalf("the flood sent only %d commands; it should reach the room's cap of 3000", r.commands)
	}
	if res := c.teacher.post(c.path("/step"), map[string]any{"step": 1}); res.errorCode() != "room_busy" {
		t.Fatalf("a command past the room's cap got %d %s, want room_busy", res.status, res.body)
	}
	c.must(http.StatusNoContent, c.teacher.do(http.MethodDelete, c.path(""), nil))
}
