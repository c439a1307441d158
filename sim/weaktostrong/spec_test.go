package weaktostrong

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"oversight/lab"
)

func paramOf(key string) lab.Param {
	p, ok := Spec().Param(key)
	if !ok {
		panic("no parameter " + key)
	}
	return p
}

func paramMin(key string) float64 { return paramOf(key).Min }
func paramMax(key string) float64 { return paramOf(key).Max }
func paramMinInt(key string) int  { return int(paramOf(key).Min) }
func paramMaxInt(key string) int  { return int(paramOf(key).Max) }

func TestEveryControlHasALabelAndADefaultInItsRange(t *testing.T) {
	for _, p := range Spec().Params {
		if p.Key == "" || p.Label == "" || p.Help == "" {
			t.Errorf("%+v: key, label and help are needed", p)
		}
		if p.Default < p.Min || p.Default > p.Max || p.Clamp(p.Default) != p.Default {
			t.Errorf("%s: default %v is not a value of %v–%v by %v", p.Key, p.Default, p.Min, p.Max, p.Step)
		}
	}
}

func TestParamsRoundTripThroughASetting(t *testing.T) {
	p := DefaultParams()
	p.Confidence, p.Steps, p.Seed, p.Alpha = false, 40, 17, 0.25
	if got := FromSetting(p.Setting()); got != p {
		t.Fatalf("FromSetting(p.Setting()) = %+v, want %+v", got, p)
	}
}

func TestAnAddressSetsTheParams(t *testing.T) {
	set, notes := Spec().Read("weak=60&imitable=100&conf=off&steps=70&seed=9")
	if len(notes) != 0 {
		t.Fatalf("notes: %v", notes)
	}
	p := FromSetting(set)
	if p.WeakStrength != 60 || p.Imitable != 100 || p.Confidence || p.Steps != 70 || p.Seed != 9 {
		t.Fatalf("params = %+v", p)
	}
}

// garbage holds settings no control would produce.
var garbage = []lab.Setting{
	{},
	{"weak": math.NaN(), "imitable": math.Inf(1), "salience": math.Inf(-1), "conf": 0.4, "alpha": -3, "steps": 1e300, "seed": -7},
	{"weak": 0, "imitable": -1, "salience": 0, "conf": 7, "alpha": math.NaN(), "steps": 0, "seed": 0},
	{"weak": 1e9, "imitable": 1e9, "salience": 1e9, "alpha": 1e9, "steps": 12.5, "seed": 1e19},
	{"unknown": 3},
}

func TestGarbageSettingsGiveValidParams(t *testing.T) {
	for _, set := range garbage {
		p := FromSetting(set)
		for key, v := range p.Setting() {
			param := paramOf(key)
			if math.IsNaN(v) || v < param.Min || v > param.Max || param.Clamp(v) != v {
				t.Errorf("FromSetting(%v): %s = %v, not a value of the control", set, key, v)
			}
		}
	}
}

func TestRunNeverPanicsOnGarbageParams(t *testing.T) {
	ps := []Params{
		{},
		{WeakStrength: math.NaN(), Imitable: math.Inf(1), Salience: -1, Alpha: math.NaN(), Steps: -5, Seed: 0},
		{WeakStrength: 100, Imitable: 100, Salience: 100, Alpha: 100, Steps: 1 << 40, Seed: math.MaxUint64},
		{WeakStrength: 50, Steps: 1},
	}
	for _, set := range garbage {
		ps = append(ps, FromSetting(set))
	}
	for _, p := range ps {
		r, err := Run(context.Background(), p)
		if err != nil {
			t.Fatalf("Run(%+v): %v", p, err)
		}
		if FromSetting(r.Params.Setting()) != r.Params {
			t.Errorf("Run(%+v) ran with params %+v, which are not valid", p, r.Params)
		}
		if _, err := json.Marshal(r); err != nil {
			t.Errorf("Run(%+v): the result does not marshal: %v", p, err)
		}
	}
}

func TestEveryReportedFactSaysWhereItWasRead(t *testing.T) {
	for _, f := range Reported() {
		if f.Value == "" || f.About == "" || f.Cite == "" || f.Where == "" {
			t.Errorf("%+v: value, what it is about, citation and place are all needed", f)
		}
	}
}
