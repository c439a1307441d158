package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core, installed by `make test` (tools/ensure-axe.sh).
var axeSource = filepath.Join("..", ".cache", "axe", "node_modules", "axe-core", "axe.min.js")

// seriousViolations runs axe-core in the page and lists the serious and
// critical violations of WCAG 2.x A and AA rules, with where they are.
func (p *page) seriousViolations() []string {
	p.t.Helper()
	source, err := os.ReadFile(axeSource)
	if err != nil {
		p.t.Fatalf("axe-core is missing (%v): run `make test`, which installs it", err)
	}
	// Evaluated through DevTools, axe runs whatever the page's CSP says;
	// once per document, as the app moves between pages in one.
	if !eval[bool](p, `typeof axe !== "undefined"`) {
		eval[bool](p, string(source)+";true")
	}
	found, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](`axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
		resultTypes: ["violations"],
	}).then(r => r.violations
		.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => v.id + " (" + v.impact + ", " + v.nodes.length + "): " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("running axe: %v", err)
	}
	return found
}

func TestNoSeriousAccessibilityViolationsInEitherTheme(t *testing.T) {
	t.Parallel()
	paths := []string{"/", "/?view=text", "/concepts/debate", "/caveats", "/history", "/sources", "/search?q=oversight", "/readings/spiralist", "/data"}
	for _, theme := range []string{"light", "dark"} {
		t.Run(theme, func(t *testing.T) {
			p := openReturningPage(t, desktop)
			p.emulateMedia("prefers-color-scheme", theme)
			p.showEach(paths, func(path string) {
				for _, v := range p.seriousViolations() {
					t.Errorf("%s (%s theme): %s", path, theme, v)
				}
			})
			// The search results list, open.
			p.showInApp("/")
			p.do(chromedp.SendKeys(chromedp.ID("site-search"), "debate"))
			p.waitFor(`!document.getElementById("site-search-results").hidden`)
			for _, v := range p.seriousViolations() {
				t.Errorf("open search results (%s theme): %s", theme, fmt.Sprint(v))
			}
		})
	}
}
