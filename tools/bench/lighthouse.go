package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"oversight/internal/chromium"
)

// lighthouseCLI is where tools/ensure-lighthouse.sh installs Lighthouse,
// relative to the repository.
var lighthouseCLI = filepath.Join(".cache", "lighthouse", "node_modules", "lighthouse", "cli", "index.js")

// Lighthouse's two form factors: mobile is its default (a Moto G Power's
// screen, slow 4G and 4× CPU, simulated), desktop its desktop preset.
const (
	mobile  = "mobile"
	desktop = "desktop"
)

// lighthouseCategories are the four scores issue 21 asks for.
var lighthouseCategories = []string{"performance", "accessibility", "best-practices", "seo"}

// lighthousePage is one page Lighthouse audits.
type lighthousePage struct {
	variant *variant
	path    string
}

// lighthouseResult is one Lighthouse run of one page in one form factor.
// Scores are 0 to 100, -1 where Lighthouse gave none.
type lighthouseResult struct {
	Variant       string  `json:"variant"`
	Path          string  `json:"path"`
	FormFactor    string  `json:"formFactor"`
	Run           int     `json:"run"`
	Performance   float64 `json:"performance"`
	Accessibility float64 `json:"accessibility"`
	BestPractices float64 `json:"bestPractices"`
	SEO           float64 `json:"seo"`
	// TBT is the total blocking time in ms; -1 where there is none.
	TBT float64 `json:"totalBlockingTimeMs"`
	// LongTasks and LongestTask are what Lighthouse's long-tasks audit
	// lists: how many tasks of the main thread took over 50 ms, and the
	// longest, in ms; -1 where there is no such audit.
	LongTasks   float64 `json:"longTasks"`
	LongestTask float64 `json:"longestTaskMs"`
	// Version is Lighthouse's, and BenchmarkIndex its measure of the
	// machine's speed, by which it scales its simulated 4× CPU.
	Version        string  `json:"lighthouseVersion"`
	BenchmarkIndex float64 `json:"benchmarkIndex"`
	// Problem is Lighthouse's runtime error or its warnings.
	Problem string `json:"problem,omitempty"`
}

// lighthouseReport is the part of Lighthouse's JSON the bench reads.
type lighthouseReport struct {
	LighthouseVersion string `json:"lighthouseVersion"`
	RuntimeError      *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"runtimeError"`
	RunWarnings []string `json:"runWarnings"`
	Environment struct {
		BenchmarkIndex float64 `json:"benchmarkIndex"`
	} `json:"environment"`
	Categories map[string]struct {
		Score *float64 `json:"score"`
	} `json:"categories"`
	Audits map[string]struct {
		NumericValue *float64 `json:"numericValue"`
		// Details differ from audit to audit: only the long tasks' are read.
		Details json.RawMessage `json:"details"`
	} `json:"audits"`
}

// longTasksDetails is the details of Lighthouse's long-tasks audit.
type longTasksDetails struct {
	Items []struct {
		Duration float64 `json:"duration"`
	} `json:"items"`
}

// parseLighthouse reads a Lighthouse JSON report.
func parseLighthouse(data []byte) (lighthouseResult, error) {
	var lr lighthouseReport
	if err := json.Unmarshal(data, &lr); err != nil {
		return lighthouseResult{}, fmt.Errorf("reading Lighthouse's report: %w", err)
	}
	score := func(category string) float64 {
		c, ok := lr.Categories[category]
		if !ok || c.Score == nil {
			return -1
		}
		return *c.Score * 100
	}
	r := lighthouseResult{
		Performance: score("performance"), Accessibility: score("accessibility"),
		BestPractices: score("best-practices"), SEO: score("seo"),
		TBT: -1, Version: lr.LighthouseVersion, BenchmarkIndex: lr.Environment.BenchmarkIndex,
	}
	if tbt, ok := lr.Audits["total-blocking-time"]; ok && tbt.NumericValue != nil {
		r.TBT = *tbt.NumericValue
	}
	r.LongTasks, r.LongestTask = -1, -1
	var long longTasksDetails
	if audit, ok := lr.Audits["long-tasks"]; ok && json.Unmarshal(audit.Details, &long) == nil {
		r.LongTasks, r.LongestTask = float64(len(long.Items)), 0
		for _, task := range long.Items {
			r.LongestTask = max(r.LongestTask, task.Duration)
		}
	}
	var problems []string
	if lr.RuntimeError != nil {
		problems = append(problems, lr.RuntimeError.Code+": "+lr.RuntimeError.Message)
	}
	problems = append(problems, lr.RunWarnings...)
	r.Problem = strings.Join(problems, "; ")
	return r, nil
}

// lighthouseArgs are the command line of one Lighthouse run: Debian's
// Chromium with the project's flags, every address but loopback sent to a
// proxy that is not there, so that no audit reaches the network.
func lighthouseArgs(url, formFactor string) []string {
	flags := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--proxy-server=http://" + chromium.NoProxy}
	// Lighthouse asks, once, whether it may send its errors to Sentry:
	// never.
	args := []string{lighthouseCLI, url, "--output=json", "--output-path=stdout", "--quiet", "--no-enable-error-reporting",
		"--only-categories=" + strings.Join(lighthouseCategories, ","),
		"--chrome-flags=" + strings.Join(flags, " ")}
	if formFactor == desktop {
		args = append(args, "--preset=desktop")
	}
	return args
}

// lighthouser runs Lighthouse.
type lighthouser struct {
	repo, chromium string
	timeout        time.Duration
}

// run audits one page. Chrome-launcher starts the Chromium at CHROME_PATH
// in a fresh profile folder of its own, and removes it after.
func (l lighthouser) run(origin string, p lighthousePage, formFactor string, run int) (lighthouseResult, error) {
	ctx, cancel := context.WithTimeout(context.Background(), l.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", lighthouseArgs(origin+p.path, formFactor)...)
	cmd.Dir = l.repo
	cmd.Env = append(os.Environ(), "CHROME_PATH="+l.chromium)
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	if err := cmd.Run(); err != nil {
		return lighthouseResult{}, fmt.Errorf("lighthouse %s (%s): %w\n%s", origin+p.path, formFactor, err, errs.String())
	}
	r, err := parseLighthouse(out.Bytes())
	if err != nil {
		return r, err
	}
	r.Variant, r.Path, r.FormFactor, r.Run = p.variant.name, p.path, formFactor, run
	return r, nil
}

// lighthouseCell is the medians of a page's Lighthouse runs in one form
// factor.
type lighthouseCell struct {
	Variant       string  `json:"variant"`
	Path          string  `json:"path"`
	FormFactor    string  `json:"formFactor"`
	Runs          int     `json:"runs"`
	Performance   float64 `json:"performance"`
	Accessibility float64 `json:"accessibility"`
	BestPractices float64 `json:"bestPractices"`
	SEO           float64 `json:"seo"`
	TBT           float64 `json:"totalBlockingTimeMs"`
	LongTasks     float64 `json:"longTasks"`
	LongestTask   float64 `json:"longestTaskMs"`
}

// lighthouseMedians groups the runs by page and form factor, in the order
// they were first run.
func lighthouseMedians(results []lighthouseResult) []lighthouseCell {
	var cells []lighthouseCell
	for _, group := range groupsInOrder(results, func(r lighthouseResult) [3]string { return [3]string{r.Variant, r.Path, r.FormFactor} }) {
		of := func(f func(lighthouseResult) float64) float64 {
			var values []float64
			for _, r := range group {
				values = append(values, f(r))
			}
			return median(values)
		}
		cells = append(cells, lighthouseCell{
			Variant: group[0].Variant, Path: group[0].Path, FormFactor: group[0].FormFactor, Runs: len(group),
			Performance:   of(func(r lighthouseResult) float64 { return r.Performance }),
			Accessibility: of(func(r lighthouseResult) float64 { return r.Accessibility }),
			BestPractices: of(func(r lighthouseResult) float64 { return r.BestPractices }),
			SEO:           of(func(r lighthouseResult) float64 { return r.SEO }),
			TBT:           of(func(r lighthouseResult) float64 { return r.TBT }),
			LongTasks:     of(func(r lighthouseResult) float64 { return r.LongTasks }),
			LongestTask:   of(func(r lighthouseResult) float64 { return r.LongestTask }),
		})
	}
	return cells
}

// Issue 21's Lighthouse targets, for the app's pages.
const (
	performanceFloor = 90
	mobileTBTLimitMs = 600
	otherScoreFloor  = 100
)

// lighthouseTargets checks every app page's medians against issue 21: in
// both form factors the four scores, and on mobile the blocking time.
func lighthouseTargets(cells []lighthouseCell) []target {
	var ts []target
	for _, c := range cells {
		if c.Variant != appVariant {
			continue
		}
		where := fmt.Sprintf("%s, %s", c.Path, c.FormFactor)
		atLeast := func(name string, value, floor float64) target {
			return target{Name: "Lighthouse " + name + ", " + where, Value: value, Limit: floor, Unit: "score", AtLeast: true,
				Met: value >= floor, Detail: fmt.Sprintf("median of %d", c.Runs)}
		}
		performance := atLeast("performance", c.Performance, performanceFloor)
		performance.Why = lighthouseWhy(c, cells)
		ts = append(ts, performance)
		for _, o := range []struct {
			name  string
			value float64
		}{{"accessibility", c.Accessibility}, {"best practices", c.BestPractices}, {"SEO", c.SEO}} {
			ts = append(ts, atLeast(o.name, o.value, otherScoreFloor))
		}
		if c.FormFactor == mobile {
			ts = append(ts, target{Name: "Lighthouse total blocking time, " + where, Value: c.TBT, Limit: mobileTBTLimitMs,
				Unit: "ms", Met: c.TBT >= 0 && c.TBT <= mobileTBTLimitMs, Detail: fmt.Sprintf("median of %d", c.Runs),
				Why: lighthouseWhy(c, cells)})
		}
	}
	return ts
}

// lighthouseWhy says what the same run measured beside an app page's
// scores: the tasks Lighthouse found long on that page, and the scores of
// the two baselines' first pages in the same form factor (the hello world
// is the floor of the stack, the static page that of any page).
func lighthouseWhy(app lighthouseCell, cells []lighthouseCell) string {
	why := fmt.Sprintf("Lighthouse lists %s tasks over 50 ms on this page, the longest %s ms", score(app.LongTasks), ms(app.LongestTask))
	for _, c := range cells {
		if c.Variant != appVariant && c.Path == "/" && c.FormFactor == app.FormFactor {
			why += fmt.Sprintf("; %s scores %s with %s ms of blocking (long tasks: %s)", c.Variant, score(c.Performance), ms(c.TBT), score(c.LongTasks))
		}
	}
	return why
}

// lighthouseAll runs Lighthouse runs times on every page in both form
// factors, page after page so that each page's runs are close in time.
func (l lighthouser) all(pages []lighthousePage, runs int, log func(string, ...any)) ([]lighthouseResult, error) {
	var results []lighthouseResult
	for _, p := range pages {
		for _, ff := range []string{mobile, desktop} {
			for run := 1; run <= runs; run++ {
				log("bench: Lighthouse %s %s%s, %s, run %d of %d", p.variant.name, p.variant.origin, p.path, ff, run, runs)
				r, err := l.run(p.variant.origin, p, ff, run)
				if err != nil {
					return nil, err
				}
				if r.Problem != "" {
					log("bench: Lighthouse says: %s", r.Problem)
				}
				results = append(results, r)
			}
		}
	}
	return results, nil
}

// appPagesToAudit are the app's pages issue 21 names: the map, a concept
// and a tour's step. They are asked for with the trailing slash, as the
// export's folders are served without the static host's redirect.
var appPagesToAudit = []string{"/", "/concepts/debate/", "/tours/superalignment-in-ten-minutes/1/"}

// pagesToAudit are the app's pages and the first page of each baseline;
// with wasmOnly, only the variants that run WebAssembly. Each must be in
// its variant's folder, so that a renamed page cannot quietly audit the
// not-found page.
func pagesToAudit(variants []*variant, wasmOnly bool) ([]lighthousePage, error) {
	var pages []lighthousePage
	for _, v := range variants {
		if wasmOnly && !v.wasm {
			continue
		}
		paths := []string{"/"}
		if v.name == appVariant {
			paths = appPagesToAudit
		}
		for _, p := range paths {
			if _, err := os.Stat(filepath.Join(v.dir, filepath.FromSlash(p), "index.html")); err != nil {
				return nil, fmt.Errorf("the %s has no page %s: %w", v.name, p, err)
			}
			pages = append(pages, lighthousePage{variant: v, path: p})
		}
	}
	return pages, nil
}
