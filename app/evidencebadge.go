package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// EvidenceBadge says at a glance how an item is known: a primary record
// (official announcement, paper), someone's report (press, personal
// statement), or an interpretation. Shape and words differ, not only colour.
type EvidenceBadge struct {
	ui.Compo

	// Evidence is the event's evidence level; empty marks an interpretation.
	Evidence kb.Evidence
}

func (b *EvidenceBadge) Render() ui.UI {
	if b.Evidence == "" {
		return ui.Span().Class("evidence-badge", "evidence-interpretation").Text("Interpretation")
	}
	class := "evidence-record"
	if b.Evidence.IsReport() {
		class = "evidence-report"
	}
	return ui.Span().Class("evidence-badge", class, "evidence-"+string(b.Evidence)).Text(b.Evidence.Label())
}
