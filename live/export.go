package live

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"

	"oversight/live/wire"
)

// Export is a class's results, for the teacher to keep before ending it:
// GET /rooms/{code}/export?format=json. It names no student: answers are
// counted, questions are anonymous, nicknames are left out.
type Export struct {
	Code      string           `json:"code"`
	Tour      string           `json:"tour"`
	Started   string           `json:"started"`
	Students  int              `json:"students"`
	Polls     []PollExport     `json:"polls"`
	Questions []QuestionExport `json:"questions"`
}

// PollExport is a poll with every answer: Values are a number poll's
// answers in ascending order.
type PollExport struct {
	wire.PollView
	Opened string    `json:"opened"`
	Values []float64 `json:"values,omitempty"`
}

// QuestionExport is a question not dismissed.
type QuestionExport struct {
	wire.QuestionView
	Asked string `json:"asked"`
}

func (r *room) export() Export {
	e := Export{
		Code: r.code, Tour: r.tour, Started: timeText(r.started), Students: len(r.students),
		Polls: []PollExport{}, Questions: []QuestionExport{},
	}
	for _, p := range r.polls {
		pe := PollExport{PollView: p.view(teacherAudience), Opened: timeText(p.opened)}
		if p.spec.Kind == wire.KindNumber {
			pe.Values = p.values()
			slices.Sort(pe.Values)
		}
		e.Polls = append(e.Polls, pe)
	}
	for _, q := range r.questions {
		e.Questions = append(e.Questions, QuestionExport{QuestionView: q.view(), Asked: timeText(q.asked)})
	}
	return e
}

// csvHeader names the CSV export's columns: one row per choice option, per
// distinct number answer (with how many gave it), and per question.
var csvHeader = []string{"record", "id", "text", "status", "answer", "count"}

// CSV writes the export as a table a spreadsheet opens.
func (e Export) CSV() []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(csvHeader)
	for _, p := range e.Polls {
		id := strconv.Itoa(p.ID)
		for _, row := range pollRows(p) {
			w.Write(append([]string{"poll", id, cell(p.Prompt), p.Status}, row...))
		}
	}
	for _, q := range e.Questions {
		w.Write([]string{"question", strconv.Itoa(q.ID), cell(q.Text), q.Status, "", ""})
	}
	w.Flush()
	return buf.Bytes()
}

// pollRows are a poll's answer and count columns.
func pollRows(p PollExport) [][]string {
	var rows [][]string
	if p.Kind == wire.KindChoice {
		for i, option := range p.Options {
			rows = append(rows, []string{cell(option), strconv.Itoa(p.Results.Counts[i])})
		}
		return rows
	}
	for i := 0; i < len(p.Values); {
		j := i
		for j < len(p.Values) && p.Values[j] == p.Values[i] {
			j++
		}
		rows = append(rows, []string{strconv.FormatFloat(p.Values[i], 'g', -1, 64), strconv.Itoa(j - i)})
		i = j
	}
	if len(rows) == 0 {
		rows = append(rows, []string{"", "0"})
	}
	return rows
}

// cell keeps a spreadsheet from reading a student's text as a formula.
func cell(text string) string {
	if text != "" && strings.ContainsRune("=+-@\t\r", rune(text[0])) {
		return "'" + text
	}
	return text
}
