package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/localdata"
)

// ThemeToggle switches between the light and dark themes. Until the reader
// chooses, the app follows the system setting (in CSS, so it works before
// the WebAssembly starts); a choice is kept in the local data's settings.
type ThemeToggle struct {
	ui.Compo

	// Site is what every page reads (see Site).
	Site *Site

	dark bool
}

// OnInit reads, in the browser, the theme this device chose before the
// first render: read only in OnMount, a reader who had chosen the dark
// theme saw the page drawn again as the app started.
func (t *ThemeToggle) OnInit() {
	if ui.IsClient {
		t.follow(readBeforeMount(t.Site.device, localdata.SettingsRecord).Theme)
	}
}

func (t *ThemeToggle) OnMount(ctx ui.Context) {
	t.refresh(ctx)
	// An imported data file can bring a theme.
	ctx.Handle(localDataChanged, func(ctx ui.Context, _ ui.Action) { t.refresh(ctx) })
}

// refresh follows the stored theme, and draws the toggle again only if
// that turned it.
func (t *ThemeToggle) refresh(ctx ui.Context) {
	before := t.dark
	t.follow(readLocal(ctx, t.Site.device, localdata.SettingsRecord).Theme)
	keepRenderIfUnchanged(ctx, before, t.dark)
}

// follow shows the theme the reader chose, or the system's.
func (t *ThemeToggle) follow(chosen string) {
	if chosen == "" {
		prefersDark := ui.Window().Call("matchMedia", "(prefers-color-scheme: dark)")
		t.dark = prefersDark.Truthy() && prefersDark.Get("matches").Bool()
		return
	}
	t.dark = chosen == "dark"
	applyTheme(chosen)
}

func (t *ThemeToggle) Render() ui.UI {
	label := "Dark theme"
	if t.dark {
		label = "Light theme"
	}
	return ui.Button().Class("theme-toggle").Type("button").
		Aria("pressed", t.dark).
		Title("Switch between the light and dark themes").
		Text(label).
		OnClick(t.toggle)
}

func (t *ThemeToggle) toggle(ctx ui.Context, e ui.Event) {
	t.dark = !t.dark
	theme := "light"
	if t.dark {
		theme = "dark"
	}
	applyTheme(theme)
	changeLocal(ctx, t.Site.device, localdata.SettingsRecord, func(s *localdata.Settings) bool {
		s.Theme = theme
		return true
	})
}

// applyTheme marks <html> with the chosen theme, which the stylesheet reads.
func applyTheme(theme string) {
	ui.Window().Get("document").Get("documentElement").Call("setAttribute", "data-theme", theme)
}
