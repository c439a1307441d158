package live

import (
	"io"
	"net/http"
	"strconv"
	"time"

	"oversight/live/wire"
)

// writeTimeout drops a client that does not read its stream: a write that
// has not gone through in this long ends the stream, which frees its
// buffers; the client reconnects and resumes.
const writeTimeout = 10 * time.Second

// retryMillis is how long a browser's EventSource waits to reconnect.
const retryMillis = 2000

// events streams a room's events (README.md): the full state first, or
// with Last-Event-ID every event since; then each event as it happens.
func (h *Hub) events(w http.ResponseWriter, r *http.Request) {
	code, _, who, ok := h.anyone(w, r)
	if !ok {
		return
	}
	after, resume := lastEventID(r)
	if resume && !h.reached(code, after) {
		// The client saw events on another instance that this one has not
		// applied yet.
		if err := h.log.sync(r.Context()); err != nil {
			writeError(w, err)
			return
		}
	}
	sub, err := h.subscribe(code, who)
	if err != nil {
		writeError(w, err)
		return
	}
	defer h.unsubscribe(sub)

	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	out := sseWriter{w: w, rc: http.NewResponseController(w)}
	out.begin()
	io.WriteString(w, "retry: "+strconv.Itoa(retryMillis)+"\n\n")
	if !resume {
		// A fresh client starts from the full state, whatever id it names.
		after = ^uint64(0)
	}
	heartbeat := time.NewTicker(h.heartbeat)
	defer heartbeat.Stop()
	for {
		events, ended := h.next(sub, after)
		out.begin()
		for _, e := range events {
			out.event(e)
			after = e.id
		}
		if ended {
			out.event(event{name: wire.EventEnded, data: []byte("{}")})
			out.flush()
			return
		}
		if out.flush() != nil {
			return
		}
		select {
		case <-sub.wake:
		case <-heartbeat.C:
			out.begin()
			io.WriteString(w, ": ping\n\n")
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		}
	}
}

// reached says whether this instance has applied the room's event id.
func (h *Hub) reached(code string, id uint64) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.rooms.byCode[code]
	return r != nil && r.seq >= id
}

// lastEventID is where a reconnecting client resumes: the Last-Event-ID
// header an EventSource sends, or ?after= for a client that opens a new
// stream after a reload.
func lastEventID(r *http.Request) (uint64, bool) {
	text := r.Header.Get("Last-Event-ID")
	if text == "" {
		text = r.URL.Query().Get("after")
	}
	id, err := strconv.ParseUint(text, 10, 64)
	return id, err == nil
}

// sseWriter writes the text/event-stream format, into the response's own
// buffer: a stream holds no other.
type sseWriter struct {
	w  http.ResponseWriter
	rc *http.ResponseController
}

// begin gives the writes that follow, up to the next flush, writeTimeout
// to go through.
func (s sseWriter) begin() { s.rc.SetWriteDeadline(time.Now().Add(writeTimeout)) }

// event writes one event; data is one line of JSON. The "ended" event has
// no id, so a client keeps the id of the last event of the room.
func (s sseWriter) event(e event) {
	if e.name != wire.EventEnded {
		io.WriteString(s.w, "id: "+strconv.FormatUint(e.id, 10)+"\n")
	}
	io.WriteString(s.w, "event: "+e.name+"\ndata: ")
	s.w.Write(e.data)
	io.WriteString(s.w, "\n\n")
}

func (s sseWriter) flush() error { return s.rc.Flush() }
