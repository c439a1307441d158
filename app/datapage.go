package app

import (
	"strconv"
	"strings"
	"time"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// DataPath is the page about the reader's data on this device.
const DataPath = "/data"

// Ids of the data page's controls.
const (
	dataFileID    = "data-file"
	dataExportID  = "data-export"
	clearVisitsID = "clear-visited"
)

// DataPage says what the app keeps on this device and hands it to the
// reader: export to a file, import from one, clear the visited history,
// and download or discard what was set aside.
type DataPage struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	// Empty when prerendered: the data is in the browser.
	summary  dataSummary
	setAside []storedSetAside
	storage  storageState

	// confirming is the action waiting for the reader's yes: clearing the
	// visited history (clearVisitsID), or discarding a set-aside record
	// (its key).
	confirming string
	// imported is the outcome of the last import.
	imported *importOutcome
}

// dataSummary counts what the device holds.
type dataSummary struct {
	visited, started, completed, tours int
	theme                              string
}

type importOutcome struct {
	file   string
	err    error
	report importReport
}

func (p *DataPage) OnPreRender(ctx ui.Context) { p.arrive(ctx) }

func (p *DataPage) OnNav(ctx ui.Context) { p.arrive(ctx) }

// focusConfirm asks the data page to move focus to a confirming button
// (the action's value is its id) once it is drawn. An event handler cannot
// do it itself: its context belongs to the button it handles, which the
// question replaces, and go-app drops what a removed element defers.
const focusConfirm = "data-page-focus-confirm"

func (p *DataPage) OnMount(ctx ui.Context) {
	ctx.Handle(localDataChanged, func(ctx ui.Context, _ ui.Action) { p.refresh(ctx) })
	ctx.Handle(focusConfirm, func(ctx ui.Context, a ui.Action) {
		id, _ := a.Value.(string)
		ctx.Defer(func(ui.Context) {
			if yes := ui.Window().GetElementByID(id); yes.Truthy() {
				yes.Call("focus")
			}
		})
	})
}

func (p *DataPage) arrive(ctx ui.Context) {
	p.Site.showPage(ctx, "Your data on this device", "What Oversight Explorer keeps on this device, and how to export, import or clear it.", headingID)
	p.refresh(ctx)
}

func (p *DataPage) refresh(ctx ui.Context) {
	if p.Site.device == nil {
		return
	}
	progress := readLocal(ctx, p.Site.device, progressRecord)
	p.summary = dataSummary{
		visited: len(readLocal(ctx, p.Site.device, visitedRecord)),
		started: len(progress),
		tours:   len(readLocal(ctx, p.Site.device, toursRecord)),
		theme:   readLocal(ctx, p.Site.device, settingsRecord).Theme,
	}
	for _, pr := range progress {
		if pr.Complete() {
			p.summary.completed++
		}
	}
	p.setAside = p.Site.device.setAsideRecords()
	p.storage = p.Site.device.storage()
}

func (p *DataPage) Render() ui.UI {
	return pageFrame(p.Site, "data-page",
		ui.Div().Class("reading-column").Body(
			ui.H1().ID(headingID).TabIndex(-1).Text("Your data on this device"),
			ui.P().Class("lead").Text("What you do in Oversight Explorer stays on this device: the concepts you open, how far you are through each tour, tours you import and your theme. Nothing is sent anywhere. Here you can see it, save it to a file, and bring it back, on this device or another."),
			p.storageWarning(),
			p.stored(),
			p.exportSection(),
			p.importSection(),
			p.visitedSection(),
			p.setAsideSection(),
			ui.Section().Class("data-section").Aria("labelledby", "device-heading").Body(
				ui.H2().ID("device-heading").Text("About this device only"),
				ui.P().Text("Whether you closed the suggestion to install the app, and whether the browser was asked to keep this storage, are about this device, not about you: they are not exported."),
			),
		),
	)
}

func (p *DataPage) storageWarning() ui.UI {
	var text string
	switch p.storage {
	case storageFull:
		text = "This device’s storage for the app is full: what you do now lasts only until you close the app. What was stored before is safe. Export your data to keep your progress."
	case storageBlocked:
		text = "This browser is not letting the app store anything (private browsing, or site data blocked): what you do lasts only until you close the app. Export your data to keep your progress."
	default:
		return nil
	}
	return ui.P().Class("data-warning").Text(text)
}

func (p *DataPage) stored() ui.UI {
	s := p.summary
	theme := "follows your system"
	if s.theme != "" {
		theme = s.theme
	}
	return ui.Section().Class("data-section").Aria("labelledby", "stored-heading").Body(
		ui.H2().ID("stored-heading").Text("What is stored"),
		ui.If(!ui.IsClient, func() ui.UI {
			return ui.P().Text("This list appears once the app has started in your browser, which holds the data.")
		}).Else(func() ui.UI {
			return ui.Dl().Class("data-counts").Body(
				ui.Dt().Text("Concepts visited"), ui.Dd().DataSet("count", "visited").Text(strconv.Itoa(s.visited)),
				ui.Dt().Text("Tours with progress"), ui.Dd().DataSet("count", "progress").Text(strconv.Itoa(s.started)+" ("+strconv.Itoa(s.completed)+" completed)"),
				ui.Dt().Text("Tours you imported"), ui.Dd().DataSet("count", "tours").Text(strconv.Itoa(s.tours)),
				ui.Dt().Text("Theme"), ui.Dd().DataSet("count", "theme").Text(theme),
			)
		}),
	)
}

func (p *DataPage) exportSection() ui.UI {
	return ui.Section().Class("data-section").Aria("labelledby", "export-heading").Body(
		ui.H2().ID("export-heading").Text("Export"),
		ui.P().Text("Save everything above to a file (JSON): keep it as a copy, or import it on another device. Tours you imported are in it as the Markdown you wrote."),
		ui.Button().ID(dataExportID).Class("button").Type("button").Text("Download your data").OnClick(p.export),
	)
}

func (p *DataPage) importSection() ui.UI {
	return ui.Section().Class("data-section").Aria("labelledby", "import-data-heading").Body(
		ui.H2().ID("import-data-heading").Text("Import"),
		ui.P().Text("Bring back a file exported from this app. It is added to what is here, and nothing is taken away: visited concepts and the steps seen of each tour are combined, a tour you imported that is in both is replaced by the file’s copy, and the file’s theme is used. A file with anything wrong in it changes nothing."),
		ui.Div().Class("import-form").Body(
			ui.Label().For(dataFileID).Text("Import a data file"),
			ui.Input().ID(dataFileID).Type("file").Accept(".json,application/json").OnChange(p.onFile),
		),
		p.importOutcome(),
	)
}

func (p *DataPage) importOutcome() ui.UI {
	o := p.imported
	switch {
	case o == nil:
		return nil
	case o.err != nil:
		return ui.Div().Class("import-errors", "data-import-error").Role("alert").Body(
			ui.P().Text("“"+o.file+"” was not imported, and nothing on this device changed:"),
			ui.P().Class("data-import-reason").Text(o.err.Error()),
		)
	}
	return ui.P().Class("import-done", "data-import-done").Role("status").Text("“" + o.file + "”: " + o.report.sentence())
}

func (p *DataPage) visitedSection() ui.UI {
	n := p.summary.visited
	return ui.Section().Class("data-section").Aria("labelledby", "visited-heading").Body(
		ui.H2().ID("visited-heading").Text("Visited history"),
		ui.P().Text("The map marks the concepts you have opened. Clearing this history forgets them; your tour progress stays."),
		ui.If(p.confirming == clearVisitsID, func() ui.UI {
			return ui.Div().Class("confirm").Body(
				ui.P().ID(confirmID(clearVisitsID)+"-question").Text("Forget the "+strconv.Itoa(n)+" "+plural(n, "concept", "concepts")+" you have visited?"),
				ui.Button().ID(confirmID(clearVisitsID)).Class("button").Type("button").
					Aria("describedby", confirmID(clearVisitsID)+"-question").Text("Clear visited history").OnClick(p.clearVisited),
				ui.Button().Class("button", "secondary").Type("button").Text("Keep it").OnClick(p.cancel),
			)
		}).Else(func() ui.UI {
			return ui.Button().ID(clearVisitsID).Class("button", "secondary").Type("button").
				Disabled(n == 0).Text("Clear visited history…").OnClick(p.ask(clearVisitsID))
		}),
	)
}

func (p *DataPage) setAsideSection() ui.UI {
	if len(p.setAside) == 0 {
		return nil
	}
	return ui.Section().Class("data-section", "set-aside").Aria("labelledby", "set-aside-heading").Body(
		ui.H2().ID("set-aside-heading").Text("Set aside"),
		ui.P().Text("The app could not read these, so it put them aside as they were instead of deleting them. It works without them. Download one to keep it or to send to someone who can repair it."),
		ui.Ul().Class("set-aside-list").Body(ui.Range(p.setAside).Slice(func(i int) ui.UI {
			return p.setAsideItem(p.setAside[i])
		})),
	)
}

func (p *DataPage) setAsideItem(e storedSetAside) ui.UI {
	found := ""
	if t, err := time.Parse(time.RFC3339, e.Found); err == nil {
		found = ", set aside on " + t.Format("2 January 2006")
	}
	return ui.Li().Class("set-aside-item").DataSet("key", e.key).Body(
		ui.P().Body(ui.Strong().Text(sentenceStart(recordName(e.Record))), ui.Text(found+": "+e.Reason+".")),
		ui.If(p.confirming == e.key, func() ui.UI {
			return ui.P().Class("confirm").Body(
				ui.Span().ID(confirmID(e.key)+"-question").Text("Discard it for good? "),
				ui.Button().ID(confirmID(e.key)).Class("button", "discard-confirm").Type("button").
					Aria("describedby", confirmID(e.key)+"-question").Text("Discard").OnClick(p.discard(e.key)),
				ui.Button().Class("button", "secondary").Type("button").Text("Keep it").OnClick(p.cancel),
			)
		}).Else(func() ui.UI {
			return ui.P().Class("set-aside-actions").Body(
				ui.Button().Class("button", "download-set-aside").Type("button").Text("Download").OnClick(p.downloadSetAside(e)),
				ui.Button().Class("button", "secondary", "discard-set-aside").Type("button").Text("Discard…").OnClick(p.ask(e.key)),
			)
		}),
	)
}

func (p *DataPage) export(ctx ui.Context, e ui.Event) {
	if p.Site.device == nil {
		return
	}
	saveFile("oversight-data-"+time.Now().Format("2006-01-02")+".json", "application/json", p.Site.device.export())
}

func (p *DataPage) downloadSetAside(e storedSetAside) ui.EventHandler {
	return func(ctx ui.Context, _ ui.Event) {
		saveFile("oversight-"+strings.ReplaceAll(e.key, ".", "-")+".txt", "text/plain", []byte(e.Text))
	}
}

func (p *DataPage) onFile(ctx ui.Context, e ui.Event) {
	file, name, size, ok := chosenFile(e)
	if !ok {
		return
	}
	if err := checkDataFileSize(size); err != nil {
		p.imported = &importOutcome{file: name, err: err}
		return
	}
	readChosenFile(ctx, file, name, p.importFile)
}

func (p *DataPage) importFile(ctx ui.Context, name string, data []byte) {
	if p.Site.device == nil {
		return
	}
	report, err := p.Site.device.importData(data)
	p.imported = &importOutcome{file: name, err: err, report: report}
	if err == nil {
		ctx.NewActionWithValue(localDataChanged, name)
	}
}

// ask shows the question before an action that cannot be undone, and
// moves focus to its yes, which the question describes.
func (p *DataPage) ask(what string) ui.EventHandler {
	return func(ctx ui.Context, e ui.Event) {
		p.confirming = what
		ctx.NewActionWithValue(focusConfirm, confirmID(what))
	}
}

// confirmID is the id of the button that confirms an action.
func confirmID(what string) string { return "confirm-" + strings.ReplaceAll(what, ".", "-") }

func (p *DataPage) cancel(ctx ui.Context, e ui.Event) { p.confirming = "" }

func (p *DataPage) clearVisited(ctx ui.Context, e ui.Event) {
	p.confirming = ""
	p.Site.device.clearVisited(ctx)
}

func (p *DataPage) discard(key string) ui.EventHandler {
	return func(ctx ui.Context, e ui.Event) {
		p.confirming = ""
		if p.Site.device != nil {
			p.Site.device.discardSetAside(key)
		}
		p.refresh(ctx)
	}
}
