package live

import (
	"slices"
	"time"

	"oversight/live/wire"
)

// What each audience sees of a room, as package wire writes it.

// binCount is how many equal bins a number poll's results have.
const binCount = 10

// view is the room for one audience; asker is the hash of the student
// asking, zero for an anonymous view.
func (r *room) view(a audience, asker tokenHash) wire.RoomView {
	v := wire.RoomView{
		Code: r.code, Tour: r.tour, Steps: r.steps, Step: r.step,
		Questions: []wire.QuestionView{}, LastEventID: r.seq,
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

func (p *poll) view(a audience) wire.PollView {
	v := wire.PollView{
		ID: p.id, PollSpec: p.spec, Status: p.status, Revealed: p.revealed,
	}
	if a == teacherAudience || p.revealed {
		n := len(p.answers)
		v.Answers, v.Results = &n, p.results()
	}
	return v
}

func (p *poll) answerOf(student int) *wire.AnswerView {
	i, found := slices.BinarySearchFunc(p.answers, student, func(x answer, s int) int { return x.student - s })
	if !found {
		return nil
	}
	a := p.answers[i]
	v := &wire.AnswerView{Poll: p.id}
	if p.spec.Kind == wire.KindChoice {
		v.Choice = &a.choice
	} else {
		v.Value = &a.value
	}
	return v
}

func (p *poll) results() *wire.Results {
	if p.spec.Kind == wire.KindChoice {
		counts := make([]int, len(p.spec.Options))
		for _, a := range p.answers {
			counts[a.choice]++
		}
		return &wire.Results{Counts: counts}
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
func numberResults(values []float64, lo, hi *float64) *wire.Results {
	res := &wire.Results{Bins: []wire.Bin{}}
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

func bins(sorted []float64, from, to float64) []wire.Bin {
	if to <= from {
		return []wire.Bin{{From: from, To: to, Count: len(sorted)}}
	}
	width := (to - from) / binCount
	out := make([]wire.Bin, binCount)
	for i := range out {
		out[i] = wire.Bin{From: from + float64(i)*width, To: from + float64(i+1)*width}
	}
	out[binCount-1].To = to
	for _, v := range sorted {
		i := int((v - from) / width)
		out[min(max(i, 0), binCount-1)].Count++
	}
	return out
}

func (q *question) view() wire.QuestionView {
	status := wire.QuestionPending
	if q.approved {
		status = wire.QuestionApproved
	}
	return wire.QuestionView{ID: q.id, Text: q.text, Status: status}
}

// timeText writes a time for exports, to the second, in UTC.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339) }
