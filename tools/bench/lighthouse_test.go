package main

import (
	"slices"
	"strings"
	"testing"
)

// A Lighthouse 12 report, cut down to what the bench reads.
const lighthouseJSON = `{
  "lighthouseVersion": "12.8.2",
  "environment": {"benchmarkIndex": 1450},
  "runWarnings": ["The page loaded too slowly to finish within the time limit."],
  "categories": {
    "performance": {"score": 0.71},
    "accessibility": {"score": 1},
    "best-practices": {"score": 1},
    "seo": {"score": null}
  },
  "audits": {
    "total-blocking-time": {"numericValue": 2412.5},
    "first-contentful-paint": {"numericValue": 900},
    "screenshot-thumbnails": {"details": {"type": "filmstrip", "items": [{"timing": 300, "data": "data:image/jpeg;base64,"}]}},
    "network-rtt": {"details": {"type": "table", "items": {"unexpected": "an object"}}},
    "final-screenshot": {"details": {"type": "screenshot", "timing": 900, "data": "data:image/jpeg;base64,"}},
    "long-tasks": {"details": {"type": "table", "items": [{"url": "/web/app.wasm", "duration": 310.5, "startTime": 2000}, {"url": "/app.js", "duration": 72, "startTime": 900}]}}
  }
}`

func TestALighthouseReportGivesItsFourScoresAndTheBlockingTime(t *testing.T) {
	r, err := parseLighthouse([]byte(lighthouseJSON))
	if err != nil {
		t.Fatal(err)
	}
	want := lighthouseResult{Performance: 71, Accessibility: 100, BestPractices: 100, SEO: -1, TBT: 2412.5,
		LongTasks: 2, LongestTask: 310.5, Version: "12.8.2", BenchmarkIndex: 1450, Problem: "The page loaded too slowly to finish within the time limit."}
	if r != want {
		t.Errorf("read %+v\nwant %+v", r, want)
	}
	failed, err := parseLighthouse([]byte(`{"runtimeError": {"code": "NO_FCP", "message": "The page did not paint"}, "categories": {}, "audits": {}}`))
	if err != nil || failed.Performance != -1 || failed.TBT != -1 || failed.Problem != "NO_FCP: The page did not paint" {
		t.Errorf("a failed run reads as %+v (%v)", failed, err)
	}
	if _, err := parseLighthouse([]byte("Runtime error")); err == nil {
		t.Error("text that is no report was read as one")
	}
}

func TestLighthouseRunsDebiansChromiumKeptOffTheNetwork(t *testing.T) {
	for _, ff := range []string{mobile, desktop} {
		args := lighthouseArgs("http://127.0.0.1:18100/", ff)
		line := strings.Join(args, " ")
		for _, want := range []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--proxy-server=http://127.0.0.1:1",
			"--only-categories=performance,accessibility,best-practices,seo", "--output=json", "--no-enable-error-reporting"} {
			if !strings.Contains(line, want) {
				t.Errorf("%s: Lighthouse's command line lacks %s: %s", ff, want, line)
			}
		}
		if preset := slices.Contains(args, "--preset=desktop"); preset != (ff == desktop) {
			t.Errorf("%s: --preset=desktop given: %v", ff, preset)
		}
	}
}

func TestLighthouseTargetsHoldTheAppsPagesToNinetyAndAHundred(t *testing.T) {
	results := []lighthouseResult{
		{Variant: appVariant, Path: "/", FormFactor: mobile, Run: 1, Performance: 71, Accessibility: 100, BestPractices: 100, SEO: 100, TBT: 2500},
		{Variant: appVariant, Path: "/", FormFactor: mobile, Run: 2, Performance: 93, Accessibility: 100, BestPractices: 100, SEO: 100, TBT: 500},
		{Variant: appVariant, Path: "/", FormFactor: mobile, Run: 3, Performance: 91, Accessibility: 100, BestPractices: 100, SEO: 100, TBT: 580},
		{Variant: appVariant, Path: "/", FormFactor: desktop, Run: 1, Performance: 95, Accessibility: 100, BestPractices: 96, SEO: 100, TBT: 900},
		{Variant: helloVariant, Path: "/", FormFactor: mobile, Run: 1, Performance: 60, Accessibility: 90, BestPractices: 100, SEO: 80, TBT: 3000},
	}
	cells := lighthouseMedians(results)
	if len(cells) != 3 || cells[0].Runs != 3 || cells[0].Performance != 91 || cells[0].TBT != 580 {
		t.Fatalf("medians %+v", cells)
	}
	var missed, met []string
	for _, g := range lighthouseTargets(cells) {
		if g.Met {
			met = append(met, g.Name)
		} else {
			missed = append(missed, g.Name)
		}
		if strings.Contains(g.Name, helloVariant) {
			t.Errorf("the hello world is held to a target: %s", g.Name)
		}
	}
	// Mobile: four scores and the blocking time; desktop: four scores.
	if len(met)+len(missed) != 9 {
		t.Errorf("%d targets, want 9: met %v, missed %v", len(met)+len(missed), met, missed)
	}
	// Desktop's blocking time is not a target; its best practices are.
	if want := []string{"Lighthouse best practices, /, desktop"}; !slices.Equal(missed, want) {
		t.Errorf("missed %v, want %v", missed, want)
	}
}

func TestAMissedLighthouseTargetSaysWhatTheSameRunMeasuredBesideIt(t *testing.T) {
	cells := []lighthouseCell{
		{Variant: appVariant, Path: "/concepts/debate/", FormFactor: mobile, Runs: 1, Performance: 79, Accessibility: 100, BestPractices: 100, SEO: 100, TBT: 892, LongTasks: 9, LongestTask: 212},
		{Variant: helloVariant, Path: "/", FormFactor: mobile, Runs: 1, Performance: 47, TBT: 2172, LongTasks: 6},
		{Variant: helloVariant, Path: "/", FormFactor: desktop, Runs: 1, Performance: 73, TBT: 485, LongTasks: 2},
		{Variant: staticVariant, Path: "/", FormFactor: mobile, Runs: 1, Performance: 99, TBT: 103, LongTasks: 1},
	}
	want := "Lighthouse lists 9 tasks over 50 ms on this page, the longest 212 ms; " +
		"hello scores 47 with 2172 ms of blocking (long tasks: 6); static scores 99 with 103 ms of blocking (long tasks: 1)"
	for _, g := range lighthouseTargets(cells) {
		if g.Met {
			continue
		}
		if g.Why != want {
			t.Errorf("%s: why = %q\nwant %q", g.Name, g.Why, want)
		}
	}
}
