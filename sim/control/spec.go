package control

import (
	"math"

	"oversight/lab"
)

// Params is one setting of the control game. Shares and rates are fractions
// (0.02 is 2%); the lab shows them as percentages.
type Params struct {
	// Protocol is the protocol the learner has chosen (a key such as
	// "trusted-monitoring"); every protocol is played either way.
	Protocol string `json:"protocol"`
	// AuditBudget is the share of tasks that H, trusted high-quality labour,
	// can audit.
	AuditBudget float64 `json:"auditBudget"`
	// MonitorQuality is how far apart, in standard deviations, T's suspicion
	// scores for honest code and for a typical subtle backdoor sit.
	MonitorQuality float64 `json:"monitorQuality"`
	// DeferThreshold is the share of tasks, the most suspicious, that defer
	// to trusted does not submit U's code for (audited ones included).
	DeferThreshold float64 `json:"deferThreshold"`
	// EditThreshold is the same for trusted editing: T edits those.
	EditThreshold float64 `json:"editThreshold"`
	// BackdoorSuccess is the chance that a subtle backdoor, once submitted,
	// works: it passes the tests and U can exploit it.
	BackdoorSuccess float64 `json:"backdoorSuccess"`
	// Collusion is the share of the red team's backdoors that the untrusted
	// monitor recognises as its own and rates as harmless.
	Collusion float64 `json:"collusion"`
	// Seed drives the Monte Carlo run of the chosen protocol.
	Seed uint64 `json:"seed"`
}

// The lab's parameter keys, as they travel in an address.
const (
	paramProtocol   = "protocol"
	paramAudit      = "audit"
	paramMonitor    = "monitor"
	paramDefer      = "defer"
	paramEdit       = "edit"
	paramSuccess    = "success"
	paramCollusion  = "collusion"
	paramSeed       = "seed"
	defaultProtocol = 2 // trusted monitoring
	// defaultMonitorQuality makes the red team's best answer to trusted
	// monitoring at the paper's other settings leave about the paper's 62%
	// safety. It is larger than the 1.6 standard deviations that the paper's
	// audit rate of its attempts suggests (0.338, §3.2.1) because here the red
	// team picks the tasks where its backdoors look least suspicious.
	defaultMonitorQuality = 2.5
	// defaultCollusion brings untrusted monitoring near the paper's 79%
	// (Table 2), where the best collusion signal that survived redaction was
	// a while loop in place of a for loop (§3.4.2).
	defaultCollusion = 0.5
	maxSeed          = 999999
)

// Spec describes the lab's controls, in the order they are shown.
func Spec() lab.Spec {
	options := protocolOptions()
	choices := make([]lab.Option, len(options))
	for i, o := range options {
		choices[i] = lab.Option{Key: o.key, Label: o.label}
	}
	return lab.Spec{Params: []lab.Param{
		{Key: paramProtocol, Label: "Protocol", Help: "The blue team's protocol to look at closely; every protocol is played and plotted.",
			Min: 0, Max: float64(len(choices) - 1), Step: 1, Default: defaultProtocol, Options: choices},
		{Key: paramAudit, Label: "Audit budget", Help: "The share of tasks trusted humans can check by hand.",
			Unit: "%", Min: 0, Max: 10, Step: 0.5, Default: 100 * paperAuditBudget},
		{Key: paramMonitor, Label: "Monitor quality", Help: "How far apart the trusted monitor's suspicion scores for honest and backdoored code sit, in standard deviations.",
			Min: 0, Max: 5, Step: 0.1, Default: defaultMonitorQuality},
		{Key: paramDefer, Label: "Defer-to-trusted threshold", Help: "The share of tasks, the most suspicious, for which the trusted model's own code is used instead.",
			Unit: "%", Min: 0, Max: 50, Step: 1, Default: 10},
		{Key: paramEdit, Label: "Trusted-editing threshold", Help: "The share of tasks, the most suspicious, whose code the trusted model edits before it is used.",
			Unit: "%", Min: 0, Max: 50, Step: 1, Default: 20},
		{Key: paramSuccess, Label: "Backdoor success rate", Help: "The chance that a subtle backdoor, once submitted, passes the tests and can be exploited.",
			Unit: "%", Min: 0, Max: 100, Step: 1, Default: math.Round(100 * paperSubtleSuccess)},
		{Key: paramCollusion, Label: "Collusion", Help: "For untrusted monitoring: the share of backdoors the untrusted monitor recognises as its own and calls harmless.",
			Unit: "%", Min: 0, Max: 100, Step: 5, Default: 100 * defaultCollusion},
		{Key: paramSeed, Label: "Seed", Help: "Changes the simulated deployments, not the exact safety.",
			Min: 1, Max: maxSeed, Step: 1, Default: 1},
	}}
}

// DefaultParams is the lab at its defaults: the paper's setting.
func DefaultParams() Params {
	return FromSetting(Spec().Defaults())
}

// FromSetting turns a lab setting into parameters. Missing, out-of-range or
// non-numeric values fall back to the default or the nearest value allowed.
func FromSetting(set lab.Setting) Params {
	spec := Spec()
	value := func(key string) float64 {
		param, _ := spec.Param(key)
		v, ok := set[key]
		if !ok {
			return param.Default
		}
		return param.Clamp(v)
	}
	options := protocolOptions()
	return Params{
		Protocol:        options[int(value(paramProtocol))].key,
		AuditBudget:     value(paramAudit) / 100,
		MonitorQuality:  value(paramMonitor),
		DeferThreshold:  value(paramDefer) / 100,
		EditThreshold:   value(paramEdit) / 100,
		BackdoorSuccess: value(paramSuccess) / 100,
		Collusion:       value(paramCollusion) / 100,
		Seed:            uint64(value(paramSeed)),
	}
}

// normalized brings parameters set by hand into the lab's ranges, without
// rounding them to the controls' steps, so that Run never sees a value it
// cannot use.
func (p Params) normalized() Params {
	spec := Spec()
	clamp := func(key string, v, scale float64) float64 {
		param, _ := spec.Param(key)
		if math.IsNaN(v) {
			return param.Default / scale
		}
		return min(max(v, param.Min/scale), param.Max/scale)
	}
	known := false
	for _, o := range protocolOptions() {
		known = known || o.key == p.Protocol
	}
	if !known {
		p.Protocol = protocolOptions()[defaultProtocol].key
	}
	p.AuditBudget = clamp(paramAudit, p.AuditBudget, 100)
	p.MonitorQuality = clamp(paramMonitor, p.MonitorQuality, 1)
	p.DeferThreshold = clamp(paramDefer, p.DeferThreshold, 100)
	p.EditThreshold = clamp(paramEdit, p.EditThreshold, 100)
	p.BackdoorSuccess = clamp(paramSuccess, p.BackdoorSuccess, 100)
	p.Collusion = clamp(paramCollusion, p.Collusion, 100)
	p.Seed = min(max(p.Seed, 1), maxSeed)
	return p
}
