package wire

// The events of a room's stream (GET /rooms/{code}/events), by name.
const (
	// EventState is the whole room: a RoomView.
	EventState = "state"
	// EventStep is a StepEvent.
	EventStep = "step"
	// EventPoll is a PollView, when a poll opens, is revealed or closes.
	EventPoll = "poll"
	// EventAnswers (teacher) is an AnswersEvent, on every answer.
	EventAnswers = "answers"
	// EventQuestion is a QuestionView: for the teacher, a new question and
	// approvals; for students, approvals.
	EventQuestion = "question"
	// EventQuestionRemoved is a QuestionRemovedEvent.
	EventQuestionRemoved = "question.removed"
	// EventStudents (teacher) is a StudentsEvent, when a student joins.
	EventStudents = "students"
	// EventEnded, with data {} and no id, is the last: the class is over.
	EventEnded = "ended"
)

// StepEvent says which step the class is on.
type StepEvent struct {
	Step int `json:"step"`
}

// QuestionRemovedEvent says a question was dismissed.
type QuestionRemovedEvent struct {
	ID int `json:"id"`
}

// StudentsEvent counts the students after one joined, with the nickname
// given, if any.
type StudentsEvent struct {
	Students int    `json:"students"`
	Nickname string `json:"nickname,omitempty"`
}

// AnswersEvent is a poll's count and distribution after an answer.
type AnswersEvent struct {
	Poll    int      `json:"poll"`
	Answers int      `json:"answers"`
	Results *Results `json:"results"`
}
