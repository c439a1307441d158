package control

// editRemoves is the chance that T's edit takes out a backdoor in the code it
// is asked to clean. The paper does not report it; at 0.9 the model's trusted
// editing comes close to its Table 7, where editing is about as safe as
// deferring at the same threshold while far more useful.
const editRemoves = 0.9

// trustedEditing is trusted monitoring that, below the audit threshold, asks
// T to edit U's code when it is among the most suspicious `threshold` of
// tasks, and submits the edit (the paper's §3.5).
func trustedEditing(p Params, threshold float64) protocol {
	pr := monitored(keyTrustedEditing, trustedMonitor(p.MonitorQuality), p.AuditBudget, threshold, 1-editRemoves,
		replacing(reroutedShare(threshold, p.AuditBudget), editedWorth))
	pr.threshold = threshold
	return pr
}
