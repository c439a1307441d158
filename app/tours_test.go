//go:build !(js && wasm)

// The prerendering tests run go-app's server, which the browser build leaves out.

package app

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
	"golang.org/x/net/html"

	"oversight/internal/qrread"
	"oversight/live/wire"
)

// prerender asks go-app's handler for a page, as a browser without
// JavaScript would see it: OnPreRender and Render on the server.
func prerender(t *testing.T, path string) *html.Node {
	t.Helper()
	rec := httptest.NewRecorder()
	(&ui.Handler{Name: SiteName}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("%s answered %d", path, rec.Code)
	}
	doc, err := html.Parse(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func byClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return hasClass(n, class) }
}

func one(t *testing.T, doc *html.Node, what string, match func(*html.Node) bool) *html.Node {
	t.Helper()
	found := findAll(doc, match)
	if len(found) != 1 {
		t.Fatalf("want one %s, found %d", what, len(found))
	}
	return found[0]
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestEveryTourStepIsAPageOfItsOwn(t *testing.T) {
	pages := make(map[string]bool)
	for _, p := range Pages(testSite.Knowledge) {
		pages[p] = true
	}
	want := []string{ToursPath, importedTourPath, importedPlayPath, importedPresentPath}
	for _, tour := range testSite.Knowledge.Tours() {
		want = append(want, TourPath(tour.ID), TourCheckPath(tour.ID))
		for n := 1; n <= len(tour.Steps); n++ {
			want = append(want, TourStepPath(tour.ID, n), PresentStepPath(tour.ID, n))
		}
		if pages[TourStepPath(tour.ID, len(tour.Steps)+1)] || pages[PresentStepPath(tour.ID, 0)] {
			t.Errorf("%s has a page for a step it does not have", tour.ID)
		}
	}
	for _, p := range want {
		if !pages[p] {
			t.Errorf("no page at %s", p)
		}
	}
}

func TestATourStepReadsWithoutJavaScript(t *testing.T) {
	for _, tour := range testSite.Knowledge.Tours() {
		for n, step := range tour.Steps {
			n++
			doc := prerender(t, TourStepPath(tour.ID, n))
			if h1 := one(t, doc, "h1", byTag("h1")); squash(textOf(h1)) != step.Title {
				t.Errorf("%s step %d: heading %q, want %q", tour.ID, n, textOf(h1), step.Title)
			}
			want := "Step " + strconv.Itoa(n) + " of " + strconv.Itoa(len(tour.Steps))
			if got := squash(textOf(one(t, doc, "progress", byClass("tour-progress")))); got != want {
				t.Errorf("%s step %d: progress %q, want %q", tour.ID, n, got, want)
			}
			narration := squash(textOf(one(t, doc, "narration", byClass("tour-narration"))))
			if firstWords := strings.Fields(step.Narration)[0]; !strings.HasPrefix(narration, strings.Trim(firstWords, "*_[")) {
				t.Errorf("%s step %d: narration %q", tour.ID, n, narration)
			}
			// The map frames exactly the step's concepts.
			var spotlit []string
			for _, node := range findAll(doc, byClass("is-spotlit")) {
				spotlit = append(spotlit, attr(node, "data-id"))
			}
			concepts := slices.Clone(step.Concepts)
			slices.Sort(spotlit)
			slices.Sort(concepts)
			if !slices.Equal(spotlit, concepts) {
				t.Errorf("%s step %d spotlights %v, want %v", tour.ID, n, spotlit, concepts)
			}
			// Previous and Next are links, so the tour works without JavaScript.
			controls := one(t, doc, "tour controls", byClass("tour-controls"))
			prev := findAll(controls, func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "tour-prev") })
			next := findAll(controls, func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "tour-next") })
			if (n > 1) != (len(prev) == 1) || (n > 1 && attr(prev[0], "href") != TourStepPath(tour.ID, n-1)) {
				t.Errorf("%s step %d: wrong Previous link", tour.ID, n)
			}
			wantNext := TourStepPath(tour.ID, n+1)
			if n == len(tour.Steps) {
				wantNext = TourCheckPath(tour.ID)
			}
			if len(next) != 1 || attr(next[0], "href") != wantNext {
				t.Errorf("%s step %d: Next should go to %s", tour.ID, n, wantNext)
			}
		}
	}
}

func TestTheHandoutHasEveryStepAndTheSelfCheck(t *testing.T) {
	tour := testSite.Knowledge.Tours()[0]
	doc := prerender(t, TourPath(tour.ID))
	steps := findAll(doc, byClass("handout-step"))
	if len(steps) != len(tour.Steps) {
		t.Fatalf("the handout shows %d steps, want %d", len(steps), len(tour.Steps))
	}
	for i, s := range steps {
		if h2 := findAll(s, byTag("h2")); len(h2) != 1 || squash(textOf(h2[0])) != tour.Steps[i].Title {
			t.Errorf("handout step %d is not headed %q", i+1, tour.Steps[i].Title)
		}
		if notes := strings.Fields(tour.Steps[i].Notes); len(notes) > 4 && strings.Contains(squash(textOf(s)), strings.Join(notes[:5], " ")) {
			t.Errorf("handout step %d shows the speaker notes", i+1)
		}
	}
	check := one(t, doc, "self-check", byClass("handout-check"))
	if got := len(findAll(check, byClass("quiz-prompt"))); got != len(tour.Quiz) {
		t.Errorf("the handout's self-check has %d questions, want %d", got, len(tour.Quiz))
	}
	one(t, doc, "print button", byClass("print-button"))
	for _, chrome := range []string{"back", "tour-actions", "tour-import"} {
		for _, n := range findAll(doc, byClass(chrome)) {
			if !hasClass(n, "no-print") {
				t.Errorf(".%s is not hidden when printing", chrome)
			}
		}
	}
}

func TestTheSelfCheckPageOffersEveryAnswer(t *testing.T) {
	tour := testSite.Knowledge.Tours()[0]
	doc := prerender(t, TourCheckPath(tour.ID))
	questions := findAll(doc, byClass("quiz-question"))
	if len(questions) != len(tour.Quiz) {
		t.Fatalf("%d questions shown, want %d", len(questions), len(tour.Quiz))
	}
	for i, q := range questions {
		if got := len(findAll(q, byClass("quiz-option"))); got != len(tour.Quiz[i].Options) {
			t.Errorf("question %d offers %d answers, want %d", i+1, got, len(tour.Quiz[i].Options))
		}
		// Without JavaScript the answer and its feedback are behind a disclosure.
		answer := one(t, q, "answer", byClass("quiz-answer"))
		if answer.Data != "details" || len(findAll(answer, func(n *html.Node) bool { return n.Data == "a" && strings.HasPrefix(attr(n, "href"), "/concepts/") })) == 0 {
			t.Errorf("question %d has no answer with a concept link behind a disclosure", i+1)
		}
	}
}

func TestThePresenterViewShowsNotesNextStepAndClock(t *testing.T) {
	tour := testSite.Knowledge.Tours()[0]
	doc := prerender(t, PresentStepPath(tour.ID, 1))
	if h1 := one(t, doc, "h1", byTag("h1")); squash(textOf(h1)) != tour.Steps[0].Title {
		t.Errorf("heading %q", textOf(h1))
	}
	notes := squash(textOf(one(t, doc, "speaker notes", byClass("speaker-notes"))))
	if !strings.Contains(notes, strings.Fields(tour.Steps[0].Notes)[0]) {
		t.Errorf("speaker notes read %q", notes)
	}
	if next := squash(textOf(one(t, doc, "next step", byClass("next-title")))); next != tour.Steps[1].Title {
		t.Errorf("next step %q, want %q", next, tour.Steps[1].Title)
	}
	if clock := textOf(one(t, doc, "clock", func(n *html.Node) bool { return attr(n, "id") == clockID })); clock != "0:00" {
		t.Errorf("clock %q", clock)
	}
	one(t, doc, "audience button", func(n *html.Node) bool { return attr(n, "id") == "open-audience" })
	if len(findAll(doc, byClass("site-header"))) != 0 {
		t.Errorf("the presenter view carries the site's navigation")
	}

	audience := prerender(t, PresentStepPath(tour.ID, 1)+"?view=audience")
	one(t, audience, "audience view", byClass("audience-view"))
	one(t, audience, "map", byClass("concept-map"))
	if len(findAll(audience, byClass("speaker-notes"))) != 0 || len(findAll(audience, byClass("presenter-tools"))) != 0 ||
		len(findAll(audience, byClass("tour-controls"))) != 0 || len(findAll(audience, byClass("site-header"))) != 0 {
		t.Errorf("the audience window shows the presenter's notes or controls")
	}
}

func TestToursPageListsEveryTourAndTheImportForm(t *testing.T) {
	doc := prerender(t, ToursPath)
	cards := findAll(doc, byClass("tour-card"))
	if len(cards) != len(testSite.Knowledge.Tours()) {
		t.Fatalf("%d tours listed, want %d", len(cards), len(testSite.Knowledge.Tours()))
	}
	for i, tour := range testSite.Knowledge.Tours() {
		var hrefs []string
		for _, a := range findAll(cards[i], byTag("a")) {
			hrefs = append(hrefs, attr(a, "href"))
		}
		for _, want := range []string{TourStepPath(tour.ID, 1), PresentStepPath(tour.ID, 1), TourPath(tour.ID)} {
			if !slices.Contains(hrefs, want) {
				t.Errorf("the card of %s has no link to %s", tour.ID, want)
			}
		}
	}
	one(t, doc, "file picker", func(n *html.Node) bool { return attr(n, "id") == tourFileID && attr(n, "type") == "file" })
	one(t, doc, "paste area", func(n *html.Node) bool { return attr(n, "id") == tourPasteID && n.Data == "textarea" })
	one(t, doc, "labelled file picker", func(n *html.Node) bool { return n.Data == "label" && attr(n, "for") == tourFileID })
}

func TestImportedTourPagesSayWhereTheTourIs(t *testing.T) {
	for _, path := range []string{importedTourPath + "?tour=x", importedPlayPath + "?tour=x&step=2", importedPresentPath + "?tour=x&step=1"} {
		doc := prerender(t, path)
		if !strings.Contains(textOf(doc), "kept there") {
			t.Errorf("%s does not explain that the tour lives on a device", path)
		}
	}
}

func TestStepNumbersAreStrict(t *testing.T) {
	tour := testSite.Knowledge.Tours()[0]
	for segment, want := range map[string]bool{"1": true, "check": true, "0": false, "01": false, "+1": false, "99": false, "": false} {
		if _, ok := stepNumber(segment, tour); ok != want {
			t.Errorf("stepNumber(%q) ok = %v", segment, ok)
		}
	}
}

// A class joins by the teacher's origin and a random code, so every run
// of the live class draws a different code: each must read back. The
// first address is one whose code fooled the decoder's search for finder
// patterns.
func TestEveryJoinAddressReadsBackFromItsQRCode(t *testing.T) {
	addresses := []string{"http://127.0.0.1:39979/join?code=PHKN8B"}
	random := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		code := make([]byte, 6)
		for i := range code {
			code[i] = wire.CodeAlphabet[random.IntN(len(wire.CodeAlphabet))]
		}
		addresses = append(addresses, fmt.Sprintf("http://127.0.0.1:%d/join?code=%s", 1024+random.IntN(64511), code))
	}
	for _, address := range addresses {
		doc := render(t, &QRCode{Text: address, Label: "QR"})
		got, err := qrread.DecodeSVG(attr(one(t, doc, "svg", byTag("svg")), "viewBox"), attr(one(t, doc, "path", byTag("path")), "d"))
		if got != address {
			t.Errorf("the QR code of %s holds %q (%v)", address, got, err)
		}
	}
}

func TestTheQRCodeDecodesToItsText(t *testing.T) {
	const url = "http://127.0.0.1:8000/tours/why-the-judge-fails/3"
	doc := render(t, &QRCode{Text: url, Label: "QR"})
	got, err := qrread.DecodeSVG(attr(one(t, doc, "svg", byTag("svg")), "viewBox"), attr(one(t, doc, "path", byTag("path")), "d"))
	if err != nil {
		t.Fatal(err)
	}
	if got != url {
		t.Errorf("the QR code holds %q, want %q", got, url)
	}
}
