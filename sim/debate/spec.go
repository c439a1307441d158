package debate

import (
	"math"

	"oversight/lab"
)

// LiarPolicy is which false label the lying debater claims.
type LiarPolicy string

const (
	// EveryLiar plays all nine false labels against the honest debater; the
	// judge gets the digit right only if the honest debater beats them all
	// (the paper's measure when the claims are committed up front).
	EveryLiar LiarPolicy = "every"
	// StrongestLiar claims the false label the judge finds most plausible
	// for this digit on random glimpses of it.
	StrongestLiar LiarPolicy = "strongest"
	// RandomLiar claims a false label drawn at random.
	RandomLiar LiarPolicy = "random"
)

// liarPolicies are the choices of liar, in the order the control lists them.
var liarPolicies = []struct {
	policy  LiarPolicy
	label   string // on the control
	against string // in the summary
}{
	{EveryLiar, "Every false label, one debate each", "against every false label"},
	{StrongestLiar, "The false label the judge finds most plausible", "against the most plausible false label"},
	{RandomLiar, "A false label drawn at random", "against a random false label"},
}

// Params is one setting of the lab.
type Params struct {
	K          int        `json:"k"`          // pixels revealed in all, MinK–MaxK
	Strength   int        `json:"strength"`   // pixels each debater weighs per turn, 1–MaxStrength
	Liar       LiarPolicy `json:"liar"`       // which false label the liar claims
	TestDigits int        `json:"testDigits"` // how many of the fixed test digits to debate
	Seed       uint64     `json:"seed"`       // draws the random pixels, who opens, and random liars
}

// Bounds of the parameters that are not the judge's or the search's.
const (
	minTestDigits = 50
	maxSeed       = 1000
)

// DefaultParams is the setting the lab opens with: the paper's larger
// debate (6 pixels) against every liar, on the whole test set.
func DefaultParams() Params {
	return Params{K: 6, Strength: 2, Liar: EveryLiar, TestDigits: TestDigits, Seed: 1}
}

// Spec describes the lab's controls.
func Spec() lab.Spec {
	d := DefaultParams()
	options := make([]lab.Option, len(liarPolicies))
	for i, choice := range liarPolicies {
		options[i] = lab.Option{Key: string(choice.policy), Label: choice.label}
	}
	return lab.Spec{Params: []lab.Param{
		{Key: "k", Label: "Pixels revealed", Unit: "pixels", Min: MinK, Max: MaxK, Step: 1, Default: float64(d.K),
			Help: "How many pixels the judge sees: the debaters reveal them in turn, or, without debate, they are drawn at random."},
		{Key: "strength", Label: "Debaters' search", Unit: "pixels per turn", Min: 1, Max: MaxStrength, Step: 1, Default: float64(d.Strength),
			Help: "How many promising pixels each debater weighs at every turn it looks ahead to; 1 takes the best pixel for now, without lookahead."},
		{Key: "liar", Label: "The liar claims", Min: 0, Max: float64(len(options) - 1), Step: 1, Default: float64(policyIndex(d.Liar)), Options: options,
			Help: "Which false label the lying debater argues for."},
		{Key: "digits", Label: "Test digits", Unit: "digits", Min: minTestDigits, Max: TestDigits, Step: 50, Default: float64(d.TestDigits),
			Help: "How many digits of the fixed test set are debated; fewer is quicker."},
		{Key: "seed", Label: "Seed", Min: 1, Max: maxSeed, Step: 1, Default: float64(d.Seed),
			Help: "Draws the judge's random pixels, which debater opens, and random liars; the same seed gives the same numbers."},
	}}
}

// FromSetting reads a setting into parameters: each value is clamped to
// its range and step, and a missing or unreadable one takes its default.
func FromSetting(set lab.Setting) Params {
	spec := Spec()
	value := func(key string) float64 {
		p, _ := spec.Param(key)
		v, ok := set[key]
		if !ok || math.IsNaN(v) {
			return p.Default
		}
		return p.Clamp(v)
	}
	return Params{
		K:          int(value("k")),
		Strength:   int(value("strength")),
		Liar:       liarPolicies[int(value("liar"))].policy,
		TestDigits: int(value("digits")),
		Seed:       uint64(value("seed")),
	}
}

// valid brings parameters that did not come through FromSetting (a caller's
// own, or decoded JSON) into range.
func (p Params) valid() Params {
	d := DefaultParams()
	p.K = clampInt(p.K, MinK, MaxK)
	p.Strength = clampInt(p.Strength, 1, MaxStrength)
	p.TestDigits = clampInt(p.TestDigits, minTestDigits, TestDigits)
	if policyIndex(p.Liar) < 0 {
		p.Liar = d.Liar
	}
	return p
}

func clampInt(v, lo, hi int) int {
	return max(lo, min(hi, v))
}

func policyIndex(policy LiarPolicy) int {
	for i, choice := range liarPolicies {
		if choice.policy == policy {
			return i
		}
	}
	return -1
}
