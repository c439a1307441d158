package server

import (
	"strings"
	"testing"
)

func TestOnlyAResponseHeadWithoutThePolicyGetsTheHeaders(t *testing.T) {
	for _, p := range []string{
		"HTTP/1.1 200 OK\r\nContent-Security-Policy: x\r\n\r\nbody",
		"HTTP/1.1 100 Continue\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 9000\r\nX-Head-Longer-Than-This-Write: ",
		"a body that mentions HTTP/1.1 400 Bad Request\r\n\r\n",
		"HTTP/1.1 4",
	} {
		if _, ok := withSecurityHeaders([]byte(p)); ok {
			t.Errorf("%q gets the headers", p)
		}
	}
	fixed, ok := withSecurityHeaders([]byte("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n400 Bad Request"))
	want := "HTTP/1.1 400 Bad Request\r\nContent-Security-Policy: " + contentSecurityPolicy + "\r\n"
	if !ok || !strings.HasPrefix(string(fixed), want) || !strings.HasSuffix(string(fixed), "\r\nConnection: close\r\n\r\n400 Bad Request") {
		t.Errorf("got %q", fixed)
	}
}
