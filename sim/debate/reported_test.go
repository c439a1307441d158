package debate

import "testing"

func TestReportedFactsSayWhereThePaperStatesThem(t *testing.T) {
	facts := Reported()
	keys := map[string]float64{}
	for _, f := range facts {
		if f.Source != "irving2018debate" || f.Where == "" || f.What == "" {
			t.Errorf("%s: source %q, where %q, what %q", f.Key, f.Source, f.Where, f.What)
		}
		if !(f.Value > 0 && f.Value < 1) {
			t.Errorf("%s: %v is not a fraction", f.Key, f.Value)
		}
		if _, twice := keys[f.Key]; twice {
			t.Errorf("%s appears twice", f.Key)
		}
		keys[f.Key] = f.Value
	}
	for _, k := range []string{"4", "6"} {
		before, after := keys["mnist-"+k+"-random"], keys["mnist-"+k+"-debate"]
		if before == 0 || after <= before {
			t.Errorf("with %s pixels the paper's judge goes from %v to %v", k, before, after)
		}
	}
}
