package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"oversight/internal/eventstream"
	"oversight/live/wire"
)

// workers bounds the requests the setup sends at once.
const workers = 32

// classRun is one room of the load test.
type classRun struct {
	code, token string
	// sent holds, for each step, when its teacher sent it (Unix ns).
	sent      []atomic.Int64
	followers []*follower
}

// run measures one mode: "memory" (one instance) or "nats" (two).
func run(ctx context.Context, mode string, p plan) (*report, error) {
	teachers, students, err := startMode(ctx, mode)
	if err != nil {
		return nil, err
	}
	defer teachers.stop()
	others := teachers
	if students != teachers {
		defer students.stop()
	}
	before, err := students.memory(ctx)
	if err != nil {
		return nil, err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * workers}}
	classes, err := startClasses(ctx, client, teachers.api(), p)
	if err != nil {
		return nil, err
	}
	if err := joinAll(ctx, client, students.api(), others.api(), classes, p); err != nil {
		return nil, err
	}
	streams := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1, DisableCompression: true}}
	var following sync.WaitGroup
	ready, finished := newCounter(p.rooms*p.students), newCounter(p.rooms*p.students)
	for _, c := range classes {
		for _, f := range c.followers {
			following.Go(func() { f.follow(ctx, streams, p, ready, finished) })
		}
	}
	if err := ready.wait(ctx); err != nil {
		return nil, fmt.Errorf("students connecting: %w", err)
	}
	after, err := students.memory(ctx)
	if err != nil {
		return nil, err
	}
	if err := teachAll(ctx, client, teachers.api(), classes, p); err != nil {
		return nil, err
	}
	if err := finished.wait(ctx); err != nil {
		return nil, fmt.Errorf("students receiving the last step: %w", err)
	}
	if err := endAll(ctx, client, teachers.api(), classes); err != nil {
		return nil, err
	}
	following.Wait()
	instances := 1
	if mode == "nats" {
		instances = 2
	}
	return newReport(mode, instances, p, classes, before, after), nil
}

// startMode starts the instances of a mode: where teachers and students
// connect (the same instance in memory, two instances over NATS).
func startMode(ctx context.Context, mode string) (teachers, students *instance, err error) {
	switch mode {
	case "memory":
		one, err := startInstance(ctx, "")
		return one, one, err
	case "nats":
		url, stopNATS, err := startNATS()
		if err != nil {
			return nil, nil, err
		}
		context.AfterFunc(ctx, stopNATS)
		if teachers, err = startInstance(ctx, url); err != nil {
			return nil, nil, err
		}
		if students, err = startInstance(ctx, url); err != nil {
			teachers.stop()
			return nil, nil, err
		}
		return teachers, students, nil
	}
	return nil, nil, fmt.Errorf("unknown mode %q (memory or nats)", mode)
}

func startClasses(ctx context.Context, client *http.Client, api string, p plan) ([]*classRun, error) {
	classes := make([]*classRun, p.rooms)
	err := forEach(ctx, p.rooms, workers, func(i int) error {
		var created wire.CreateResponse
		body := wire.CreateRequest{Tour: "load-test", Steps: p.steps + 1}
		if err := call(ctx, client, "POST", api+"/rooms", "", body, http.StatusCreated, &created); err != nil {
			return err
		}
		classes[i] = &classRun{code: created.Code, token: created.TeacherToken, sent: make([]atomic.Int64, p.steps+2)}
		return nil
	})
	return classes, err
}

// joinAll joins every student; the first killed() of each room will drop
// halfway and reconnect to the other instance.
func joinAll(ctx context.Context, client *http.Client, api, other string, classes []*classRun, p plan) error {
	for _, c := range classes {
		c.followers = make([]*follower, p.students)
	}
	return forEach(ctx, len(classes)*p.students, workers, func(i int) error {
		c, n := classes[i/p.students], i%p.students
		var joined wire.JoinResponse
		if err := call(ctx, client, "POST", api+"/join", "", wire.JoinRequest{Code: c.code}, http.StatusOK, &joined); err != nil {
			return err
		}
		c.followers[n] = &follower{
			class: c, token: joined.StudentToken, api: api, other: other,
			drops: n < p.killed(), lastStep: p.steps + 1,
		}
		return nil
	})
}

// teachAll runs every teacher at once, their steps spread evenly across
// the interval; halfway, each room's chosen students drop.
func teachAll(ctx context.Context, client *http.Client, api string, classes []*classRun, p plan) error {
	start := time.Now()
	return forEach(ctx, len(classes), len(classes), func(r int) error {
		c := classes[r]
		offset := time.Duration(r) * p.interval / time.Duration(len(classes))
		for i := 1; i <= p.steps; i++ {
			if err := sleepUntil(ctx, start.Add(offset+time.Duration(i-1)*p.interval)); err != nil {
				return err
			}
			step := i + 1
			c.sent[step].Store(time.Now().UnixNano())
			if err := call(ctx, client, "POST", api+"/rooms/"+c.code+"/step", c.token, wire.StepRequest{Step: step}, http.StatusOK, nil); err != nil {
				return err
			}
			if i == p.steps/2 {
				for _, f := range c.followers {
					if f.drops {
						f.drop(2 * p.interval)
					}
				}
			}
		}
		return nil
	})
}

func endAll(ctx context.Context, client *http.Client, api string, classes []*classRun) error {
	return forEach(ctx, len(classes), workers, func(i int) error {
		return call(ctx, client, "DELETE", api+"/rooms/"+classes[i].code, classes[i].token, nil, http.StatusNoContent, nil)
	})
}

// follower is one student's device: it follows the room's event stream,
// noting each step and when it came.
type follower struct {
	class      *classRun
	token      string
	api, other string
	drops      bool
	lastStep   int

	mu            sync.Mutex
	cancel        context.CancelFunc
	pause         time.Duration
	lastID        string
	steps         []int
	latencies     []time.Duration
	replayed      int
	resyncs       int
	reconnects    int
	reconnectedAt time.Time
	unexpected    int
	complete      bool
}

// maxConnects bounds a follower's connections: the first, the planned
// reconnect, and a few unplanned ones, which the report counts.
const maxConnects = 6

func (f *follower) follow(ctx context.Context, client *http.Client, p plan, ready, finished *counter) {
	for attempt := range maxConnects {
		streamCtx, cancel := context.WithCancel(ctx)
		f.mu.Lock()
		f.cancel = cancel
		f.mu.Unlock()
		ended := f.stream(streamCtx, client, attempt == 0, ready, finished)
		cancel()
		if ended || ctx.Err() != nil {
			return
		}
		f.mu.Lock()
		pause := f.pause
		f.pause = 0
		if pause == 0 {
			f.unexpected++
			pause = 100 * time.Millisecond
		} else {
			// A dropped student comes back on the other instance.
			f.api = f.other
		}
		f.mu.Unlock()
		if sleepUntil(ctx, time.Now().Add(pause)) != nil {
			return
		}
		f.mu.Lock()
		f.reconnects++
		f.reconnectedAt = time.Now()
		f.mu.Unlock()
	}
}

// drop closes the student's connection, to reconnect after pause.
func (f *follower) drop(pause time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pause = pause
	f.cancel()
}

// stream reads one connection until it breaks or the class ends.
func (f *follower) stream(ctx context.Context, client *http.Client, first bool, ready, finished *counter) (ended bool) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, f.api+"/rooms/"+f.class.code+"/events", nil)
	req.Header.Set("Authorization", "Bearer "+f.token)
	f.mu.Lock()
	if f.lastID != "" {
		req.Header.Set("Last-Event-ID", f.lastID)
	}
	f.mu.Unlock()
	res, err := client.Do(req)
	if err != nil {
		return false
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return false
	}
	events := eventstream.NewReader(res.Body)
	for {
		e, err := events.Next()
		if err != nil {
			return false
		}
		now := time.Now()
		switch e.Name {
		case wire.EventEnded:
			return true
		case wire.EventState:
			if first {
				ready.done()
				first = false
			} else {
				f.mu.Lock()
				f.resyncs++
				f.mu.Unlock()
			}
		case wire.EventStep:
			var s wire.StepEvent
			json.Unmarshal([]byte(e.Data), &s)
			if f.record(s.Step, now) {
				finished.done()
			}
		}
		if e.ID != "" {
			f.mu.Lock()
			f.lastID = e.ID
			f.mu.Unlock()
		}
	}
}

// record notes a step; it says whether that step completes the class.
func (f *follower) record(step int, at time.Time) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.steps = append(f.steps, step)
	if step < 0 || step >= len(f.class.sent) {
		return false
	}
	sent := time.Unix(0, f.class.sent[step].Load())
	if !f.reconnectedAt.IsZero() && sent.Before(f.reconnectedAt) {
		// Sent while the student was away: replayed on resume.
		f.replayed++
	} else {
		f.latencies = append(f.latencies, at.Sub(sent))
	}
	if step == f.lastStep && !f.complete {
		f.complete = true
		return true
	}
	return false
}

// counter is a WaitGroup that a context can stop waiting for.
type counter struct {
	left atomic.Int64
	zero chan struct{}
}

func newCounter(n int) *counter {
	c := &counter{zero: make(chan struct{})}
	c.left.Store(int64(n))
	return c
}

func (c *counter) done() {
	if c.left.Add(-1) == 0 {
		close(c.zero)
	}
}

func (c *counter) wait(ctx context.Context) error {
	select {
	case <-c.zero:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%d still waited for: %w", c.left.Load(), ctx.Err())
	}
}

// forEach runs do(0..n-1) on at most parallel goroutines and returns the
// errors.
func forEach(ctx context.Context, n, parallel int, do func(int) error) error {
	var (
		wg    sync.WaitGroup
		next  atomic.Int64
		errMu sync.Mutex
		first error
	)
	for range min(parallel, n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				if err := do(i); err != nil {
					errMu.Lock()
					first = errors.Join(first, err)
					errMu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	return first
}

func sleepUntil(ctx context.Context, t time.Time) error {
	timer := time.NewTimer(time.Until(t))
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// call sends one JSON request to the API and decodes the answer into out.
func call(ctx context.Context, client *http.Client, method, url, token string, body any, want int, out any) error {
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, reader)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		return fmt.Errorf("%s %s: %s %s", method, url, strconv.Itoa(res.StatusCode), data)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}
