package live

import "time"

// Limits bound what one deployment, one room and one client may hold or do,
// so that memory stays bounded whatever clients send.
type Limits struct {
	// Rooms is the number of live rooms in the deployment (all instances).
	Rooms int
	// StudentsPerRoom caps joins to one room.
	StudentsPerRoom int
	// PollsPerRoom and QuestionsPerRoom cap what a room keeps; a dismissed
	// question still counts, so asking and dismissing cannot cycle forever.
	PollsPerRoom     int
	QuestionsPerRoom int
	// QuestionsPerStudent caps how many questions one student may ask.
	QuestionsPerStudent int
	// CommandsPerRoom caps the commands one room may receive in its
	// lifetime, which bounds the room's share of the NATS stream.
	CommandsPerRoom int
	// EventLog is how many events a room keeps per audience for clients
	// that reconnect; one further behind gets the full state instead.
	EventLog int
	// StreamsPerRoom and Streams cap open event streams on one instance,
	// per room and in all.
	StreamsPerRoom int
	Streams        int
	// IdleExpiry ends a room that has received no command for this long;
	// Lifetime ends every room this long after it started.
	IdleExpiry time.Duration
	Lifetime   time.Duration
	// AnswerRate and QuestionRate limit each student; JoinFailureRate
	// limits, per client address, requests naming a room that does not
	// exist (so codes cannot be enumerated); CreateRate limits, per client
	// address, the rooms started.
	AnswerRate      Rate
	QuestionRate    Rate
	JoinFailureRate Rate
	CreateRate      Rate
	// Addresses caps the client addresses one instance remembers for its
	// rate limits.
	Addresses int
}

// Rate is a token bucket: Burst actions at once, then one more every Every.
type Rate struct {
	Burst int
	Every time.Duration
}

// DefaultLimits fit a school's server: a few hundred classes of up to a few
// hundred students, each class at most a day.
func DefaultLimits() Limits {
	return Limits{
		Rooms:               200,
		StudentsPerRoom:     200,
		PollsPerRoom:        50,
		QuestionsPerRoom:    200,
		QuestionsPerStudent: 10,
		CommandsPerRoom:     20000,
		EventLog:            256,
		StreamsPerRoom:      400,
		Streams:             10000,
		IdleExpiry:          3 * time.Hour,
		Lifetime:            24 * time.Hour,
		AnswerRate:          Rate{Burst: 10, Every: 3 * time.Second},
		QuestionRate:        Rate{Burst: 3, Every: 30 * time.Second},
		JoinFailureRate:     Rate{Burst: 10, Every: 6 * time.Second},
		CreateRate:          Rate{Burst: 5, Every: time.Minute},
		Addresses:           10000,
	}
}

// maxBody bounds a request body; every valid one is far smaller. The
// limits on text are package wire's, which the app shares.
const maxBody = 8 << 10
