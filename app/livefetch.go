package app

import (
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"sync"
	"time"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/internal/eventstream"
	"oversight/live/wire"
)

// The browser's side of the live API: requests with fetch(), and a room's
// event stream read from fetch()'s body, which, unlike EventSource, can
// send the teacher's token in a header. Everything here runs in the
// browser only, on a goroutine of its own (ctx.Async): it waits for
// promises, which a JavaScript callback must never do.

// errUnreachable is a request that got no answer: the device is offline,
// or the server is down.
var errUnreachable = errors.New("the server cannot be reached")

// errNoLiveServer is an answer that does not come from the live API: the
// app is served by a static host, which has no live classes.
var errNoLiveServer = errors.New("this server has no live classes")

// liveError is the live API's refusal: its status, code and sentence.
type liveError struct {
	Status     int
	Code       string
	Message    string
	RetryAfter time.Duration
}

func (e *liveError) Error() string { return e.Message }

// liveReply is the server's answer to a request.
type liveReply struct {
	status     int
	body       []byte
	retryAfter time.Duration
}

// await waits for a promise to settle.
func await(promise ui.Value) (ui.Value, error) {
	type settled struct {
		value ui.Value
		err   error
	}
	done := make(chan settled, 1)
	resolve := ui.FuncOf(func(_ ui.Value, args []ui.Value) any {
		done <- settled{value: args[0]}
		return nil
	})
	reject := ui.FuncOf(func(_ ui.Value, args []ui.Value) any {
		done <- settled{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	promise.Call("then", resolve, reject)
	s := <-done
	resolve.Release()
	reject.Release()
	return s.value, s.err
}

// liveHeaders are a request's headers, with the token when there is one.
func liveHeaders(token string) map[string]any {
	h := map[string]any{}
	if token != "" {
		h["Authorization"] = "Bearer " + token
	}
	return h
}

// liveFetch sends one request to the live API; path is under LivePath.
func liveFetch(method, path, token string, body any) (liveReply, error) {
	headers := liveHeaders(token)
	init := map[string]any{"method": method, "headers": headers, "cache": "no-store", "credentials": "same-origin"}
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return liveReply{}, err
		}
		headers["Content-Type"] = "application/json"
		init["body"] = string(data)
	}
	res, err := await(ui.Window().Call("fetch", LivePath+path, init))
	if err != nil {
		return liveReply{}, errUnreachable
	}
	text, err := await(res.Call("text"))
	if err != nil {
		return liveReply{}, errUnreachable
	}
	return liveReply{
		status:     res.Get("status").Int(),
		body:       []byte(text.String()),
		retryAfter: retryAfter(res),
	}, nil
}

// retryAfter reads a response's Retry-After, in seconds.
func retryAfter(res ui.Value) time.Duration {
	header := res.Get("headers").Call("get", "Retry-After")
	if header.Type() != ui.TypeString {
		return 0
	}
	seconds, err := strconv.Atoi(header.String())
	if err != nil || seconds < 0 {
		return 0
	}
	return time.Duration(seconds) * time.Second
}

// decode reads a reply into out (nil to read nothing): a refusal is a
// *liveError, and an answer that is not the live API's errNoLiveServer.
func (r liveReply) decode(out any) error {
	if r.status >= 400 {
		var refusal wire.Refusal
		if json.Unmarshal(r.body, &refusal) != nil || refusal.Error == "" {
			return errNoLiveServer
		}
		return &liveError{Status: r.status, Code: refusal.Error, Message: refusal.Message, RetryAfter: r.retryAfter}
	}
	if r.status < 200 || r.status >= 300 {
		return errNoLiveServer
	}
	if out != nil && json.Unmarshal(r.body, out) != nil {
		return errNoLiveServer
	}
	return nil
}

// liveCall sends a request and decodes its answer into out.
func liveCall(method, path, token string, body, out any) error {
	reply, err := liveFetch(method, path, token, body)
	if err != nil {
		return err
	}
	return reply.decode(out)
}

// roomPath is a room's path in the live API.
func roomPath(code string) string { return "/rooms/" + code }

// isRoomGone says whether an error means the class is over for this
// client: the room has ended, or no longer knows its token.
func isRoomGone(err error) bool {
	var refusal *liveError
	return errors.As(err, &refusal) && (refusal.Code == wire.ErrRoomNotFound || refusal.Status == 401 || refusal.Status == 403)
}

// Timing of a room's stream.
const (
	// streamRetry is the wait before reconnecting, as the server's retry
	// field says; each failure in a row doubles it, up to streamRetryMax.
	streamRetry    = 2 * time.Second
	streamRetryMax = 16 * time.Second
	// streamSilence ends a stream that has sent nothing, not even the
	// server's ping every 20 s, for this long: the connection is dead
	// without having said so, as after a change of network.
	streamSilence = 45 * time.Second
)

// liveStreamHandlers receive what a room's stream brings, in order, on the
// stream's goroutine.
type liveStreamHandlers struct {
	// event is called for every event; wire.EventEnded is the last.
	event func(liveEvent)
	// connected says whether the stream is open now.
	connected func(bool)
	// gone is called, last, when the room will never answer again: it has
	// ended, or no longer knows the token.
	gone func(error)
}

// liveStream follows a room's events, reconnecting after any failure with
// Last-Event-ID, so that no event is lost or repeated, until stopped or
// the class is over.
type liveStream struct {
	path, token string
	on          liveStreamHandlers

	mu      sync.Mutex
	after   uint64 // the last event's id
	resume  bool   // after is set: ask for what came after it
	abort   ui.Value
	stopped bool
	done    chan struct{}
}

// followRoom starts following a room's events: from its full state, or
// with resume, from the event after id after.
func followRoom(code, token string, after uint64, resume bool, on liveStreamHandlers) *liveStream {
	s := &liveStream{path: roomPath(code) + "/events", token: token, on: on, after: after, resume: resume, done: make(chan struct{})}
	go s.run()
	return s
}

// stop ends the stream; no handler is called after it returns.
func (s *liveStream) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return
	}
	s.stopped = true
	close(s.done)
	if s.abort != nil {
		s.abort.Call("abort")
	}
}

func (s *liveStream) isStopped() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stopped
}

func (s *liveStream) run() {
	failures := 0
	for !s.isStopped() {
		delivered, over, err := s.once()
		if s.isStopped() {
			return
		}
		if over {
			s.on.gone(err)
			return
		}
		s.on.connected(false)
		if delivered {
			failures = 0
		}
		failures++
		wait := min(streamRetry<<(failures-1), streamRetryMax)
		var refusal *liveError
		if errors.As(err, &refusal) && refusal.RetryAfter > wait {
			wait = refusal.RetryAfter
		}
		select {
		case <-time.After(wait):
		case <-s.done:
			return
		}
	}
}

// once opens the stream and reads it until it breaks. delivered says
// whether any event came through; over that the class is over for this
// client (err says why, nil when it ended).
func (s *liveStream) once() (delivered, over bool, err error) {
	headers := liveHeaders(s.token)
	s.mu.Lock()
	if s.resume {
		headers["Last-Event-ID"] = strconv.FormatUint(s.after, 10)
	}
	controller := ui.Window().Get("AbortController").New()
	s.abort = controller
	s.mu.Unlock()
	res, err := await(ui.Window().Call("fetch", LivePath+s.path, map[string]any{
		"headers": headers, "cache": "no-store", "credentials": "same-origin", "signal": controller.Get("signal"),
	}))
	if err != nil {
		return false, false, errUnreachable
	}
	if status := res.Get("status").Int(); status != 200 {
		text, _ := await(res.Call("text"))
		reply := liveReply{status: status, retryAfter: retryAfter(res)}
		if text != nil {
			reply.body = []byte(text.String())
		}
		err := reply.decode(nil)
		return false, isRoomGone(err), err
	}
	s.on.connected(true)
	return s.read(res.Get("body").Call("getReader"), controller)
}

// read passes the events of an open stream to the handlers until it
// breaks or the class ends.
func (s *liveStream) read(reader, controller ui.Value) (delivered, over bool, err error) {
	pr, pw := io.Pipe()
	parsed := make(chan bool)
	go func() {
		events := eventstream.NewReader(pr)
		ended := false
		for {
			e, err := events.Next()
			if err != nil {
				break
			}
			ended = s.deliver(liveEvent{ID: e.ID, Name: e.Name, Data: e.Data}) || ended
			delivered = true
		}
		pr.CloseWithError(io.EOF)
		parsed <- ended
	}()
	decoder := ui.Window().Get("TextDecoder").New()
	silence := time.AfterFunc(streamSilence, func() { controller.Call("abort") })
	for {
		chunk, err := await(reader.Call("read"))
		if err != nil || chunk.Get("done").Bool() {
			break
		}
		silence.Reset(streamSilence)
		text := decoder.Call("decode", chunk.Get("value"), map[string]any{"stream": true}).String()
		if _, err := pw.Write([]byte(text)); err != nil {
			break
		}
	}
	silence.Stop()
	pw.Close()
	ended := <-parsed
	return delivered, ended, nil
}

// deliver hands one event to the handler, unless the stream is stopped,
// and remembers its id to resume after; it says whether the class ended.
func (s *liveStream) deliver(e liveEvent) bool {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return false
	}
	if id, err := strconv.ParseUint(e.ID, 10, 64); err == nil {
		s.after, s.resume = id, true
	}
	s.mu.Unlock()
	s.on.event(e)
	return e.Name == wire.EventEnded
}
