// Command mapperf measures how the concept map responds, in a real browser:
// the time from a click on a node to its concept page on screen, from the
// pointer reaching a node to its neighbourhood highlighted, and from a wheel
// turn to the zoomed frame. It measures the app with the real knowledge base
// and with a generated one of -nodes concepts, built and served side by
// side in one run, and prints medians and their ratio. It is a benchmark,
// not a test: nothing here passes or fails on time.
//
//	go run ./tools/mapperf [-runs 20] [-nodes 200] [-out .artifacts/bench/mapperf.json]
//
// With -check it only generates the map and runs the content checker on it,
// which lays it out and prints its numbers (make check does this).
//
//	go run ./tools/mapperf -check [-checker bin/oversight]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"oversight/internal/appbuild"
)

func main() {
	runs := flag.Int("runs", 20, "measurements of each kind per map (the median is reported)")
	nodes := flag.Int("nodes", 200, "concepts in the generated map")
	out := flag.String("out", ".artifacts/bench/mapperf.json", "where to write the results as JSON")
	chromium := flag.String("chromium", "/usr/bin/chromium", "the Chromium to drive")
	checkOnly := flag.Bool("check", false, "only check the generated map with the content checker, in no browser")
	checker := flag.String("checker", "bin/oversight", "the built server, whose check command -check runs")
	flag.Parse()
	log.SetFlags(0)
	var err error
	if *checkOnly {
		err = checkGenerated(*nodes, *checker)
	} else {
		err = run(*runs, *nodes, *out, *chromium)
	}
	if err != nil {
		log.Fatal("mapperf: ", err)
	}
}

// checkGenerated writes the content with a generated map of n concepts to
// a temporary folder and runs the content checker on it, which prints the
// map's numbers.
func checkGenerated(n int, checker string) error {
	work, err := os.MkdirTemp("", "mapperf-check-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	dir := filepath.Join(work, "content")
	if err := copyTree("content", dir); err != nil {
		return err
	}
	if err := generateInto(dir, n); err != nil {
		return err
	}
	cmd := exec.Command(checker, "check", dir)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}

// generateInto replaces the concepts of a content folder by a generated
// map of n concepts that keeps their ids.
func generateInto(content string, n int) error {
	concepts := filepath.Join(content, "concepts")
	real, err := markdownIDs(concepts)
	if err != nil {
		return err
	}
	sources, err := markdownIDs(filepath.Join(content, "sources"))
	if err != nil {
		return err
	}
	if err := os.RemoveAll(concepts); err != nil {
		return err
	}
	return generateConcepts(concepts, real, sources, n)
}

// variant is one build of the app: its name and how its content differs.
type variant struct {
	name     string
	generate int // concepts to generate; 0 keeps the real content
}

// result is what one variant measured.
type result struct {
	Variant  string               `json:"variant"`
	Concepts int                  `json:"concepts"`
	Links    int                  `json:"links"`
	Timings  map[string][]float64 `json:"timings_ms"`
	Medians  map[string]float64   `json:"medians_ms"`
}

func run(runs, nodes int, out, chromium string) error {
	work, err := os.MkdirTemp("", "mapperf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	variants := []variant{{name: "real"}, {name: fmt.Sprintf("generated-%d", nodes), generate: nodes}}
	var results []result
	for _, v := range variants {
		log.Printf("building %s…", v.name)
		url, stop, err := buildAndServe(filepath.Join(work, v.name), v)
		if err != nil {
			return fmt.Errorf("%s: %w", v.name, err)
		}
		r, err := measure(url, chromium, filepath.Join(work, v.name, "profile"), runs)
		stop()
		if err != nil {
			return fmt.Errorf("%s: %w", v.name, err)
		}
		r.Variant = v.name
		results = append(results, r)
	}
	report(os.Stdout, results, runs)
	return writeJSON(out, results, runs, chromium)
}

// buildAndServe copies the module into dir (with generated concepts if the
// variant asks), checks the content, builds the server and the WebAssembly
// as `make build` does, and serves them on loopback.
func buildAndServe(dir string, v variant) (url string, stop func(), err error) {
	src := filepath.Join(dir, "src")
	for _, path := range []string{"go.mod", "go.sum", "app", "kb", "mapgeom", "maplayout", "cmd", "content", "web"} {
		if err := copyTree(path, filepath.Join(src, path)); err != nil {
			return "", nil, err
		}
	}
	if v.generate > 0 {
		if err := generateInto(filepath.Join(src, "content"), v.generate); err != nil {
			return "", nil, err
		}
	}
	build, err := appbuild.Make(src, filepath.Join(dir, "oversight"), filepath.Join(src, "web"))
	if err != nil {
		return "", nil, err
	}
	if err := command(src, build.Binary, "check", "content"); err != nil {
		return "", nil, fmt.Errorf("the content does not pass the checker: %w", err)
	}
	return build.Serve("127.0.0.1:0")
}

// copyTree copies a file or folder, leaving out built artefacts (the
// WebAssembly and its compressed copies), which are rebuilt.
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(to, strings.TrimPrefix(path, from))
		name := d.Name()
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if appbuild.IsBuilt(name) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// markdownIDs are the ids of the Markdown files in a content folder.
func markdownIDs(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".md"); ok && !e.IsDir() && e.Name() != "README.md" {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func command(dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%v\n%s", err, out)
	}
	return nil
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// metrics are the measurements, in the order the table shows them.
var metrics = []struct{ key, label string }{
	{"hover_to_highlight", "pointer on a node → neighbourhood highlighted"},
	{"click_to_detail", "click on a node → its concept page on screen"},
	{"wheel_to_zoomed_frame", "wheel turn → zoomed map on screen"},
}

func report(w io.Writer, results []result, runs int) {
	fmt.Fprintf(w, "\nMap responsiveness, median of %d runs each (ms), %d CPUs, %s\n\n", runs, runtime.NumCPU(), runtime.Version())
	fmt.Fprintf(w, "%-48s", "")
	for _, r := range results {
		fmt.Fprintf(w, " %22s", fmt.Sprintf("%s (%d/%d)", r.Variant, r.Concepts, r.Links))
	}
	if len(results) == 2 {
		fmt.Fprintf(w, " %8s", "ratio")
	}
	fmt.Fprintln(w)
	for _, m := range metrics {
		fmt.Fprintf(w, "%-48s", m.label)
		for _, r := range results {
			fmt.Fprintf(w, " %22.1f", r.Medians[m.key])
		}
		if len(results) == 2 && results[0].Medians[m.key] > 0 {
			fmt.Fprintf(w, " %7.2f×", results[1].Medians[m.key]/results[0].Medians[m.key])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\n(concepts/links in brackets; ratio = generated map ÷ real map, measured in this run)")
}

func writeJSON(path string, results []result, runs int, chromium string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	version, _ := exec.Command(chromium, "--version").Output()
	doc := map[string]any{
		"when":     time.Now().UTC().Format(time.RFC3339),
		"go":       runtime.Version(),
		"cpus":     runtime.NumCPU(),
		"chromium": strings.TrimSpace(string(version)),
		"runs":     runs,
		"results":  results,
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	log.Printf("wrote %s", path)
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// withTimeout bounds one step of the measurement so that a stuck page
// fails the run with a message rather than hanging it.
func withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, 30*time.Second)
}
