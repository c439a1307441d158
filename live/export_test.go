package live

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"oversight/live/wire"
)

func TestTheTeacherExportsResultsAsCSVAndJSONWithoutNames(t *testing.T) {
	h, _ := newTestHub(t, nil)
	c := startClass(t, h, 3)
	ada, bo, cy := c.join("Ada"), c.join("Bo"), c.join("Cy")
	c.openPoll(wire.PollSpec{Kind: "choice", Prompt: "=Which gap?", Options: []string{"small", "large"}})
	c.must(http.StatusOK, ada.post(c.path("/polls/1/answer"), map[string]any{"choice": 1}))
	c.must(http.StatusOK, bo.post(c.path("/polls/1/answer"), map[string]any{"choice": 1}))
	c.must(http.StatusOK, c.teacher.post(c.path("/polls/1/reveal"), nil))
	c.openPoll(wire.PollSpec{Kind: "number", Prompt: "PGR?", Min: ptr(0.0), Max: ptr(1.0)})
	for _, a := range []struct {
		who   caller
		value float64
	}{{ada, 0.5}, {bo, 0.25}, {cy, 0.5}} {
		c.must(http.StatusOK, a.who.post(c.path("/polls/2/answer"), map[string]any{"value": a.value}))
	}
	c.must(http.StatusAccepted, cy.post(c.path("/questions"), map[string]any{"text": "@SUM(A1)"}))

	var e Export
	c.must(http.StatusOK, c.teacher.get(c.path("/export?format=json"))).decode(t, &e)
	if len(e.Polls) != 2 || e.Students != 3 || len(e.Questions) != 1 {
		t.Fatalf("the JSON export holds %d polls, %d students, %d questions; want 2, 3, 1", len(e.Polls), e.Students, len(e.Questions))
	}
	if got := e.Polls[1].Values; len(got) != 3 || got[0] != 0.25 || got[2] != 0.5 {
		t.Fatalf("the number poll's values are %v, want [0.25 0.5 0.5]", got)
	}

	res := c.must(http.StatusOK, c.teacher.get(c.path("/export?format=csv")))
	if !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") || !strings.Contains(res.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("the CSV export comes as %q, %q", res.header.Get("Content-Type"), res.header.Get("Content-Disposition"))
	}
	rows, err := csv.NewReader(strings.NewReader(string(res.body))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"record", "id", "text", "status", "answer", "count"},
		{"poll", "1", "'=Which gap?", "closed", "small", "0"},
		{"poll", "1", "'=Which gap?", "closed", "large", "2"},
		{"poll", "2", "PGR?", "open", "0.25", "1"},
		{"poll", "2", "PGR?", "open", "0.5", "2"},
		{"question", "1", "'@SUM(A1)", "pending", "", ""},
	}
	if got := strings.Join(flatten(rows), "|"); got != strings.Join(flatten(want), "|") {
		t.Fatalf("the CSV export:\n%v\nwant:\n%v", rows, want)
	}
	for _, name := range []string{"Ada", "Bo", "Cy"} {
		if strings.Contains(string(res.body), name) {
			t.Fatalf("the export names a student, %s", name)
		}
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, ","))
	}
	return out
}
