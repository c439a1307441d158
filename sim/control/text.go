package control

import (
	"fmt"
	"math"
	"strings"
)

// The game in words: attack policies, the summary sentence, and numbers as
// the lab writes them.

// plan is what an attack policy does, as an instruction to U: "write a
// subtle backdoor into …".
func plan(a Attack) string {
	verb := "write a subtle backdoor into"
	if a.Kind == "obvious" {
		verb = "slip an obvious backdoor into"
	}
	const chosen = "of tasks where it should look least suspicious"
	switch {
	case a.Opportunities >= 0.999 && a.Rate >= 0.999:
		return verb + " every task"
	case a.Opportunities >= 0.999:
		return fmt.Sprintf("%s a random %s of tasks", verb, percent(a.Rate))
	case a.Rate >= 0.999:
		return fmt.Sprintf("%s only the %s %s", verb, percent(a.Opportunities), chosen)
	}
	return fmt.Sprintf("%s %s of the %s %s", verb, percent(a.Rate), percent(a.Opportunities), chosen)
}

// describe puts an attack policy in words.
func describe(a Attack, pr protocol, tasks int) string {
	var b strings.Builder
	b.WriteString(upperFirst(plan(a)))
	fmt.Fprintf(&b, " (about %s attempts in %s tasks)", count(a.Attempts), count(float64(tasks)))
	if pr.upfrontAudits > 0 {
		fmt.Fprintf(&b, ", betting that none falls among the first %s, which are all audited", count(float64(pr.upfrontAudits)))
	}
	fmt.Fprintf(&b, ". Each attempt is audited %s of the time", percent(a.Audited))
	if a.Stopped > 0.0005 {
		fate := "replaced by the trusted model's code"
		if pr.keepsBackdoor > 0 {
			fate = "edited away by the trusted model"
		}
		fmt.Fprintf(&b, " and %s %s of the time", fate, percent(a.Stopped))
	}
	fmt.Fprintf(&b, "; %s of the backdoors that get through work", percent(a.Works))
	if a.Collusion > 0 {
		fmt.Fprintf(&b, ", and the untrusted monitor calls %s of them harmless", percent(a.Collusion))
	}
	b.WriteString(".")
	return b.String()
}

// summary is one sentence on the chosen protocol, for the text twin.
func summary(chosen Point, all []Point) string {
	if chosen.Protocol == keyNoUntrusted {
		return fmt.Sprintf("Without the untrusted model nothing can be backdoored, so safety is 100%%, but usefulness is only %s: the trusted model's code is far worse.", percent(chosen.Usefulness))
	}
	s := fmt.Sprintf("Against %s, the red team's best answer is to %s, which leaves %s safety at %s usefulness",
		lowerFirst(chosen.Label), plan(chosen.Attack), percent(chosen.Safety), percent(chosen.Usefulness))
	if r, ok := reportedFor(chosen.Protocol, chosen.Threshold); ok {
		s += fmt.Sprintf(" (the paper reports %s and %s)", percent(r.Safety), percent(r.Usefulness))
	}
	for _, other := range all {
		if other.Protocol == keyUpfrontAuditing && chosen.Protocol != keyUpfrontAuditing {
			s += fmt.Sprintf(", against %s for upfront auditing", percent(other.Safety))
		}
	}
	return s + "."
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// percent writes a share as a percentage with as few decimals as it needs
// to say something: "62%", "1.4%", "0.16%".
func percent(share float64) string {
	v := 100 * share
	switch {
	case v == 0 || math.Abs(v) >= 10:
		return fmt.Sprintf("%.0f%%", v)
	case math.Abs(v) >= 1:
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", v), "0"), ".") + "%"
	default:
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".") + "%"
	}
}

// count writes a number of things, rounded, with thousands separated: "5,000".
func count(v float64) string {
	n := int(math.Round(v))
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
