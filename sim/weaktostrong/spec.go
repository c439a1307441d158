package weaktostrong

import "oversight/lab"

// Params is one setting of the lab, in the units its controls show.
type Params struct {
	WeakStrength float64 `json:"weak"`     // % of labels the weak supervisor's view alone gets right
	Imitable     float64 `json:"imitable"` // % of its noise that the student can see
	Salience     float64 `json:"salience"` // how far the truth stands out in the student's features
	Confidence   bool    `json:"conf"`     // also train a student with the confidence loss
	Alpha        float64 `json:"alpha"`    // the confidence loss's weight, after its warm-up
	Steps        int     `json:"steps"`    // training steps of every student
	Seed         uint64  `json:"seed"`
}

// Spec describes the lab's controls, in the order the page shows them.
func Spec() lab.Spec {
	return lab.Spec{Params: []lab.Param{
		{
			Key: "weak", Label: "Weak supervisor's strength", Unit: "%",
			Help: "How often the weak supervisor's own view gets the label right; lower means a larger gap between it and the student.",
			Min:  60, Max: 90, Step: 5, Default: 75,
		},
		{
			Key: "imitable", Label: "How imitable its errors are", Unit: "%",
			Help: "The share of the weak supervisor's noise that comes from a feature the student also sees; the rest is noise the student cannot see, nor copy.",
			Min:  0, Max: 100, Step: 5, Default: 30,
		},
		{
			Key: "salience", Label: "How salient the truth is to the student", Unit: "×",
			Help: "How strongly the true direction stands out among the student's features, as a pretrained model's knowledge of a task might.",
			Min:  1, Max: 4, Step: 0.5, Default: 3,
		},
		{
			Key: "conf", Label: "Auxiliary confidence loss", Toggle: true,
			Help: "Also train a student whose target mixes the weak label with its own hardened prediction.",
			Min:  0, Max: 1, Step: 1, Default: 1,
		},
		{
			Key: "alpha", Label: "Confidence loss weight α",
			Help: "How far that target leans on the student's own predictions rather than the weak labels, once warmed up.",
			Min:  0, Max: 1, Step: 0.05, Default: 0.5,
		},
		{
			Key: "steps", Label: "Training steps", Unit: "steps",
			Help: "How long every student trains; stopping early leaves it less time to copy the weak supervisor's errors.",
			Min:  10, Max: 300, Step: 10, Default: 150,
		},
		{
			Key: "seed", Label: "Seed",
			Help: "Which random task, data and noise: the same seed gives the same run.",
			Min:  1, Max: 1000, Step: 1, Default: 1,
		},
	}}
}

// DefaultParams is the lab at its defaults.
func DefaultParams() Params { return FromSetting(Spec().Defaults()) }

// FromSetting reads a setting into Params. A value that is missing or not a
// number takes its default, and one out of range or off its step is brought
// onto it, so the result is always a valid setting.
func FromSetting(set lab.Setting) Params {
	spec := Spec()
	value := func(key string) float64 {
		p, _ := spec.Param(key)
		v, ok := set[key]
		if !ok {
			return p.Default
		}
		return p.Clamp(v)
	}
	return Params{
		WeakStrength: value("weak"),
		Imitable:     value("imitable"),
		Salience:     value("salience"),
		Confidence:   value("conf") != 0,
		Alpha:        value("alpha"),
		Steps:        int(value("steps")),
		Seed:         uint64(value("seed")),
	}
}

// Setting writes Params as a setting, the inverse of FromSetting.
func (p Params) Setting() lab.Setting {
	conf := 0.0
	if p.Confidence {
		conf = 1
	}
	return lab.Setting{
		"weak":     p.WeakStrength,
		"imitable": p.Imitable,
		"salience": p.Salience,
		"conf":     conf,
		"alpha":    p.Alpha,
		"steps":    float64(p.Steps),
		"seed":     float64(p.Seed),
	}
}
