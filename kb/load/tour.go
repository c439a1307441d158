package load

import (
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"oversight/kb"
)

// ToursDir is the content folder of the built-in tours.
const ToursDir = "tours"

// Limits on a tour. Imported tours are untrusted: the file's size is checked
// before anything else, and renderMarkdown checks the limits on Markdown
// before goldmark parses any of it.
const (
	// maxQuizOptions is the most answers one self-check question may offer.
	maxQuizOptions = 8
	// maxTourMinutes is the longest a tour may say it takes.
	maxTourMinutes = 240
)

// The headings that mark the parts of a tour; matched without regard to case.
const (
	// SelfCheckHeading is the ## heading of the optional final quiz.
	SelfCheckHeading = "Self-check"
	// NotesHeading is the ### heading of a step's speaker notes.
	NotesHeading = "Speaker notes"
	// QuestionsHeading is the ### heading of a step's discussion questions.
	QuestionsHeading = "Questions"
	// conceptsLabel starts the line naming a step's concepts.
	conceptsLabel = "Concepts:"
	// feedbackLabel starts a self-check question's feedback.
	feedbackLabel = "Feedback:"
)

var tourFields = []string{"title", "audience", "minutes", "summary", "reviewed", "sources", "weight"}

// Tour parses and validates a tour that did not come with the app, such
// as one a teacher imports, against a loaded knowledge base. name is the file
// name the teacher chose, or empty for pasted text; faults carry it and a
// line number. The tour's id is made from the name, or from the title when
// the name has no letters or digits. The input is untrusted: its size is
// checked before anything is read, the limits on Markdown before goldmark
// parses any of it, and it is rendered with goldmark's safe defaults,
// without raw HTML, images or links other than into the app or to web pages.
func Tour(name string, data []byte, k *kb.KB) (*kb.Tour, error) {
	if err := kb.CheckTourSize(name, len(data)); err != nil {
		return nil, err
	}
	log := &faultLog{}
	l := &loader{log: log, conceptsByID: make(map[string]*kb.Concept), sourcesByID: make(map[string]*kb.Source), cited: make(map[string]bool),
		termsByID: make(map[string]*kb.Term), aliasOf: make(map[string]string)}
	for _, c := range k.Concepts() {
		l.conceptsByID[c.ID] = c
	}
	for _, s := range k.Sources() {
		l.sourcesByID[s.ID] = s
	}
	for _, t := range k.Glossary() {
		l.termsByID[t.ID] = t
	}
	for _, r := range k.Redirects() {
		l.aliasOf[r.From] = r.To
	}
	l.glossary = newGlossaryTerms(k.Glossary())
	doc, ok := splitDocument(name, data, log)
	if !ok {
		return nil, log.faults.Sorted()
	}
	t := l.parseTour(name, tourIDFrom(name), doc, false)
	if len(log.faults) > 0 {
		return nil, log.faults.Sorted()
	}
	if t.ID == "" {
		t.ID = slugify(t.Title)
	}
	if t.ID == "" {
		t.ID = "tour"
	}
	return t, nil
}

// date and may have no warnings.
func (l *loader) tour(file, id string, doc document) {
	if id == kb.ImportedTourID {
		l.log.add(file, 1, "the tour id %q is taken by the app's imported tours: rename the file", id)
		return
	}
	t := l.parseTour(file, id, doc, true)
	for _, w := range t.Warnings {
		l.log.add(w.File, w.Line, "%s", w.Message)
	}
	t.Warnings = nil
	l.tours = append(l.tours, t)
}

// parseTour reads a tour from its split document. builtIn requires what
// the content checker requires of every item: a review date.
func (l *loader) parseTour(file, id string, doc document, builtIn bool) *kb.Tour {
	f := fields(file, doc.front, tourFields, l.log)
	t := &kb.Tour{ID: id, File: file}
	t.Title = l.text(file, "title", f["title"], doc.front)
	t.Audience = l.text(file, "audience", f["audience"], doc.front)
	t.Summary = l.text(file, "summary", f["summary"], doc.front)
	t.SummaryLine = lineOr(f["summary"], doc.front)
	t.Minutes = l.count(file, "minutes", f["minutes"], doc.front, 1, maxTourMinutes, true)
	t.Weight = l.count(file, "weight", f["weight"], doc.front, -1000, 1000, false)
	if f["reviewed"] != nil || builtIn {
		t.Reviewed = l.date(file, "reviewed", f["reviewed"], doc.front, "YYYY-MM-DD", 10)
	}
	listed := l.idList(file, "sources", f["sources"])
	for _, r := range listed {
		t.ListedSources = append(t.ListedSources, r.id)
	}
	p := &tourParser{l: l, file: file, tour: t, builtIn: builtIn}
	p.parse(doc)
	if len(t.Steps) == 0 {
		l.log.add(file, doc.bodyLine, "the tour has no steps: start each step with a ## heading, then a line %s id, id", conceptsLabel)
	}
	if len(t.Steps) > kb.MaxTourSteps {
		l.log.add(file, t.Steps[kb.MaxTourSteps].Line, "the tour has %d steps; the most a tour may have is %d", len(t.Steps), kb.MaxTourSteps)
	}
	if len(t.Quiz) > kb.MaxQuizQuestions {
		l.log.add(file, t.Quiz[kb.MaxQuizQuestions].Line, "the self-check has %d questions; the most it may have is %d", len(t.Quiz), kb.MaxQuizQuestions)
	}
	p.render(listed)
	return t
}

// count reads a whole number between lo and hi.
func (l *loader) count(file, name string, n, parent *yaml.Node, lo, hi int, required bool) int {
	if n == nil {
		if required {
			l.log.add(file, line(parent), "missing %s", name)
		}
		return 0
	}
	var v int
	if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil || v < lo || v > hi {
		l.log.add(file, line(n), "%s must be a whole number from %d to %d", name, lo, hi)
		return 0
	}
	return v
}

var (
	atxHeading    = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	fenceOpen     = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	checkboxItem  = regexp.MustCompile(`^[-*+][ \t]+\[([ xX])\][ \t]+(.*)$`)
	questionItem  = regexp.MustCompile(`^(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$`)
	nonSlugRunes  = regexp.MustCompile(`[^a-z0-9]+`)
	firstNonSpace = regexp.MustCompile(`\S`)
)

// tourParser reads a tour's body line by line, so that every fault has its
// line: ## opens a step (or the self-check), ### opens a step's notes or
// questions (or a self-check question).
type tourParser struct {
	l    *loader
	file string
	tour *kb.Tour
	// builtIn is true for the app's own tours, which must name concepts by
	// their current ids; an imported tour may use the old id of a concept
	// merged into another, written before the merge.
	builtIn bool

	step     *kb.TourStep
	part     string // "narration", "notes" or "questions" within a step
	quiz     bool   // inside the self-check
	question *kb.QuizQuestion
	// feedback is true while a question's feedback paragraph continues.
	feedback bool
	// answers counts the options marked correct, per question.
	answers map[*kb.QuizQuestion]int

	// chunks hold each Markdown part's lines until it is rendered.
	narration, notes map[*kb.TourStep]*chunk
	feedbackOf       map[*kb.QuizQuestion]*chunk
	// conceptsSeen marks the steps whose Concepts: line has been read.
	conceptsSeen map[*kb.TourStep]bool
}

// chunk is a run of Markdown lines and the file line of the first.
type chunk struct {
	lines []string
	first int
}

func (c *chunk) add(text string, at int) {
	if len(c.lines) == 0 {
		if strings.TrimSpace(text) == "" {
			return
		}
		c.first = at
	}
	c.lines = append(c.lines, text)
}

// text is the chunk without trailing blank lines.
func (c *chunk) text() string {
	if c == nil {
		return ""
	}
	return strings.TrimRight(strings.Join(c.lines, "\n"), " \t\n")
}

func (p *tourParser) fault(at int, format string, args ...any) {
	p.l.log.add(p.file, at, format, args...)
}

func (p *tourParser) parse(doc document) {
	p.answers = make(map[*kb.QuizQuestion]int)
	p.narration = make(map[*kb.TourStep]*chunk)
	p.notes = make(map[*kb.TourStep]*chunk)
	p.feedbackOf = make(map[*kb.QuizQuestion]*chunk)
	p.conceptsSeen = make(map[*kb.TourStep]bool)
	lines := strings.Split(string(doc.body), "\n")
	fence := ""
	for i, text := range lines {
		at := doc.bodyLine + i
		if fence != "" {
			if strings.HasPrefix(strings.TrimLeft(text, " "), fence) && strings.Trim(strings.TrimSpace(text), fence[:1]) == "" {
				fence = ""
			}
			p.content(text, at)
			continue
		}
		if m := fenceOpen.FindStringSubmatch(text); m != nil {
			fence = m[1]
			p.content(text, at)
			continue
		}
		if m := atxHeading.FindStringSubmatch(text); m != nil {
			p.heading(len(m[1]), strings.TrimSpace(m[2]), text, at)
			continue
		}
		p.content(text, at)
	}
	p.finishQuestion()
	p.finishStep()
	if p.quiz && len(p.tour.Quiz) == 0 {
		p.fault(doc.bodyLine+len(lines)-1, "the %s has no questions: give each one a ### heading", SelfCheckHeading)
	}
}

func (p *tourParser) heading(level int, title, raw string, at int) {
	switch level {
	case 1:
		p.fault(at, "a # heading is not allowed: the tour's title comes from title: in the front matter, and each step starts with ##")
	case 2:
		p.finishQuestion()
		p.finishStep()
		if strings.EqualFold(title, SelfCheckHeading) {
			if p.quiz {
				p.fault(at, "a second ## %s: a tour has one, at the end", SelfCheckHeading)
			}
			p.quiz = true
			return
		}
		if p.quiz {
			p.fault(at, "the step %q comes after the ## %s: the self-check must be the last section", title, SelfCheckHeading)
			return
		}
		if !p.heading2Text(title, at) {
			title = ""
		}
		p.step = &kb.TourStep{Title: title, Line: at}
		p.part = "narration"
		p.narration[p.step] = &chunk{}
		p.tour.Steps = append(p.tour.Steps, p.step)
	case 3:
		switch {
		case p.quiz:
			p.finishQuestion()
			if !p.heading2Text(title, at) {
				title = ""
			}
			p.question = &kb.QuizQuestion{Prompt: title, Line: at, Answer: -1}
			p.tour.Quiz = append(p.tour.Quiz, p.question)
		case p.step == nil:
			p.fault(at, "### %s comes before the first step: start a step with a ## heading", title)
		case strings.EqualFold(title, NotesHeading) || strings.EqualFold(title, "Notes"):
			if p.notes[p.step] != nil {
				p.fault(at, "the step %q already has speaker notes", p.step.Title)
			}
			p.part = "notes"
			p.notes[p.step] = &chunk{}
		case strings.EqualFold(title, QuestionsHeading):
			p.part = "questions"
		default:
			p.fault(at, "unknown section ### %s in a step: use ### %s or ### %s (for a sub-heading in the narration, use ####)", title, NotesHeading, QuestionsHeading)
		}
	default:
		p.content(raw, at)
	}
}

// heading2Text checks a heading used as a title: it must not be empty and,
// like front matter text, it must be safe in an HTML attribute.
func (p *tourParser) heading2Text(title string, at int) bool {
	if title == "" {
		p.fault(at, "the heading is empty: give it a title")
		return false
	}
	if problem := attributeProblem(title); problem != "" {
		p.fault(at, "the heading %s", problem)
		return false
	}
	return true
}

// content handles a line that is not a structural heading.
func (p *tourParser) content(text string, at int) {
	blank := strings.TrimSpace(text) == ""
	switch {
	case p.quiz:
		p.quizLine(text, at, blank)
	case p.step == nil:
		if !blank {
			p.fault(at, "text before the first step: start the step with a ## heading, or move the text into summary:")
		}
	case !p.conceptsSeen[p.step]:
		if blank {
			return
		}
		p.conceptsSeen[p.step] = true
		trimmed := strings.TrimSpace(text)
		if !hasPrefixFold(trimmed, conceptsLabel) {
			p.fault(at, "the step %q must name its concepts on the line after its heading, like: %s debate, scalable-oversight", p.step.Title, conceptsLabel)
			p.narration[p.step].add(text, at)
			return
		}
		p.concepts(trimmed[len(conceptsLabel):], at)
	case p.part == "narration":
		p.narration[p.step].add(text, at)
	case p.part == "notes":
		p.notes[p.step].add(text, at)
	case p.part == "questions":
		p.questionLine(text, at, blank)
	}
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func (p *tourParser) concepts(list string, at int) {
	seen := make(map[string]bool)
	for _, id := range strings.Split(list, ",") {
		id = p.current(strings.TrimSpace(id))
		switch _, known := p.l.conceptsByID[id]; {
		case id == "":
			p.fault(at, "an empty concept id: separate ids with single commas")
		case !known:
			p.fault(at, "unknown concept %q%s", id, p.l.conceptHint(id))
		case seen[id]:
			p.fault(at, "the concept %q is named twice", id)
		default:
			seen[id] = true
			p.step.Concepts = append(p.step.Concepts, id)
		}
	}
}

// current is the id a concept goes by now: an imported tour's old id of a
// merged concept becomes the id of the concept it was merged into.
func (p *tourParser) current(id string) string {
	if to, ok := p.l.aliasOf[id]; ok && !p.builtIn {
		return to
	}
	return id
}

func (p *tourParser) questionLine(text string, at int, blank bool) {
	if blank {
		return
	}
	trimmed := strings.TrimSpace(text)
	if m := questionItem.FindStringSubmatch(trimmed); m != nil && firstNonSpace.MatchString(m[1]) {
		p.step.Questions = append(p.step.Questions, strings.TrimSpace(m[1]))
		return
	}
	if text != trimmed && len(p.step.Questions) > 0 {
		// An indented line continues the question above it.
		last := len(p.step.Questions) - 1
		p.step.Questions[last] += " " + trimmed
		return
	}
	p.fault(at, "write each question as a list item, like: - Who checks the checker?")
}

func (p *tourParser) quizLine(text string, at int, blank bool) {
	q := p.question
	if blank {
		p.feedback = false
		return
	}
	trimmed := strings.TrimSpace(text)
	switch {
	case q == nil:
		p.fault(at, "text in the %s before its first question: give each question a ### heading", SelfCheckHeading)
	case p.feedback:
		p.feedbackOf[q].add(text, at)
	case hasPrefixFold(trimmed, feedbackLabel):
		if p.feedbackOf[q] != nil {
			p.fault(at, "the question %q already has feedback", q.Prompt)
			return
		}
		c := &chunk{}
		c.add(strings.TrimSpace(trimmed[len(feedbackLabel):]), at)
		p.feedbackOf[q] = c
		p.feedback = true
	case checkboxItem.MatchString(trimmed):
		if p.feedbackOf[q] != nil {
			p.fault(at, "an answer after the feedback: list the answers first, then %s", feedbackLabel)
			return
		}
		m := checkboxItem.FindStringSubmatch(trimmed)
		if m[1] != " " {
			p.answers[q]++
			q.Answer = len(q.Options)
		}
		q.Options = append(q.Options, strings.TrimSpace(m[2]))
	default:
		p.fault(at, "in the %s, write answers as - [ ] wrong and - [x] right, then one line starting %s", SelfCheckHeading, feedbackLabel)
	}
}

func (p *tourParser) finishStep() {
	s := p.step
	if s == nil {
		return
	}
	p.step = nil
	if !p.conceptsSeen[s] {
		p.fault(s.Line, "the step %q names no concepts: add a line %s id, id under its heading", s.Title, conceptsLabel)
	}
	if p.narration[s].text() == "" {
		p.fault(s.Line, "the step %q has no narration: write what the class should hear after the %s line", s.Title, conceptsLabel)
	}
}

func (p *tourParser) finishQuestion() {
	q := p.question
	p.feedback = false
	if q == nil {
		return
	}
	p.question = nil
	switch {
	case len(q.Options) < 2:
		p.fault(q.Line, "the question %q needs at least two answers, written - [ ] wrong and - [x] right", q.Prompt)
	case len(q.Options) > maxQuizOptions:
		p.fault(q.Line, "the question %q has %d answers; the most is %d", q.Prompt, len(q.Options), maxQuizOptions)
	case p.answers[q] == 0:
		p.fault(q.Line, "the question %q marks no answer as right: write the right one as - [x]", q.Prompt)
	case p.answers[q] > 1:
		p.fault(q.Line, "the question %q marks %d answers as right: mark exactly one with - [x]", q.Prompt, p.answers[q])
	}
	fb := p.feedbackOf[q]
	if fb.text() == "" {
		p.fault(q.Line, "the question %q has no feedback: add a line %s that explains the answer and links a concept", q.Prompt, feedbackLabel)
		return
	}
	linked := false
	for _, m := range conceptHref.FindAllStringSubmatch(fb.text(), -1) {
		if _, ok := p.l.conceptsByID[p.current(m[1])]; ok {
			linked = true
		}
	}
	if !linked {
		p.fault(fb.first, "the feedback must link the concept that explains the answer, like [Debate](/concepts/debate)")
	}
}

// render turns each Markdown part into safe HTML, numbering citations in
// the order they first appear across the tour. The parts share the tour's
// HTML budget.
func (p *tourParser) render(listed []ref) {
	t := p.tour
	budget := newHTMLBudget()
	number := make(map[string]int)
	var order []string
	cite := func(id string) {
		if number[id] == 0 {
			order = append(order, id)
			number[id] = len(order)
		}
	}
	md := func(c *chunk, marks *termMarks) string {
		if c == nil || c.text() == "" {
			return ""
		}
		src := c.text()
		for i, text := range strings.Split(src, "\n") {
			at := c.first + i
			for _, m := range citation.FindAllStringSubmatch(text, -1) {
				if p.l.checkSource(ref{id: m[1], file: p.file, line: at}) {
					cite(m[1])
				}
			}
			for _, m := range conceptHref.FindAllStringSubmatch(text, -1) {
				if _, ok := p.l.conceptsByID[p.current(m[1])]; !ok {
					p.fault(at, "the text links to unknown concept %q%s", m[1], p.l.conceptHint(m[1]))
				}
			}
			p.l.checkCitationForm(text, p.file, at)
			p.l.checkGlossaryLinks(text, p.file, at)
		}
		linked := citation.ReplaceAllStringFunc(src, func(m string) string {
			id := citation.FindStringSubmatch(m)[1]
			if number[id] == 0 {
				return m
			}
			return "[\\[" + strconv.Itoa(number[id]) + "\\]](/sources#" + id + ")"
		})
		html, removed, refused := renderMarkdown([]byte(linked), p.file, c.first, budget, marks)
		t.Warnings = append(t.Warnings, removed...)
		for _, f := range refused {
			p.fault(f.Line, "%s", f.Message)
		}
		return html
	}
	for _, s := range t.Steps {
		s.Narration = p.narration[s].text()
		// Each step is a page of its own: its narration marks the first use
		// of each glossary term again.
		s.NarrationHTML = md(p.narration[s], p.l.glossary.page())
		s.Notes = p.notes[s].text()
		s.NotesHTML = md(p.notes[s], nil)
	}
	for _, q := range t.Quiz {
		q.Feedback = p.feedbackOf[q].text()
		q.FeedbackHTML = md(p.feedbackOf[q], nil)
	}
	for _, r := range listed {
		if p.l.checkSource(r) {
			cite(r.id)
		}
	}
	t.Sources = order
	sort.SliceStable(t.Warnings, func(i, j int) bool { return t.Warnings[i].Line < t.Warnings[j].Line })
}

// tourIDFrom makes an id from a file name: my Tour.md → my-tour.
func tourIDFrom(name string) string {
	return slugify(strings.TrimSuffix(path.Base(strings.ReplaceAll(name, "\\", "/")), path.Ext(name)))
}

// slugify makes an id of lowercase letters, digits and single hyphens.
func slugify(s string) string {
	id := strings.Trim(nonSlugRunes.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if len(id) > 60 {
		id = strings.TrimRight(id[:60], "-")
	}
	return id
}
