package live

import (
	"math"
	"net/http"
	"time"

	"oversight/live/wire"
)

// op names what a command does to a room.
type op string

const (
	opCreate  op = "create"
	opJoin    op = "join"
	opStep    op = "step"
	opOpen    op = "open"
	opReveal  op = "reveal"
	opClose   op = "close"
	opAnswer  op = "answer"
	opAsk     op = "ask"
	opApprove op = "approve"
	opDismiss op = "dismiss"
	opEnd     op = "end"
	opExpire  op = "expire"
)

// command is one change to one room. Every instance applies the same
// commands in the same order and reaches the same state, so a command
// carries everything its effect depends on: the time it was made, and the
// hash of the token that made it (or, for create and join, of the token it
// hands out).
type command struct {
	Op   op        `json:"op"`
	Room string    `json:"room"`
	At   time.Time `json:"at"`
	Auth tokenHash `json:"auth"`

	// Origin and Req name the instance and request waiting for the outcome.
	Origin string `json:"origin,omitempty"`
	Req    uint64 `json:"req,omitempty"`

	Tour     string         `json:"tour,omitempty"`
	Steps    int            `json:"steps,omitempty"`
	Step     int            `json:"step,omitempty"`
	Move     string         `json:"move,omitempty"`
	Nickname string         `json:"nickname,omitempty"`
	Poll     *wire.PollSpec `json:"poll,omitempty"`
	Target   int            `json:"target,omitempty"`
	Choice   *int           `json:"choice,omitempty"`
	Value    *float64       `json:"value,omitempty"`
	Text     string         `json:"text,omitempty"`
}

// check refuses a command whose fields are out of bounds. Instances run it
// before sending a command and again when applying one, so nothing that
// arrives on the stream can break a room.
func (c *command) check() *apiError {
	switch c.Op {
	case opCreate:
		if !wire.ValidTour(c.Tour) {
			return badRequest("tour must be a tour id (a-z, 0-9, -), at most %d characters", wire.MaxTour)
		}
		if c.Steps < 1 || c.Steps > wire.MaxSteps {
			return badRequest("steps must be from 1 to %d", wire.MaxSteps)
		}
		return c.checkStep(c.Steps)
	case opJoin:
		return checkText("nickname", &c.Nickname, wire.MaxNickname, false, false)
	case opStep:
		if c.Move != "" && c.Move != wire.MoveNext && c.Move != wire.MovePrevious {
			return badRequest("move must be %q or %q", wire.MoveNext, wire.MovePrevious)
		}
		if c.Move == "" {
			return c.checkStep(wire.MaxSteps)
		}
	case opOpen:
		if c.Poll == nil {
			return badRequest("a poll is needed")
		}
		return checkPoll(c.Poll)
	case opAnswer:
		if (c.Choice == nil) == (c.Value == nil) {
			return badRequest("an answer has either a choice or a value")
		}
		if c.Value != nil && !finite(*c.Value) {
			return badRequest("value must be a finite number")
		}
	case opAsk:
		return checkText("text", &c.Text, wire.MaxQuestion, true, true)
	}
	return nil
}

func (c *command) checkStep(steps int) *apiError {
	if c.Step < 1 || c.Step > steps {
		return badRequest("step must be from 1 to %d", steps)
	}
	return nil
}

// checkPoll refuses a poll out of bounds, and cleans its text in place.
func checkPoll(p *wire.PollSpec) *apiError {
	if err := checkText("prompt", &p.Prompt, wire.MaxPrompt, true, true); err != nil {
		return err
	}
	if err := checkText("unit", &p.Unit, wire.MaxUnit, false, false); err != nil {
		return err
	}
	if !wire.ValidLab(p.Lab) {
		return badRequest("lab must be an address on this site, starting with /, at most %d characters", wire.MaxLab)
	}
	switch p.Kind {
	case wire.KindChoice:
		if len(p.Options) < wire.MinOptions || len(p.Options) > wire.MaxOptions {
			return badRequest("a choice poll has %d to %d options", wire.MinOptions, wire.MaxOptions)
		}
		for i := range p.Options {
			if err := checkText("option", &p.Options[i], wire.MaxOption, false, true); err != nil {
				return err
			}
		}
		if p.Min != nil || p.Max != nil || p.Unit != "" {
			return badRequest("min, max and unit belong to number polls")
		}
	case wire.KindNumber:
		if len(p.Options) > 0 {
			return badRequest("options belong to choice polls")
		}
		if p.Min != nil && !finite(*p.Min) || p.Max != nil && !finite(*p.Max) {
			return badRequest("min and max must be finite numbers")
		}
		if p.Min != nil && p.Max != nil && *p.Min >= *p.Max {
			return badRequest("min must be below max")
		}
	default:
		return badRequest("kind must be %q or %q", wire.KindChoice, wire.KindNumber)
	}
	return nil
}

// checkText cleans a text field in place (see wire.CleanText).
func checkText(field string, s *string, max int, multiline, required bool) *apiError {
	clean, ok := wire.CleanText(*s, max, multiline)
	if !ok {
		return badRequest("%s must be text of at most %d characters", field, max)
	}
	if required && clean == "" {
		return badRequest("%s must not be empty", field)
	}
	*s = clean
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// outcome is what applying a command decided, for the request that sent
// it: a refusal, or the id of the poll or question it made.
type outcome struct {
	err   *apiError
	id    int
	ended bool
}

func refused(e *apiError) outcome { return outcome{err: e} }

// teacherOnly refuses a command not made with the room's teacher token.
func (r *room) teacherOnly(c *command) *apiError {
	if !r.teacher.equal(c.Auth) {
		return errForbidden()
	}
	return nil
}

// student finds the student whose token made the command.
func (r *room) student(c *command) (*student, *apiError) {
	i, ok := r.studentIndex[c.Auth]
	if !ok {
		if r.teacher.equal(c.Auth) {
			return nil, refuse(http.StatusForbidden, "forbidden", "the teacher does not answer or ask")
		}
		return nil, errUnauthorized()
	}
	return &r.students[i], nil
}
