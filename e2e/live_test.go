package e2e

import (
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"oversight/internal/qrread"
	knowledge "oversight/kb"
	"oversight/live/natstest"
)

// The live class: a teacher presents a tour and students follow it on
// their own devices, each in a browser context of its own.

const liveTour = "why-the-judge-fails"

// startLiveClass opens the presenter view at step and starts a class; it
// returns the join code.
func (p *page) startLiveClass(tour *knowledge.Tour, step int) string {
	p.t.Helper()
	p.openApp(fmt.Sprintf("/present/%s/%d", tour.ID, step))
	p.waitFor(fmt.Sprintf(`document.querySelector("h1").textContent === %q`, tour.Steps[step-1].Title))
	p.do(chromedp.Click(chromedp.ID("live-start")))
	p.waitFor(`/^[2-9A-HJKMNP-Z]{6}$/.test((document.getElementById("live-code") || {}).textContent || "")`)
	p.waitFor(`document.querySelector(".live-connection").textContent.startsWith("Live")`)
	return p.text("#live-code")
}

// joinLiveClass joins from /join, typing the code as given.
func (p *page) joinLiveClass(typed, nickname string) {
	p.t.Helper()
	p.openApp("/join")
	p.do(chromedp.SendKeys(chromedp.ID("join-code"), typed))
	if nickname != "" {
		p.do(chromedp.SendKeys(chromedp.ID("join-nickname"), nickname))
	}
	p.do(chromedp.Click(chromedp.ID("join-submit")))
	p.waitFor(`!!document.querySelector(".live-student")`)
}

// shows waits until the page's heading is a step's title.
func (p *page) shows(title string) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf(`!!document.querySelector("h1") && document.querySelector("h1").textContent === %q`, title))
}

// noteHeadings has the page note, by the browser's clock, when each
// heading it shows first appeared, so that how long a step takes to
// reach a student is measured in the pages themselves, not by how soon
// the test gets to look.
func (p *page) noteHeadings() {
	p.t.Helper()
	eval[bool](p, `window.headingSeen = {}, new MutationObserver(() => {
		const h1 = document.querySelector("h1");
		if (h1 && !(h1.textContent in window.headingSeen)) window.headingSeen[h1.textContent] = Date.now();
	}).observe(document.body, {subtree: true, childList: true, characterData: true}), true`)
}

// headingSeenAt is when the page first showed a heading, by the browser's
// clock, once it has.
func (p *page) headingSeenAt(title string) time.Time {
	p.t.Helper()
	p.waitFor(fmt.Sprintf(`%q in window.headingSeen`, title))
	return time.UnixMilli(eval[int64](p, fmt.Sprintf(`window.headingSeen[%q]`, title)))
}

// showLivePanel scrolls the teacher's live class panel into view.
func (p *page) showLivePanel() { p.scrollTo("#live-class") }

// scrollTo scrolls the page until what selector matches is at the top.
func (p *page) scrollTo(selector string) {
	p.t.Helper()
	eval[bool](p, fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: "start"}), true`, selector))
}

// noSidewaysScroll fails the test if the page is wider than its window.
func (p *page) noSidewaysScroll(where string) {
	p.t.Helper()
	if overflow := eval[int](p, `document.documentElement.scrollWidth - window.innerWidth`); overflow > 0 {
		p.t.Errorf("%s scrolls sideways by %d px", where, overflow)
	}
}

func (p *page) noAccessibilityProblems(where string) {
	p.t.Helper()
	for _, v := range p.seriousViolations() {
		p.t.Errorf("%s: %s", where, v)
	}
}

func TestALiveClassFollowsTheTeacherWithPollsAndAnonymousQuestions(t *testing.T) {
	t.Parallel()
	tour := builtInTour(t, liveTour)
	teacher := openReturningPage(t, desktop)
	teacher.watchCSP()
	code := teacher.startLiveClass(tour, 1)

	// The QR code holds the join address with the code in it.
	got, err := qrread.DecodeSVG(eval[string](teacher, `document.querySelector(".live-qr svg.qr-code").getAttribute("viewBox")`),
		eval[string](teacher, `document.querySelector(".live-qr svg.qr-code path").getAttribute("d")`))
	if want := teacher.origin + "/join?code=" + code; err != nil || got != want {
		t.Errorf("the join QR code holds %q (%v), want %q", got, err, want)
	}
	if url := teacher.text(".live-join-url"); url != teacher.origin+"/join" {
		t.Errorf("the join address reads %q", url)
	}

	// Three students on their own devices: one scans the QR code, one
	// types the code in lower case with a space, one uses the keyboard only.
	ada := openReturningPage(t, phone)
	ada.watchCSP()
	ada.openApp("/join?code=" + code)
	if typed := eval[string](ada, `document.getElementById("join-code").value`); typed != code {
		t.Errorf("the scanned address fills the code field with %q", typed)
	}
	ada.do(chromedp.SendKeys(chromedp.ID("join-nickname"), "Ada"))
	ada.do(chromedp.Click(chromedp.ID("join-submit")))
	bo := openReturningPage(t, phone)
	bo.joinLiveClass(strings.ToLower(code[:3])+" "+strings.ToLower(code[3:]), "")
	cy := openReturningPage(t, desktop)
	cy.openApp("/join")
	cy.noAccessibilityProblems("the join page")
	cy.do(chromedp.Focus(chromedp.ID("join-code")))
	cy.do(chromedp.KeyEvent(code))
	cy.do(chromedp.KeyEvent(kb.Tab))
	cy.do(chromedp.KeyEvent("Cy"))
	cy.do(chromedp.KeyEvent(kb.Enter))
	students := []*page{ada, bo, cy}
	for _, s := range students {
		s.shows(tour.Steps[0].Title)
	}
	teacher.waitFor(`document.querySelector(".live-students").textContent === "3 students have joined: Ada, Cy."`)
	for _, s := range students[:2] {
		s.noSidewaysScroll("a student's phone")
	}
	ada.screenshot("live-student-following-phone")
	cy.screenshot("live-student-following-desktop")
	teacher.showLivePanel()
	teacher.screenshot("live-teacher-room-open-desktop")
	teacher.do(chromedp.EmulateViewport(phone.width, phone.height))
	teacher.showLivePanel()
	teacher.noSidewaysScroll("the presenter view on a phone")
	teacher.screenshot("live-teacher-room-open-phone")
	teacher.do(chromedp.EmulateViewport(desktop.width, desktop.height))

	// Every student follows the teacher's steps within a second; screen
	// readers hear it. A page's first redrawing of a step costs far more
	// than the ones after (the browser has not yet optimised that code):
	// with four pages drawing at once on the shared test machine, a first
	// move took 0.2 to 1.7 s, and every later one under 0.35 s. So the
	// students first read a step on their own, as they may.
	for _, s := range students {
		s.do(chromedp.Click(chromedp.ID("live-next")))
		s.shows(tour.Steps[1].Title)
		s.do(chromedp.Click(chromedp.ID("live-prev")))
		s.shows(tour.Steps[0].Title)
	}
	for _, move := range []struct {
		key  string
		step int
	}{{kb.ArrowRight, 2}, {kb.ArrowRight, 3}, {kb.ArrowLeft, 2}, {kb.End, len(tour.Steps)}, {kb.Home, 1}, {kb.ArrowRight, 2}} {
		for _, p := range append(students, teacher) {
			p.noteHeadings()
		}
		teacher.do(chromedp.KeyEvent(move.key))
		want := tour.Steps[move.step-1].Title
		shown := teacher.headingSeenAt(want)
		for j, s := range students {
			after := s.headingSeenAt(want).Sub(shown)
			t.Logf("step %d reached student %d %s after the teacher's page showed it", move.step, j+1, after)
			if after > time.Second {
				t.Errorf("step %d reached student %d %s after the teacher's page showed it, want within a second", move.step, j+1, after)
			}
		}
	}
	if said := ada.text("#live-announcer"); !strings.Contains(said, "step 2") {
		t.Errorf("the step change is announced as %q", said)
	}
	if live := eval[string](ada, `document.getElementById("live-announcer").getAttribute("aria-live")`); live != "polite" {
		t.Errorf("the announcer is aria-live=%q", live)
	}

	// Cy reads back, the teacher goes on, Cy catches up in one tap.
	cy.do(chromedp.Focus(chromedp.ID("live-prev")))
	cy.do(chromedp.KeyEvent(kb.Enter))
	cy.shows(tour.Steps[0].Title)
	teacher.do(chromedp.KeyEvent(kb.ArrowRight))
	teacher.shows(tour.Steps[2].Title)
	ada.shows(tour.Steps[2].Title)
	cy.waitFor(`(document.querySelector(".live-catch-up") || {}).textContent.includes("the teacher is on step 3")`)
	if cy.text("h1") != tour.Steps[0].Title {
		t.Errorf("a student reading on their own was moved to %q", cy.text("h1"))
	}
	cy.do(chromedp.Focus(chromedp.ID("live-catch-up")))
	cy.do(chromedp.KeyEvent(kb.Enter))
	cy.shows(tour.Steps[2].Title)

	// A multiple-choice question: answers are counted for the teacher,
	// hidden from the class until revealed.
	teacher.do(chromedp.SendKeys(chromedp.ID("poll-prompt"), "Which gap matters most?"))
	teacher.do(chromedp.SendKeys(chromedp.ID("poll-options"), "small\nlarge\nnone"))
	teacher.do(chromedp.Click(chromedp.ID("poll-open")))
	for _, s := range students {
		s.waitFor(`document.querySelectorAll(".poll-option").length === 3`)
	}
	ada.do(chromedp.Click(chromedp.CSS(".poll-option:nth-child(2)")))
	bo.do(chromedp.Click(chromedp.CSS(".poll-option:nth-child(2)")))
	cy.do(chromedp.Focus(chromedp.CSS(".poll-option:nth-child(1)")))
	cy.do(chromedp.KeyEvent(" "))
	ada.waitFor(`(document.querySelector(".poll-mine") || {}).textContent === "Your answer: large. You can change it until the teacher shows the class’s answers."`)
	teacher.waitFor(`document.querySelector(".poll-answered").textContent === "3 of 3 students answered."`)
	for _, s := range students {
		if s.count(".poll-results") != 0 {
			t.Errorf("a student sees the answers before the teacher reveals them")
		}
	}
	teacher.do(chromedp.Click(chromedp.ID("poll-reveal")))
	for _, s := range students {
		s.waitFor(`document.querySelectorAll(".poll-result").length === 3`)
	}
	counts := eval[[]string](ada, `[...document.querySelectorAll(".poll-count")].map(c => c.textContent)`)
	if strings.Join(counts, " ") != "1 (33%) 2 (67%) 0 (0%)" {
		t.Errorf("the revealed counts read %v", counts)
	}
	if mine := ada.text(".poll-result.is-mine .poll-label"); mine != "large (your answer)" {
		t.Errorf("Ada's answer is marked on %q", mine)
	}
	if !strings.Contains(ada.text("#live-announcer"), "answers") {
		t.Errorf("the reveal is announced as %q", ada.text("#live-announcer"))
	}
	teacher.waitFor(`document.querySelectorAll(".live-class .poll-result").length === 3`)
	ada.screenshot("live-poll-revealed-phone")
	cy.screenshot("live-poll-revealed-desktop")
	teacher.scrollTo(".live-poll")
	teacher.screenshot("live-teacher-poll-revealed-desktop")
	teacher.noAccessibilityProblems("the presenter view with a revealed poll")
	ada.noAccessibilityProblems("a student's phone with a revealed poll")
	teacher.do(chromedp.Click(chromedp.ID("poll-close")))
	for _, s := range students {
		s.waitFor(`document.querySelector(".live-poll") === null`)
	}

	// A number question tied to a lab: a prediction.
	teacher.do(chromedp.Click(chromedp.ID("poll-kind-number")))
	teacher.waitFor(`!!document.getElementById("poll-min")`)
	teacher.do(chromedp.SendKeys(chromedp.ID("poll-prompt"), "What share of the gap will the student recover?"))
	teacher.do(chromedp.SendKeys(chromedp.ID("poll-min"), "0"))
	teacher.do(chromedp.SendKeys(chromedp.ID("poll-max"), "1"))
	teacher.do(chromedp.SendKeys(chromedp.ID("poll-lab"), "/tours"))
	teacher.do(chromedp.Click(chromedp.ID("poll-open")))
	for i, value := range []string{"0.5", "0.75"} {
		s := students[i]
		s.waitFor(`!!document.getElementById("poll-value")`)
		if href := eval[string](s, `document.querySelector(".poll-lab-link").getAttribute("href")`); href != "/tours" {
			t.Errorf("the lab link goes to %q", href)
		}
		s.do(chromedp.SendKeys(chromedp.ID("poll-value"), value))
		s.do(chromedp.KeyEvent(kb.Enter))
		s.waitFor(fmt.Sprintf(`(document.querySelector(".poll-mine") || {}).textContent.startsWith("Your answer: %s.")`, value))
	}
	cy.waitFor(`!!document.getElementById("poll-value")`)
	cy.do(chromedp.SendKeys(chromedp.ID("poll-value"), "7"))
	cy.do(chromedp.KeyEvent(kb.Enter))
	cy.waitFor(`(document.querySelector(".live-poll .live-problem") || {}).textContent === "Type a number from 0 to 1."`)
	teacher.waitFor(`document.querySelector(".poll-answered").textContent === "2 of 3 students answered."`)
	teacher.do(chromedp.Click(chromedp.ID("poll-reveal")))
	ada.waitFor(`(document.querySelector(".poll-summary") || {}).textContent === "2 answers · mean 0.625 · median 0.625 · from 0.5 to 0.75"`)

	// Questions: anonymous, shown as text, seen by the teacher alone until
	// shared.
	bo.do(chromedp.SendKeys(chromedp.ID("ask-text"), "Why would a <b>weak</b> judge fail?"))
	bo.do(chromedp.Click(chromedp.ID("ask-send")))
	bo.waitFor(`(document.querySelector(".live-ask .live-notice") || {}).textContent.startsWith("Sent.")`)
	ada.do(chromedp.SendKeys(chromedp.ID("ask-text"), "Off topic"))
	ada.do(chromedp.Click(chromedp.ID("ask-send")))
	teacher.waitFor(`document.querySelectorAll(".is-pending .live-question").length === 2`)
	if q := teacher.text(".is-pending .question-text"); q != "Why would a <b>weak</b> judge fail?" || teacher.count(".question-text b") != 0 {
		t.Errorf("the teacher sees the question as %q, with %d bold elements", q, teacher.count(".question-text b"))
	}
	for _, s := range students {
		if s.count(".shared-questions") != 0 {
			t.Errorf("a student sees a question the teacher has not shared")
		}
	}
	teacher.scrollTo(".live-questions")
	teacher.screenshot("live-teacher-questions-desktop")
	teacher.do(chromedp.Click(chromedp.CSS(".is-pending .live-question:nth-child(1) .approve-question")))
	teacher.waitFor(`document.querySelectorAll(".is-pending .live-question").length === 1`)
	teacher.do(chromedp.Click(chromedp.CSS(".is-pending .dismiss-question")))
	for _, s := range students {
		s.waitFor(`(document.querySelector(".shared-questions li") || {}).textContent === "Why would a <b>weak</b> judge fail?"`)
		if s.count(".shared-questions li") != 1 || s.count(".shared-questions b") != 0 {
			t.Errorf("a student sees the shared questions as %q", s.text(".shared-questions"))
		}
	}
	teacher.waitFor(`document.querySelectorAll(".is-pending .live-question").length === 0`)

	// The results, downloaded, have every poll and the questions kept.
	name, csv := teacher.download("#live-export-csv")
	if name != "live-class-"+code+".csv" || !strings.Contains(string(csv), "poll,1,Which gap matters most?,closed,large,2") ||
		!strings.Contains(string(csv), "question,1,Why would a <b>weak</b> judge fail?,approved") || strings.Contains(string(csv), "Off topic") {
		t.Errorf("the CSV export %s reads:\n%s", name, csv)
	}

	// A student who reloads resumes, through the offline copy, and the
	// service worker never stands between the page and the live API.
	ada.waitForOfflineCopy()
	ada.open("/join")
	ada.waitForApp()
	ada.shows(tour.Steps[2].Title)
	ada.waitFor(`(document.querySelector(".live-connection") || {}).textContent.endsWith("following the teacher.")`)
	if !eval[bool](ada, `!!navigator.serviceWorker.controller`) {
		t.Errorf("the reloaded page is not served by the offline copy")
	}
	if through := eval[[]string](ada, `performance.getEntriesByType("resource").filter(e => e.name.includes("/live/") && e.workerStart > 0).map(e => e.name)`); len(through) > 0 {
		t.Errorf("live requests went through the service worker: %v", through)
	}
	teacher.do(chromedp.KeyEvent(kb.ArrowRight))
	ada.shows(tour.Steps[3].Title)

	// Ending deletes the class: everyone is told.
	teacher.do(chromedp.Click(chromedp.ID("live-end")))
	teacher.do(chromedp.Click(chromedp.ID("live-end-now")))
	teacher.waitFor(`!!document.getElementById("live-start") && document.querySelector(".live-notice").textContent.startsWith("The class has ended.")`)
	for _, s := range students {
		s.shows("The live class has ended")
	}
	if link := eval[string](bo, `document.querySelector(".join-column a").getAttribute("href")`); link != "/tours/"+tour.ID+"/4" {
		t.Errorf("after the class, the tour to read on links to %q", link)
	}
	teacher.expectNoCSPViolation("the presenter view running a live class")
	ada.expectNoCSPViolation("a student's page in a live class")
}

// serveLive serves the main build on addr with more flags until the test
// ends or the returned stop is called.
func serveLive(t *testing.T, addr string, flags ...string) (origin string, stop func()) {
	t.Helper()
	origin, stopServer, err := mainBuild.Serve(addr, flags...)
	if err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	t.Cleanup(func() { once.Do(stopServer) })
	return origin, func() { once.Do(stopServer) }
}

func TestTwoInstancesOverNATSServeOneLiveClassAndAStudentResumesAfterARestart(t *testing.T) {
	t.Parallel()
	tour := builtInTour(t, liveTour)
	nats := natstest.Start(t)
	addrB := freeAddr(t)
	originA, _ := serveLive(t, freeAddr(t), "-nats", nats)
	originB, stopB := serveLive(t, addrB, "-nats", nats)

	// The teacher is on instance A, the student on instance B.
	teacher := openPageAt(t, desktop, originA)
	code := teacher.startLiveClass(tour, 1)
	student := openPageAt(t, phone, originB)
	student.joinLiveClass(code, "Ada")
	student.shows(tour.Steps[0].Title)
	teacher.waitFor(`document.querySelector(".live-students").textContent === "1 student has joined: Ada."`)
	teacher.do(chromedp.KeyEvent(kb.ArrowRight))
	student.shows(tour.Steps[1].Title)

	// Instance B stops: the student keeps the last step and says so.
	student.expectProblem("/live/rooms/" + code + "/events")
	stopB()
	student.waitFor(`document.querySelector(".live-connection").textContent.includes("connection lost")`)
	teacher.do(chromedp.KeyEvent(kb.ArrowRight))
	teacher.do(chromedp.KeyEvent(kb.ArrowRight))
	teacher.shows(tour.Steps[3].Title)
	teacher.do(chromedp.SendKeys(chromedp.ID("poll-prompt"), "Ready?"))
	teacher.do(chromedp.SendKeys(chromedp.ID("poll-options"), "yes\nno"))
	teacher.do(chromedp.Click(chromedp.ID("poll-open")))
	teacher.waitFor(`!!document.getElementById("poll-reveal")`)
	if got := student.text("h1"); got != tour.Steps[1].Title {
		t.Errorf("without its server the student's page shows %q, want the last step shared", got)
	}
	student.screenshot("live-student-connection-lost-phone")

	// B is back: the student catches up on everything missed, in order.
	serveLive(t, addrB, "-nats", nats)
	student.shows(tour.Steps[3].Title)
	student.waitFor(`document.querySelectorAll(".poll-option").length === 2`)
	student.waitFor(`document.querySelector(".live-connection").textContent.endsWith("following the teacher.")`)
	student.do(chromedp.Click(chromedp.CSS(".poll-option:nth-child(1)")))
	teacher.waitFor(`document.querySelector(".poll-answered").textContent === "1 of 1 student answered."`)
}

func TestWithoutNATSARestartEndsTheLiveClassAndEveryoneIsTold(t *testing.T) {
	t.Parallel()
	tour := builtInTour(t, liveTour)
	addr := freeAddr(t)
	origin, stop := serveLive(t, addr)
	teacher := openPageAt(t, desktop, origin)
	code := teacher.startLiveClass(tour, 2)
	student := openPageAt(t, phone, origin)
	student.joinLiveClass(code, "")
	student.shows(tour.Steps[1].Title)
	for _, p := range []*page{teacher, student} {
		p.expectProblem("/live/rooms/" + code)
	}
	stop()
	serveLive(t, addr)
	student.shows("The live class has ended")
	teacher.waitFor(`(document.querySelector(".live-notice") || {}).textContent === "This live class has ended: it was ended elsewhere, or expired, or the server restarted without keeping it."`)
	if teacher.count("#live-start") != 1 {
		t.Errorf("the teacher cannot start a new class")
	}
}

func TestInAStaticExportALiveClassSaysItNeedsTheServer(t *testing.T) {
	t.Parallel()
	dist := filepath.Join(workDir, "dist-live")
	addr := freeAddr(t)
	if out, err := exec.Command(mainBuild.Binary, "static", "-out", dist, "-web", mainBuild.Web).CombinedOutput(); err != nil {
		t.Fatalf("static export: %v\n%s", err, out)
	}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	server := &http.Server{Handler: http.FileServer(http.Dir(dist)), ReadHeaderTimeout: 5 * time.Second}
	go server.Serve(listener)
	t.Cleanup(func() { server.Close() })

	const needsServer = "oversight serve"
	teacher := openPageAt(t, desktop, "http://"+addr)
	teacher.expectProblem("/live/rooms")
	teacher.openApp("/present/" + liveTour + "/1")
	teacher.do(chromedp.Click(chromedp.ID("live-start")))
	teacher.waitFor(`!!document.querySelector(".live-class .live-problem")`)
	if said := teacher.text(".live-class .live-problem"); !strings.Contains(said, needsServer) {
		t.Errorf("starting a class on a static host says %q", said)
	}
	student := openPageAt(t, phone, "http://"+addr)
	student.expectProblem("/live/join")
	student.openApp("/join")
	student.do(chromedp.SendKeys(chromedp.ID("join-code"), "K7QX9D"))
	student.do(chromedp.Click(chromedp.ID("join-submit")))
	student.waitFor(`!!document.querySelector(".join-form .live-problem")`)
	if said := student.text(".join-form .live-problem"); !strings.Contains(said, needsServer) {
		t.Errorf("joining a class on a static host says %q", said)
	}
	// The rest of the app goes on as before.
	teacher.do(chromedp.KeyEvent(kb.ArrowRight))
	teacher.shows(builtInTour(t, liveTour).Steps[1].Title)
}
