package live

// audience is who an event or a view is for. The teacher sees everything;
// students never see answer counts before a reveal, pending questions or
// the roster.
type audience int

const (
	studentAudience audience = iota
	teacherAudience
)

// event is one Server-Sent Event. Ids are a room's sequence, the same on
// every instance, shared by both audiences: a student sees gaps where the
// teacher had events of their own.
type event struct {
	id   uint64
	name string
	data []byte
}

// ring keeps the last events of one audience, at most its capacity, and
// the newest id it has let go.
type ring struct {
	events  []event
	start   int
	dropped uint64
}

func (r *ring) add(e event, capacity int) {
	if len(r.events) < capacity {
		r.events = append(r.events, e)
		return
	}
	r.dropped = r.events[r.start].id
	r.events[r.start] = e
	r.start = (r.start + 1) % len(r.events)
}

// since returns the events after id, in order. complete is false when some
// of them were already let go: the client needs the full state instead.
func (r *ring) since(id uint64) (events []event, complete bool) {
	if id < r.dropped {
		return nil, false
	}
	n := len(r.events)
	for i := range n {
		if e := r.events[(r.start+i)%n]; e.id > id {
			events = append(events, e)
		}
	}
	return events, true
}

// eventLog is a room's two rings: what students may see, and everything.
type eventLog struct {
	capacity int
	student  ring
	teacher  ring
}

func (l *eventLog) ring(a audience) *ring {
	if a == teacherAudience {
		return &l.teacher
	}
	return &l.student
}
