package live

import (
	"encoding/json"
	"net/http"
	"slices"
	"time"

	"oversight/live/wire"
)

// rooms is the replicated state: every room of the deployment. Only apply
// changes it, so instances that apply the same commands agree.
type rooms struct {
	limits Limits
	byCode map[string]*room
}

func newRooms(limits Limits) *rooms {
	return &rooms{limits: limits, byCode: make(map[string]*room)}
}

// room is one live class.
type room struct {
	code     string
	tour     string
	steps    int
	step     int
	teacher  tokenHash
	started  time.Time
	active   time.Time
	commands int

	students     []student
	studentIndex map[tokenHash]int
	polls        []*poll
	questions    []*question
	asked        int

	seq uint64
	log eventLog
}

type student struct {
	nickname  string
	asked     int
	answers   bucket
	questions bucket
}

type poll struct {
	id       int
	spec     wire.PollSpec
	status   string // wire.PollOpen, PollRevealed or PollClosed
	revealed bool
	opened   time.Time
	// answers are kept in student order, so that sums and exports come out
	// the same on every instance.
	answers []answer
}

type answer struct {
	student int
	choice  int
	value   float64
}

type question struct {
	id       int
	text     string
	approved bool
	asked    time.Time
}

// apply changes the rooms by one command and says what it decided.
func (s *rooms) apply(c command) outcome {
	if err := c.check(); err != nil {
		return refused(err)
	}
	if c.Op == opCreate {
		return s.create(&c)
	}
	r := s.byCode[c.Room]
	if r == nil {
		return refused(errRoomNotFound())
	}
	switch c.Op {
	case opEnd:
		if err := r.teacherOnly(&c); err != nil {
			return refused(err)
		}
		delete(s.byCode, r.code)
		return outcome{ended: true}
	case opExpire:
		if !s.expired(r, c.At) {
			return outcome{}
		}
		delete(s.byCode, r.code)
		return outcome{ended: true}
	}
	if r.commands >= s.limits.CommandsPerRoom {
		return refused(errLimit(wire.ErrRoomBusy, "this class has received all the commands it may"))
	}
	r.commands++
	out := s.applyToRoom(r, &c)
	if out.err == nil && c.At.After(r.active) {
		r.active = c.At
	}
	return out
}

func (s *rooms) applyToRoom(r *room, c *command) outcome {
	switch c.Op {
	case opJoin:
		return r.join(c, s.limits)
	case opStep:
		return r.moveTo(c)
	case opOpen:
		return r.open(c, s.limits)
	case opReveal, opClose:
		return r.finishPoll(c)
	case opAnswer:
		return r.answer(c, s.limits)
	case opAsk:
		return r.ask(c, s.limits)
	case opApprove:
		return r.approve(c)
	case opDismiss:
		return r.dismiss(c)
	}
	return refused(badRequest("unknown command %q", c.Op))
}

func (s *rooms) expired(r *room, now time.Time) bool {
	return now.Sub(r.active) >= s.limits.IdleExpiry || now.Sub(r.started) >= s.limits.Lifetime
}

func (s *rooms) create(c *command) outcome {
	if s.byCode[c.Room] != nil {
		return refused(errLimit(codeTaken, "this code is in use"))
	}
	if len(s.byCode) >= s.limits.Rooms {
		return refused(refuse(http.StatusServiceUnavailable, wire.ErrTooManyRooms, "this server runs as many live classes as it may; try again later"))
	}
	s.byCode[c.Room] = &room{
		code: c.Room, tour: c.Tour, steps: c.Steps, step: c.Step,
		teacher: c.Auth, started: c.At, active: c.At,
		studentIndex: make(map[tokenHash]int),
		log:          eventLog{capacity: s.limits.EventLog},
	}
	return outcome{}
}

func (r *room) join(c *command, limits Limits) outcome {
	if len(r.students) >= limits.StudentsPerRoom {
		return refused(errLimit(wire.ErrRoomFull, "this class has as many students as it may"))
	}
	if _, taken := r.studentIndex[c.Auth]; taken || r.teacher.equal(c.Auth) {
		return refused(badRequest("this token is in use"))
	}
	r.studentIndex[c.Auth] = len(r.students)
	r.students = append(r.students, student{nickname: c.Nickname})
	r.emit(wire.EventStudents, nil, wire.StudentsEvent{Students: len(r.students), Nickname: c.Nickname})
	return outcome{}
}

func (r *room) moveTo(c *command) outcome {
	if err := r.teacherOnly(c); err != nil {
		return refused(err)
	}
	step := c.Step
	switch c.Move {
	case "next":
		step = min(r.step+1, r.steps)
	case "previous":
		step = max(r.step-1, 1)
	default:
		if err := c.checkStep(r.steps); err != nil {
			return refused(err)
		}
	}
	if step != r.step {
		r.step = step
		payload := wire.StepEvent{Step: step}
		r.emit(wire.EventStep, payload, payload)
	}
	return outcome{}
}

func (r *room) open(c *command, limits Limits) outcome {
	if err := r.teacherOnly(c); err != nil {
		return refused(err)
	}
	if len(r.polls) >= limits.PollsPerRoom {
		return refused(errLimit(wire.ErrTooManyPolls, "this class has asked as many polls as it may"))
	}
	if current := r.currentPoll(); current != nil {
		current.status = wire.PollClosed
	}
	p := &poll{id: len(r.polls) + 1, spec: *c.Poll, status: wire.PollOpen, opened: c.At}
	r.polls = append(r.polls, p)
	r.emitPoll(p)
	return outcome{id: p.id}
}

// finishPoll reveals a poll's results to the class (which stops answers)
// or closes it (which takes it off the students' screens).
func (r *room) finishPoll(c *command) outcome {
	if err := r.teacherOnly(c); err != nil {
		return refused(err)
	}
	p, err := r.poll(c.Target)
	if err != nil {
		return refused(err)
	}
	switch {
	case c.Op == opClose && p.status != wire.PollClosed:
		p.status = wire.PollClosed
	case c.Op == opReveal && p.status == wire.PollOpen:
		p.status, p.revealed = wire.PollRevealed, true
	case c.Op == opReveal && p.status == wire.PollClosed:
		return refused(errLimit(wire.ErrPollClosed, "a closed poll cannot be revealed"))
	default:
		return outcome{id: p.id}
	}
	r.emitPoll(p)
	return outcome{id: p.id}
}

func (r *room) answer(c *command, limits Limits) outcome {
	s, err := r.student(c)
	if err != nil {
		return refused(err)
	}
	p, err := r.poll(c.Target)
	if err != nil {
		return refused(err)
	}
	if p.status != wire.PollOpen {
		return refused(errLimit(wire.ErrPollClosed, "this poll takes no more answers"))
	}
	a := answer{student: r.studentIndex[c.Auth]}
	switch {
	case p.spec.Kind == wire.KindChoice && c.Choice != nil && *c.Choice >= 0 && *c.Choice < len(p.spec.Options):
		a.choice = *c.Choice
	case p.spec.Kind == wire.KindNumber && c.Value != nil && admits(&p.spec, *c.Value):
		a.value = *c.Value
	default:
		return refused(badRequest("this answer does not fit the poll"))
	}
	if ok, retry := s.answers.take(c.At, limits.AnswerRate); !ok {
		return refused(rateLimited(retry))
	}
	p.record(a)
	r.emit(wire.EventAnswers, nil, wire.AnswersEvent{Poll: p.id, Answers: len(p.answers), Results: p.results()})
	return outcome{id: p.id}
}

// admits says whether a value is within a number poll's bounds.
func admits(p *wire.PollSpec, v float64) bool {
	return (p.Min == nil || v >= *p.Min) && (p.Max == nil || v <= *p.Max)
}

// record keeps one answer per student, the latest.
func (p *poll) record(a answer) {
	i, found := slices.BinarySearchFunc(p.answers, a.student, func(x answer, s int) int { return x.student - s })
	if found {
		p.answers[i] = a
		return
	}
	p.answers = slices.Insert(p.answers, i, a)
}

func (r *room) ask(c *command, limits Limits) outcome {
	s, err := r.student(c)
	if err != nil {
		return refused(err)
	}
	if r.asked >= limits.QuestionsPerRoom {
		return refused(errLimit(wire.ErrTooManyQuestions, "this class has asked as many questions as it may"))
	}
	if s.asked >= limits.QuestionsPerStudent {
		return refused(errLimit(wire.ErrTooManyQuestions, "you have asked as many questions as you may"))
	}
	if ok, retry := s.questions.take(c.At, limits.QuestionRate); !ok {
		return refused(rateLimited(retry))
	}
	s.asked++
	r.asked++
	q := &question{id: r.asked, text: c.Text, asked: c.At}
	r.questions = append(r.questions, q)
	r.emit(wire.EventQuestion, nil, q.view())
	return outcome{id: q.id}
}

func (r *room) approve(c *command) outcome {
	if err := r.teacherOnly(c); err != nil {
		return refused(err)
	}
	i, err := r.question(c.Target)
	if err != nil {
		return refused(err)
	}
	if q := r.questions[i]; !q.approved {
		q.approved = true
		r.emit(wire.EventQuestion, q.view(), q.view())
	}
	return outcome{id: c.Target}
}

func (r *room) dismiss(c *command) outcome {
	if err := r.teacherOnly(c); err != nil {
		return refused(err)
	}
	i, err := r.question(c.Target)
	if err != nil {
		return refused(err)
	}
	q := r.questions[i]
	r.questions = slices.Delete(r.questions, i, i+1)
	removed := wire.QuestionRemovedEvent{ID: q.id}
	if q.approved {
		r.emit(wire.EventQuestionRemoved, removed, removed)
	} else {
		r.emit(wire.EventQuestionRemoved, nil, removed)
	}
	return outcome{id: q.id}
}

func (r *room) poll(id int) (*poll, *apiError) {
	if id < 1 || id > len(r.polls) {
		return nil, refuse(http.StatusNotFound, wire.ErrPollNotFound, "this class has no poll %d", id)
	}
	return r.polls[id-1], nil
}

func (r *room) currentPoll() *poll {
	if len(r.polls) == 0 {
		return nil
	}
	return r.polls[len(r.polls)-1]
}

func (r *room) question(id int) (int, *apiError) {
	for i, q := range r.questions {
		if q.id == id {
			return i, nil
		}
	}
	return 0, refuse(http.StatusNotFound, wire.ErrQuestionNotFound, "this class has no question %d", id)
}

// emit records one event under the room's next id: toStudents (nil for
// none) for students, toTeacher for the teacher.
func (r *room) emit(name string, toStudents, toTeacher any) {
	r.seq++
	if toStudents != nil {
		r.log.student.add(event{id: r.seq, name: name, data: mustJSON(toStudents)}, r.log.capacity)
	}
	r.log.teacher.add(event{id: r.seq, name: name, data: mustJSON(toTeacher)}, r.log.capacity)
}

func (r *room) emitPoll(p *poll) {
	r.emit(wire.EventPoll, p.view(studentAudience), p.view(teacherAudience))
}

// mustJSON encodes the package's own event types, which always encode.
func mustJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return data
}
