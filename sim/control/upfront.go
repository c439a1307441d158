package control

import "math"

// upfrontAuditing submits U's code for every task and audits the first ones
// until H's budget is spent (the paper's §3.1.2). No monitor reads the rest.
func upfrontAuditing(p Params, tasks int) protocol {
	return protocol{
		key:           keyUpfrontAuditing,
		label:         protocolLabel(keyUpfrontAuditing),
		usesUntrusted: true,
		upfrontAudits: int(math.Floor(p.AuditBudget * float64(tasks))),
		usefulness:    1,
	}
}
