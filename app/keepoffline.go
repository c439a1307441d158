package app

import (
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// keepOffline asks the service worker to keep a file of the web folder that
// it holds only on demand (OnDemandFiles), so that the page that uses it
// works offline from now on. The worker fetches it in the background, once;
// a page the worker does not control yet (the first visit) is served too.
func keepOffline(name string) {
	if !ui.IsClient {
		return
	}
	workers := ui.Window().Get("navigator").Get("serviceWorker")
	if !workers.Truthy() {
		return
	}
	var ready ui.Func
	ready = ui.FuncOf(func(_ ui.Value, args []ui.Value) any {
		ready.Release()
		if active := args[0].Get("active"); active.Truthy() {
			active.Call("postMessage", map[string]any{"keep": "/web/" + name})
		}
		return nil
	})
	workers.Get("ready").Call("then", ready)
}
