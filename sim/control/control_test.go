package control

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
)

// play runs the game at the defaults changed by `change`.
func play(t *testing.T, change func(*Params)) Result {
	t.Helper()
	p := DefaultParams()
	if change != nil {
		change(&p)
	}
	res, err := Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// safetyOf is the safety of the protocol with this key in a Result.
func safetyOf(t *testing.T, res Result, key string) float64 {
	t.Helper()
	for _, pt := range res.Protocols {
		if pt.Protocol == key {
			return pt.Safety
		}
	}
	t.Fatalf("no protocol %q in the result", key)
	return 0
}

func usesUntrusted(key string) bool { return key != keyNoUntrusted }

func TestSafetyFollowsThePapersOrderAtTheDefaults(t *testing.T) {
	res := play(t, nil)
	upfront := safetyOf(t, res, keyUpfrontAuditing)
	monitoring := safetyOf(t, res, keyTrustedMonitoring)
	deferring := safetyOf(t, res, keyDeferToTrusted)
	editing := safetyOf(t, res, keyTrustedEditing)
	if !(upfront < monitoring && monitoring < deferring && deferring <= editing) {
		t.Errorf("want upfront auditing < trusted monitoring < defer to trusted (10%%) ≤ trusted editing (20%%), got %.3f, %.3f, %.3f, %.3f",
			upfront, monitoring, deferring, editing)
	}
}

func TestSafetyIsNearThePapersAtTheDefaults(t *testing.T) {
	res := play(t, nil)
	if got := safetyOf(t, res, keyTrustedMonitoring); math.Abs(got-0.62) > 0.10 {
		t.Errorf("trusted monitoring: safety %.3f, the paper reports 0.62", got)
	}
	if got := safetyOf(t, res, keyUpfrontAuditing); got < 0.05 || got > 0.25 {
		t.Errorf("upfront auditing: safety %.3f, want 5%%–25%% (the paper reports 15%%)", got)
	}
	if got := safetyOf(t, res, keyNoUntrusted); got != 1 {
		t.Errorf("without the untrusted model nothing can be backdoored, yet safety is %v", got)
	}
}

func TestTrustedMonitoringLosesItsEdgeAsTheMonitorGoesBlind(t *testing.T) {
	previous := math.Inf(1)
	for _, separation := range []float64{4, 2.5, 1.5, 1, 0.5, 0.25, 0} {
		res := play(t, func(p *Params) { p.MonitorQuality = separation })
		got := safetyOf(t, res, keyTrustedMonitoring)
		if got >= previous {
			t.Errorf("separation %v: safety %.3f, not below %.3f at the separation before", separation, got, previous)
		}
		previous = got
	}
	res := play(t, func(p *Params) { p.MonitorQuality = 0 })
	blind, upfront := safetyOf(t, res, keyTrustedMonitoring), safetyOf(t, res, keyUpfrontAuditing)
	if blind > upfront {
		t.Errorf("a monitor that cannot tell backdoors apart gives %.3f safety, more than upfront auditing's %.3f", blind, upfront)
	}
	// A blind monitor audits a random 2%: the red team backdoors every task
	// obviously, and the blue team wins only if the first attempt that
	// decides anything is audited.
	audited := DefaultParams().AuditBudget
	random := audited / (audited + (1-audited)*untrustedCorrect)
	if math.Abs(blind-random) > 1e-3 {
		t.Errorf("blind trusted monitoring: safety %.4f, random audits give %.4f", blind, random)
	}
}

func TestSafetyVanishesWithTheAuditBudget(t *testing.T) {
	budgets := []float64{0.02, 0.01, 0.005, 0.0025, 0}
	previous := map[string]float64{}
	for _, budget := range budgets {
		res := play(t, func(p *Params) { p.AuditBudget = budget })
		for _, pt := range res.Protocols {
			if !usesUntrusted(pt.Protocol) {
				continue
			}
			if last, ok := previous[pt.Label]; ok && pt.Safety > last {
				t.Errorf("%s: safety rose from %.3f to %.3f as the budget fell to %v", pt.Label, last, pt.Safety, budget)
			}
			previous[pt.Label] = pt.Safety
			if budget == 0 && pt.Safety > 1e-6 {
				t.Errorf("%s: safety %.3g with no audits at all", pt.Label, pt.Safety)
			}
		}
	}
}

func TestUsefulnessIsRescaledAsInThePaper(t *testing.T) {
	p := DefaultParams()
	res := play(t, nil)
	want := map[string]float64{
		keyNoUntrusted:         p.AuditBudget, // H's share of the tasks, the rest by T
		keyUpfrontAuditing:     1,
		keyTrustedMonitoring:   1,
		keyDeferToTrusted:      1 - (p.DeferThreshold - p.AuditBudget),
		keyUntrustedMonitoring: 1,
	}
	for _, pt := range res.Protocols {
		if w, ok := want[pt.Protocol]; ok && math.Abs(pt.Usefulness-w) > 1e-12 {
			t.Errorf("%s: usefulness %v, want %v", pt.Label, pt.Usefulness, w)
		}
		if math.Abs(pt.Correctness-(trustedCorrect+(untrustedCorrect-trustedCorrect)*pt.Usefulness)) > 1e-12 {
			t.Errorf("%s: correctness %v does not match usefulness %v", pt.Label, pt.Correctness, pt.Usefulness)
		}
	}
	for _, c := range res.Curves {
		for i, pt := range c.Points[1:] {
			if pt.Usefulness > c.Points[i].Usefulness {
				t.Errorf("%s: usefulness rose from %v to %v as the threshold grew", c.Label, c.Points[i].Usefulness, pt.Usefulness)
			}
		}
	}
	deferred, edited := res.Curves[0].Points, res.Curves[1].Points
	for i := range deferred {
		if deferred[i].Threshold > p.AuditBudget && edited[i].Usefulness <= deferred[i].Usefulness {
			t.Errorf("at %v, editing U's code (%v) should keep more usefulness than T's own code (%v)",
				deferred[i].Threshold, edited[i].Usefulness, deferred[i].Usefulness)
		}
	}
}

func TestThresholdSweepsTradeUsefulnessForSafety(t *testing.T) {
	res := play(t, nil)
	if len(res.Curves) != 3 {
		t.Fatalf("want sweeps of defer to trusted, trusted editing and untrusted monitoring, got %d", len(res.Curves))
	}
	for _, c := range res.Curves {
		first, last := c.Points[0], c.Points[len(c.Points)-1]
		if first.Threshold != 0 || math.Abs(last.Threshold-0.5) > 1e-12 {
			t.Errorf("%s: sweep runs from %v to %v, want 0 to 0.5", c.Label, first.Threshold, last.Threshold)
		}
		if last.Safety <= first.Safety+0.1 {
			t.Errorf("%s: rerouting half the tasks only takes safety from %.3f to %.3f", c.Label, first.Safety, last.Safety)
		}
		for i, pt := range c.Points[1:] {
			if pt.Safety < c.Points[i].Safety-1e-9 {
				t.Errorf("%s: safety fell from %.4f to %.4f as the threshold rose to %v", c.Label, c.Points[i].Safety, pt.Safety, pt.Threshold)
			}
		}
	}
}

func TestEveryProtocolCanBeChosen(t *testing.T) {
	for _, o := range protocolOptions() {
		res := play(t, func(p *Params) { p.Protocol = o.key })
		marked := 0
		for _, pt := range res.Protocols {
			if pt.Chosen {
				marked++
				if pt.Protocol != o.key {
					t.Errorf("chose %s, but %s is marked", o.key, pt.Protocol)
				}
			}
		}
		if marked != 1 || res.Chosen != o.key {
			t.Errorf("chose %s: %d points marked, Chosen %q", o.key, marked, res.Chosen)
		}
		if !strings.Contains(strings.ToLower(res.Summary), strings.ToLower(o.label)) &&
			o.key != keyNoUntrusted {
			t.Errorf("the summary does not name %s: %q", o.label, res.Summary)
		}
		if strings.Count(res.Summary, ". ") > 0 || !strings.HasSuffix(res.Summary, ".") {
			t.Errorf("the summary should be one sentence: %q", res.Summary)
		}
	}
}

func TestReportedPointsSayWhereInThePaper(t *testing.T) {
	res := play(t, nil)
	keys := map[string]bool{}
	for _, o := range protocolOptions() {
		keys[o.key] = true
	}
	if len(res.Reported) == 0 {
		t.Fatal("no reported points")
	}
	for _, r := range res.Reported {
		if r.Citation != "greenblatt2023control" || r.Where == "" || !keys[r.Protocol] {
			t.Errorf("reported point without citation, location or known protocol: %+v", r)
		}
	}
	if r, ok := reportedFor(keyTrustedMonitoring, 0); !ok || r.Safety != 0.62 || r.Usefulness != 0.97 {
		t.Errorf("trusted monitoring as reported: %+v", r)
	}
}

func TestSameParamsGiveTheSameJSON(t *testing.T) {
	first, err := json.Marshal(play(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	second, err := json.Marshal(play(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if string(first) != string(second) {
		t.Error("two runs with the same parameters gave different JSON")
	}
	other := play(t, func(p *Params) { p.Seed = 2 })
	same := play(t, nil)
	if other.Simulation.BlueWins == same.Simulation.BlueWins && other.Simulation.Example.EndTask == same.Simulation.Example.EndTask {
		t.Error("another seed gave the same simulated deployments")
	}
	if other.Protocols[2].Safety != same.Protocols[2].Safety {
		t.Error("the seed changed an exact safety")
	}
}

func TestGarbageParamsStillGiveValidJSON(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, p := range []Params{
		{},
		{Protocol: "nonsense", AuditBudget: nan, MonitorQuality: inf, DeferThreshold: -inf, EditThreshold: nan,
			BackdoorSuccess: -3, Collusion: 7, Seed: math.MaxUint64},
		{Protocol: keyTrustedEditing, AuditBudget: 1, MonitorQuality: -1, DeferThreshold: 2, EditThreshold: 2, BackdoorSuccess: 2},
	} {
		res, err := Run(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(res); err != nil {
			t.Errorf("%+v: %v", p, err)
		}
		if res.Params != res.Params.normalized() {
			t.Errorf("Run kept parameters out of range: %+v", res.Params)
		}
	}
}

// cancelledAfter is a context that is cancelled once it has been asked
// whether it is done a given number of times.
type cancelledAfter struct {
	context.Context
	asked, limit int
}

func (c *cancelledAfter) Err() error {
	c.asked++
	if c.asked > c.limit {
		return context.Canceled
	}
	return nil
}

func TestRunStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, DefaultParams()); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled run returned %v", err)
	}
	// Cancelled in the middle of the red team's search, it stops at the next
	// check.
	mid := &cancelledAfter{Context: context.Background(), limit: 500}
	if _, err := Run(mid, DefaultParams()); !errors.Is(err, context.Canceled) {
		t.Errorf("a run cancelled midway returned %v", err)
	}
	if mid.asked != mid.limit+1 {
		t.Errorf("the run went on asking the context %d more times after it was cancelled", mid.asked-mid.limit-1)
	}
}
