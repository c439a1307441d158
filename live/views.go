package live

import (
	"slices"
	"time"
)

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

// PollView is a poll. Answers and Results go to the teacher always, and to
// students once the poll is revealed.
type PollView struct {
	ID      int      `json:"id"`
	Kind    string   `json:"kind"`
	Prompt  string   `json:"prompt"`
	Options []string `json:"options,omitempty"`
	Min     *float64 `json:"min,omitempty"`
	Max     *float64 `json:"max,omitempty"`
	Unit    string   `json:"unit,omitempty"`
	Lab     string   `json:"lab,omitempty"`
	// Status is "open" (taking answers), "revealed" (results shown to the
	// class, no more answers) or "closed" (done: off the students' screens).
	Status   string   `json:"status"`
	Revealed bool     `json:"revealed"`
	Answers  *int     `json:"answers,omitempty"`
	Results  *Results `json:"results,omitempty"`
}

// Results are a poll's distribution. A choice poll has Counts, one per
// option; a number poll has the summary and ten equal bins between its min
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
	ID     int    `json:"id"`
	Text   string `json:"text"`
	Status string `json:"status"` // "pending" or "approved"
}

// AnswerView is one student's answer to one poll.
type AnswerView struct {
	Poll   int      `json:"poll"`
	Choice *int     `json:"choice,omitempty"`
	Value  *float64 `json:"value,omitempty"`
}

// Payloads of the events that are not a whole view.
type (
	stepEvent struct {
		Step int `json:"step"`
	}
	removedEvent struct {
		ID int `json:"id"`
	}
	rosterEvent struct {
		Students int    `json:"students"`
		Nickname string `json:"nickname,omitempty"`
	}
	answersEvent struct {
		Poll    int      `json:"poll"`
		Answers int      `json:"answers"`
		Results *Results `json:"results"`
	}
)

const binCount = 10

// view is the room for one audience; asker is the hash of the student
// asking, zero for an anonymous view.
func (r *room) view(a audience, asker tokenHash) RoomView {
	v := RoomView{
		Code: r.code, Tour: r.tour, Steps: r.steps, Step: r.step,
		Questions: []QuestionView{}, LastEventID: r.seq,
	}
	p := r.currentPoll()
	if p != nil {
		pv := p.view(a)
		v.Poll = &pv
	}
	for _, q := range r.questions {
		if a == teacherAudience || q.approved {
			v.Questions = append(v.Questions, q.view())
		}
	}
	if a == teacherAudience {
		n := len(r.students)
		v.Students = &n
		v.Nicknames = r.nicknames()
	}
	if i, ok := r.studentIndex[asker]; ok && p != nil && !asker.isZero() {
		v.MyAnswer = p.answerOf(i)
	}
	return v
}

func (r *room) nicknames() []string {
	names := []string{}
	for _, s := range r.students {
		if s.nickname != "" {
			names = append(names, s.nickname)
		}
	}
	return names
}

func (p *poll) view(a audience) PollView {
	v := PollView{
		ID: p.id, Kind: p.spec.Kind, Prompt: p.spec.Prompt, Options: p.spec.Options,
		Min: p.spec.Min, Max: p.spec.Max, Unit: p.spec.Unit, Lab: p.spec.Lab,
		Status: string(p.status), Revealed: p.revealed,
	}
	if a == teacherAudience || p.revealed {
		n := len(p.answers)
		v.Answers, v.Results = &n, p.results()
	}
	return v
}

func (p *poll) answerOf(student int) *AnswerView {
	i, found := slices.BinarySearchFunc(p.answers, student, func(x answer, s int) int { return x.student - s })
	if !found {
		return nil
	}
	a := p.answers[i]
	v := &AnswerView{Poll: p.id}
	if p.spec.Kind == kindChoice {
		v.Choice = &a.choice
	} else {
		v.Value = &a.value
	}
	return v
}

func (p *poll) results() *Results {
	if p.spec.Kind == kindChoice {
		counts := make([]int, len(p.spec.Options))
		for _, a := range p.answers {
			counts[a.choice]++
		}
		return &Results{Counts: counts}
	}
	return numberResults(p.values(), p.spec.Min, p.spec.Max)
}

// values are the number answers in student order.
func (p *poll) values() []float64 {
	values := make([]float64, len(p.answers))
	for i, a := range p.answers {
		values[i] = a.value
	}
	return values
}

// numberResults summarises values (in student order, so the mean's sum is
// the same everywhere) into statistics and bins over [lo, hi]: the poll's
// bounds where it has them, else the answers' range.
func numberResults(values []float64, lo, hi *float64) *Results {
	res := &Results{Bins: []Bin{}}
	if len(values) == 0 {
		return res
	}
	sum := 0.0
	for _, v := range values {
		sum += v
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	n := len(sorted)
	least, most, mean := sorted[0], sorted[n-1], sum/float64(n)
	median := sorted[n/2]
	if n%2 == 0 {
		median = (sorted[n/2-1] + sorted[n/2]) / 2
	}
	res.Min, res.Max, res.Mean, res.Median = &least, &most, &mean, &median
	from, to := least, most
	if lo != nil {
		from = *lo
	}
	if hi != nil {
		to = *hi
	}
	res.Bins = bins(sorted, from, to)
	return res
}

func bins(sorted []float64, from, to float64) []Bin {
	if to <= from {
		return []Bin{{From: from, To: to, Count: len(sorted)}}
	}
	width := (to - from) / binCount
	out := make([]Bin, binCount)
	for i := range out {
		out[i] = Bin{From: from + float64(i)*width, To: from + float64(i+1)*width}
	}
	out[binCount-1].To = to
	for _, v := range sorted {
		i := int((v - from) / width)
		out[min(max(i, 0), binCount-1)].Count++
	}
	return out
}

func (q *question) view() QuestionView {
	status := "pending"
	if q.approved {
		status = "approved"
	}
	return QuestionView{ID: q.id, Text: q.text, Status: status}
}

// timeText writes a time for exports, to the second, in UTC.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339) }
