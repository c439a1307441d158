package app

import ui "github.com/maxence-charriere/go-app/v10/pkg/app"

// chosenFile is the file a file input's change event chose, with its name
// and size in bytes; ok is false when none was. The input is cleared, so
// that choosing the same file again reads it again.
func chosenFile(e ui.Event) (file ui.Value, name string, size int, ok bool) {
	input := e.Get("target")
	files := input.Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return nil, "", 0, false
	}
	file = files.Index(0)
	input.Set("value", "")
	return file, file.Get("name").String(), file.Get("size").Int(), true
}

// readChosenFile reads a chosen file as text and gives it to use, in a
// dispatch on ctx.
func readChosenFile(ctx ui.Context, file ui.Value, name string, use func(ctx ui.Context, name string, data []byte)) {
	file.Call("text").Then(func(text ui.Value) {
		data := []byte(text.String())
		ctx.Dispatch(func(ctx ui.Context) { use(ctx, name, data) })
	})
}

// saveFile hands the reader a file made in the page, through a Blob and an
// object URL: nothing goes over the network.
func saveFile(name, mediaType string, data []byte) {
	window := ui.Window()
	blob := window.Get("Blob").New([]any{string(data)}, map[string]any{"type": mediaType})
	url := window.Get("URL").Call("createObjectURL", blob)
	link := window.Get("document").Call("createElement", "a")
	link.Set("href", url)
	link.Set("download", name)
	link.Set("hidden", true)
	body := window.Get("document").Get("body")
	body.Call("appendChild", link)
	link.Call("click")
	body.Call("removeChild", link)
	// Revoked later, not at once: a browser may still be reading it.
	var revoke ui.Func
	revoke = ui.FuncOf(func(ui.Value, []ui.Value) any {
		window.Get("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	window.Call("setTimeout", revoke, 60_000)
}
