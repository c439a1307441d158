package live

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"oversight/internal/eventstream"

	"oversight/live/wire"
)

// waitLimit only keeps a broken test from hanging: no test measures time.
const waitLimit = 20 * time.Second

// remote is a client of a hub served over real HTTP.
type remote struct {
	t     *testing.T
	base  string
	token string
}

func (c remote) do(method, path string, body any) (int, []byte) {
	c.t.Helper()
	var reader io.Reader
	if body != nil {
		data, _ := json.Marshal(body)
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, c.base+path, reader)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res.StatusCode, data
}

// must sends a request that must get status, and decodes its body into out
// (nil to skip).
func (c remote) must(status int, method, path string, body, out any) {
	c.t.Helper()
	got, data := c.do(method, path, body)
	if got != status {
		c.t.Fatalf("%s %s: %d %s, want %d", method, path, got, data, status)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			c.t.Fatal(err)
		}
	}
}

// startRemoteClass starts a class through a teacher's instance.
func startRemoteClass(t *testing.T, base string, steps int) (code string, teacher remote) {
	t.Helper()
	teacher = remote{t: t, base: base}
	var created wire.CreateResponse
	teacher.must(http.StatusCreated, "POST", "/rooms", map[string]any{"tour": "weak-to-strong", "steps": steps}, &created)
	teacher.token = created.TeacherToken
	return created.Code, teacher
}

func joinRemote(t *testing.T, base, code string) remote {
	t.Helper()
	student := remote{t: t, base: base}
	var joined wire.JoinResponse
	student.must(http.StatusOK, "POST", "/join", map[string]any{"code": code}, &joined)
	student.token = joined.StudentToken
	return student
}

// liveStream is an open event stream, read by a goroutine of its own.
type liveStream struct {
	t      *testing.T
	res    *http.Response
	events <-chan eventstream.Event
	// lastID is the id of the last event read, for a resume.
	lastID string
}

// listen opens a room's event stream as c, resuming after lastID ("" for
// a fresh start).
func (c remote) listen(code, lastID string) *liveStream {
	c.t.Helper()
	header := http.Header{}
	if lastID != "" {
		header.Set("Last-Event-ID", lastID)
	}
	return c.open("/rooms/"+code+"/events", header)
}

// open opens an event stream at path, with c's token and header.
func (c remote) open(path string, header http.Header) *liveStream {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	req.Header = header
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		data, _ := io.ReadAll(res.Body)
		res.Body.Close()
		c.t.Fatalf("opening the stream: %d %s", res.StatusCode, data)
	}
	s := &liveStream{t: c.t, res: res, events: eventstream.Events(res.Body, 1024)}
	c.t.Cleanup(s.close)
	return s
}

// next waits for the stream's next event.
func (s *liveStream) next() eventstream.Event {
	s.t.Helper()
	select {
	case e, ok := <-s.events:
		if !ok {
			s.t.Fatal("the stream ended")
		}
		if e.ID != "" {
			s.lastID = e.ID
		}
		return e
	case <-time.After(waitLimit):
		s.t.Fatal("no event came")
	}
	return eventstream.Event{}
}

// expect reads the next event, which must be name with data.
func (s *liveStream) expect(name, data string) eventstream.Event {
	s.t.Helper()
	e := s.next()
	if e.Name != name || data != "" && e.Data != data {
		s.t.Fatalf("got event %s %s, want %s %s", e.Name, e.Data, name, data)
	}
	return e
}

// closed says whether the server ended the stream.
func (s *liveStream) closed() bool {
	select {
	case _, ok := <-s.events:
		return !ok
	case <-time.After(waitLimit):
		return false
	}
}

func (s *liveStream) close() { s.res.Body.Close() }

func idOf(t *testing.T, e eventstream.Event) uint64 {
	t.Helper()
	id, err := strconv.ParseUint(e.ID, 10, 64)
	if err != nil {
		t.Fatal(errors.New("event without an id: " + e.Name))
	}
	return id
}

// serve serves a hub over HTTP until the test ends, after its streams are
// closed.
func serve(t *testing.T, h http.Handler) string {
	server := httptest.NewServer(h)
	t.Cleanup(server.Close)
	return server.URL
}
