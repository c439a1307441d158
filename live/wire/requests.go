package wire

// The bodies of the requests, and of the answers that are not a view.
// Optional fields are left out when empty, as the API documents them.

// CreateRequest starts a class (POST /rooms); Step defaults to 1.
type CreateRequest struct {
	Tour  string `json:"tour"`
	Steps int    `json:"steps"`
	Step  int    `json:"step,omitempty"`
}

// CreateResponse answers CreateRequest with the teacher's token.
type CreateResponse struct {
	Code         string   `json:"code"`
	TeacherToken string   `json:"teacherToken"`
	Room         RoomView `json:"room"`
}

// JoinRequest joins a class (POST /join) with the code as typed.
type JoinRequest struct {
	Code     string `json:"code"`
	Nickname string `json:"nickname,omitempty"`
}

// JoinResponse answers JoinRequest with the student's token.
type JoinResponse struct {
	StudentToken string   `json:"studentToken"`
	Room         RoomView `json:"room"`
}

// StepRequest moves the class to Step, or by Move (MoveNext or
// MovePrevious).
type StepRequest struct {
	Step int    `json:"step,omitempty"`
	Move string `json:"move,omitempty"`
}

// The moves of StepRequest.
const (
	MoveNext     = "next"
	MovePrevious = "previous"
)

// PollSpec is a question the teacher asks the class (POST .../polls):
// multiple choice, or a number (a prediction, say, with the lab that will
// show the answer).
type PollSpec struct {
	Kind    string   `json:"kind"`
	Prompt  string   `json:"prompt"`
	Options []string `json:"options,omitempty"`
	Min     *float64 `json:"min,omitempty"`
	Max     *float64 `json:"max,omitempty"`
	Unit    string   `json:"unit,omitempty"`
	Lab     string   `json:"lab,omitempty"`
}

// AnswerRequest answers a poll: a choice (the option's index) or a value.
type AnswerRequest struct {
	Choice *int     `json:"choice,omitempty"`
	Value  *float64 `json:"value,omitempty"`
}

// AskRequest asks the teacher a question, anonymously.
type AskRequest struct {
	Text string `json:"text"`
}

// Refusal is the body of every error: a stable code to act on, and an
// English sentence.
type Refusal struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// Refusals' codes (live/README.md says when each is sent).
const (
	ErrBadRequest       = "bad_request"
	ErrUnauthorized     = "unauthorized"
	ErrForbidden        = "forbidden"
	ErrRoomNotFound     = "room_not_found"
	ErrPollNotFound     = "poll_not_found"
	ErrQuestionNotFound = "question_not_found"
	ErrPollClosed       = "poll_closed"
	ErrRoomFull         = "room_full"
	ErrTooManyPolls     = "too_many_polls"
	ErrTooManyQuestions = "too_many_questions"
	ErrRoomBusy         = "room_busy"
	ErrRateLimited      = "rate_limited"
	ErrTooManyRooms     = "too_many_rooms"
	ErrTooManyStreams   = "too_many_streams"
	ErrUnavailable      = "unavailable"
)
