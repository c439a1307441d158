package control

import (
	"math"
	"testing"

	"oversight/lab"
)

func TestTheDefaultsAreThePapersSetting(t *testing.T) {
	p := DefaultParams()
	if p.AuditBudget != 0.02 || p.DeferThreshold != 0.10 || p.EditThreshold != 0.20 || p.BackdoorSuccess != 0.27 {
		t.Errorf("defaults %+v: want a 2%% audit budget, defer at 10%%, edit at 20%% and 27%% (19 of 71) backdoors working", p)
	}
	if p.Protocol != keyTrustedMonitoring {
		t.Errorf("default protocol %q", p.Protocol)
	}
}

func TestASettingTravelsInTheAddress(t *testing.T) {
	spec := Spec()
	set, notes := spec.Read("protocol=trusted-editing&edit=30&audit=1.5&seed=42")
	if len(notes) != 0 {
		t.Fatalf("notes: %v", notes)
	}
	p := FromSetting(set)
	if p.Protocol != keyTrustedEditing || p.EditThreshold != 0.3 || p.AuditBudget != 0.015 || p.Seed != 42 {
		t.Errorf("read %+v", p)
	}
	if q := spec.Query(set); q != "audit=1.5&edit=30&protocol=trusted-editing&seed=42" {
		t.Errorf("written back as %q", q)
	}
}

func TestGarbageSettingsGiveValidParams(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, set := range []lab.Setting{
		{},
		{"protocol": nan, "audit": inf, "monitor": -inf, "defer": nan, "edit": 1e300, "success": -5, "collusion": 250, "seed": -1},
		{"protocol": 99, "audit": -1, "seed": 1e20},
	} {
		p := FromSetting(set)
		if p != p.normalized() {
			t.Errorf("%v gave parameters out of range: %+v", set, p)
		}
		for _, v := range []float64{p.AuditBudget, p.MonitorQuality, p.DeferThreshold, p.EditThreshold, p.BackdoorSuccess, p.Collusion} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%v gave %+v", set, p)
			}
		}
		if p.Seed < 1 {
			t.Errorf("%v gave seed %d", set, p.Seed)
		}
	}
}

func TestEveryDefaultSitsOnItsControl(t *testing.T) {
	for _, param := range Spec().Params {
		if got := param.Clamp(param.Default); got != param.Default {
			t.Errorf("%s: default %v is not a value the control can take (%v)", param.Key, param.Default, got)
		}
	}
	if n := len(Spec().Params[0].Options); n != len(protocolOptions()) {
		t.Errorf("the protocol control offers %d protocols, the game plays %d", n, len(protocolOptions()))
	}
}
