package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// themeKey is where the reader's choice of theme is kept on the device.
const themeKey = "oversight.theme"

// ThemeToggle switches between the light and dark themes. Until the reader
// chooses, the app follows the system setting (in CSS, so it works before
// the WebAssembly starts); a choice is remembered on the device.
type ThemeToggle struct {
	ui.Compo

	dark bool
}

func (t *ThemeToggle) OnMount(ctx ui.Context) {
	chosen := readSetting(themeKey)
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
	writeSetting(themeKey, theme)
}

// applyTheme marks <html> with the chosen theme, which the stylesheet reads.
func applyTheme(theme string) {
	ui.Window().Get("document").Get("documentElement").Call("setAttribute", "data-theme", theme)
}

// readSetting reads a small setting from the device, or "" when there is
// none or storage is blocked (private browsing, disabled storage).
func readSetting(key string) (value string) {
	defer func() {
		if recover() != nil {
			value = ""
		}
	}()
	v := ui.Window().Get("localStorage").Call("getItem", key)
	if !v.Truthy() {
		return ""
	}
	return v.String()
}

// writeSetting keeps a small setting on the device; when storage is full or
// blocked the setting lasts for this visit only, and nothing else breaks.
func writeSetting(key, value string) {
	defer func() { _ = recover() }()
	ui.Window().Get("localStorage").Call("setItem", key, value)
}
