//go:build !(js && wasm)

// The prerendering tests run go-app's server, which the browser build leaves out.

package app

import (
	"oversight/kb"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"oversight/labs"
	"oversight/search"
)

// Without JavaScript, a lab's page shows every control of its Spec at the
// address's setting, the prediction it asks for, and a real run at the
// defaults, folded away so that it does not answer before a prediction.
func TestALabPagePrerendersItsControlsAndARunAtTheDefaults(t *testing.T) {
	info, _ := labs.Find("weak-to-strong")
	doc := prerender(t, LabPath(info.ID))
	if h1 := one(t, doc, "h1", byTag("h1")); textOf(h1) != info.Title {
		t.Errorf("the heading is %q", textOf(h1))
	}
	for _, p := range info.Spec.Params {
		if len(findAll(doc, func(n *html.Node) bool { return attr(n, "id") == "lab-"+p.Key })) != 1 {
			t.Errorf("no control for %s", p.Key)
		}
	}
	slider := one(t, doc, "weak slider", func(n *html.Node) bool { return attr(n, "id") == "lab-weak" })
	if attr(slider, "value") != "75" || attr(slider, "min") != "60" || attr(slider, "max") != "90" {
		t.Errorf("the weak supervisor's slider is %v", slider.Attr)
	}
	folded := one(t, doc, "run at the defaults", byClass("lab-defaults"))
	if folded.Data != "details" || attr(folded, "open") != "" {
		t.Errorf("the run at the defaults is not folded in a closed <details>")
	}
	figures := findAll(folded, byClass("lab-figure"))
	if len(figures) != 3 {
		t.Fatalf("the run at the defaults has %d figures, want 3", len(figures))
	}
	for _, f := range figures {
		if len(findAll(f, byTag("svg"))) == 0 || len(findAll(f, byTag("table"))) != 1 || len(findAll(f, byClass("figure-sentence"))) != 1 {
			t.Errorf("figure %s lacks its chart, table or sentence", attr(f, "id"))
		}
	}
	if !strings.Contains(squash(textOf(folded)), "The student reached") {
		t.Errorf("the folded run does not say what the student reached")
	}
	if one(t, doc, "commit button", func(n *html.Node) bool { return attr(n, "id") == "lab-commit" }) == nil {
		t.Error("no way to commit a prediction")
	}
	caveat := findAll(one(t, doc, "caption", byClass("lab-caption")), func(n *html.Node) bool { return attr(n, "href") == kb.CaveatPath(info.Caveat) })
	if len(caveat) != 1 {
		t.Error("the caption does not link the caveat on the analogy")
	}
	citations := findAll(one(t, doc, "paper", byClass("lab-paper")), byClass("citation"))
	if len(citations) != len(info.Reported) {
		t.Errorf("%d citations for %d reported facts", len(citations), len(info.Reported))
	}
}

// An address that says something the lab cannot use is read as far as it
// can be, and the page says what it changed.
func TestALabPageSaysWhatItClampedInItsAddress(t *testing.T) {
	doc := prerender(t, "/labs/weak-to-strong?weak=10&steps=banana&imitable=45")
	notes := squash(textOf(one(t, doc, "notes", byClass("lab-notes"))))
	for _, want := range []string{"Weak supervisor’s strength: 10 is outside 60–90; using 60.", "Training steps: \"banana\" is not a number; using 150."} {
		if !strings.Contains(notes, strings.ReplaceAll(want, "’", "'")) && !strings.Contains(notes, want) {
			t.Errorf("the notes %q do not say %q", notes, want)
		}
	}
	if v := attr(one(t, doc, "imitable slider", func(n *html.Node) bool { return attr(n, "id") == "lab-imitable" }), "value"); v != "45" {
		t.Errorf("the imitable slider is at %s, want the address's 45", v)
	}
	long := prerender(t, "/labs/weak-to-strong?weak="+strings.Repeat("9", 10<<10))
	if notes := squash(textOf(one(t, long, "notes", byClass("lab-notes")))); !strings.Contains(notes, "the lab starts from its defaults") {
		t.Errorf("a 10 KB address is not refused politely: %q", notes)
	}
}

func TestTheLabsIndexAndTheConceptLinkEachLab(t *testing.T) {
	for _, id := range []string{"weak-to-strong", "debate"} {
		info, _ := testSite.Knowledge.Lab(id)
		toLab := func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == LabPath(info.ID) }
		if len(findAll(prerender(t, LabsPath), toLab)) == 0 {
			t.Errorf("the labs' index does not link the lab %s", id)
		}
		if len(findAll(prerender(t, kb.ConceptPath(info.Concept)), toLab)) == 0 {
			t.Errorf("the concept's page does not link its lab %s", id)
		}
		if testSite.conceptLabLink(info.Concept, "Run the lab") == nil {
			t.Errorf("the concept's preview has no link to its lab %s", id)
		}
	}
	found := buildSearchIndex(testSite.Knowledge).Find("weak-to-strong lab", 10)
	if !slices.ContainsFunc(found, func(r search.Result) bool { return r.Path == LabPath("weak-to-strong") && r.Kind == "Lab" }) {
		t.Errorf("searching for the lab finds %v", found)
	}
}

// The debate lab prerenders its board with the example debate's pixels
// and a text twin listing them, a live region of the app's own for the
// game, and the digits' credit.
func TestTheDebateLabPrerendersItsBoardAndCreditsTheDigits(t *testing.T) {
	doc := prerender(t, LabPath("debate"))
	board := one(t, doc, "the board", byClass("debate-board"))
	if n := len(findAll(board, byClass("reveals"))); n != 1 {
		t.Errorf("the board has %d lists of pixels shown, want 1", n)
	}
	if len(findAll(board, func(n *html.Node) bool { return attr(n, "data-action") == "state" })) == 0 {
		t.Error("the board offers no game to play")
	}
	live := one(t, doc, "the game's live region", func(n *html.Node) bool { return attr(n, "id") == "lab-announce" })
	if attr(live, "aria-live") != "polite" {
		t.Errorf("the live region is %v", live.Attr)
	}
	if credit := textOf(one(t, doc, "the digits' credit", byClass("digits-credit"))); !strings.Contains(credit, "CC BY 4.0") {
		t.Errorf("the digits' credit reads %q", credit)
	}
}
