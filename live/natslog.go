package live

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// natsLog orders commands in a JetStream stream. Every instance reads the
// whole stream, in order, and applies each command to its own copy of every
// room: the instances hold the same rooms because they apply the same
// commands in the same order, and any of them can answer any request.
//
// A request's instance publishes its command and waits until it has
// applied it itself, which gives the request its outcome. The stream holds
// commands only until their room ends: ending a room purges its commands
// but the last, which tells a late instance that it ended.
type natsLog struct {
	conn    *nats.Conn
	js      jetstream.JetStream
	stream  jetstream.Stream
	subject string
	origin  string
	timeout time.Duration
	logf    func(string, ...any)
	apply   func(command) outcome
	consume jetstream.ConsumeContext

	mu       sync.Mutex
	waiting  map[uint64]chan outcome
	lastReq  uint64
	applied  uint64
	progress chan struct{}
}

type natsSettings struct {
	url, stream, subject string
	limits               Limits
	timeout              time.Duration
	logf                 func(string, ...any)
}

// streamMargin leaves room on a room's subject, past CommandsPerRoom, for
// the commands that end it and for commands refused in a race.
const streamMargin = 1000

// maxCommandBytes bounds one command on the stream; the largest valid one
// (a poll with eight long options) is a few kilobytes.
const maxCommandBytes = 16 << 10

func openNATSLog(ctx context.Context, s natsSettings, apply func(command) outcome) (*natsLog, error) {
	if s.stream == "" {
		s.stream = "OVERSIGHT_LIVE"
	}
	if s.subject == "" {
		s.subject = "oversight.live"
	}
	conn, err := nats.Connect(s.url, nats.Name("oversight live"), nats.MaxReconnects(-1))
	if err != nil {
		return nil, fmt.Errorf("live: connecting to NATS: %w", err)
	}
	l := &natsLog{
		conn: conn, subject: s.subject, origin: randomID(), timeout: s.timeout,
		logf: s.logf, apply: apply, waiting: make(map[uint64]chan outcome), progress: make(chan struct{}),
	}
	if err := l.start(ctx, s); err != nil {
		conn.Close()
		return nil, err
	}
	return l, nil
}

func (l *natsLog) start(ctx context.Context, s natsSettings) error {
	js, err := jetstream.New(l.conn)
	if err != nil {
		return fmt.Errorf("live: JetStream: %w", err)
	}
	l.js = js
	l.stream, err = js.CreateOrUpdateStream(ctx, streamConfig(s))
	if err != nil {
		return fmt.Errorf("live: creating stream %s: %w", s.stream, err)
	}
	consumer, err := js.OrderedConsumer(ctx, s.stream, jetstream.OrderedConsumerConfig{
		DeliverPolicy: jetstream.DeliverAllPolicy,
	})
	if err != nil {
		return fmt.Errorf("live: reading stream %s: %w", s.stream, err)
	}
	l.consume, err = consumer.Consume(l.receive)
	if err != nil {
		return fmt.Errorf("live: reading stream %s: %w", s.stream, err)
	}
	// Serve only once every room made before this instance started is here.
	if err := l.sync(ctx); err != nil {
		l.consume.Stop()
		return fmt.Errorf("live: catching up with stream %s: %w", s.stream, err)
	}
	return nil
}

// streamConfig bounds the stream: per room by the commands a room may
// receive, in all by bytes, and in time by a room's lifetime; new commands
// are refused, never old ones dropped, since an instance that starts later
// rebuilds the rooms from the first command on.
func streamConfig(s natsSettings) jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:                 s.stream,
		Description:          "Oversight Explorer live classes: the commands of every live room",
		Subjects:             []string{s.subject + ".room.*"},
		Storage:              jetstream.FileStorage,
		Discard:              jetstream.DiscardNew,
		DiscardNewPerSubject: true,
		MaxMsgsPerSubject:    int64(s.limits.CommandsPerRoom + streamMargin),
		MaxAge:               s.limits.Lifetime + time.Hour,
		MaxBytes:             1 << 30,
		MaxMsgSize:           maxCommandBytes,
	}
}

func (l *natsLog) roomSubject(code string) string { return l.subject + ".room." + code }

// receive applies one command from the stream, in stream order.
func (l *natsLog) receive(msg jetstream.Msg) {
	meta, err := msg.Metadata()
	if err != nil {
		l.logf("live: a message without metadata on the stream: %v", err)
		return
	}
	var c command
	var out outcome
	if err := json.Unmarshal(msg.Data(), &c); err != nil {
		l.logf("live: unreadable command %d: %v", meta.Sequence.Stream, err)
	} else {
		out = l.apply(c)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if c.Origin == l.origin {
		if waiter := l.waiting[c.Req]; waiter != nil {
			waiter <- out
			delete(l.waiting, c.Req)
		}
	}
	if seq := meta.Sequence.Stream; seq > l.applied {
		l.applied = seq
		close(l.progress)
		l.progress = make(chan struct{})
	}
}

func (l *natsLog) submit(ctx context.Context, c command) (outcome, error) {
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	waiter := make(chan outcome, 1)
	l.mu.Lock()
	l.lastReq++
	c.Origin, c.Req = l.origin, l.lastReq
	l.waiting[c.Req] = waiter
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		delete(l.waiting, c.Req)
		l.mu.Unlock()
	}()
	data, err := json.Marshal(c)
	if err != nil {
		return outcome{}, err
	}
	ack, err := l.js.Publish(ctx, l.roomSubject(c.Room), data)
	if err != nil {
		return outcome{}, fmt.Errorf("live: publishing a command: %w", err)
	}
	select {
	case out := <-waiter:
		if out.ended {
			l.purge(ctx, c.Room, ack.Sequence)
		}
		return out, nil
	case <-ctx.Done():
		return outcome{}, ctx.Err()
	}
}

// purge deletes an ended room's commands from the stream, all but the
// command that ended it.
func (l *natsLog) purge(ctx context.Context, code string, endSeq uint64) {
	err := l.stream.Purge(ctx, jetstream.WithPurgeSubject(l.roomSubject(code)), jetstream.WithPurgeSequence(endSeq))
	if err != nil {
		l.logf("live: purging room %s: %v", code, err)
	}
}

func (l *natsLog) sync(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	info, err := l.stream.Info(ctx)
	if err != nil {
		return fmt.Errorf("live: reading the stream's state: %w", err)
	}
	if info.State.Msgs == 0 {
		return nil
	}
	for {
		l.mu.Lock()
		applied, progress := l.applied, l.progress
		l.mu.Unlock()
		if applied >= info.State.LastSeq {
			return nil
		}
		select {
		case <-progress:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (l *natsLog) close() error {
	l.consume.Stop()
	l.conn.Close()
	return nil
}

// randomID names this instance in the commands it publishes.
func randomID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
