package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"oversight/content"
	"oversight/internal/eventstream"
	"oversight/kb/load"
	"oversight/live"
	"oversight/live/wire"
)

// newLiveTestServer serves the app with a live hub in memory, as
// `oversight serve` does.
func newLiveTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	hub, err := live.New(live.Config{SweepEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(Config{KB: k, WebDir: fakeWeb(t, "wasm"), Live: hub})
	if err != nil {
		t.Fatal(err)
	}
	s := httptest.NewServer(h)
	t.Cleanup(func() {
		hub.Close()
		s.Close()
	})
	return s
}

// startClass starts a live class of a tour of three steps and returns its
// code and the teacher's token.
func startClass(t *testing.T, s *httptest.Server) (code, token string) {
	t.Helper()
	res, body := send(t, "POST", s.URL+"/live/rooms", `{"tour": "why-the-judge-fails", "steps": 3}`)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST /live/rooms = %d %s, want 201", res.StatusCode, body)
	}
	var created wire.CreateResponse
	if err := json.Unmarshal(body, &created); err != nil {
		t.Fatal(err)
	}
	return created.Code, created.TeacherToken
}

// send makes a request with a JSON body, accepting compressed answers as
// a browser does.
func send(t *testing.T, method, url, body string, header ...string) (*http.Response, []byte) {
	t.Helper()
	asABrowser := []string{"Content-Type", "application/json", "Accept-Encoding", "gzip, br"}
	return roundTrip(t, method, url, strings.NewReader(body), append(asABrowser, header...)...)
}

func TestTheLiveAPITakesPostAndDeleteBehindTheSecurityHeadersUncompressed(t *testing.T) {
	s := newLiveTestServer(t)
	code, token := startClass(t, s)
	for _, r := range []struct {
		method, path string
		body         string
		teacher      bool
		status       int
	}{
		{"GET", "/live/rooms/" + code, "", false, 200},
		{"POST", "/live/rooms/" + code + "/step", `{"step": 2}`, true, 200},
		{"GET", "/live/rooms/NOPE22", "", false, 404},
		{"PUT", "/live/rooms/" + code, "", false, 405},
		{"DELETE", "/live/rooms/" + code, "", true, 204},
		{"GET", "/live/rooms/" + code, "", false, 404},
	} {
		var auth []string
		if r.teacher {
			auth = []string{"Authorization", "Bearer " + token}
		}
		res, body := send(t, r.method, s.URL+r.path, r.body, auth...)
		if res.StatusCode != r.status {
			t.Errorf("%s %s = %d %s, want %d", r.method, r.path, res.StatusCode, body, r.status)
		}
		for _, h := range securityHeaders {
			if got := res.Header.Get(h[0]); got != h[1] {
				t.Errorf("%s %s has %s %q, want %q", r.method, r.path, h[0], got, h[1])
			}
		}
		if enc := res.Header.Get("Content-Encoding"); enc != "" {
			t.Errorf("%s %s is compressed (%s): the live API must reach the client as written", r.method, r.path, enc)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s %s has Cache-Control %q, want no-store", r.method, r.path, cc)
		}
	}
	// Elsewhere the server still only reads.
	for _, path := range []string{"/", "/live", "/join", "/livex/rooms"} {
		if res, _ := do(t, "POST", s.URL+path); res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST %s = %d, want 405", path, res.StatusCode)
		}
	}
}

func TestALiveEventStreamArrivesAsItIsWritten(t *testing.T) {
	s := newLiveTestServer(t)
	code, token := startClass(t, s)
	req, _ := http.NewRequest("GET", s.URL+"/live/rooms/"+code+"/events", nil)
	req.Header.Set("Accept-Encoding", "gzip, br")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" || res.Header.Get("Content-Encoding") != "" {
		t.Fatalf("the stream is %q, encoded %q", ct, res.Header.Get("Content-Encoding"))
	}
	events := eventstream.Events(res.Body, 0)
	next := func() eventstream.Event {
		select {
		case e, ok := <-events:
			if !ok {
				t.Fatal("the stream ended")
			}
			return e
		case <-time.After(10 * time.Second):
			t.Fatal("no event arrived: the stream is held back")
		}
		return eventstream.Event{}
	}
	if e := next(); e.Name != "state" {
		t.Fatalf("the first event is %q, want state", e.Name)
	}
	send(t, "POST", s.URL+"/live/rooms/"+code+"/step", `{"step": 3}`, "Authorization", "Bearer "+token)
	if e := next(); e.Name != "step" || !strings.Contains(e.Data, `"step":3`) {
		t.Errorf("after a step the stream sent %s %s", e.Name, e.Data)
	}
}

func TestWithoutALiveHubTheLivePathsAreLikeAnyOther(t *testing.T) {
	s := newTestServer(t, fakeWeb(t, "wasm"))
	if res, _ := do(t, "POST", s.URL+"/live/rooms"); res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /live/rooms without a hub = %d, want 405", res.StatusCode)
	}
	if res, _ := do(t, "GET", s.URL+"/live/rooms/ABCDEF"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /live/rooms/ABCDEF without a hub = %d, want 404", res.StatusCode)
	}
}
