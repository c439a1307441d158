package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// The keys of the local data, as the app stores them (localdata/store.go).
var dataRecords = []string{"oversight.tours", "oversight.progress", "oversight.visited", "oversight.settings", "oversight.device"}

// storedItems is everything in the page's localStorage.
func (p *page) storedItems() map[string]string {
	p.t.Helper()
	items := eval[map[string]string](p, `Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))`)
	if items == nil {
		items = map[string]string{}
	}
	return items
}

func (p *page) setStoredItem(key, value string) {
	p.t.Helper()
	eval[bool](p, fmt.Sprintf(`localStorage.setItem(%s, %s), true`, jsString(key), jsString(value)))
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// beforeEveryDocument runs script in each document the tab loads from now
// on until the test ends, before any of the page's own scripts.
func (p *page) beforeEveryDocument(script string) {
	p.t.Helper()
	added, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: script})
	if err != nil {
		p.t.Fatal(err)
	}
	p.undoWhenDone(func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, cdppage.RemoveScriptToEvaluateOnNewDocument, cdppage.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: added.Identifier})
		return err
	})
}

// clickCentred clicks an element once it is in the middle of the window,
// clear of the status panel at the window's foot, which the mouse would
// hit instead if the element were behind it.
func (p *page) clickCentred(selector string) {
	p.t.Helper()
	eval[bool](p, fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: "center"}), true`, selector))
	p.do(chromedp.Click(chromedp.CSS(selector)))
}

// followLink clicks a link the app routes itself, and waits until its page
// shows what it read from the device: the document, and whatever the app
// keeps in memory, stay.
func (p *page) followLink(selector string) {
	p.t.Helper()
	href := eval[string](p, fmt.Sprintf(`document.querySelector(%q).getAttribute("href")`, selector))
	eval[bool](p, `window.sameDocument = true`)
	p.clickCentred(selector)
	p.waitFor(fmt.Sprintf(`location.pathname + location.search === %[1]s && document.documentElement.dataset.shown === %[1]s`, jsString(href)))
	if !eval[bool](p, `window.sameDocument === true`) {
		p.t.Fatalf("following %s reloaded the page", selector)
	}
}

// chooseFile picks a file in a file input, as the reader would.
func (p *page) chooseFile(inputID, name string, data []byte) {
	p.t.Helper()
	path := filepath.Join(p.t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.do(chromedp.SetUploadFiles(chromedp.ID(inputID), []string{path}))
}

// download clicks selector and returns the file the browser saves, with
// the name it was given.
func (p *page) download(selector string) (name string, data []byte) {
	p.t.Helper()
	dir := p.t.TempDir()
	ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
	defer cancel()
	progress := chromedp.Events(ctx, browser.DownloadProgress)
	if _, err := chromedp.Call(p.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: ptr(true),
		// The page's own browser context: each test has one.
		BrowserContextID: chromedp.FromContext(p.ctx).BrowserContextID,
	}); err != nil {
		p.t.Fatal(err)
	}
	p.clickCentred(selector)
	for ev, err := range progress {
		if err != nil {
			p.t.Fatalf("waiting for the download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			break
		}
	}
	files, err := os.ReadDir(dir)
	if err != nil || len(files) != 1 {
		p.t.Fatalf("the download folder holds %v (%v), want one file", files, err)
	}
	data, err = os.ReadFile(filepath.Join(dir, files[0].Name()))
	if err != nil {
		p.t.Fatal(err)
	}
	return files[0].Name(), data
}

func ptr[T any](v T) *T { return &v }

// stockUp gives the device some of every kind of local data, through the
// app: a concept opened, a step seen of a built-in tour and of one imported,
// a theme chosen.
func (p *page) stockUp() {
	p.t.Helper()
	p.openApp("/concepts/debate")
	p.openApp("/tours/why-the-judge-fails/1")
	p.openApp("/tours")
	p.importFile("my-lesson.md", teacherTour)
	p.waitFor(`!!document.querySelector(".import-done")`)
	p.followLink(".import-done a.play-imported")
	p.waitFor(`(localStorage.getItem("oversight.progress") || "").includes("imported:my-lesson")`)
	p.do(chromedp.Click(chromedp.CSS(".theme-toggle")))
	p.waitFor(`(localStorage.getItem("oversight.settings") || "").includes("theme")`)
	items := p.storedItems()
	for _, key := range dataRecords {
		if items[key] == "" {
			p.t.Fatalf("stocking up left %s empty: %v", key, items)
		}
	}
}

func TestLocalDataAnUnreadableRecordIsSetAsideAndTheAppStillStarts(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.stockUp()
	stocked := p.storedItems()

	// Each record spoilt a different way, one at a time.
	spoilt := map[string]string{
		"oversight.tours":    `{"schema":1,"data":[{"id":"my-lesson",`,
		"oversight.progress": `{"schema":2,"data":{"tour:why-the-judge-fails":{"steps":"many"}}}`,
		"oversight.visited":  `{"schema":1,"data":[1,2,3]}`,
		"oversight.settings": `{"schema":1,"data":{"theme":"purple"}}`,
		"oversight.device":   `persistRequested=yes`,
	}
	told := map[string]string{
		"oversight.tours":    "imported tours (damaged)",
		"oversight.progress": "tour progress (saved by a newer version of the app)",
		"oversight.visited":  "visited concepts (damaged)",
		"oversight.settings": "settings (damaged)",
		"oversight.device":   "this device’s choices (damaged)",
	}
	for n, key := range dataRecords {
		p.setStoredItem(key, spoilt[key])
		p.openApp("/")
		p.waitFor(`!!document.querySelector(".data-notice")`)
		if notice := p.text(".data-notice"); !strings.Contains(notice, told[key]) || !strings.Contains(notice, "set aside, not deleted") {
			t.Errorf("with %s spoilt the notice reads %q, want it to name %q", key, notice, told[key])
		}
		if p.count(".concept-map a.node") == 0 {
			t.Errorf("with %s spoilt the map is not drawn", key)
		}
		items := p.storedItems()
		aside := fmt.Sprintf("oversight.set-aside.%d", n+1)
		var entry struct{ Record, Text, Reason string }
		if err := json.Unmarshal([]byte(items[aside]), &entry); err != nil || entry.Record != key || entry.Text != spoilt[key] {
			t.Errorf("%s is set aside under %s as %q (%v)", key, aside, items[aside], err)
		}
		for _, other := range dataRecords {
			if other != key && items[other] != stocked[other] {
				t.Errorf("with %s spoilt, %s changed from %s to %s", key, other, stocked[other], items[other])
			}
		}
		if _, still := items[key]; still {
			t.Errorf("the spoilt %s is still in place: %q", key, items[key])
		}
		if key == "oversight.settings" && eval[string](p, `document.documentElement.dataset.theme || ""`) != "" {
			t.Errorf("a spoilt theme setting was applied")
		}
		if n == 0 {
			p.screenshot("localdata-set-aside-notice-desktop")
		}
		p.setStoredItem(key, stocked[key])
	}

	// Saying OK closes the notice; the data page lists all five, each
	// downloadable as it was found.
	p.clickCentred(".data-notice-actions button")
	p.waitFor(`!document.querySelector(".data-notice")`)
	p.openApp("/data")
	if got := p.count(".set-aside-item"); got != len(dataRecords) {
		t.Errorf("the data page lists %d set-aside records, want %d", got, len(dataRecords))
	}
	name, data := p.download(`.set-aside-item[data-key="oversight.set-aside.2"] .download-set-aside`)
	if name != "oversight-oversight-set-aside-2.txt" || string(data) != spoilt["oversight.progress"] {
		t.Errorf("the set-aside progress downloads as %s: %q", name, data)
	}
	for _, v := range p.seriousViolations() {
		t.Errorf("the data page with records set aside: %s", v)
	}
	p.screenshot("localdata-set-aside-desktop")

	// Discarding one takes the reader's yes.
	p.clickCentred(`.set-aside-item[data-key="oversight.set-aside.1"] .discard-set-aside`)
	p.waitFor(`document.activeElement.matches(".discard-confirm")`)
	p.clickCentred(".discard-confirm")
	p.waitFor(`document.querySelectorAll(".set-aside-item").length === 4`)
	if _, still := p.storedItems()["oversight.set-aside.1"]; still {
		t.Errorf("the discarded record is still stored")
	}
}

func TestLocalDataWhenStorageIsFullTheAppWorksInMemoryAndKeepsWhatWasStored(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, phone)
	p.openApp("/concepts/debate")
	p.waitFor(`(localStorage.getItem("oversight.visited") || "").includes("debate")`)
	before := p.storedItems()

	filled := eval[int](p, `(() => {
		let size = 1 << 20, n = 0;
		while (size >= 1) {
			try { localStorage.setItem("junk." + n, "x".repeat(size)); n++; }
			catch (e) { if (e.name !== "QuotaExceededError") throw e; size = Math.floor(size / 2); }
		}
		return n;
	})()`)
	t.Logf("localStorage filled with %d junk items", filled)

	// Opening another concept saves it: the device refuses.
	p.followLink(".relations a")
	p.waitFor(`!!document.querySelector(".data-notice-storage")`)
	if notice := p.text(".data-notice"); !strings.Contains(notice, "storage for the app is full") || !strings.Contains(notice, "What was stored before is safe") {
		t.Errorf("the notice reads %q", notice)
	}
	p.screenshot("localdata-storage-full-phone")
	for _, v := range p.seriousViolations() {
		t.Errorf("a page with the storage notice: %s", v)
	}
	opened := eval[string](p, `location.pathname.split("/").pop()`)
	after := p.storedItems()
	for _, key := range dataRecords {
		if after[key] != before[key] {
			t.Errorf("%s changed on a full device: %q, was %q", key, after[key], before[key])
		}
	}

	// The app goes on, and remembers both concepts for the visit.
	p.followLink(`a[href="/data"]`)
	if got := p.text(`[data-count="visited"]`); got != "2" {
		t.Errorf("the data page counts %s visited concepts, want 2 (debate and %s)", got, opened)
	}
	if warning := p.text(".data-warning"); !strings.Contains(warning, "full") {
		t.Errorf("the data page warns %q", warning)
	}
	_, exported := p.download("#data-export")
	if !strings.Contains(string(exported), `"`+opened+`"`) || !strings.Contains(string(exported), `"debate"`) {
		t.Errorf("the export made in memory lacks a visit:\n%s", exported)
	}
}

func TestLocalDataWhenStorageIsBlockedTheAppWorksInMemory(t *testing.T) {
	t.Parallel()
	for name, script := range map[string]string{
		// Safari's private browsing of old, and storage refused by policy.
		"writes refused": `Storage.prototype.setItem = function () { throw new DOMException("The operation is insecure.", "SecurityError"); };`,
		// Chromium and Firefox with the site's data blocked.
		"storage refused": `Object.defineProperty(window, "localStorage", { configurable: true, get() { throw new DOMException("Access is denied for this document.", "SecurityError"); } });`,
	} {
		t.Run(name, func(t *testing.T) {
			p := openReturningPage(t, desktop)
			p.beforeEveryDocument(script)
			p.openApp("/concepts/debate")
			p.waitFor(`!!document.querySelector(".data-notice-storage")`)
			if notice := p.text(".data-notice"); !strings.Contains(notice, "not letting the app store anything") {
				t.Errorf("the notice reads %q", notice)
			}
			p.followLink(`a[href="/data"]`)
			if got := p.text(`[data-count="visited"]`); got != "1" {
				t.Errorf("the visit to debate is not kept for the visit: %s visited", got)
			}
			p.openApp("/tours/why-the-judge-fails/1")
			if got := p.text("h1"); got == "" {
				t.Errorf("a tour step does not open")
			}
		})
	}
}

func TestLocalDataExportThenImportOnACleanDeviceGivesBackTheSameData(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.stockUp()
	p.openApp("/data")
	counts := map[string]string{"visited": "1", "progress": "2 (0 completed)", "tours": "1", "theme": "dark"}
	p.expectCounts(counts)
	name, first := p.download("#data-export")
	if !regexp.MustCompile(`^oversight-data-\d{4}-\d{2}-\d{2}\.json$`).MatchString(name) {
		t.Errorf("the export is named %s", name)
	}
	if !strings.Contains(string(first), `"format": "oversight-explorer-data"`) || !strings.Contains(string(first), "title: My debate lesson") {
		t.Errorf("the export reads\n%s", first)
	}

	// Site data cleared: the device forgets everything.
	if _, err := chromedp.Call(p.ctx, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{Origin: p.origin, StorageTypes: "local_storage"}); err != nil {
		t.Fatal(err)
	}
	p.openApp("/data")
	p.expectCounts(map[string]string{"visited": "0", "progress": "0 (0 completed)", "tours": "0", "theme": "follows your system"})
	p.screenshot("localdata-cleared-desktop")

	p.chooseFile("data-file", name, first)
	p.waitFor(`!!document.querySelector(".data-import-done")`)
	if done := p.text(".data-import-done"); !strings.Contains(done, "1 concept newly visited, 2 tours with more progress, 1 tour of your own added and the dark theme") {
		t.Errorf("the import reads %q", done)
	}
	p.expectCounts(counts)
	if theme := eval[string](p, `document.documentElement.dataset.theme`); theme != "dark" {
		t.Errorf("the imported theme is not applied: %q", theme)
	}
	eval[bool](p, `document.querySelector(".data-import-done").scrollIntoView({block: "center"}), true`)
	p.screenshot("localdata-imported-desktop")
	if _, again := p.download("#data-export"); string(again) != string(first) {
		t.Errorf("the re-export differs:\n%s\nfirst:\n%s", again, first)
	}

	// Clearing the visited history asks first, and keeps the tours.
	p.clickCentred("#clear-visited")
	p.waitFor(`document.activeElement.id === "confirm-clear-visited"`)
	if question := p.text("#confirm-clear-visited-question"); question != "Forget the 1 concept you have visited?" {
		t.Errorf("the question reads %q", question)
	}
	p.screenshot("localdata-clear-visited-desktop")
	p.clickCentred("#confirm-clear-visited")
	p.waitFor(`document.querySelector('[data-count="visited"]').textContent === "0"`)
	if got := p.text(`[data-count="progress"]`); got != counts["progress"] {
		t.Errorf("clearing the visited history touched tour progress: %s", got)
	}
	if stored := p.storedItems()["oversight.visited"]; stored != `{"schema":1,"data":null}` {
		t.Errorf("the cleared history is stored as %q", stored)
	}

	p.openApp("/tours")
	if mark := p.text(`[data-tour="tour:why-the-judge-fails"] .progress-mark`); !strings.Contains(mark, "1 of") {
		t.Errorf("the tour's progress after import reads %q", mark)
	}
	// Imported tours are listed once the tour reader has read them again.
	p.waitFor(`document.querySelectorAll('.imported-tours [data-tour="imported:my-lesson"]').length === 1`)
}

func (p *page) expectCounts(want map[string]string) {
	p.t.Helper()
	for what, n := range want {
		selector := fmt.Sprintf(`[data-count=%q]`, what)
		p.waitFor(fmt.Sprintf(`!!document.querySelector(%q)`, selector))
		if got := p.text(selector); got != n {
			p.t.Errorf("the data page counts %s as %q, want %q", what, got, n)
		}
	}
}

func TestLocalDataABadFileIsRefusedAndChangesNothing(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, phone)
	p.stockUp()
	p.openApp("/data")
	_, good := p.download("#data-export")
	before := p.storedItems()
	for _, c := range []struct{ name, file, says string }{
		{"cut-short.json", string(good[:len(good)/2]), "this is not valid JSON (unexpected end of JSON input)"},
		{"newer.json", strings.Replace(string(good), `"schema": 1`, `"schema": 9`, 1), "saved by a newer version of Oversight Explorer (data format 9"},
		{"wrong-step.json", strings.Replace(string(good), `"seen": [`+"\n        1\n", `"seen": [`+"\n        12\n", 1), `progress["imported:my-lesson"].seen[0]: there is no step 12 in a tour of 2 steps`},
		{"notes.txt", "my notes", "line 1, column 1: this is not valid JSON (invalid character 'm' looking for beginning of value)"},
	} {
		p.chooseFile("data-file", c.name, []byte(c.file))
		p.waitFor(fmt.Sprintf(`(document.querySelector(".data-import-error") || {}).textContent?.includes(%s)`, jsString(c.name)))
		if got := p.text(".data-import-error"); !strings.Contains(got, "nothing on this device changed") || !strings.Contains(got, c.says) {
			t.Errorf("%s: the refusal reads %q, want it to say %q", c.name, got, c.says)
		}
		if after := p.storedItems(); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("%s changed the device:\n%v\nwas\n%v", c.name, after, before)
		}
	}
	eval[bool](p, `document.querySelector(".data-import-error").scrollIntoView({block: "center"}), true`)
	p.screenshot("localdata-import-refused-phone")
	for _, v := range p.seriousViolations() {
		t.Errorf("the data page with a refused import: %s", v)
	}
}

func TestLocalDataPersistentStorageIsRequestedOnceAfterTheFirstSave(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.beforeEveryDocument(`window.persistCalls = 0;
		navigator.storage.persist = () => { window.persistCalls++; return Promise.resolve(true); };`)
	p.openApp("/")
	if n := eval[int](p, `window.persistCalls`); n != 0 {
		t.Errorf("asked %d times before anything was saved", n)
	}
	p.followLink(`.concept-index a[href="/concepts/debate"]`)
	p.waitFor(`window.persistCalls === 1`)
	p.followLink(".relations a")
	p.waitFor(`JSON.parse(localStorage.getItem("oversight.visited")).data.length === 2`)
	if n := eval[int](p, `window.persistCalls`); n != 1 {
		t.Errorf("asked %d times after two saves, want once", n)
	}
	p.openApp("/concepts/superalignment")
	p.waitFor(`localStorage.getItem("oversight.visited").includes("superalignment")`)
	if n := eval[int](p, `window.persistCalls`); n != 0 {
		t.Errorf("asked again after a reload: the device forgot it had asked")
	}
}

func TestLocalDataEarlierVersionsDataIsMovedIntoTheNewFormat(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, desktop)
	p.openApp("/")
	p.setStoredItem("oversight.tours.progress", `{"tour:why-the-judge-fails":{"seen":[1,2],"steps":8}}`)
	p.setStoredItem("oversight.theme", "dark")
	p.openApp("/tours")
	if mark := p.text(`[data-tour="tour:why-the-judge-fails"] .progress-mark`); !strings.Contains(mark, "2 of 8 steps seen") {
		t.Errorf("the progress kept by an earlier version reads %q", mark)
	}
	if theme := eval[string](p, `document.documentElement.dataset.theme`); theme != "dark" {
		t.Errorf("the theme chosen in an earlier version is %q", theme)
	}
	items := p.storedItems()
	if items["oversight.progress"] != `{"schema":1,"data":{"tour:why-the-judge-fails":{"seen":[1,2],"steps":8}}}` {
		t.Errorf("the progress is stored as %q", items["oversight.progress"])
	}
	for _, old := range []string{"oversight.tours.progress", "oversight.theme"} {
		if _, left := items[old]; left {
			t.Errorf("the old key %s is still there", old)
		}
	}
}

func TestLocalDataTheInstallSuggestionCoversNothingAndCanBeDismissedForGood(t *testing.T) {
	t.Parallel()
	p := openReturningPage(t, phone)
	p.beSafariOnAnIPhone()
	p.openApp("/concepts/debate")
	p.waitFor(`!!document.querySelector(".install-offer")`)
	p.screenshot("localdata-install-bar-phone")

	// At the foot of the page the bar sits below the footer: nothing of the
	// page stays hidden behind it.
	eval[bool](p, `window.scrollTo(0, document.documentElement.scrollHeight), true`)
	p.waitFor(`window.scrollY + innerHeight >= document.documentElement.scrollHeight - 1`)
	if overlap := eval[float64](p, `document.querySelector(".site-footer").getBoundingClientRect().bottom - document.querySelector(".app-status").getBoundingClientRect().top`); overlap > 0.5 {
		t.Errorf("scrolled to the end, the status bar still covers %.0f px of the footer", overlap)
	}
	p.screenshot("localdata-install-bar-end-phone")

	p.do(chromedp.Click(chromedp.CSS(".install-dismiss")))
	p.waitFor(`!document.querySelector(".install-offer")`)
	p.waitFor(`(localStorage.getItem("oversight.device") || "").includes("installPromptDismissed")`)
	// The app reads whether the suggestion was dismissed as it mounts, so
	// once it says it is ready the suggestion would be back if it were.
	p.openApp("/")
	if p.count(".install-offer") != 0 {
		t.Errorf("the dismissed install suggestion is back after a reload")
	}
}
