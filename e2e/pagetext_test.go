package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
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
	prerendered := make(map[string]string, len(routes))
	for _, route := range routes {
		withoutJS.open(route)
		withoutJS.waitFor(`document.readyState === "complete"`)
		prerendered[route] = readText(withoutJS, route)
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
