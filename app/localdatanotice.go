package app

import (
	"slices"
	"strings"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/localdata"
)

// LocalDataNotice tells the reader, once, when the device's storage needs
// their attention: a record the app could not read was set aside, or the
// device is not keeping anything new. It says that the rest works and links
// to the data page, where all of it can be exported. It covers nothing: it
// takes its place above the page and goes when the reader says OK.
type LocalDataNotice struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	notice localdata.Notice
}

func (n *LocalDataNotice) OnMount(ctx ui.Context) {
	n.refresh(ctx)
	ctx.Handle(localDataChanged, func(ctx ui.Context, _ ui.Action) { n.refresh(ctx) })
}

// refresh reads the device's notice, and draws it again only if it changed.
func (n *LocalDataNotice) refresh(ctx ui.Context) {
	before := n.notice
	n.notice = n.Site.device.Notice()
	if before.State == n.notice.State && slices.Equal(before.SetAside, n.notice.SetAside) {
		ctx.PreventUpdate()
	}
}

func (n *LocalDataNotice) Render() ui.UI {
	// The live region is always there, so that what appears in it is read.
	return ui.Div().Class("data-notice-slot").Role("status").Body(
		ui.If(!n.notice.Empty(), func() ui.UI {
			return ui.Div().Class("data-notice").Body(
				n.setAside(),
				n.storage(),
				ui.P().Class("data-notice-actions").Body(
					ui.A().Class("button").Href(DataPath).Text("Your data on this device"),
					ui.Button().Class("button", "secondary").Type("button").Text("OK").OnClick(n.dismiss),
				),
			)
		}),
	)
}

func (n *LocalDataNotice) setAside() ui.UI {
	if len(n.notice.SetAside) == 0 {
		return nil
	}
	return ui.P().Class("data-notice-set-aside").Text(
		"Some of what this device had stored could not be read: " + strings.Join(n.notice.SetAside, ", ") +
			". It has been set aside, not deleted, and you can download it from your data page. Everything else works as before.")
}

func (n *LocalDataNotice) storage() ui.UI {
	switch n.notice.State {
	case localdata.StorageFull:
		return ui.P().Class("data-notice-storage").Text(
			"This device’s storage for the app is full, so what you do from now on lasts only until you close the app. What was stored before is safe. To keep your progress, export your data.")
	case localdata.StorageBlocked:
		return ui.P().Class("data-notice-storage").Text(
			"This browser is not letting the app store anything (private browsing, or site data blocked). Everything works, but what you do lasts only until you close the app. To keep your progress, export your data.")
	}
	return nil
}

func (n *LocalDataNotice) dismiss(ctx ui.Context, e ui.Event) {
	n.Site.device.Acknowledge()
	n.notice = localdata.Notice{}
}
