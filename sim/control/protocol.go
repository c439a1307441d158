package control

import (
	"fmt"

	"oversight/sim/detmath"
)

// protocol is what the blue team does with each task.
type protocol struct {
	key, label string
	// threshold is the share of tasks, the most suspicious, that the
	// protocol audits or reroutes to T: the defer or edit threshold. Zero
	// when it reroutes nothing.
	threshold     float64
	usesUntrusted bool
	// upfrontAudits is how many of the first tasks are audited whatever
	// they look like.
	upfrontAudits int
	// monitor scores U's code; nil when nothing reads it.
	monitor *monitor
	// auditAbove and rerouteAbove are the suspicion scores above which the
	// protocol audits, and (below the audit threshold) gives the task to T
	// instead of submitting U's code.
	auditAbove, rerouteAbove float64
	// keepsBackdoor is the chance that a rerouted backdoor still reaches
	// the deployment: 0 when T writes its own code, more when T edits U's.
	keepsBackdoor float64
	// usefulness is the protocol's usefulness, rescaled so that T alone is 0
	// and U alone is 1.
	usefulness float64
}

// Protocol keys, as they travel in a lab's address and in a Result.
const (
	keyNoUntrusted         = "no-untrusted"
	keyUpfrontAuditing     = "upfront-auditing"
	keyTrustedMonitoring   = "trusted-monitoring"
	keyDeferToTrusted      = "defer-to-trusted"
	keyTrustedEditing      = "trusted-editing"
	keyUntrustedMonitoring = "untrusted-monitoring"
)

// protocolOption is a protocol the learner can choose.
type protocolOption struct{ key, label string }

// protocolOptions lists the protocols in the order the lab shows them.
func protocolOptions() []protocolOption {
	return []protocolOption{
		{keyNoUntrusted, "Don't use the untrusted model"},
		{keyUpfrontAuditing, "Upfront auditing"},
		{keyTrustedMonitoring, "Trusted monitoring"},
		{keyDeferToTrusted, "Defer to trusted"},
		{keyTrustedEditing, "Trusted editing"},
		{keyUntrustedMonitoring, "Untrusted monitoring"},
	}
}

func protocolLabel(key string) string {
	for _, o := range protocolOptions() {
		if o.key == key {
			return o.label
		}
	}
	return key
}

// pointLabel names a protocol at a threshold, e.g. "Defer to trusted (10%)".
func pointLabel(key string, threshold float64) string {
	label := protocolLabel(key)
	switch {
	case key == keyDeferToTrusted || key == keyTrustedEditing:
		return fmt.Sprintf("%s (%s)", label, percent(threshold))
	case key == keyUntrustedMonitoring && threshold > 0:
		return fmt.Sprintf("%s, deferring %s", label, percent(threshold))
	}
	return label
}

// auditThreshold is the suspicion score that a share of honest solutions
// (which score N(0, 1)) exceeds: +Inf when the share is zero.
func auditThreshold(share float64) float64 {
	return detmath.NormalQuantile(1 - share)
}

// monitored builds a protocol in which a monitor scores every solution of U,
// the most suspicious auditShare are audited and, of the rest, those among the
// most suspicious rerouteShare (audited ones included) go to T, who keeps a
// backdoor with chance keeps.
func monitored(key string, m *monitor, auditShare, rerouteShare, keeps, usefulness float64) protocol {
	rerouteShare = max(rerouteShare, auditShare)
	return protocol{
		key:           key,
		label:         protocolLabel(key),
		usesUntrusted: true,
		monitor:       m,
		auditAbove:    auditThreshold(auditShare),
		rerouteAbove:  auditThreshold(rerouteShare),
		keepsBackdoor: keeps,
		usefulness:    usefulness,
	}
}

// attemptOutcome is what becomes of an attempt of this kind on a task of
// conspicuousness z, after the first upfrontAudits tasks.
func (pr protocol) attemptOutcome(kind backdoorKind, z float64) outcome {
	if pr.monitor == nil {
		return outcome{landed: 1}
	}
	var audited, below float64
	v := visibility(z)
	for _, c := range pr.monitor.components[kind] {
		mean := c.base + c.signal*v
		// Above the audit threshold: Φ((mean − threshold)/sd), precise in
		// the upper tail.
		audited += c.weight * detmath.NormalCDF((mean-pr.auditAbove)/c.sd)
		below += c.weight * detmath.NormalCDF((pr.rerouteAbove-mean)/c.sd)
	}
	rerouted := max(0, 1-audited-below)
	return outcome{
		audited: audited,
		stopped: rerouted * (1 - pr.keepsBackdoor),
		landed:  below + rerouted*pr.keepsBackdoor,
	}
}

// selective reports whether an attempt's fate depends on the task it is
// made on, so that choosing opportunities can pay.
func (pr protocol) selective(kind backdoorKind) bool {
	if pr.monitor == nil {
		return false
	}
	for _, c := range pr.monitor.components[kind] {
		if c.signal != 0 {
			return true
		}
	}
	return false
}
