package wire

// RoomView is a room as one audience sees it: the body of GET /rooms/{code}
// and of the "state" event. Fields marked teacher are absent for students.
type RoomView struct {
	Code  string `json:"code"`
	Tour  string `json:"tour"`
	Steps int    `json:"steps"`
	Step  int    `json:"step"`
	// Poll is the latest poll, whatever its status; null before the first.
	Poll *PollView `json:"poll"`
	// Questions are the approved questions for students; for the teacher,
	// every question not dismissed, pending ones included.
	Questions []QuestionView `json:"questions"`
	// LastEventID is the id of the room's latest event: resume after it.
	LastEventID uint64 `json:"lastEventId"`

	// Students and Nicknames (teacher): how many joined, and the nicknames
	// given, in the order they joined.
	Students  *int     `json:"students,omitempty"`
	Nicknames []string `json:"nicknames,omitempty"`
	// MyAnswer (a student, with their token): their answer to Poll.
	MyAnswer *AnswerView `json:"myAnswer,omitempty"`
}

// PollView is a poll: its spec as opened, and where it stands. Answers and
// Results go to the teacher always, and to students once the poll is
// revealed.
type PollView struct {
	ID int `json:"id"`
	PollSpec
	// Status is PollOpen, PollRevealed or PollClosed.
	Status   string   `json:"status"`
	Revealed bool     `json:"revealed"`
	Answers  *int     `json:"answers,omitempty"`
	Results  *Results `json:"results,omitempty"`
}

// A poll's kind: multiple choice, or a number (a prediction, say).
const (
	KindChoice = "choice"
	KindNumber = "number"
)

// A poll's status: open (taking answers), revealed (results shown to the
// class, no more answers) or closed (done: off the students' screens).
const (
	PollOpen     = "open"
	PollRevealed = "revealed"
	PollClosed   = "closed"
)

// Results are a poll's distribution. A choice poll has Counts, one per
// option; a number poll has the summary and equal bins between its min
// and max (the poll's, or else the answers'). Statistics are absent
// without answers.
type Results struct {
	Counts []int    `json:"counts,omitempty"`
	Min    *float64 `json:"min,omitempty"`
	Max    *float64 `json:"max,omitempty"`
	Mean   *float64 `json:"mean,omitempty"`
	Median *float64 `json:"median,omitempty"`
	Bins   []Bin    `json:"bins,omitempty"`
}

// Bin counts the answers from From up to To (the last bin includes To).
type Bin struct {
	From  float64 `json:"from"`
	To    float64 `json:"to"`
	Count int     `json:"count"`
}

// QuestionView is a student's anonymous question.
type QuestionView struct {
	ID   int    `json:"id"`
	Text string `json:"text"`
	// Status is QuestionPending (the teacher alone sees it) or
	// QuestionApproved (the class sees it).
	Status string `json:"status"`
}

// A question's status.
const (
	QuestionPending  = "pending"
	QuestionApproved = "approved"
)

// AnswerView is one student's answer to one poll.
type AnswerView struct {
	Poll   int      `json:"poll"`
	Choice *int     `json:"choice,omitempty"`
	Value  *float64 `json:"value,omitempty"`
}
