package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/localdata"
)

// AppStatus is the bar at the foot of the window that speaks about the app
// itself: that a new version is ready (with a Reload button), that the
// device is offline (and that everything still works), and how to install
// the app, which the reader can dismiss for good on this device. It shows
// nothing in the prerendered page: all of it depends on the browser.
type AppStatus struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	updateReady bool
	offline     bool
	installable bool
	apple       bool
	// installDismissed is set once the reader has closed the suggestion to
	// install, which this device remembers.
	installDismissed bool

	onConnectivity ui.Func
}

// OnInit reads, in the browser, what the status shows before its first
// render: read only in OnMount, a change drew the status again, and with it
// every component above it, the whole page, as the app started.
func (s *AppStatus) OnInit() {
	if ui.IsClient {
		s.readBrowser()
		s.installDismissed = readBeforeMount(s.Site.device, localdata.DeviceRecord).InstallPromptDismissed
	}
}

// readBrowser reads what the browser says of the app and the network.
func (s *AppStatus) readBrowser() {
	var page ui.Context // these read the page's app.js, not the context
	s.installable = page.IsAppInstallable()
	s.apple = page.IsAppleBrowser()
	s.offline = !ui.Window().Get("navigator").Get("onLine").Bool()
}

func (s *AppStatus) OnMount(ctx ui.Context) {
	before := s.shown()
	s.updateReady = ctx.AppUpdateAvailable()
	s.readBrowser()
	s.installDismissed = readLocal(ctx, s.Site.device, localdata.DeviceRecord).InstallPromptDismissed
	keepRenderIfUnchanged(ctx, before, s.shown())
	s.onConnectivity = ui.FuncOf(func(ui.Value, []ui.Value) any {
		ctx.Dispatch(func(ui.Context) {
			s.offline = !ui.Window().Get("navigator").Get("onLine").Bool()
		})
		return nil
	})
	ui.Window().Call("addEventListener", "online", s.onConnectivity)
	ui.Window().Call("addEventListener", "offline", s.onConnectivity)
}

func (s *AppStatus) OnDismount() {
	if s.onConnectivity == nil {
		return
	}
	ui.Window().Call("removeEventListener", "online", s.onConnectivity)
	ui.Window().Call("removeEventListener", "offline", s.onConnectivity)
	s.onConnectivity.Release()
}

func (s *AppStatus) OnAppUpdate(ctx ui.Context) {
	before := s.updateReady
	s.updateReady = ctx.AppUpdateAvailable()
	keepRenderIfUnchanged(ctx, before, s.updateReady)
}

// OnAppInstallChange comes as the app starts when the browser offered to
// install it before (OnInit has read that already), and whenever it does.
func (s *AppStatus) OnAppInstallChange(ctx ui.Context) {
	before := s.installable
	s.installable = ctx.IsAppInstallable()
	keepRenderIfUnchanged(ctx, before, s.installable)
}

// appStatusShown is what the status draws from: the state that OnMount
// reads.
type appStatusShown struct {
	updateReady, offline, installable, apple, installDismissed bool
}

func (s *AppStatus) shown() appStatusShown {
	return appStatusShown{s.updateReady, s.offline, s.installable, s.apple, s.installDismissed}
}

func (s *AppStatus) Render() ui.UI {
	return ui.Div().Class("app-status").Body(
		ui.If(s.updateReady, func() ui.UI {
			return ui.Div().Class("update-notice").Role("status").Body(
				ui.Span().Text("A new version of Oversight Explorer is ready."),
				ui.Button().Class("button").Type("button").Text("Reload").OnClick(s.reload),
			)
		}),
		ui.If(s.offline, func() ui.UI {
			return ui.P().Class("offline-indicator").Role("status").
				Text("Offline — every page still works from this device.")
		}),
		ui.If(s.installable && !s.installDismissed, s.installOffer),
	)
}

// installOffer suggests installing the app, the way this browser can, with
// a button that closes the suggestion for good.
func (s *AppStatus) installOffer() ui.UI {
	var how ui.UI
	if s.apple {
		how = ui.Details().Class("install-steps").Body(
			ui.Summary().Text("Install the app"),
			ui.P().Text("In Safari, tap the Share button, then “Add to Home Screen”. The app then opens from your home screen and works without a network."),
		)
	} else {
		how = ui.Button().Class("install-button").Type("button").Text("Install the app").OnClick(s.install)
	}
	return ui.Div().Class("install-offer").Body(
		how,
		ui.Button().Class("install-dismiss").Type("button").
			Aria("label", "Stop suggesting to install the app").Title("Stop suggesting to install the app").
			Text("×").OnClick(s.dismissInstall),
	)
}

func (s *AppStatus) dismissInstall(ctx ui.Context, e ui.Event) {
	s.installDismissed = true
	changeLocal(ctx, s.Site.device, localdata.DeviceRecord, func(d *localdata.DeviceFacts) bool {
		d.InstallPromptDismissed = true
		return true
	})
}

func (s *AppStatus) reload(ctx ui.Context, e ui.Event) { ctx.Reload() }

func (s *AppStatus) install(ctx ui.Context, e ui.Event) { ctx.ShowAppInstallPrompt() }
