package app

import (
	"strings"
	"testing"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
	"golang.org/x/net/html"

	"oversight/kb"
)

func TestTheMapPageShowsTheMapLegendAndAnIndexOfEveryConcept(t *testing.T) {
	doc := render(t, &MapPage{Site: testSite})
	if h1 := findAll(doc, byTag("h1")); len(h1) != 1 || attr(h1[0], "id") != headingID {
		t.Fatalf("want one h1 with id %s", headingID)
	}
	if len(findAll(doc, byTag("svg"))) == 0 || len(findAll(doc, func(n *html.Node) bool { return hasClass(n, "legend") })) != 1 {
		t.Errorf("the map page lacks the map or its legend")
	}
	index := findAll(doc, func(n *html.Node) bool { return hasClass(n, "concept-index") })[0]
	links := findAll(index, byTag("a"))
	if len(links) != len(testSite.Knowledge.Concepts()) {
		t.Errorf("the index lists %d concepts, want all %d", len(links), len(testSite.Knowledge.Concepts()))
	}
}

func TestAConceptPageShowsItsDefinitionAndEveryRelationInWords(t *testing.T) {
	doc := render(t, &ConceptPage{Site: testSite, ID: "debate"})
	debate, _ := testSite.Knowledge.Concept("debate")

	if h1 := findAll(doc, byTag("h1")); len(h1) != 1 || textOf(h1[0]) != "Debate" {
		t.Errorf("the page heading is not the concept's title")
	}
	details := findAll(doc, byTag("details"))
	if len(details) != 1 || !strings.Contains(textOf(details[0]), "Irving, Christiano and Amodei") {
		t.Fatalf("the definition is not behind one <details>")
	}
	if summary := findAll(details[0], byTag("summary")); len(summary) != 1 {
		t.Errorf("the definition has no <summary> to expand it")
	}
	relations := findAll(doc, func(n *html.Node) bool { return hasClass(n, "relation") })
	links := testSite.Knowledge.LinksOf("debate")
	if len(relations) != len(links) {
		t.Fatalf("%d relations shown, want %d", len(relations), len(links))
	}
	for i, l := range links {
		sentence := strings.Join(strings.Fields(textOf(relations[i])), " ")
		want := testSite.titleOf(l.From) + " " + l.Relation.Phrase() + " " + testSite.titleOf(l.To)
		if !strings.HasPrefix(sentence, want) || !strings.Contains(sentence, l.Note) {
			t.Errorf("relation reads %q, want %q and its note", sentence, want)
		}
	}
	back := findAll(doc, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "/?focus=debate" })
	if len(back) != 1 {
		t.Errorf("no way back to the map with debate highlighted")
	}
	if debate.Summary == "" || !strings.Contains(textOf(doc), debate.Summary) {
		t.Errorf("the summary is missing")
	}
}

func TestTheNotFoundPageOffersConceptsAndTheMap(t *testing.T) {
	// The closest-match ranking itself is specified in kb; the browser test
	// checks it end to end on a mistyped address.
	doc := render(t, &NotFoundPage{Site: testSite})
	if h1 := findAll(doc, byTag("h1")); len(h1) != 1 || textOf(h1[0]) != "Page not found" {
		t.Errorf("the page does not say it found nothing")
	}
	suggestions := findAll(doc, func(n *html.Node) bool { return hasClass(n, "suggestions") })
	if len(suggestions) != 1 || len(findAll(suggestions[0], byTag("a"))) != 5 {
		t.Errorf("want five suggested concepts")
	}
	if len(findAll(doc, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "/" && hasClass(n, "button") })) != 1 {
		t.Errorf("no way to the map")
	}
}

func TestEveryItemHasItsOwnPage(t *testing.T) {
	pages := make(map[string]bool)
	for _, p := range Pages(testSite.Knowledge) {
		pages[p] = true
	}
	want := []string{"/", "/about", "/problem", "/caveats", "/history", "/sources", "/questions", "/readings/spiralist"}
	for _, c := range testSite.Knowledge.Concepts() {
		want = append(want, kb.ConceptPath(c.ID))
	}
	for _, c := range testSite.Knowledge.Caveats() {
		want = append(want, kb.CaveatPath(c.ID))
	}
	for _, e := range testSite.Knowledge.Events() {
		want = append(want, kb.EventPath(e.ID))
	}
	for _, p := range want {
		if !pages[p] {
			t.Errorf("no page at %s", p)
		}
	}
	for _, notPage := range []string{"/concepts/nope", "/concepts/", "/concepts/debate/", "/elsewhere"} {
		if pages[notPage] {
			t.Errorf("%s is listed as a page", notPage)
		}
	}
}

func TestPageAtGivesThePageAnAddressShowsWithOrWithoutItsSlash(t *testing.T) {
	for path, want := range map[string]ui.Composer{
		"/":                   &MapPage{Site: testSite},
		"/concepts/debate":    &ConceptPage{Site: testSite, ID: "debate"},
		"/concepts/debate/":   &ConceptPage{Site: testSite, ID: "debate"},
		"/history":            &HistoryPage{Site: testSite},
		"/readings/spiralist": &ReadingPage{Site: testSite, ID: "spiralist"},
	} {
		got := PageAt(testSite, path)
		if got == nil {
			t.Errorf("PageAt(%s) = nil, want %T", path, want)
			continue
		}
		if ui.HTMLString(got) != ui.HTMLString(want) {
			t.Errorf("PageAt(%s) is not the page %T shows", path, want)
		}
	}
	for _, nowhere := range []string{"/concepts/nope", "/concepts/", "/elsewhere"} {
		if page := PageAt(testSite, nowhere); page != nil {
			t.Errorf("PageAt(%s) = %T, want none", nowhere, page)
		}
	}
}

func TestTheTextTwinListsEveryConceptAndEveryRelation(t *testing.T) {
	doc := render(t, &MapOutline{Site: testSite})
	concepts := findAll(doc, func(n *html.Node) bool { return hasClass(n, "outline-concept") })
	if len(concepts) != len(testSite.Knowledge.Concepts()) {
		t.Fatalf("the outline lists %d concepts, want %d", len(concepts), len(testSite.Knowledge.Concepts()))
	}
	relations := 0
	for _, c := range concepts {
		relations += len(findAll(c, func(n *html.Node) bool { return n.Data == "li" }))
	}
	// Each link appears twice: under each of its two concepts.
	if relations != 2*len(testSite.Knowledge.Links()) {
		t.Errorf("the outline states %d relations, want each of the %d links under both its ends", relations, len(testSite.Knowledge.Links()))
	}
	if !strings.Contains(strings.Join(strings.Fields(textOf(doc)), " "), "Debate is a method of Scalable oversight") {
		t.Errorf("relations do not read as sentences")
	}
}

func TestEveryPageSaysWhenItsContentWasLastReviewed(t *testing.T) {
	for _, page := range []ui.Composer{&MapPage{Site: testSite}, &CaveatsPage{Site: testSite}, &HistoryPage{Site: testSite}, &SourcesPage{Site: testSite}, &QuestionsPage{Site: testSite}, &ConceptPage{Site: testSite, ID: "debate"}} {
		doc := render(t, page)
		footer := findAll(doc, func(n *html.Node) bool { return hasClass(n, "site-footer") })
		if len(footer) != 1 || !strings.Contains(textOf(footer[0]), "last reviewed") {
			t.Errorf("%T has no last-reviewed date", page)
			continue
		}
		times := findAll(footer[0], byTag("time"))
		if len(times) != 1 || attr(times[0], "datetime") != testSite.reviewed || testSite.reviewed == "" {
			t.Errorf("%T gives the review date %v, want %s", page, times, testSite.reviewed)
		}
	}
}
