package control

// deferToTrusted is trusted monitoring that, below the audit threshold, also
// throws away U's code when it is among the most suspicious `threshold` of
// tasks and submits T's own solution instead (the paper's §3.3).
func deferToTrusted(p Params, threshold float64) protocol {
	pr := monitored(keyDeferToTrusted, trustedMonitor(p.MonitorQuality), p.AuditBudget, threshold, 0,
		replacing(reroutedShare(threshold, p.AuditBudget), 0))
	pr.threshold = threshold
	return pr
}
