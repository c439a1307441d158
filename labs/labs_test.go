package labs

import (
	"context"
	"encoding/json"
	"io/fs"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"oversight/content"
	"oversight/kb"
	"oversight/kb/load"
	"oversight/lab"
)

func TestEveryLabHasAUniqueIDAndIsFoundByIt(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range All() {
		if l.ID == "" || seen[l.ID] {
			t.Fatalf("lab id %q is empty or used twice", l.ID)
		}
		seen[l.ID] = true
		found, ok := Find(l.ID)
		if !ok || found.Title != l.Title {
			t.Errorf("Find(%q) = %v, %v", l.ID, found.Title, ok)
		}
		if l.Run == nil {
			t.Errorf("lab %s cannot run", l.ID)
		}
	}
	if _, ok := Find("no-such-lab"); ok {
		t.Error("Find found a lab that does not exist")
	}
}

// Every lab points into the content: its concept, its caveat and the
// sources it cites must exist, or its page would link nowhere.
func TestEveryLabPointsAtContentThatExists(t *testing.T) {
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range All() {
		if _, ok := k.Concept(l.Concept); !ok {
			t.Errorf("lab %s belongs to concept %q, which content/concepts does not have", l.ID, l.Concept)
		}
		if c, ok := k.Concept(l.Concept); ok && c.Title != l.ConceptTitle {
			t.Errorf("lab %s calls its concept %q, which content/concepts calls %q", l.ID, l.ConceptTitle, c.Title)
		}
		if c, ok := k.Caveat(l.Caveat); !ok {
			t.Errorf("lab %s links caveat %q, which content/caveats does not have", l.ID, l.Caveat)
		} else if c.Title != l.CaveatTitle {
			t.Errorf("lab %s calls its caveat %q, which content/caveats calls %q", l.ID, l.CaveatTitle, c.Title)
		}
		for _, f := range l.Reported {
			if _, ok := k.Source(f.Cite); !ok {
				t.Errorf("lab %s cites %q, which content/sources does not have", l.ID, f.Cite)
			}
			if f.Where == "" {
				t.Errorf("lab %s reports %q without saying where it was read", l.ID, f.Value)
			}
		}
		for _, text := range []string{l.Summary, l.Intro, l.Shows, l.DoesNot, l.Predict.Question, l.Predict.Guess} {
			if strings.TrimSpace(text) == "" {
				t.Errorf("lab %s leaves a text of its page empty", l.ID)
			}
		}
		p := l.Predict
		if !(p.Min < p.Max) || p.Default < p.Min || p.Default > p.Max || p.Step <= 0 {
			t.Errorf("lab %s: the guess's range %v–%v, step %v, default %v is not a range", l.ID, p.Min, p.Max, p.Step, p.Default)
		}
	}
}

func TestAttachPutsTheLabsInTheSnapshot(t *testing.T) {
	k, err := load.Content(content.FS, content.Root)
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Labs()) != 0 {
		t.Fatal("the content alone has labs: they come from the registry")
	}
	withLabs := Attach(k)
	if len(withLabs.Labs()) != len(All()) {
		t.Fatalf("attached %d labs, want %d", len(withLabs.Labs()), len(All()))
	}
	if len(withLabs.Concepts()) != len(k.Concepts()) {
		t.Fatal("attaching the labs lost concepts")
	}
	back, err := kb.FromSnapshot(withLabs.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	got, _ := back.Lab("weak-to-strong")
	want := kb.Lab{
		ID: "weak-to-strong", Title: "Weak-to-strong generalization", Concept: "weak-to-strong-generalization",
		QueryKeys: []string{"alpha", "conf", "imitable", "salience", "seed", "steps", "weak"},
		Sources:   []string{"burns2023weak", "openai2023w2scode"}, Reviewed: "2026-12-04",
	}
	got.Summary = ""
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the snapshot holds %+v, want %+v", got, want)
	}
}

// What a run returns must be drawable, and plain data.
func TestEveryLabRunsAtItsDefaultsIntoADrawableReport(t *testing.T) {
	for _, l := range All() {
		r, err := l.Run(context.Background(), l.Spec.Defaults())
		if err != nil {
			t.Fatalf("lab %s: %v", l.ID, err)
		}
		if err := r.Check(); err != nil {
			t.Fatalf("lab %s: %v", l.ID, err)
		}
		data, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back lab.Report
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		if back.Query != "" {
			t.Errorf("lab %s ran its defaults as %q, want the empty query", l.ID, back.Query)
		}
		if back.Summary == "" || len(back.Figures) == 0 {
			t.Errorf("lab %s: a report with no summary or figures", l.ID)
		}
		for _, f := range back.Figures {
			if f.Sentence == "" || len(f.Table.Rows) == 0 || f.Title == "" {
				t.Errorf("lab %s, figure %s has no text twin", l.ID, f.ID)
			}
		}
	}
}

func TestRunQueryClampsWhatTheAddressSays(t *testing.T) {
	r, err := RunQuery(context.Background(), "weak-to-strong", "weak=10&steps=banana&conf=off")
	if err != nil {
		t.Fatal(err)
	}
	if r.Query != "conf=off&weak=60" {
		t.Errorf("ran %q, want the weak supervisor clamped to 60 and the steps at their default", r.Query)
	}
	if _, err := RunQuery(context.Background(), "nowhere", ""); err == nil {
		t.Error("running an unknown lab did not fail")
	}
}

func TestACancelledRunStopsWithTheContextsError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RunQuery(ctx, "weak-to-strong", ""); err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// The figures of the weak-to-strong lab say what the paper's picture says:
// teacher, student(s) and ceiling, the gap bracketed; a student with the
// confidence loss only when it is on.
func TestTheWeakToStrongFiguresFollowTheSetting(t *testing.T) {
	on, err := RunQuery(context.Background(), "weak-to-strong", "")
	if err != nil {
		t.Fatal(err)
	}
	off, err := RunQuery(context.Background(), "weak-to-strong", "conf=off")
	if err != nil {
		t.Fatal(err)
	}
	labels := func(r lab.Report) []string {
		var l []string
		for _, b := range r.Figures[0].Chart.Bars {
			l = append(l, b.Label)
		}
		return l
	}
	if got := labels(on); !slices.Equal(got, []string{"Weak teacher", "Student", "Student with confidence loss", "Ceiling"}) {
		t.Errorf("bars with the confidence loss on: %v", got)
	}
	if got := labels(off); !slices.Equal(got, []string{"Weak teacher", "Student", "Ceiling"}) {
		t.Errorf("bars with it off: %v", got)
	}
	if b := on.Figures[0].Chart.Bracket; b == nil || b.From != 0 || b.To != 3 {
		t.Errorf("the bracket is %+v, want it from the teacher to the ceiling", b)
	}
	if on.Outcome.Value == nil || on.Outcome.Text != formatPGR(*on.Outcome.Value) {
		t.Errorf("the outcome %+v does not give the student's PGR", on.Outcome)
	}
	if got := len(on.Figures[2].Chart.Dots); got != 150 {
		t.Errorf("the view draws %d examples, want 150", got)
	}
}

// labLink finds links to a lab's page in Markdown: [text](/labs/id?query).
var labLink = regexp.MustCompile(`\]\(/labs/([^)?#\s]*)\??([^)#\s]*)\)`)

// A tour step or a page that opens a lab at a setting must name a lab that
// exists, at a setting it reads without a note.
func TestEveryLinkToALabInTheContentOpensItAsWritten(t *testing.T) {
	found := 0
	err := fs.WalkDir(content.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		text, err := fs.ReadFile(content.FS, path)
		if err != nil {
			return err
		}
		for _, m := range labLink.FindAllStringSubmatch(string(text), -1) {
			found++
			l, ok := Find(m[1])
			if !ok {
				t.Errorf("%s links lab %q, which does not exist", path, m[1])
				continue
			}
			if _, notes := l.Spec.Read(m[2]); len(notes) > 0 {
				t.Errorf("%s opens lab %s at %q, which it does not read as written: %v", path, m[1], m[2], notes)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Error("no tour or page opens a lab at a setting")
	}
}
