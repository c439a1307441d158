// Package control simulates the control game of Greenblatt, Shlegeris,
// Sachan and Roger, "AI Control: Improving Safety Despite Intentional
// Subversion" (2023): a blue team chooses a protocol for using an untrusted
// strong model U, with a trusted weaker model T and a small budget of trusted
// human audits H, over a deployment of 5,000 tasks; a red team, playing U,
// answers the protocol with the attack policy that leaves the least safety.
//
// The model, in a few lines:
//   - On each task U may attempt a backdoor, subtle or obvious. T rates every
//     solution's suspicion: honest code scores N(0, 1), a subtle backdoor
//     N(separation × visibility, 1), where visibility varies from task to
//     task and the red team can see it coming, so it can wait for tasks
//     where a backdoor would hardly show.
//   - An audit catches any attempt it looks at and the blue team wins; a
//     backdoor submitted unaudited works with the backdoor success rate and
//     the red team wins; otherwise the game goes on. Safety is the chance the
//     blue team wins (deployment.go).
//   - Each protocol turns an attempt into chances of being audited, replaced
//     by T's code or edit, or submitted (one file per protocol). Those chances
//     are integrated over the tasks the red team picks, and safety over the
//     deployment has a closed form, so the red team's search (redteam.go)
//     tries every kind of backdoor, selectivity and rate cheaply.
//   - Usefulness is rescaled as in the paper: 0 is T alone, 1 is U alone
//     (usefulness.go).
//   - A seeded Monte Carlo (simulate.go) plays deployments task by task
//     with drawn scores: it shows the chosen protocol in action, and the
//     tests use it to check the closed form.
//
// Run plays all protocols and threshold sweeps for the lab; Spec describes
// its controls and FromSetting reads them. The paper's reported points, with
// where they are in the paper, are in reported.go. The package is pure Go and
// gives the same numbers, to the bit, natively and in WebAssembly: its exp,
// log and normal distribution come from sim/detmath.
package control
