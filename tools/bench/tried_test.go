package main

import (
	"bytes"
	"strings"
	"testing"
)

// everyKindOfTarget is one target of each kind the bench checks, from a
// run that measured everything.
func everyKindOfTarget() []target {
	files := []fileSize{
		{Variant: appVariant, Path: wasmPath, Brotli: 1_600_000},
		{Variant: helloVariant, Path: wasmPath, Brotli: 1_400_000},
	}
	cells := []cell{
		{Variant: appVariant, Profile: "loopback", FCP: 330, Interactive: 900},
		{Variant: staticVariant, Profile: "loopback", FCP: 300},
		{Variant: appVariant, Profile: slowProfile, FCP: 1500, Interactive: 12000},
		{Variant: helloVariant, Profile: slowProfile, FCP: 700, Interactive: 10000},
		{Variant: staticVariant, Profile: slowProfile, FCP: 1000},
		{Variant: appVariant, Profile: "loopback", Repeat: true, Interactive: 1100, FirstVisitBytes: 2_000_000},
	}
	ts := targets(files, cells, []profile{profiles[0], profiles[2]})
	builtAsApp, ok := builtAsAppTarget(files, 1_000_000, []codeShare{{Group: "  its components (oversight/app)", AppBrotli: 220_000}})
	if !ok {
		panic("no target for the hello world built as the app is")
	}
	ts = append(ts, builtAsApp)
	ts = append(ts, lighthouseTargets([]lighthouseCell{
		{Variant: appVariant, Path: "/", FormFactor: mobile, Runs: 1, Performance: 72, Accessibility: 100, BestPractices: 100, SEO: 100, TBT: 1700},
		{Variant: appVariant, Path: "/", FormFactor: desktop, Runs: 1, Performance: 99, Accessibility: 100, BestPractices: 100, SEO: 100, TBT: 50},
	})...)
	ts = append(ts, inputDelayTargets([]inputDelayCell{{Variant: appVariant, Path: "/", Runs: 3, Worst: 150, WorstStep: "before main"}})...)
	return ts
}

func TestEveryKindOfTargetHasANoteOfWhatWasTried(t *testing.T) {
	kinds := map[string]bool{}
	for _, g := range everyKindOfTarget() {
		section, ok := triedFor(g.Name)
		if !ok || section.text == "" {
			t.Errorf("tools/bench/tried.md has no section whose heading begins the target %q", g.Name)
		}
		kinds[g.Name] = true
	}
	if len(kinds) < 10 {
		t.Fatalf("only %d kinds of target: %v", len(kinds), kinds)
	}
	for _, s := range triedSections() {
		covers := false
		for name := range kinds {
			covers = covers || strings.HasPrefix(name, s.prefix)
		}
		if !covers {
			t.Errorf("tried.md's section %q names no target the bench checks", s.prefix)
		}
	}
}

func TestTheLongestHeadingThatBeginsATargetsNameIsItsNote(t *testing.T) {
	size, _ := triedFor("WebAssembly, brotli: app ÷ hello")
	builtAsApp, _ := triedFor("WebAssembly, brotli: app ÷ hello built as the app is")
	if size == builtAsApp {
		t.Fatalf("the two size targets share one section: %q", size.prefix)
	}
	if !strings.Contains(builtAsApp.text, "1.37×") {
		t.Errorf("the section on the ratio to the hello world built as the app is does not give the ratio at filing:\n%s", builtAsApp.text)
	}
}

func TestMissedTargetsArePrintedWithWhyAndEachSectionOfWhatWasTriedOnce(t *testing.T) {
	r := report{Targets: []target{
		{Name: "worst input delay while starting, /, CPU 4× slower", Value: 150, Limit: 100, Unit: "ms", Why: "a tap met the instantiation"},
		{Name: "worst input delay while starting, /concepts/debate/, CPU 4× slower", Value: 130, Limit: 100, Unit: "ms", Why: "a tap met Go's start"},
		{Name: "first visit, the precache included, bytes from the server: app", Value: 1_979_000, Limit: 2_200_000, Unit: "bytes", Met: true},
	}}
	var out bytes.Buffer
	r.printTargets(&out)
	got := out.String()
	inputDelay, _ := triedFor(r.Targets[0].Name)
	firstVisit, _ := triedFor(r.Targets[2].Name)
	for _, want := range []string{
		"1979.0 KB  ≤ 2200.0 KB  met",
		"why worst input delay while starting, /, CPU 4× slower is missed: a tap met the instantiation\n",
		"why worst input delay while starting, /concepts/debate/, CPU 4× slower is missed: a tap met Go's start\n",
		"What was tried for the targets missed (tools/bench/tried.md):\n\nworst input delay while starting…\n" + inputDelay.text + "\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the targets lack %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, inputDelay.text); n != 1 {
		t.Errorf("what was tried for two targets of one kind is printed %d times, want once:\n%s", n, got)
	}
	if strings.Contains(got, firstVisit.text) {
		t.Errorf("a met target is printed with what was tried for it:\n%s", got)
	}
}

func TestTheRatioToTheHelloWorldBuiltAsTheAppIsSaysWhatTheAppsCodeWeighs(t *testing.T) {
	files := []fileSize{{Variant: appVariant, Path: wasmPath, Brotli: 1_570_000}}
	shares := []codeShare{
		{Group: "Oversight Explorer's own packages (oversight/...)", AppBrotli: 260_000},
		{Group: "  its components (oversight/app)", AppBrotli: 223_000},
	}
	g, ok := builtAsAppTarget(files, 1_000_000, shares)
	if !ok || g.Met || g.Value != 1.57 || g.Limit != builtAsAppLimit {
		t.Fatalf("target = %+v, want 1.57× against the 1.37× at filing, missed", g)
	}
	want := "of the app's brotli, the code of Oversight Explorer's own packages (oversight/...) 260.0 KB; its components (oversight/app) 223.0 KB"
	if g.Why != want {
		t.Errorf("why = %q\nwant %q", g.Why, want)
	}
	if _, ok := builtAsAppTarget(files, 0, shares); ok {
		t.Errorf("a target without the hello world built as the app is")
	}
}
