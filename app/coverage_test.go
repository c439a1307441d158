package app

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// seedArticle is the article the app is built from, kept in the team's
// shared folder beside the repository.
var seedArticle = filepath.Join("..", "..", "shared", "seed", "superalignment-article.txt")

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

// articleChrome are lines of the wiki page around the article, not sections.
var articleChrome = map[string]bool{"Return to Wiki": true}

// leadIn finds a paragraph's opening phrase: "Scalable oversight. …".
var leadIn = regexp.MustCompile(`^([A-Z][A-Za-z -]{2,60})\. ["“A-Z]`)

// listSections are the sections whose paragraphs each open with the name of
// the item they discuss.
var listSections = map[string]bool{"Research Directions": true, "Limits and Disputes": true}

func TestEverySectionOfTheArticleHasAPage(t *testing.T) {
	data, err := os.ReadFile(seedArticle)
	if err != nil {
		t.Fatalf("the seed article is not beside the repository (%v): the coverage check needs ../shared", err)
	}
	pages := make(map[string]bool)
	for _, p := range Pages(knowledge) {
		pages[p] = true
	}
	found := 0
	for _, topic := range articleTopics(string(data)) {
		if articleChrome[topic] {
			continue
		}
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

// articleTopics lists the article's section headings (short lines standing
// alone between blank lines, without a full stop) and, in the sections that
// list items, the lead-in phrase of each paragraph.
func articleTopics(article string) []string {
	lines := strings.Split(strings.ReplaceAll(article, "\r\n", "\n"), "\n")
	var topics []string
	section := ""
	for i, l := range lines {
		l = strings.TrimSpace(l)
		blankAround := (i == 0 || strings.TrimSpace(lines[i-1]) == "") && (i+1 == len(lines) || strings.TrimSpace(lines[i+1]) == "")
		switch {
		case l == "" || strings.Contains(l, "·"):
		case blankAround && len(l) < 40 && !strings.ContainsAny(l, ".:"):
			section = l
			topics = append(topics, l)
		case listSections[section] && leadIn.MatchString(l):
			topics = append(topics, leadIn.FindStringSubmatch(l)[1])
		}
	}
	return topics
}
