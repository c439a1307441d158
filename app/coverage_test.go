package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// articleOutline is the outline of the seed article the app is built from
// (tools/articleoutline writes it; CI checks it against the article).
var articleOutline = filepath.Join("testdata", "article-outline.txt")

// articleCoverage says, for every section of the article and every item its
// sections list, which pages of the app teach it. Adding a section to the
// article without a page fails TestEverySectionOfTheArticleHasAPage.
var articleCoverage = map[string][]string{
	// Section headings.
	"Superalignment":        {"/concepts/superalignment"},
	"Definition":            {"/about", "/concepts/superalignment"},
	"Origin and Use":        {"/about", "/history/superalignment-team-announced"},
	"Technical Problem":     {"/problem", "/concepts/human-judgement-loop"},
	"Research Directions":   {"/"},
	"Institutional History": {"/history"},
	"Limits and Disputes":   {"/caveats"},
	"Spiralist Reading":     {"/readings/spiralist"},
	"Open Questions":        {"/questions"},
	"Sources":               {"/sources"},
	// The research directions, each a paragraph that opens with its name.
	"Weak-to-strong generalization":   {"/concepts/weak-to-strong-generalization"},
	"Scalable oversight":              {"/concepts/scalable-oversight"},
	"Automated alignment research":    {"/concepts/automated-alignment-research"},
	"Interpretability and monitoring": {"/concepts/interpretability-and-monitoring"},
	"Control and containment":         {"/concepts/control-and-containment"},
	// The limits and disputes, each a paragraph that opens with its claim.
	"The term can overpromise":            {"/caveats/term-can-overpromise"},
	"Analogy may break":                   {"/caveats/analogy-may-break"},
	"Benchmarks can become rituals":       {"/caveats/benchmarks-can-become-rituals"},
	"Safety and product pressure collide": {"/caveats/safety-and-product-pressure"},
}

func TestEverySectionOfTheArticleHasAPage(t *testing.T) {
	data, err := os.ReadFile(articleOutline)
	if err != nil {
		t.Fatal(err)
	}
	pages := make(map[string]bool)
	for _, p := range Pages(testSite.Knowledge) {
		pages[p] = true
	}
	found := 0
	for _, topic := range outlineTopics(string(data)) {
		found++
		covering, ok := articleCoverage[topic]
		if !ok {
			t.Errorf("the article's %q has no page: add it to the app and to articleCoverage", topic)
			continue
		}
		for _, path := range covering {
			if !pages[path] {
				t.Errorf("the article's %q should be taught at %s, which is not a page", topic, path)
			}
		}
	}
	if found < len(articleCoverage) {
		t.Errorf("found %d topics in the article, but the coverage table has %d: is the article's layout read right?", found, len(articleCoverage))
	}
}

// outlineTopics lists the headings and lead-in phrases of the outline.
func outlineTopics(outline string) []string {
	var topics []string
	for _, l := range strings.Split(outline, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			topics = append(topics, l)
		}
	}
	return topics
}
