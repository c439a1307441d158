package live

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"oversight/live/wire"
)

// clock is a test's hand-moved time.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newTestHub is a hub in memory on a test clock, which sweeps only when
// the test says so; change adjusts its limits.
func newTestHub(t *testing.T, change func(*Limits)) (*Hub, *clock) {
	t.Helper()
	c := newClock()
	limits := DefaultLimits()
	if change != nil {
		change(&limits)
	}
	h, err := New(Config{Limits: limits, Now: c.Now, SweepEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h, c
}

// response is what a request got back.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
}

// errorCode is the "error" field of a refusal.
func (r response) errorCode() string {
	var e wire.Refusal
	json.Unmarshal(r.body, &e)
	return e.Error
}

// caller sends requests to a handler as one client: from one address, with
// one token (empty for none).
type caller struct {
	t       testing.TB
	handler http.Handler
	addr    string
	token   string
}

func (c caller) do(method, path string, body any) response {
	c.t.Helper()
	var reader *bytes.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			c.t.Fatal(err)
		}
		reader = bytes.NewReader(data)
	} else {
		reader = bytes.NewReader(nil)
	}
	req := httptest.NewRequestWithContext(context.Background(), method, path, reader)
	req.RemoteAddr = c.addr + ":40000"
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	rec := httptest.NewRecorder()
	c.handler.ServeHTTP(rec, req)
	return response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

func (c caller) post(path string, body any) response { return c.do(http.MethodPost, path, body) }
func (c caller) get(path string) response            { return c.do(http.MethodGet, path, nil) }

// class is a started room: the teacher, and the students who joined.
type class struct {
	t       testing.TB
	hub     *Hub
	code    string
	teacher caller
}

// startClass starts a class on a tour of steps steps, at step 1.
func startClass(t testing.TB, h *Hub, steps int) class {
	t.Helper()
	teacher := caller{t: t, handler: h, addr: "192.0.2.1"}
	res := teacher.post("/rooms", map[string]any{"tour": "weak-to-strong", "steps": steps})
	if res.status != http.StatusCreated {
		t.Fatalf("starting a class: %d %s", res.status, res.body)
	}
	var created wire.CreateResponse
	res.decode(t, &created)
	teacher.token = created.TeacherToken
	return class{t: t, hub: h, code: created.Code, teacher: teacher}
}

func (c class) path(rest string) string { return "/rooms/" + c.code + rest }

// studentAddress is where the students' requests come from: a school
// network behind one address.
const studentAddress = "198.51.100.7"

// join adds a student.
func (c class) join(nickname string) caller {
	c.t.Helper()
	student := caller{t: c.t, handler: c.hub, addr: studentAddress}
	res := student.post("/join", map[string]any{"code": c.code, "nickname": nickname})
	if res.status != http.StatusOK {
		c.t.Fatalf("joining: %d %s", res.status, res.body)
	}
	var joined wire.JoinResponse
	res.decode(c.t, &joined)
	student.token = joined.StudentToken
	return student
}

// must sends a request that must succeed with status.
func (c class) must(status int, res response) response {
	c.t.Helper()
	if res.status != status {
		c.t.Fatalf("got %d %s, want %d", res.status, res.body, status)
	}
	return res
}

func (c class) step(body map[string]any) {
	c.t.Helper()
	c.must(http.StatusOK, c.teacher.post(c.path("/step"), body))
}

func (c class) openPoll(spec wire.PollSpec) int {
	c.t.Helper()
	var p wire.PollView
	c.must(http.StatusCreated, c.teacher.post(c.path("/polls"), spec)).decode(c.t, &p)
	return p.ID
}

// seq is the id of the room's latest event.
func (c class) seq() uint64 {
	c.hub.mu.Lock()
	defer c.hub.mu.Unlock()
	return c.hub.rooms.byCode[c.code].seq
}

// stream is an open event stream read without HTTP.
type stream struct {
	t     testing.TB
	hub   *Hub
	sub   *subscriber
	after uint64
}

// listen opens a stream for an audience, resuming after an id.
func (c class) listen(who audience, after uint64) *stream {
	c.t.Helper()
	sub, err := c.hub.subscribe(c.code, who)
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { c.hub.unsubscribe(sub) })
	return &stream{t: c.t, hub: c.hub, sub: sub, after: after}
}

// read returns the events the stream would send now, and moves past them.
func (s *stream) read() ([]event, bool) {
	events, ended := s.hub.next(s.sub, s.after)
	if len(events) > 0 {
		s.after = events[len(events)-1].id
	}
	return events, ended
}

func names(events []event) string {
	var out []string
	for _, e := range events {
		out = append(out, e.name+" "+string(e.data))
	}
	return strings.Join(out, "\n")
}
