package control

import "math"

// Numbers read in the paper: Greenblatt, Shlegeris, Sachan and Roger, "AI
// Control: Improving Safety Despite Intentional Subversion", arXiv 2312.06942
// (version 5; a shortened version is in the Proceedings of ICML 2024). The
// sections, tables and figures named are that version's.
const citation = "greenblatt2023control"

// The setting this model takes from the paper.
const (
	// deploymentTasks: the scenario is 5,000 APPS programming problems (§2).
	deploymentTasks = 5000
	// paperAuditBudget: H can audit up to 2% of problems (§2.2).
	paperAuditBudget = 0.02
	// untrustedCorrect and trustedCorrect: before rescaling, GPT-4 solves
	// 54% of problems and GPT-3.5 22% (§3, opening paragraph). Usefulness is
	// rescaled so that these are 1 and 0 (§3; Figure 2; Appendix B).
	untrustedCorrect = 0.54
	trustedCorrect   = 0.22
	// paperSubtleSuccess: against trusted monitoring the attack policy
	// attempts a backdoor on 71 of 1,500 problems and succeeds on 19 (§3.2).
	paperSubtleSuccess = 19.0 / 71
	// syntheticShare: untrusted monitoring spends 30 of its 100 H points on
	// synthetic backdoors to test the monitor, which leaves 1.4% of
	// problems to audit (§3.4). The model spends the same share of any
	// budget.
	syntheticShare = 0.3
	// simulatedDeployments: the paper estimates safety and usefulness from
	// 2,000 sampled scenarios (Appendix F).
	simulatedDeployments = 2000
)

// Reported is a point the paper reports, drawn beside the simulation.
type Reported struct {
	Protocol string `json:"protocol"`
	Label    string `json:"label"`
	// Threshold is the defer or edit threshold, as a share of tasks; zero
	// for protocols without one.
	Threshold  float64 `json:"threshold"`
	Safety     float64 `json:"safety"`
	Usefulness float64 `json:"usefulness"`
	Citation   string  `json:"citation"`
	Where      string  `json:"where"`
}

// reportedPoints are the rows of the paper's Table 7, which gathers every
// protocol's safety and rescaled usefulness (Tables 2 and 3 and the table of
// Figure 5 repeat some of them). Untrusted monitoring's rows are with
// deferral to T at the given threshold; its 0% row is the protocol of
// Table 2.
func reportedPoints() []Reported {
	rows := []struct {
		key                   string
		threshold, safe, used float64
	}{
		{keyNoUntrusted, 0, 1.00, 0.02},
		{keyUpfrontAuditing, 0, 0.15, 1.00},
		{keyTrustedMonitoring, 0, 0.62, 0.97},
		{keyDeferToTrusted, 0.05, 0.74, 0.95},
		{keyDeferToTrusted, 0.10, 0.83, 0.93},
		{keyDeferToTrusted, 0.20, 0.92, 0.83},
		{keyDeferToTrusted, 0.50, 1.00, 0.51},
		{keyUntrustedMonitoring, 0, 0.79, 0.96},
		{keyUntrustedMonitoring, 0.05, 0.82, 0.95},
		{keyUntrustedMonitoring, 0.10, 0.92, 0.92},
		{keyUntrustedMonitoring, 0.20, 0.98, 0.85},
		{keyTrustedEditing, 0.05, 0.73, 0.97},
		{keyTrustedEditing, 0.10, 0.85, 0.96},
		{keyTrustedEditing, 0.20, 0.92, 0.94},
		{keyTrustedEditing, 0.50, 0.96, 0.89},
	}
	points := make([]Reported, len(rows))
	for i, r := range rows {
		points[i] = Reported{
			Protocol:   r.key,
			Label:      pointLabel(r.key, r.threshold),
			Threshold:  r.threshold,
			Safety:     r.safe,
			Usefulness: r.used,
			Citation:   citation,
			Where:      "Table 7 (§3.5)",
		}
	}
	return points
}

// reportedFor finds the paper's point for a protocol at a threshold.
func reportedFor(key string, threshold float64) (Reported, bool) {
	for _, r := range reportedPoints() {
		if r.Protocol == key && math.Abs(r.Threshold-threshold) < 1e-9 {
			return r, true
		}
	}
	return Reported{}, false
}

// ReportedPoints are the paper's points, for a lab's page to cite without
// running the game.
func ReportedPoints() []Reported { return reportedPoints() }
