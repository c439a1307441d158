package main

import (
	"slices"
	"testing"
)

func TestOnlyTheTapsBetweenFirstPaintAndInteractiveCount(t *testing.T) {
	taps := []tap{{At: 100, Delay: 5}, {At: 300, Delay: 250}, {At: 900, Delay: 40}, {At: 1200, Delay: 2}}
	got := tapsWhileStarting(taps, 200, 1000)
	if want := []tap{{At: 300, Delay: 250}, {At: 900, Delay: 40}}; !slices.Equal(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
}

func TestInputDelayIsTheWorstAndTheMedianOfEveryTapOfEveryRun(t *testing.T) {
	samples := []inputDelaySample{
		{Variant: appVariant, Path: "/", Run: 1, Interactive: 3000, Steps: metrics{Main: 1000, ContentLoaded: 1300, Registered: 1400},
			Taps: []tap{{At: 900, Delay: 10}, {At: 1350, Delay: 420}}},
		{Variant: helloVariant, Path: "/", Run: 1, Interactive: 2000, Steps: metrics{Main: 500, ContentLoaded: -1, Registered: -1},
			Taps: []tap{{At: 600, Delay: 3}}},
		{Variant: appVariant, Path: "/", Run: 2, Interactive: 3200, Taps: []tap{{Delay: 30}}},
		{Variant: appVariant, Path: "/concepts/debate/", Run: 1, Interactive: 2900},
	}
	cells := inputDelayCells(samples)
	want := []inputDelayCell{
		{Variant: appVariant, Path: "/", Runs: 2, Events: 3, Worst: 420, Median: 30, Interactive: 3100,
			WorstAt: 1350, WorstStep: "opening the local data and registering the routes"},
		{Variant: helloVariant, Path: "/", Runs: 1, Events: 1, Worst: 3, Median: 3, Interactive: 2000,
			WorstAt: 600, WorstStep: "running main (a program without the app's marks)"},
		{Variant: appVariant, Path: "/concepts/debate/", Runs: 1, Events: 0, Worst: -1, Median: -1, Interactive: 2900},
	}
	if !slices.Equal(cells, want) {
		t.Fatalf("cells %+v\nwant %+v", cells, want)
	}
	ts := inputDelayTargets(cells)
	// A page where no tap met the start-up has measured nothing: not met.
	if len(ts) != 2 || ts[0].Met || ts[0].Value != 420 || ts[1].Met {
		t.Errorf("targets %+v", ts)
	}
	if want := "the worst tap was received 1350 ms into its start, while opening the local data and registering the routes: " +
		"it waited for a task of the main thread to end"; ts[0].Why != want {
		t.Errorf("why = %q\nwant %q", ts[0].Why, want)
	}
}

func TestATapIsPlacedInTheStepOfTheStartUpUnderWayWhenItCame(t *testing.T) {
	marks := metrics{Main: 1000, ContentLoaded: 1300, Registered: 1400, Interactive: 2000}
	for at, want := range map[float64]string{
		500:  "before main (the page, the WebAssembly's instantiation, Go's runtime starting)",
		1000: "decoding the knowledge",
		1350: "opening the local data and registering the routes",
		1900: "drawing the first page",
	} {
		if got := startUpStep(at, marks); got != want {
			t.Errorf("at %v ms: %q, want %q", at, got, want)
		}
	}
	// The hello world has no steps between main and interactive.
	hello := metrics{Main: 600, ContentLoaded: -1, Registered: -1}
	if got, want := startUpStep(700, hello), "running main (a program without the app's marks)"; got != want {
		t.Errorf("the hello world at 700 ms: %q, want %q", got, want)
	}
}
