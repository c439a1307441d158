//go:build !(js && wasm)

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckPassesTheRealContent(t *testing.T) {
	var out bytes.Buffer
	if err := check([]string{"../../content"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "is fine") {
		t.Errorf("check said %q", out.String())
	}
}

func TestCheckNamesTheFileAndLineOfEachFault(t *testing.T) {
	dir := t.TempDir()
	concepts := filepath.Join(dir, "concepts")
	sources := filepath.Join(dir, "sources")
	os.MkdirAll(concepts, 0o755)
	os.MkdirAll(sources, 0o755)
	os.WriteFile(filepath.Join(sources, "s.md"), []byte("---\ntitle: S\nauthors: A\nvenue: V\nstatus: verified\n---\n"), 0o644)
	os.WriteFile(filepath.Join(concepts, "debate.md"), []byte(
		"---\ntitle: Debate\nkind: method\nsummary: S.\nposition: {x: 100, y: 100}\nlinks:\n  - to: nowhere\n    relation: method-of\n    note: N.\nreviewed: 2026-11-26\nsources: [s]\n---\nBody.\n"), 0o644)
	err := check([]string{dir}, &bytes.Buffer{})
	if err == nil {
		t.Fatal("check passed content with an unknown link target")
	}
	want := filepath.Join(dir, "concepts/debate.md") + `:7: unknown link target "nowhere"`
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "1 problem(s)") {
		t.Errorf("check said:\n%v\nwant a line starting %s", err, want)
	}
}

func TestCheckPrintsWhatMakesTheMapReadable(t *testing.T) {
	var out bytes.Buffer
	if err := check([]string{"../../content"}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"0 edges through an unrelated concept", "0 node overlaps", "0 label overlaps", "crossings at rest"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("check said:\n%s\nwant it to say %q", out.String(), want)
		}
	}
}

func TestCheckNamesTwoConceptsPinnedToTheSamePlace(t *testing.T) {
	dir := t.TempDir()
	concepts := filepath.Join(dir, "concepts")
	sources := filepath.Join(dir, "sources")
	os.MkdirAll(concepts, 0o755)
	os.MkdirAll(sources, 0o755)
	os.WriteFile(filepath.Join(sources, "s.md"), []byte("---\ntitle: S\nauthors: A\nvenue: V\nstatus: verified\n---\n"), 0o644)
	for _, id := range []string{"alpha", "beta"} {
		os.WriteFile(filepath.Join(concepts, id+".md"), []byte(
			"---\ntitle: "+id+"\nkind: method\nsummary: S.\nreviewed: 2026-11-26\nsources: [s]\nposition: {x: 300, y: 200}\n---\nBody.\n"), 0o644)
	}
	err := check([]string{dir}, &bytes.Buffer{})
	if err == nil {
		t.Fatal("check passed two concepts pinned to the same place")
	}
	for _, id := range []string{"alpha", "beta"} {
		if want := filepath.Join(dir, "concepts", id+".md") + `:7: the node for "` + id + `", pinned here, overlaps`; !strings.Contains(err.Error(), want) {
			t.Errorf("check said:\n%v\nwant a line starting %s", err, want)
		}
	}
}

func TestCheckReportsAMissingFolder(t *testing.T) {
	if err := check([]string{"no-such-folder"}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "no-such-folder") {
		t.Errorf("check of a missing folder said %v", err)
	}
}

// oneConceptContent writes a content folder of one source and one concept
// with the given summary and body, and returns the concept file's name.
func oneConceptContent(t *testing.T, summary, body string) (dir, file string) {
	t.Helper()
	dir = t.TempDir()
	for _, sub := range []string{"concepts", "sources"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	file = filepath.Join(dir, "concepts", "debate.md")
	files := map[string]string{
		filepath.Join(dir, "sources", "s.md"): "---\ntitle: S\nauthors: A\nvenue: V\nstatus: verified\n---\n",
		file:                                  "---\ntitle: Debate\nkind: method\nsummary: " + summary + "\nposition: {x: 100, y: 100}\nreviewed: 2026-11-26\nsources: [s]\n---\n" + body + "\n",
	}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, file
}

const plainBody = "Two models argue. A judge picks the winner. The judge reads both sides."

func TestCheckFailsASummaryOfMoreThan25Words(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("the cat sat on a mat ", 5)) + "."
	dir, file := oneConceptContent(t, long, plainBody)
	err := check([]string{dir}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), file+":4: the summary has 30 words; the most is 25") {
		t.Errorf("check of a 30-word summary said %v", err)
	}
}

func TestCheckFailsASummaryAboveGrade10(t *testing.T) {
	dense := "Supervisory evaluation of superhuman capabilities necessitates methodological innovations."
	dir, file := oneConceptContent(t, dense, plainBody)
	err := check([]string{dir}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), file+":4: the summary reads at grade ") {
		t.Errorf("check of a grade-20 summary said %v", err)
	}
	dir, _ = oneConceptContent(t, "Two models argue, and a judge picks the side that holds up.", plainBody)
	if err := check([]string{dir}, &bytes.Buffer{}); err != nil {
		t.Errorf("a plain summary failed: %v", err)
	}
}

func TestCheckReportsAHardBodyWithoutFailing(t *testing.T) {
	hard := "Supervisory evaluation of superhuman capabilities necessitates methodological innovations preserving informative feedback."
	dir, file := oneConceptContent(t, "Two models argue.", hard)
	var out bytes.Buffer
	if err := check([]string{dir}, &out); err != nil {
		t.Fatalf("a hard body failed the check: %v", err)
	}
	if !strings.Contains(out.String(), file+": the body reads at grade ") || !strings.Contains(out.String(), "aim for 12 or below") {
		t.Errorf("the hard body was not named:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "readability: 1 bodies, Flesch–Kincaid grade median ") {
		t.Errorf("no distribution of body grades:\n%s", out.String())
	}
}

func TestCheckListsEveryGradeWhenAsked(t *testing.T) {
	dir, file := oneConceptContent(t, "Two models argue.", plainBody)
	var out bytes.Buffer
	if err := check([]string{"-grades", dir}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), file+": summary grade ") || !strings.Contains(out.String(), "(3 words), body grade ") {
		t.Errorf("-grades did not list the item:\n%s", out.String())
	}
}
