//go:build !(js && wasm)

package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"oversight/content"
	"oversight/kb/load"
	"oversight/server"
	"oversight/server/servertest"
)

// rawExchange sends raw bytes on a fresh connection to the server and reads
// back every response until the server closes the connection.
func rawExchange(t *testing.T, addr, raw string) []*http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	var responses []*http.Response
	r := bufio.NewReader(conn)
	for {
		res, err := http.ReadResponse(r, nil)
		if err == io.EOF || err == io.ErrUnexpectedEOF && len(responses) > 0 {
			return responses
		}
		if err != nil {
			t.Fatalf("reading response %d: %v", len(responses)+1, err)
		}
		body, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		res.Body = io.NopCloser(strings.NewReader(string(body)))
		responses = append(responses, res)
	}
}

// net/http answers these requests itself, before any handler sees them;
// they get the security headers all the same.
func TestNetHTTPsOwnRepliesCarryTheSecurityHeaders(t *testing.T) {
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	handler, err := server.New(server.Config{KB: k, WebDir: servertest.FakeWeb(t, "wasm")})
	if err != nil {
		t.Fatal(err)
	}
	addr, _, _ := startServer(t, handler, defaultTimeouts, nil)
	host := "Host: " + addr + "\r\n"
	cases := []struct {
		name, request string
		statuses      []int
		body          string
	}{
		{"a request line that is not HTTP", "HELLO\r\n\r\n", []int{400}, "400 Bad Request"},
		{"no Host header", "GET / HTTP/1.1\r\n\r\n", []int{400}, "400 Bad Request: missing required Host header"},
		{"a malformed header line", "GET / HTTP/1.1\r\n" + host + "no colon here\r\n\r\n", []int{400}, "400 Bad Request"},
		{"headers longer than MaxHeaderBytes", "GET / HTTP/1.1\r\n" + host + "X-Long: " + strings.Repeat("a", 80<<10) + "\r\n\r\n", []int{431}, "431 Request Header Fields Too Large"},
		{"an unknown Transfer-Encoding", "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\n", []int{501}, "Unsupported transfer encoding"},
		{"an HTTP version the server does not speak", "GET / HTTP/2.0\r\n" + host + "\r\n", []int{505}, "505 HTTP Version Not Supported: unsupported protocol version"},
		{"an Expect header other than 100-continue", "GET / HTTP/1.1\r\n" + host + "Expect: tea\r\n\r\n", []int{417}, ""},
		{"an Expect header in HTTP/1.0", "GET / HTTP/1.0\r\nExpect: tea\r\n\r\n", []int{417}, ""},
		{"a bad request after a good one on one connection", "GET /web/style.css HTTP/1.1\r\n" + host + "\r\nHELLO\r\n\r\n", []int{200, 400}, "400 Bad Request"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			responses := rawExchange(t, addr, c.request)
			if len(responses) != len(c.statuses) {
				t.Fatalf("got %d responses, want %d", len(responses), len(c.statuses))
			}
			for i, res := range responses {
				if res.StatusCode != c.statuses[i] {
					t.Errorf("response %d is %s, want %d", i+1, res.Status, c.statuses[i])
				}
				// Exactly once each: a handler's response must not get them twice.
				for _, h := range server.SecurityHeaders() {
					if got := res.Header.Values(h[0]); len(got) != 1 || got[0] != h[1] {
						t.Errorf("response %d (%s) has %s %q, want %q", i+1, res.Status, h[0], got, h[1])
					}
				}
			}
			last := responses[len(responses)-1]
			if body, _ := io.ReadAll(last.Body); string(body) != c.body {
				t.Errorf("the body reads %q, want %q", body, c.body)
			}
		})
	}
}
