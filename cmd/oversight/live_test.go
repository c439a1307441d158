//go:build !(js && wasm)

package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"oversight/internal/eventstream"
	"oversight/live"
	"oversight/live/natstest"
	"oversight/live/wire"
	"oversight/server/servertest"
)

// liveRequest sends a request to the live API of a served instance.
func liveRequest(t *testing.T, method, url, body, token string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res.StatusCode, data
}

// startLiveClass starts a class on the instance at addr.
func startLiveClass(t *testing.T, addr string) (code, token string) {
	t.Helper()
	status, body := liveRequest(t, "POST", "http://"+addr+"/live/rooms", `{"tour": "why-the-judge-fails", "steps": 4}`, "")
	if status != http.StatusCreated {
		t.Fatalf("starting a class: %d %s", status, body)
	}
	var created wire.CreateResponse
	if err := json.Unmarshal(body, &created); err != nil {
		t.Fatal(err)
	}
	return created.Code, created.TeacherToken
}

func TestSIGINTEndsTheOpenEventStreamsOfLiveClassesAndStops(t *testing.T) {
	web := servertest.FakeWeb(t, "wasm")
	var streamEnd error
	out := runServe(t, []string{"-web", web}, func(addr string, server *os.Process) {
		code, _ := startLiveClass(t, addr)
		res, err := http.Get("http://" + addr + "/live/rooms/" + code + "/events")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		events := eventstream.NewReader(bufio.NewReader(res.Body))
		if e, err := events.Next(); err != nil || e.Name != "state" {
			t.Fatalf("the stream began with %q (%v), want state", e.Name, err)
		}
		server.Signal(os.Interrupt)
		// The stream never ends by itself: only the server's stop ends it.
		_, streamEnd = events.Next()
	}, nil)
	if streamEnd == nil {
		t.Errorf("the event stream went on after SIGINT")
	}
	if out.err != nil {
		t.Errorf("serve ended with %v after SIGINT, want exit status 0; stderr:\n%s", out.err, out.stderr)
	}
}

func TestTwoInstancesGivenOneNATSServerServeTheSameClass(t *testing.T) {
	web := servertest.FakeWeb(t, "wasm")
	args := []string{"-web", web, "-nats", natstest.Start(t)}
	runServe(t, args, func(a string, _ *os.Process) {
		runServe(t, args, func(b string, _ *os.Process) {
			code, token := startLiveClass(t, a)
			if status, body := liveRequest(t, "POST", "http://"+a+"/live/rooms/"+code+"/step", `{"step": 3}`, token); status != http.StatusOK {
				t.Fatalf("a step on instance A: %d %s", status, body)
			}
			status, body := liveRequest(t, "GET", "http://"+b+"/live/rooms/"+code, "", "")
			var room wire.RoomView
			json.Unmarshal(body, &room)
			if status != http.StatusOK || room.Step != 3 {
				t.Errorf("instance B answers the class started on A with %d %s, want step 3", status, body)
			}
		}, os.Interrupt)
	}, os.Interrupt)
}

// startFrom starts a class through a proxy at 127.0.0.1 that says the
// request came from client; it returns the status.
func startFrom(t *testing.T, addr, client string) int {
	t.Helper()
	req, err := http.NewRequest("POST", "http://"+addr+"/live/rooms", strings.NewReader(`{"tour": "why-the-judge-fails", "steps": 4}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", client)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func TestBehindATrustedProxyEachClientHasItsOwnLimitOnNewClasses(t *testing.T) {
	web := servertest.FakeWeb(t, "wasm")
	burst := live.DefaultLimits().CreateRate.Burst
	runServe(t, []string{"-web", web, "-trust-proxy", "127.0.0.1"}, func(addr string, _ *os.Process) {
		for range burst {
			startFrom(t, addr, "203.0.113.9")
		}
		if got := startFrom(t, addr, "203.0.113.9"); got != http.StatusTooManyRequests {
			t.Errorf("a client past its limit gets %d, want 429", got)
		}
		if got := startFrom(t, addr, "203.0.113.10"); got != http.StatusCreated {
			t.Errorf("another client through the same proxy gets %d, want 201", got)
		}
	}, os.Interrupt)
	// Without the flag the header is the client's word, and not taken.
	runServe(t, []string{"-web", web}, func(addr string, _ *os.Process) {
		for i := range burst {
			startFrom(t, addr, fmt.Sprintf("203.0.113.%d", i))
		}
		if got := startFrom(t, addr, "203.0.113.200"); got != http.StatusTooManyRequests {
			t.Errorf("a client naming a new address in X-Forwarded-For, from a peer not trusted, gets %d, want 429", got)
		}
	}, os.Interrupt)
}

func TestServeRefusesATrustedProxyThatIsNotAnAddress(t *testing.T) {
	out, err := exec.Command(binary(t), "serve", "-trust-proxy", "proxy.example").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "-trust-proxy") || !strings.Contains(string(out), "proxy.example") {
		t.Errorf("serve -trust-proxy proxy.example: %v, output:\n%s", err, out)
	}
}
