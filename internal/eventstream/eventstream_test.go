package eventstream

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReaderReadsEventsAndSkipsCommentsAndRetry(t *testing.T) {
	stream := "retry: 2000\n\n: ping\n\nid: 3\nevent: step\ndata: {\"step\":2}\n\n" +
		"data: a\ndata: b\n\nevent: ended\ndata: {}\n\n"
	r := NewReader(strings.NewReader(stream))
	want := []Event{
		{ID: "3", Name: "step", Data: `{"step":2}`},
		{Name: "message", Data: "a\nb"},
		{Name: "ended", Data: "{}"},
	}
	for i, w := range want {
		got, err := r.Next()
		if err != nil || got != w {
			t.Fatalf("event %d = %+v, %v; want %+v", i, got, err, w)
		}
	}
	if _, err := r.Next(); !errors.Is(err, io.EOF) {
		t.Fatalf("after the last event: %v, want io.EOF", err)
	}
}

func TestEventsComeOnAChannelThatClosesWithTheStream(t *testing.T) {
	events := Events(strings.NewReader("id: 1\nevent: step\ndata: {}\n\n: ping\n\nevent: ended\ndata: {}\n\n"), 0)
	var names []string
	for e := range events {
		names = append(names, e.Name)
	}
	if strings.Join(names, " ") != "step ended" {
		t.Fatalf("the channel brought %v, want step and ended, then closed", names)
	}
}
