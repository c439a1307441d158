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
		{Variant: appVariant, Path: "/", Run: 1, Interactive: 3000, Taps: []tap{{Delay: 10}, {Delay: 420}}},
		{Variant: helloVariant, Path: "/", Run: 1, Interactive: 2000, Taps: []tap{{Delay: 3}}},
		{Variant: appVariant, Path: "/", Run: 2, Interactive: 3200, Taps: []tap{{Delay: 30}}},
		{Variant: appVariant, Path: "/concepts/debate/", Run: 1, Interactive: 2900},
	}
	cells := inputDelayCells(samples)
	want := []inputDelayCell{
		{Variant: appVariant, Path: "/", Runs: 2, Events: 3, Worst: 420, Median: 30, Interactive: 3100},
		{Variant: helloVariant, Path: "/", Runs: 1, Events: 1, Worst: 3, Median: 3, Interactive: 2000},
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
}
