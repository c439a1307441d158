package thirdparty

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const goAppModule = "github.com/maxence-charriere/go-app/v10"

// upstream is what go-app.upstream records: the version vendored, and the
// SHA-256 of each file as go-app's authors ship it.
type upstream struct {
	version string
	hashes  map[string]string
}

func readUpstream(t *testing.T) upstream {
	t.Helper()
	f, err := os.Open("go-app.upstream")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	u := upstream{hashes: map[string]string{}}
	s := bufio.NewScanner(f)
	for line := 1; s.Scan(); line++ {
		text := s.Text()
		switch fields := strings.Fields(text); {
		case strings.HasPrefix(text, "#"):
		case len(fields) == 3 && fields[0] == "module" && fields[1] == goAppModule:
			u.version = fields[2]
		case len(fields) == 2 && len(fields[0]) == 64:
			u.hashes[fields[1]] = fields[0]
		default:
			t.Fatalf("go-app.upstream:%d: cannot read %q", line, text)
		}
	}
	if u.version == "" || len(u.hashes) == 0 {
		t.Fatal("go-app.upstream names no version or no files")
	}
	return u
}

func sha256Of(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// The copy is the version go.mod asks for: a go.mod that moves to another
// go-app must vendor it again (revendor.sh) and look at the patch anew.
func TestGoModAsksForTheGoAppVersionThatIsVendored(t *testing.T) {
	u := readUpstream(t)
	goMod, err := os.ReadFile(filepath.Join("..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	required := ""
	if m := regexp.MustCompile(`(?m)^\s*(?:require\s+)?` + regexp.QuoteMeta(goAppModule) + `\s+(v\S+)`).FindSubmatch(goMod); m != nil {
		required = string(m[1])
	}
	if required != u.version {
		t.Fatalf("go.mod requires %s %s, but third_party/go-app holds %s with our changes: run third_party/revendor.sh, resolve what go-app.patch no longer applies to, run `third_party/revendor.sh diff`, and read the new version's changes to the files we patch",
			goAppModule, required, u.version)
	}
	if !regexp.MustCompile(`(?m)^replace ` + regexp.QuoteMeta(goAppModule) + ` => \./third_party/go-app$`).Match(goMod) {
		t.Fatalf("go.mod does not replace %s with ./third_party/go-app: the app would build against go-app without our changes", goAppModule)
	}
}

// Every file of the copy is upstream's, or upstream's with go-app.patch
// applied: undoing the patch gives back, byte for byte, the file upstream
// ships. So the patch is the whole of our changes, and nothing else moved.
func TestTheCopyIsUpstreamWithThePatchAndNothingElse(t *testing.T) {
	u := readUpstream(t)
	patches := readPatch(t)
	vendored := map[string]bool{}
	err := filepath.WalkDir("go-app", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := filepath.ToSlash(strings.TrimPrefix(path, "go-app"+string(filepath.Separator)))
		vendored[name] = true
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		want, fromUpstream := u.hashes[name]
		p, patched := patches[name]
		switch {
		case patched:
			original, err := p.undo(data)
			if err != nil {
				t.Errorf("%s does not hold what go-app.patch makes of it: %v", name, err)
			} else if got := sha256Of(original); fromUpstream && got != want || !fromUpstream && len(original) != 0 {
				t.Errorf("%s with go-app.patch undone is not upstream's file: run `third_party/revendor.sh diff`", name)
			}
		case !fromUpstream:
			t.Errorf("%s is neither upstream's nor in go-app.patch", name)
		case sha256Of(data) != want:
			t.Errorf("%s differs from upstream's, and go-app.patch does not say so: run `third_party/revendor.sh diff`", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name := range u.hashes {
		if !vendored[name] {
			t.Errorf("%s is in go-app.upstream but not in third_party/go-app", name)
		}
	}
	for name := range patches {
		if !vendored[name] {
			t.Errorf("go-app.patch changes %s, which third_party/go-app does not have", name)
		}
	}
}

// filePatch is one file's part of a unified diff.
type filePatch struct{ hunks []hunk }

type hunk struct {
	newStart int // the hunk's first line in the patched file, from 1
	lines    []string
}

// readPatch reads go-app.patch, as `diff -ruN upstream ours` writes it.
func readPatch(t *testing.T) map[string]*filePatch {
	t.Helper()
	data, err := os.ReadFile("go-app.patch")
	if err != nil {
		t.Fatal(err)
	}
	header := regexp.MustCompile(`^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@`)
	patches := map[string]*filePatch{}
	var current *filePatch
	for i, line := range strings.SplitAfter(string(data), "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "diff ") || strings.HasPrefix(line, "--- "):
		case strings.HasPrefix(line, "+++ "):
			name, ok := strings.CutPrefix(strings.TrimSpace(line[4:]), "ours/")
			if !ok {
				t.Fatalf("go-app.patch:%d: %q is not a file of ours/", i+1, line)
			}
			current = &filePatch{}
			patches[name] = current
		case strings.HasPrefix(line, "@@"):
			m := header.FindStringSubmatch(line)
			if m == nil || current == nil {
				t.Fatalf("go-app.patch:%d: cannot read %q", i+1, line)
			}
			start, _ := strconv.Atoi(m[1])
			current.hunks = append(current.hunks, hunk{newStart: start})
		case current != nil && len(current.hunks) > 0 && strings.ContainsAny(line[:1], " +-\\"):
			h := &current.hunks[len(current.hunks)-1]
			h.lines = append(h.lines, line)
		default:
			t.Fatalf("go-app.patch:%d: cannot read %q", i+1, line)
		}
	}
	return patches
}

// undo turns the patched file back into the original: each hunk's context
// and added lines must be where the hunk says, and are replaced by its
// context and removed lines.
func (p *filePatch) undo(patched []byte) ([]byte, error) {
	lines := strings.SplitAfter(string(patched), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var out []string
	next := 0 // the next line of the patched file not yet copied
	for _, h := range p.hunks {
		at := max(h.newStart-1, 0)
		if at < next {
			return nil, fmt.Errorf("hunks overlap at line %d", h.newStart)
		}
		out = append(out, lines[next:min(at, len(lines))]...)
		next = at
		for _, l := range h.lines {
			kind, text := l[0], l[1:]
			if kind == '\\' { // "\ No newline at end of file"
				continue
			}
			if kind == ' ' || kind == '+' {
				if next >= len(lines) || lines[next] != text {
					return nil, fmt.Errorf("line %d is not %q", next+1, strings.TrimSpace(text))
				}
				next++
			}
			if kind == ' ' || kind == '-' {
				out = append(out, text)
			}
		}
	}
	out = append(out, lines[min(next, len(lines)):]...)
	return []byte(strings.Join(out, "")), nil
}

// go-app generates scripts.go from the JavaScript in gen/: the two must say
// the same, or a change to app.js would never reach the browser.
func TestTheGeneratedScriptsHoldTheJavaScriptInGen(t *testing.T) {
	source, err := os.ReadFile(filepath.Join("go-app", "pkg", "app", "scripts.go"))
	if err != nil {
		t.Fatal(err)
	}
	constants := regexp.MustCompile(`(?m)^\s*(\w+)\s*=\s*("(?:[^"\\]|\\.)*")$`).FindAllSubmatch(source, -1)
	generated := map[string]string{}
	for _, c := range constants {
		value, err := strconv.Unquote(string(c[2]))
		if err != nil {
			t.Fatalf("scripts.go: %s: %v", c[1], err)
		}
		generated[string(c[1])] = value
	}
	for name, file := range map[string]string{"DefaultAppWorkerJS": "app-worker.js", "appJS": "app.js", "appCSS": "app.css"} {
		js, err := os.ReadFile(filepath.Join("go-app", "pkg", "app", "gen", file))
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := generated[name]; !ok || got != string(js) {
			names := slices.Sorted(maps.Keys(generated))
			t.Errorf("scripts.go's %s (constants: %v) is not gen/%s: run `go run gen/scripts.go` in third_party/go-app/pkg/app", name, names, file)
		}
	}
}
