package live

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"time"

	"oversight/live/wire"
)

// Config sets up a Hub. The zero Config is a hub in memory with the
// default limits and the system clock.
type Config struct {
	// NATSURL, when set, shares rooms through a NATS server with JetStream
	// (see README.md): every instance given the same URL and stream serves
	// every room. Empty keeps rooms in this process.
	NATSURL string
	// NATSStream and NATSSubject name the JetStream stream and the subject
	// prefix of its commands; defaults "OVERSIGHT_LIVE" and "oversight.live".
	NATSStream  string
	NATSSubject string

	// Limits default to DefaultLimits() when left zero.
	Limits Limits
	// Now is the clock for rate limits and expiry; default time.Now.
	Now func() time.Time
	// ClientAddress names the client of a request for per-address rate
	// limits; default RemoteAddress.
	ClientAddress func(*http.Request) string
	// Heartbeat is how often an idle event stream gets a comment, so that
	// proxies keep it open; default 20 s.
	Heartbeat time.Duration
	// SweepEvery is how often the hub ends expired rooms; default a minute,
	// negative never (call Sweep).
	SweepEvery time.Duration
	// Timeout bounds how long a request waits for its command to be
	// applied; default 5 s.
	Timeout time.Duration
	// Logf, when set, receives what the hub cannot report to a client.
	Logf func(format string, args ...any)
}

// Hub holds the live classes and serves their HTTP API (README.md): mount
// it with http.StripPrefix, e.g. mux.Handle("/live/",
// http.StripPrefix("/live", hub)).
type Hub struct {
	limits    Limits
	now       func() time.Time
	address   func(*http.Request) string
	heartbeat time.Duration
	timeout   time.Duration
	logf      func(string, ...any)
	log       commandLog
	handler   http.Handler

	// failures counts, per client address, requests that named no room;
	// creations counts rooms started.
	failures  *addressLimiter
	creations *addressLimiter

	mu          sync.Mutex
	rooms       *rooms
	subscribers map[string]map[*subscriber]struct{}
	streams     int

	done    chan struct{}
	stopped sync.WaitGroup
	closing sync.Once
}

// commandLog puts commands in one order for every instance and applies
// them: in this process, or through a NATS stream.
type commandLog interface {
	// submit applies c after every command submitted before it, on this
	// instance, and returns what applying it decided.
	submit(ctx context.Context, c command) (outcome, error)
	// sync returns once this instance has applied every command submitted
	// anywhere before the call.
	sync(ctx context.Context) error
	close() error
}

// New starts a hub; Close stops it.
func New(cfg Config) (*Hub, error) {
	return newHub(cfg, func(h *Hub) (commandLog, error) {
		if cfg.NATSURL == "" {
			return memoryLog{apply: h.apply}, nil
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		return openNATSLog(ctx, natsSettings{
			url: cfg.NATSURL, stream: cfg.NATSStream, subject: cfg.NATSSubject,
			limits: h.limits, timeout: h.timeout, logf: h.logf,
		}, h.apply)
	})
}

// newHub starts a hub on the command log that openLog opens for it.
func newHub(cfg Config, openLog func(*Hub) (commandLog, error)) (*Hub, error) {
	h := &Hub{
		limits:      cfg.Limits,
		now:         cfg.Now,
		address:     cfg.ClientAddress,
		heartbeat:   cfg.Heartbeat,
		timeout:     cfg.Timeout,
		logf:        cfg.Logf,
		subscribers: make(map[string]map[*subscriber]struct{}),
		done:        make(chan struct{}),
	}
	h.applyDefaults()
	h.rooms = newRooms(h.limits)
	h.failures = newAddressLimiter(h.limits.JoinFailureRate, h.limits.Addresses)
	h.creations = newAddressLimiter(h.limits.CreateRate, h.limits.Addresses)
	h.handler = h.routes()
	log, err := openLog(h)
	if err != nil {
		return nil, err
	}
	h.log = log
	if cfg.SweepEvery >= 0 {
		h.sweepEvery(orDefault(cfg.SweepEvery, time.Minute))
	}
	return h, nil
}

func (h *Hub) applyDefaults() {
	if h.limits == (Limits{}) {
		h.limits = DefaultLimits()
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.address == nil {
		h.address = RemoteAddress
	}
	if h.logf == nil {
		h.logf = func(string, ...any) {}
	}
	h.heartbeat = orDefault(h.heartbeat, 20*time.Second)
	h.timeout = orDefault(h.timeout, 5*time.Second)
}

// orDefault is d, or fallback when d is zero.
func orDefault(d, fallback time.Duration) time.Duration {
	if d == 0 {
		return fallback
	}
	return d
}

// ServeHTTP serves the API described in README.md.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.handler.ServeHTTP(w, r) }

// Close ends every event stream this instance serves and stops the hub.
// Rooms shared through NATS live on in the other instances.
func (h *Hub) Close() error {
	var err error
	h.closing.Do(func() {
		close(h.done)
		h.stopped.Wait()
		err = h.log.close()
	})
	return err
}

// apply is called by the command log for every command, in order.
func (h *Hub) apply(c command) outcome {
	h.mu.Lock()
	defer h.mu.Unlock()
	var seq uint64
	if r := h.rooms.byCode[c.Room]; r != nil {
		seq = r.seq
	}
	out := h.rooms.apply(c)
	if r := h.rooms.byCode[c.Room]; out.ended || r != nil && r.seq != seq {
		for s := range h.subscribers[c.Room] {
			s.notify()
		}
	}
	return out
}

// submit stamps a command with the time and applies it everywhere.
func (h *Hub) submit(ctx context.Context, c command) (outcome, error) {
	c.At = h.now().Round(0)
	if err := c.check(); err != nil {
		return refused(err), nil
	}
	return h.log.submit(ctx, c)
}

// Sweep ends the rooms idle for longer than Limits.IdleExpiry or older
// than Limits.Lifetime, which deletes their data, and forgets the client
// addresses whose rate limits have refilled.
func (h *Hub) Sweep(ctx context.Context) error {
	now := h.now()
	h.failures.forget(now)
	h.creations.forget(now)
	h.mu.Lock()
	var expired []string
	for code, r := range h.rooms.byCode {
		if h.rooms.expired(r, now) {
			expired = append(expired, code)
		}
	}
	h.mu.Unlock()
	slices.Sort(expired)
	var errs []error
	for _, code := range expired {
		if _, err := h.submit(ctx, command{Op: opExpire, Room: code}); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (h *Hub) sweepEvery(every time.Duration) {
	h.stopped.Add(1)
	go func() {
		defer h.stopped.Done()
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-h.done:
				return
			case <-tick.C:
				if err := h.Sweep(context.Background()); err != nil {
					h.logf("live: sweeping expired rooms: %v", err)
				}
			}
		}
	}()
}

// memoryLog applies commands at once: one process holds every room.
type memoryLog struct{ apply func(command) outcome }

func (l memoryLog) submit(_ context.Context, c command) (outcome, error) { return l.apply(c), nil }
func (memoryLog) sync(context.Context) error                             { return nil }
func (memoryLog) close() error                                           { return nil }

// A subscriber is one open event stream.
type subscriber struct {
	code     string
	room     *room
	audience audience
	wake     chan struct{}
}

// notify wakes the stream without blocking: one pending wake-up is enough,
// since the stream reads every event it has not sent from the room's log.
func (s *subscriber) notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// subscribe opens a stream on a room, within the caps on streams.
func (h *Hub) subscribe(code string, a audience) (*subscriber, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.rooms.byCode[code]
	if r == nil {
		return nil, errRoomNotFound()
	}
	if h.streams >= h.limits.Streams || len(h.subscribers[code]) >= h.limits.StreamsPerRoom {
		e := refuse(http.StatusServiceUnavailable, "too_many_streams", "this server has as many open streams as it may")
		e.RetryAfter = 10 * time.Second
		return nil, e
	}
	s := &subscriber{code: code, room: r, audience: a, wake: make(chan struct{}, 1)}
	if h.subscribers[code] == nil {
		h.subscribers[code] = make(map[*subscriber]struct{})
	}
	h.subscribers[code][s] = struct{}{}
	h.streams++
	return s, nil
}

func (h *Hub) unsubscribe(s *subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subscribers[s.code], s)
	if len(h.subscribers[s.code]) == 0 {
		delete(h.subscribers, s.code)
	}
	h.streams--
}

// next is what a stream that has sent every event up to after should send:
// the events since, or the full state (an event named "state") when they
// are no longer all kept, or ended when the room is gone.
func (h *Hub) next(s *subscriber, after uint64) (events []event, ended bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.rooms.byCode[s.code]
	if r != s.room {
		return nil, true
	}
	if after == r.seq {
		return nil, false
	}
	if events, complete := r.log.ring(s.audience).since(after); complete && after < r.seq {
		return events, false
	}
	return []event{r.stateEvent(s.audience)}, false
}

func (r *room) stateEvent(a audience) event {
	return event{id: r.seq, name: wire.EventState, data: mustJSON(r.view(a, tokenHash{}))}
}
