package app

import (
	"errors"
	"strconv"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
	"oversight/localdata"
)

// TourImport is where a teacher brings a tour of their own: a Markdown file
// (file picker) or pasted text, in the format of the built-in tours. It is
// checked by the same parser, with every problem named by line; a tour that
// passes is kept on this device and listed with the built-in ones. The
// Markdown is untrusted: the parser limits its size and nesting and renders
// it with goldmark's safe defaults, without raw HTML, images or script links.
type TourImport struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	mine     []importedEntry
	progress map[string]localdata.TourProgress
	// reading: the tours on this device are being read.
	reading bool
	// checking: a tour is waiting for the tour reader to start.
	checking bool
	// prepared: the tour reader has been asked to start.
	prepared bool

	// The outcome of the last attempt.
	failed string    // the name of a file that was refused
	faults kb.Faults // why
	// unread says why the tour reader could not read the file at all.
	unread   string
	done     *localdata.StoredTour
	warnings kb.Faults
}

// importedEntry is a stored tour with what parsing it again gave.
type importedEntry struct {
	stored  localdata.StoredTour
	tour    *kb.Tour
	problem string
}

// Ids of the import form's fields.
const (
	tourFileID  = "tour-file"
	tourPasteID = "tour-paste"
)

func (s *TourImport) OnMount(ctx ui.Context) {
	s.refresh(ctx)
	// The import draws the progress only beside tours imported on this
	// device: without any, it draws what it drew before.
	if len(s.mine) == 0 && !s.reading {
		ctx.PreventUpdate()
	}
}

func (s *TourImport) refresh(ctx ui.Context) {
	s.progress = s.Site.device.loadProgress(ctx)
	stored := s.Site.device.importedTours(ctx)
	s.mine, s.reading = nil, len(stored) > 0
	if !s.reading {
		return
	}
	// Read again each time, as the map may have changed since the import.
	s.Site.tours.With(ctx, func(ctx ui.Context, read ReadTour) {
		s.mine, s.reading = nil, false
		for _, st := range stored {
			e := importedEntry{stored: st}
			t, err := read(st.Name, []byte(st.Markdown), s.Site.Knowledge)
			if err != nil {
				e.problem = storedTourProblem(err)
			} else {
				t.ID = st.ID
				e.tour = t
			}
			s.mine = append(s.mine, e)
		}
	})
}

func (s *TourImport) Render() ui.UI {
	return ui.Section().Class("tour-import", "no-print").Aria("labelledby", "import-heading").Body(
		ui.H2().ID("import-heading").Text("Your own tours"),
		ui.P().Text("Bring a tour you wrote: a Markdown file in the same format as the tours above. It is checked against the map, kept on this device only, and plays offline like the others."),
		ui.Details().Class("tour-format").Body(
			ui.Summary().Text("The format in brief"),
			ui.Ul().Body(
				ui.Li().Text("Front matter between two --- lines: title, audience, minutes, summary."),
				ui.Li().Text("Each step is a ## heading, then a line “Concepts: debate, scalable-oversight” naming concepts of the map by id, then the narration."),
				ui.Li().Text("Optional under a step: ### Speaker notes, and ### Questions as a list."),
				ui.Li().Text("Optional at the end: ## Self-check, with a ### heading per question, answers as - [x] right and - [ ] wrong, and a line starting “Feedback:” that links a concept."),
			),
			ui.P().Body(ui.Text("The handout of any tour above shows a complete example; so does "), ui.Code().Text("content/tours/README.md"), ui.Text(" in the app’s source.")),
		),
		ui.Div().Class("import-form").On("focusin", s.prepareReader).On("pointerover", s.prepareReader).Body(
			ui.Label().For(tourFileID).Text("Import a Markdown file"),
			ui.Input().ID(tourFileID).Type("file").Accept(".md,.markdown,.txt,text/markdown,text/plain").OnChange(s.onFile),
			ui.Label().For(tourPasteID).Text("…or paste a tour’s Markdown"),
			ui.Textarea().ID(tourPasteID).Rows(10).Spellcheck(false),
			ui.Button().ID("tour-paste-import").Class("button").Type("button").Text("Import pasted tour").OnClick(s.onPaste),
		),
		s.outcome(),
		ui.If(s.reading, func() ui.UI {
			return ui.P().Class("import-reading").Role("status").Text("Reading the tours on this device…")
		}),
		ui.If(len(s.mine) > 0, func() ui.UI {
			return ui.Div().Body(
				ui.H3().Text("On this device"),
				ui.Ul().Class("cards", "tour-list", "imported-tours").Body(ui.Range(s.mine).Slice(func(i int) ui.UI {
					return s.entry(s.mine[i])
				})),
			)
		}),
	)
}

func (s *TourImport) entry(e importedEntry) ui.UI {
	remove := ui.Button().Class("button", "secondary", "remove-tour").Type("button").
		Text("Remove").OnClick(s.remove(e.stored.ID))
	if e.tour == nil {
		return ui.Li().Class("card", "tour-card").Body(
			ui.H2().Text(e.stored.Title),
			ui.P().Class("import-errors").Text(e.problem),
			ui.P().Body(remove),
		)
	}
	ref := tourRef{ID: e.stored.ID, Imported: true}
	return tourCard(e.tour, ref, s.progress[ref.key()], remove)
}

// outcome reports the last import: its problems by line, or success.
func (s *TourImport) outcome() ui.UI {
	switch {
	case s.checking:
		return ui.P().Class("import-checking").Role("status").Text("Checking the tour…")
	case s.unread != "":
		return ui.Div().Class("import-errors").Role("alert").Body(
			ui.P().Text(importedName(s.failed)+" was not imported: "+s.unread+"."),
			ui.P().Text("Nothing in the tour needs changing: check the connection, reload the app and try again."),
		)
	case len(s.faults) > 0:
		name := importedName(s.failed)
		return ui.Div().Class("import-errors").Role("alert").Body(
			ui.P().Text(name+" was not imported. Fix "+plural(len(s.faults), "this line", "these lines")+" and try again:"),
			faultList(s.faults),
		)
	case s.done != nil:
		ref := tourRef{ID: s.done.ID, Imported: true}
		return ui.Div().Class("import-done").Role("status").Body(
			ui.P().Body(
				ui.Text("Imported “"+s.done.Title+"”: "+strconv.Itoa(s.done.Steps)+" "+plural(s.done.Steps, "step", "steps")+", "+keptWhere(s.Site.device)+". "),
				ui.A().Class("play-imported").Href(ref.step(1)).Text("Play it"),
			),
			ui.If(len(s.warnings) > 0, func() ui.UI {
				return ui.Div().Body(
					ui.P().Text("Some of it is not shown, for safety:"),
					faultList(s.warnings),
				)
			}),
		)
	}
	return nil
}

// storedTourProblem says why a tour kept on this device does not open: the
// map changed under it, or the tour reader failed.
func storedTourProblem(err error) string {
	var readerFailure errTourReader
	if errors.As(err, &readerFailure) {
		return "This tour cannot be opened now: " + readerFailure.Error() + "."
	}
	return "This tour no longer fits the map: " + err.Error()
}

// importedName names what was imported: a file by its name, or pasted text.
func importedName(file string) string {
	if file == "" {
		return "The pasted tour"
	}
	return "“" + file + "”"
}

// keptWhere says how long what was just saved is kept.
func keptWhere(device localData) string {
	if device.OutlastsVisit() {
		return "kept on this device"
	}
	return "kept until you close the app (this device is not storing anything new)"
}

func faultList(faults kb.Faults) ui.UI {
	return ui.Ul().Class("fault-list").Body(ui.Range(faults).Slice(func(i int) ui.UI {
		return ui.Li().Text("Line " + strconv.Itoa(faults[i].Line) + ": " + faults[i].Message)
	}))
}

func (s *TourImport) onFile(ctx ui.Context, e ui.Event) {
	file, name, size, ok := chosenFile(e)
	if !ok {
		return
	}
	if err := kb.CheckTourSize(name, size); err != nil {
		s.importResult(ctx, name, nil, err)
		return
	}
	readChosenFile(ctx, file, name, s.importTour)
}

// prepareReader starts the tour reader while the teacher picks a file or
// pastes one, so that the import itself does not wait for it.
func (s *TourImport) prepareReader(ctx ui.Context, e ui.Event) {
	if s.prepared {
		return
	}
	s.prepared = true
	s.Site.tours.With(ctx, func(ui.Context, ReadTour) {})
}

func (s *TourImport) onPaste(ctx ui.Context, e ui.Event) {
	area := ui.Window().GetElementByID(tourPasteID)
	if !area.Truthy() {
		return
	}
	s.importTour(ctx, "", []byte(area.Get("value").String()))
}

func (s *TourImport) importTour(ctx ui.Context, name string, data []byte) {
	s.checking = true
	s.Site.tours.With(ctx, func(ctx ui.Context, read ReadTour) {
		s.checking = false
		t, err := read(name, data, s.Site.Knowledge)
		s.importResult(ctx, name, t, err)
		if err != nil {
			return
		}
		stored := localdata.StoredTour{ID: t.ID, Name: name, Title: t.Title, Steps: len(t.Steps), Markdown: string(data)}
		s.Site.device.storeImportedTour(ctx, stored)
		s.done = &stored
		s.refresh(ctx)
	})
}

func (s *TourImport) importResult(ctx ui.Context, name string, t *kb.Tour, err error) {
	s.failed, s.faults, s.unread, s.done, s.warnings = name, nil, "", nil, nil
	if err == nil {
		s.warnings = t.Warnings
		return
	}
	var readerFailure errTourReader
	if errors.As(err, &readerFailure) {
		s.unread = readerFailure.Error()
		return
	}
	if !errors.As(err, &s.faults) {
		s.faults = kb.Faults{{File: name, Line: 1, Message: err.Error()}}
	}
}

func (s *TourImport) remove(id string) ui.EventHandler {
	return func(ctx ui.Context, e ui.Event) {
		s.Site.device.removeImportedTour(ctx, id)
		if s.done != nil && s.done.ID == id {
			s.done = nil
		}
		s.refresh(ctx)
	}
}
