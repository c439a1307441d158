package server

import (
	"bytes"
	"net"
	"strconv"
)

// net/http answers some requests itself, without calling any handler, and so
// without the security headers that secure sets: 400 Bad Request for a
// request it cannot parse (a missing Host, a malformed header line, …), 431
// Request Header Fields Too Large past MaxHeaderBytes, 501 for a
// Transfer-Encoding it does not know and 505 for an HTTP version it does not
// speak, each written straight to the connection; and 417 Expectation
// Failed for an Expect header other than 100-continue. There is no hook for
// them, so SecureListener recognises them as they are written: every
// response from a handler carries the Content-Security-Policy, so a response
// head that reaches the connection without it is one of net/http's own, and
// gets the headers added after its status line.

// SecureListener gives each connection a secureConn.
type SecureListener struct{ net.Listener }

func (l SecureListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return secureConn{c}, nil
}

// secureConn adds the security headers to net/http's own replies.
type secureConn struct{ net.Conn }

func (c secureConn) Write(p []byte) (int, error) {
	fixed, ok := withSecurityHeaders(p)
	if !ok {
		return c.Conn.Write(p)
	}
	if _, err := c.Conn.Write(fixed); err != nil {
		return 0, err
	}
	return len(p), nil
}

// CloseWrite lets net/http half-close the connection after a 431, as it does
// on a plain TCP connection, so that the client reads the reply before the
// connection closes.
func (c secureConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// withSecurityHeaders returns p with the security headers after its status
// line, if p starts a final response whose whole head it holds and that has
// no Content-Security-Policy. net/http writes each response head at the
// start of a write: a handler's in one buffer of 4 KiB with the start of its
// body, its own replies in one write each. Later writes of a body start
// wherever a buffer ends, so one could only be mistaken for a head if a
// file the app serves held an HTTP response, which none does.
func withSecurityHeaders(p []byte) ([]byte, bool) {
	// "HTTP/1.1 417 …", or HTTP/1.0 when answering an HTTP/1.0 request.
	const proto = len("HTTP/1.x ")
	if !bytes.HasPrefix(p, []byte("HTTP/1.")) || len(p) < proto+3 {
		return nil, false
	}
	status, err := strconv.Atoi(string(p[proto : proto+3]))
	statusEnd := bytes.Index(p, []byte("\r\n"))
	headEnd := bytes.Index(p, []byte("\r\n\r\n"))
	switch {
	case err != nil, status < 200, statusEnd < 0, headEnd < 0:
		return nil, false
	case bytes.Contains(p[:headEnd+2], []byte("\r\nContent-Security-Policy: ")):
		return nil, false
	}
	var b bytes.Buffer
	b.Write(p[:statusEnd+2])
	for _, h := range securityHeaders {
		b.WriteString(h[0] + ": " + h[1] + "\r\n")
	}
	b.Write(p[statusEnd+2:])
	return b.Bytes(), true
}
