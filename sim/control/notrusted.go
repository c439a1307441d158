package control

import "math"

// noUntrusted never asks U: H writes the first solutions while its budget
// lasts and T writes the rest (the paper's §3.1.1). Nothing can be
// backdoored. H is as good as U and T is the zero of the scale, so
// usefulness is the share H writes.
func noUntrusted(p Params, tasks int) protocol {
	written := math.Floor(p.AuditBudget * float64(tasks))
	return protocol{
		key:        keyNoUntrusted,
		label:      protocolLabel(keyNoUntrusted),
		usefulness: written / float64(tasks),
	}
}
