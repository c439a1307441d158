package live

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"oversight/live/wire"
)

// laggingLog orders commands for several instances in one process, each of
// which applies the others' commands only when it syncs: the worst a
// real instance can lag, on demand.
type laggingLog struct {
	mu       sync.Mutex
	replicas []*laggingReplica
}

type laggingReplica struct {
	shared  *laggingLog
	apply   func(command) outcome
	mu      sync.Mutex
	pending []command
}

// instance starts one more hub on the shared log.
func (l *laggingLog) instance(t *testing.T) *Hub {
	t.Helper()
	h, err := newHub(Config{SweepEvery: -1}, func(h *Hub) (commandLog, error) {
		r := &laggingReplica{shared: l, apply: h.apply}
		l.mu.Lock()
		l.replicas = append(l.replicas, r)
		l.mu.Unlock()
		return r, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

func (r *laggingReplica) submit(_ context.Context, c command) (outcome, error) {
	r.shared.mu.Lock()
	for _, other := range r.shared.replicas {
		other.mu.Lock()
		other.pending = append(other.pending, c)
		other.mu.Unlock()
	}
	r.shared.mu.Unlock()
	return r.catchUp(), nil
}

// catchUp applies every pending command and returns the last outcome.
func (r *laggingReplica) catchUp() outcome {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out outcome
	for _, c := range r.pending {
		out = r.apply(c)
	}
	r.pending = nil
	return out
}

func (r *laggingReplica) sync(context.Context) error {
	r.catchUp()
	return nil
}

func (r *laggingReplica) close() error { return nil }

func TestAnInstanceCatchesUpBeforeAnsweringAboutWhatItHasNotSeen(t *testing.T) {
	var log laggingLog
	a, b := log.instance(t), log.instance(t)
	c := startClass(t, a, 5)
	if b.hasRoom(c.code) {
		t.Fatal("the lagging instance knew the room before syncing: the test cannot tell")
	}

	// A room started on A, joined on B.
	student := caller{t: t, handler: b, addr: studentAddress}
	res := c.must(http.StatusOK, student.post("/join", map[string]any{"code": c.code}))
	var joined wire.JoinResponse
	res.decode(t, &joined)
	student.token = joined.StudentToken

	// A student who joined on B, known on A.
	onA := caller{t: t, handler: a, addr: studentAddress, token: student.token}
	c.must(http.StatusAccepted, onA.post(c.path("/questions"), map[string]any{"text": "Why?"}))
	c.openPoll(wire.PollSpec{Kind: "number", Prompt: "?"})
	c.must(http.StatusOK, student.post(c.path("/polls/1/answer"), map[string]any{"value": 1}))

	// A step on A, read on B.
	c.step(map[string]any{"step": 4})
	var view wire.RoomView
	c.must(http.StatusOK, student.get(c.path(""))).decode(t, &view)
	if view.Step != 4 || view.MyAnswer == nil {
		t.Fatalf("B shows %+v; want step 4 and the student's answer", view)
	}

	// A client that resumes on B after an event B has not applied yet.
	c.step(map[string]any{"step": 5})
	seen := c.seq()
	c.step(map[string]any{"step": 2})
	b.mu.Lock()
	behind := b.rooms.byCode[c.code].seq < seen
	b.mu.Unlock()
	if !behind {
		t.Fatal("B was not behind: the test cannot tell")
	}
	resumed := remote{t: t, base: serve(t, b)}.listen(c.code, itoa(seen))
	resumed.expect("step", `{"step":2}`)
}

func itoa(n uint64) string { return strconv.FormatUint(n, 10) }
