package e2e

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"oversight/app"
)

// visibleText is what a reader sees of the page's frame, as the browser lays
// it out: words, the spaces between them and line breaks, not markup. The
// app's status bar is left out: it tells what the browser offers (install)
// or what the network does, never what the page says.
const visibleText = `textOutside([".app-status"])`

// visibleFrame is visibleText without the page's main part, for the pages
// that show what the device holds, which the server cannot know.
const visibleFrame = `textOutside([".app-status", "main"])`

// textOutside hides what the selectors match while the frame's text is
// read, then shows it again.
const textOutside = `window.textOutside = (selectors) => {
	const hidden = selectors.map(s => document.querySelector(s)).filter(Boolean);
	hidden.forEach(el => el.style.display = "none");
	const text = (document.querySelector(".frame") || {}).innerText || "";
	hidden.forEach(el => el.style.display = "");
	return text;
}, true`

// fromTheDevice are the pages whose main part lists what the reader's
// device holds (stored data, imported tours): without JavaScript they say
// that it shows once the app runs.
var fromTheDevice = map[string]bool{"/data": true, "/tours/imported": true, "/tours/imported/play": true, "/present/imported": true}

func readText(p *page, route string) string {
	p.t.Helper()
	eval[bool](p, textOutside)
	if fromTheDevice[route] {
		return eval[string](p, visibleFrame)
	}
	return eval[string](p, visibleText)
}

// A reader without JavaScript, a search engine, the static export and every
// first paint get the server's page; everyone else gets what the WebAssembly
// draws. The two must read the same, word for word and space for space.
func TestEveryPageReadsTheSameWithAndWithoutJavaScript(t *testing.T) {
	t.Parallel()
	routes := app.Pages(loadKnowledge(t))
	withoutJS := openPage(t, desktop)
	if _, err := chromedp.Call(withoutJS.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	// The server's page read in place of the document is what a reader
	// loading it without JavaScript reads: checked here on two pages.
	for _, route := range []string{"/", "/concepts/debate"} {
		withoutJS.open(route)
		withoutJS.waitFor(`document.readyState === "complete"`)
		loaded := readText(withoutJS, route)
		if inPlace := withoutJS.readServersPage(route); inPlace != loaded {
			t.Fatalf("%s reads differently loaded and put in place of the document:\n%s", route, firstDifference("loaded", loaded, "in place", inPlace))
		}
	}
	prerendered := make(map[string]string, len(routes))
	for _, route := range routes {
		prerendered[route] = withoutJS.readServersPage(route)
	}

	withJS := openReturningPage(t, desktop)
	withJS.openApp("/")
	for _, route := range routes {
		// Each page is drawn as a reader arriving there first would see it:
		// nothing visited, no tour begun.
		eval[bool](withJS, `localStorage.clear(), true`)
		withJS.showInApp(route)
		drawn := readText(withJS, route)
		if drawn != prerendered[route] {
			t.Errorf("%s reads differently without JavaScript:\n%s", route, firstDifference("without JavaScript", prerendered[route], "drawn by the app", drawn))
		}
	}
}

// readServersPage gets the page the server answers at route and reads it
// as readText does, put in place of the tab's document: the server's bytes
// through the browser's parser, with the tab's scripts as they are, styled
// and laid out in the tab's viewport. A navigation to each of the 137 pages
// cost the suite about 22 s more of its two cores' time.
func (p *page) readServersPage(route string) string {
	p.t.Helper()
	res, err := http.Get(p.origin + route)
	if err != nil {
		p.t.Fatal(err)
	}
	defer res.Body.Close()
	html, err := io.ReadAll(res.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		p.t.Fatalf("%s answers %s, not a page", route, res.Header.Get("Content-Type"))
	}
	tree, err := chromedp.Call(p.ctx, cdppage.GetFrameTree, cdp.Empty{})
	if err != nil {
		p.t.Fatal(err)
	}
	if _, err := chromedp.Call(p.ctx, cdppage.SetDocumentContent, cdppage.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: string(html)}); err != nil {
		p.t.Fatal(err)
	}
	p.waitFor(`document.readyState === "complete"`)
	return readText(p, route)
}

// showInApp moves the app to path as a link inside it would, and waits
// until the page shows it.
func (p *page) showInApp(path string) {
	p.t.Helper()
	eval[bool](p, fmt.Sprintf(`goappNav(%s), true`, jsString(path)))
	p.waitFor(fmt.Sprintf(`document.documentElement.dataset.shown === %s`, jsString(path)))
}

// firstDifference shows where two texts part, with some context, each
// under its name.
func firstDifference(wantName, want, gotName, got string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(0, i-60)
	width := max(len(wantName), len(gotName)) + 1
	return fmt.Sprintf("  %-*s %q\n  %-*s %q", width, wantName+":", excerpt(want, from, i+60), width, gotName+":", excerpt(got, from, i+60))
}

func excerpt(s string, from, to int) string {
	from = min(from, len(s))
	return strings.ToValidUTF8(s[from:min(to, len(s))], "")
}
