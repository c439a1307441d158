// Package eventstream reads Server-Sent Events (text/event-stream), for the
// app's live classes (which read the stream from fetch(), to send a
// header), their tests and the load tool: what a browser's EventSource
// does, without the reconnecting, which its callers do themselves.
package eventstream

import (
	"bufio"
	"io"
	"strings"
)

// Event is one event: its id (empty when the event has none), name
// ("message" when the stream names none) and data, lines joined by "\n".
type Event struct {
	ID   string
	Name string
	Data string
}

// Reader reads events from a stream, skipping comments and retry fields.
type Reader struct {
	lines *bufio.Scanner
}

// maxLine bounds one line of the stream.
const maxLine = 1 << 20

// NewReader reads events from r.
func NewReader(r io.Reader) *Reader {
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 0, 4096), maxLine)
	return &Reader{lines: s}
}

// Next returns the next event, or the error that ended the stream (io.EOF
// when it ended cleanly).
func (r *Reader) Next() (Event, error) {
	var e Event
	var data []string
	started := false
	for r.lines.Scan() {
		line := r.lines.Text()
		if line == "" {
			if started {
				e.Data = strings.Join(data, "\n")
				if e.Name == "" {
					e.Name = "message"
				}
				return e, nil
			}
			continue
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "id":
			e.ID, started = value, true
		case "event":
			e.Name, started = value, true
		case "data":
			data, started = append(data, value), true
		}
	}
	if err := r.lines.Err(); err != nil {
		return Event{}, err
	}
	return Event{}, io.EOF
}

// Events reads r's events on a goroutine of its own into a channel of the
// given capacity, which is closed when the stream ends or breaks: for a
// test that waits for the next event with a time limit.
func Events(r io.Reader, capacity int) <-chan Event {
	events := make(chan Event, capacity)
	go func() {
		defer close(events)
		reader := NewReader(r)
		for {
			e, err := reader.Next()
			if err != nil {
				return
			}
			events <- e
		}
	}()
	return events
}
