package e2e

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"oversight/internal/appbuild"
)

// neverVisited are pages a reader has not opened before going offline.
var neverVisited = []string{"/concepts/debate", "/caveats", "/history", "/sources", "/questions/", "/?utm_source=x"}

// buildBMarker is the text that only build B's content has.
const buildBMarker = "Build B of the knowledge base."

var (
	buildBOnce sync.Once
	buildB     appbuild.Build
	buildBErr  error
)

// secondBuild builds, once, a copy of the repository whose superalignment
// summary ends with buildBMarker: a new version with different content.
func secondBuild(t *testing.T) appbuild.Build {
	t.Helper()
	buildBOnce.Do(func() {
		repo := filepath.Join(workDir, "repo-b")
		if buildBErr = copyRepo("..", repo); buildBErr != nil {
			return
		}
		concept := filepath.Join(repo, "content", "concepts", "superalignment.md")
		data, err := os.ReadFile(concept)
		if buildBErr = err; err != nil {
			return
		}
		changed := strings.Replace(string(data), "\nsummary: ", "\nsummary: "+buildBMarker+" ", 1)
		if buildBErr = os.WriteFile(concept, []byte(changed), 0o644); buildBErr != nil {
			return
		}
		// The WebAssembly holds no content: B is A's with B's server.
		dir := filepath.Join(workDir, "b")
		if buildBErr = os.MkdirAll(dir, 0o755); buildBErr != nil {
			return
		}
		buildB, buildBErr = mainBuild.WithServerOf(repo, filepath.Join(dir, "oversight"))
	})
	if buildBErr != nil {
		t.Fatalf("building B: %v", buildBErr)
	}
	return buildB
}

// copyRepo copies what the app is built from: the repository, without its
// history and what builds and tests leave in it.
func copyRepo(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	args := []string{"-r"}
	for _, e := range entries {
		if !notSource[e.Name()] {
			args = append(args, e.Name())
		}
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	cmd := exec.Command("cp", append(args, to)...)
	cmd.Dir = from
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("copying the repository: %v: %s", err, out)
	}
	return nil
}

// notSource are the repository's folders that hold no source.
var notSource = map[string]bool{".git": true, ".artifacts": true, ".cache": true, "bin": true, "dist": true}

// freeAddr picks a loopback address that the tests can serve on again and
// again: a service worker belongs to one origin, host and port.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// waitForOfflineCopy waits until the service worker has precached the app
// and is active: from then on every page load runs without the server.
func (p *page) waitForOfflineCopy() {
	p.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	state := ""
	for time.Now().Before(deadline) {
		state, _ = chromedp.Run(p.ctx, chromedp.Evaluate[string](
			`navigator.serviceWorker.getRegistration().then(r => (r && r.active && r.active.state) || "none")`,
			chromedp.EvalAwaitPromise))
		if state == "activated" {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	p.t.Fatalf("the service worker never became active (last state %q)", state)
}

// expectFaviconOffline declares the one request a page makes offline that
// no service worker can answer: Chromium fetches the <link rel=icon>
// favicon outside the worker, so with the server gone it fails.
func (p *page) expectFaviconOffline() {
	p.expectProblem("/web/icon.svg")
}

// withoutScripts runs do with the page's scripts turned off, as for a
// reader without JavaScript; the service worker still answers.
func (p *page) withoutScripts(do func()) {
	p.t.Helper()
	disable := func(off bool) {
		if _, err := chromedp.Call(p.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off}); err != nil {
			p.t.Fatal(err)
		}
	}
	disable(true)
	defer disable(false)
	do()
}

// goOffline tells the page it lost its connection, as a device would:
// navigator.onLine turns false. (The tests stop the server first, so no
// request can reach it either.)
func (p *page) goOffline() {
	p.t.Helper()
	_, err := chromedp.Call(p.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: true, DownloadThroughput: -1, UploadThroughput: -1,
	})
	if err != nil {
		p.t.Fatal(err)
	}
}

// checkUpdate asks the browser to look for a new version now and waits until
// any new service worker has settled. It returns "none" when the server's
// worker is the one already running, "activated" for a new version, and
// "redundant" for one that failed to install.
func (p *page) checkUpdate() string {
	p.t.Helper()
	state, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		try { await registration.update(); } catch (err) {}
		const worker = registration.installing;
		if (!worker) return "none";
		await new Promise(settled => {
			const check = () => { if (worker.state === "activated" || worker.state === "redundant") settled(); };
			worker.addEventListener("statechange", check);
			check();
		});
		return worker.state;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("checking for an update: %v", err)
	}
	return state
}

func TestEveryPageWorksOfflineAfterOneVisit(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	addr := freeAddr(t)
	origin, stop, err := mainBuild.Serve(addr)
	if err != nil {
		t.Fatal(err)
	}
	// Chromium installs no app from a fresh browser context, which it
	// treats as incognito.
	p := openPageInProfile(t, desktop, origin)
	p.openApp("/")
	p.waitForOfflineCopy()
	p.openApp("/")
	installability, err := chromedp.Call(p.ctx, cdppage.GetInstallabilityErrors, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range installability.InstallabilityErrors {
		t.Errorf("Chromium finds the app not installable: %s", e.ErrorID)
	}
	// What most readers never use is not downloaded on the first visit.
	if p.cachedByTheWorker("/web/tourreader.wasm") {
		t.Error("the first visit to the map downloaded the tour reader, which only a teacher importing a tour needs")
	}
	stop()
	p.goOffline()
	p.expectFaviconOffline()

	// Before any script runs, a page never visited paints as itself: the
	// worker holds every page, not only the first.
	w2s, _ := k.Concept("weak-to-strong-generalization")
	p.withoutScripts(func() {
		p.open("/concepts/weak-to-strong-generalization")
		p.waitFor(`document.readyState === "complete"`)
		if h1 := p.text("h1"); h1 != w2s.Title {
			t.Errorf("offline and before the app starts, /concepts/weak-to-strong-generalization shows %q, want %q", h1, w2s.Title)
		}
	})

	for _, path := range neverVisited {
		p.openApp(path)
		if h1 := p.text("h1"); h1 == "" {
			t.Errorf("offline, %s shows no heading", path)
		}
	}
	debate, _ := k.Concept("debate")
	p.openApp("/concepts/debate")
	if p.text("h1") != debate.Title || !strings.Contains(p.text("details.definition"), "Irving") {
		t.Errorf("offline, the debate page lacks its content")
	}
	p.openApp("/?utm_source=x")
	if p.count("a.node") != len(k.Concepts()) {
		t.Errorf("offline, the map with a query string shows %d nodes", p.count("a.node"))
	}
	// The same file the favicon fails to get is served to the page itself.
	p.waitFor(`document.querySelector(".brand-mark").complete && document.querySelector(".brand-mark").naturalWidth > 0`)
	if !strings.Contains(p.text(".offline-indicator"), "Offline") {
		t.Errorf("offline, no indicator says so")
	}
	p.screenshot("offline-map-desktop")
}

func TestANewBuildReachesClientsAndARestartDoesNot(t *testing.T) {
	t.Parallel()
	b := secondBuild(t)
	addr := freeAddr(t)
	origin, stopA, err := mainBuild.Serve(addr)
	if err != nil {
		t.Fatal(err)
	}
	p := openPageAt(t, desktop, origin)
	p.openApp("/concepts/superalignment")
	p.waitForOfflineCopy()

	// Build A again, as after a restart: nothing to update.
	stopA()
	_, stopA, err = mainBuild.Serve(addr)
	if err != nil {
		t.Fatal(err)
	}
	// The reader comes back: this page is served by the worker.
	p.openApp("/concepts/superalignment")
	if state := p.checkUpdate(); state != "none" || p.count(".update-notice") != 0 {
		t.Errorf("restarting the same build caused an update (%s)", state)
	}
	stopA()

	// Build B: the notice appears, and Reload shows B's content.
	_, stopB, err := b.Serve(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer stopB()
	if state := p.checkUpdate(); state != "activated" {
		t.Fatalf("build B's worker ended %s, want activated", state)
	}
	p.waitFor(`document.querySelector(".update-notice") !== null`)
	p.screenshot("update-notice-desktop")
	p.do(chromedp.Click(chromedp.CSS(".update-notice button")))
	p.waitForApp()
	p.waitFor(fmt.Sprintf(`document.querySelector(".lead").textContent.includes(%q)`, buildBMarker))
}

func TestABrokenDeployKeepsTheWorkingOfflineCopy(t *testing.T) {
	t.Parallel()
	b := secondBuild(t)
	broken := appbuild.Build{Binary: b.Binary, Web: filepath.Join(workDir, "broken-web")}
	if out, err := exec.Command("cp", "-r", b.Web, broken.Web).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	// The deploy forgot one precached file.
	if err := os.Remove(filepath.Join(broken.Web, "icon-512.png")); err != nil {
		t.Fatal(err)
	}

	addr := freeAddr(t)
	origin, stopA, err := mainBuild.Serve(addr)
	if err != nil {
		t.Fatal(err)
	}
	p := openPageAt(t, desktop, origin)
	p.expectProblem("icon-512.png") // the failed precache is logged
	p.expectProblem("precaching")
	p.expectFaviconOffline()
	p.openApp("/concepts/superalignment")
	p.waitForOfflineCopy()
	stopA()

	_, stopBroken, err := broken.Serve(addr)
	if err != nil {
		t.Fatal(err)
	}
	if state := p.checkUpdate(); state != "redundant" {
		t.Errorf("the broken build's worker ended %s, want redundant (install failed)", state)
	}
	stopBroken()

	p.openApp("/concepts/superalignment")
	if strings.Contains(p.text(".lead"), buildBMarker) {
		t.Errorf("the broken build replaced the working one")
	}
	if p.text("h1") != "Superalignment" {
		t.Errorf("offline after a broken deploy, the page shows %q", p.text("h1"))
	}
}

func TestTheStaticExportWorksOnAPlainFileServer(t *testing.T) {
	t.Parallel()
	k := loadKnowledge(t)
	dist := filepath.Join(workDir, "dist")
	addr := freeAddr(t)
	out, err := exec.Command(mainBuild.Binary, "static", "-out", dist, "-web", mainBuild.Web, "-base-url", "http://"+addr).CombinedOutput()
	if err != nil {
		t.Fatalf("static export: %v\n%s", err, out)
	}
	for _, f := range []string{"index.html", "concepts/debate/index.html", "404.html", "sitemap.xml", "robots.txt", "app-worker.js", "web/app.wasm"} {
		if _, err := os.Stat(filepath.Join(dist, f)); err != nil {
			t.Errorf("the export lacks %s", f)
		}
	}

	listener, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	server := &http.Server{Handler: http.FileServer(http.Dir(dist)), ReadHeaderTimeout: 5 * time.Second}
	go server.Serve(listener)
	origin := "http://" + addr

	p := openPageAt(t, desktop, origin)
	p.openApp("/")
	if p.count("a.node") != len(k.Concepts()) {
		t.Errorf("the exported map shows %d nodes", p.count("a.node"))
	}
	p.waitForOfflineCopy()
	eval[bool](p, `window.sameDocument = true`)
	p.do(chromedp.Click(chromedp.ID("node-scalable-oversight")))
	p.waitFor(`location.pathname === "/concepts/scalable-oversight" && document.querySelector("h1").textContent === "Scalable oversight"`)
	if !eval[bool](p, `window.sameDocument === true`) {
		t.Errorf("on the export, opening a concept reloaded the page")
	}
	p.openApp("/concepts/debate")
	if p.text("h1") != "Debate" {
		t.Errorf("the exported /concepts/debate shows %q", p.text("h1"))
	}
	p.do(chromedp.Click(chromedp.CSS("details.definition > summary")))
	p.waitFor(`document.querySelector("details.definition").open && document.querySelector("details.definition .prose").getBoundingClientRect().height > 100`)
	p.openApp("/")
	for range 60 {
		p.do(chromedp.KeyEvent(kb.Tab))
		if eval[bool](p, `document.activeElement.matches("a.node")`) {
			break
		}
	}
	focused := eval[string](p, `document.activeElement.dataset.id || ""`)
	p.do(chromedp.KeyEvent(kb.Enter))
	p.waitFor(fmt.Sprintf(`location.pathname === "/concepts/%s"`, focused))
	p.screenshot("export-concept-desktop")

	// Without JavaScript, the exported pages are complete documents.
	noJS := openPageAt(t, phone, origin)
	if _, err := chromedp.Call(noJS.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	noJS.open("/concepts/debate/")
	article, err := chromedp.Run(noJS.ctx, chromedp.OuterHTML(chromedp.CSS("article.concept")))
	if err != nil || !strings.Contains(article, "Irving, Christiano and Amodei") {
		t.Errorf("without JavaScript the exported debate page lacks its definition (%v)", err)
	}
	if overflow := eval[int](noJS, `document.documentElement.scrollWidth - window.innerWidth`); overflow > 0 {
		t.Errorf("the exported page scrolls sideways at 390 px by %dpx", overflow)
	}
	if res, err := http.Get(origin + "/concepts/nope"); err != nil || res.StatusCode != http.StatusNotFound {
		t.Errorf("the export answers an unknown concept with %v %v", res, err)
	}

	server.Close()
	p.expectFaviconOffline()
	// The tab without JavaScript is still open, and Chromium may ask for
	// its icon late, past any service worker.
	noJS.expectFaviconOffline()
	for _, path := range neverVisited {
		p.openApp(path)
		if p.text("h1") == "" {
			t.Errorf("offline, the exported %s shows no heading", path)
		}
	}
}

// beSafariOnAnIPhone makes the page's browser say it is Safari on an
// iPhone, which offers no install prompt, until the test ends.
func (p *page) beSafariOnAnIPhone() {
	p.t.Helper()
	const iPhoneSafari = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
	if _, err := chromedp.Call(p.ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: iPhoneSafari}); err != nil {
		p.t.Fatal(err)
	}
	// An empty user agent ends the override.
	p.undoWhenDone(func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{})
		return err
	})
}

func TestSafariReadersAreShownHowToAddTheAppToTheirHomeScreen(t *testing.T) {
	t.Parallel()
	p := openPage(t, phone)
	p.beSafariOnAnIPhone()
	p.openApp("/")
	p.waitFor(`document.querySelector(".install-steps") !== null`)
	if p.count(".install-button") != 0 {
		t.Errorf("Safari got an install button, which does nothing there")
	}
	p.do(chromedp.Click(chromedp.CSS(".install-steps summary")))
	if steps := p.text(".install-steps"); !strings.Contains(steps, "Share") || !strings.Contains(steps, "Add to Home Screen") {
		t.Errorf("the install steps say %q", steps)
	}
	p.screenshot("install-steps-phone")
}
