package app

import (
	"time"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The browser's side of local data (the rules are in localdata.go): the
// device's localStorage, the request for persistent storage, and what
// components call.

// localDataChanged is the action posted whenever local data changes, with
// the changed record's key as its value, and when there is news about the
// device's storage for the reader. Components that show local data handle
// it with ctx.Handle(localDataChanged, …) in OnMount.
const localDataChanged = "local-data-changed"

// OpenLocalData opens the device's local data for the site; the browser's
// main calls it before go-app starts. go-app reads localStorage as it starts and stops
// for good if reading it throws, which it does when the browser blocks the
// site's storage: then an empty stand-in is put in its place first, and
// the app keeps its data in memory.
func (s *Site) OpenLocalData() {
	s.device = openStore(browserStorage(), requestPersistence, time.Now)
}

// browserStorage is window.localStorage, or nil when the browser gives none.
func browserStorage() keyValue {
	window := ui.Window()
	storage, err := jsCall(window.Get("Reflect"), "get", window, "localStorage")
	if err != nil || !storage.Truthy() {
		standInForGoApp()
		return nil
	}
	return localStorage{storage}
}

// standInForGoApp puts an empty storage where window.localStorage is
// missing or refused, so that go-app, which reads it as it starts, starts.
// It keeps nothing; this app stores nothing through go-app.
func standInForGoApp() {
	window := ui.Window()
	empty := window.Get("Object").New()
	empty.Set("length", 0)
	nothing := ui.FuncOf(func(ui.Value, []ui.Value) any { return nil })
	for _, method := range []string{"getItem", "setItem", "removeItem", "key", "clear"} {
		empty.Set(method, nothing)
	}
	_, _ = jsCall(window.Get("Object"), "defineProperty", window, "localStorage", map[string]any{"value": empty, "configurable": true})
}

// localStorage is the browser's Storage object. Every call is guarded: a
// browser may throw on any of them.
type localStorage struct{ v ui.Value }

func (s localStorage) getItem(key string) (string, bool) {
	item, err := jsCall(s.v, "getItem", key)
	if err != nil || item.Type() != ui.TypeString {
		return "", false
	}
	return item.String(), true
}

func (s localStorage) setItem(key, value string) error {
	_, err := jsCall(s.v, "setItem", key, value)
	return err
}

func (s localStorage) removeItem(key string) { _, _ = jsCall(s.v, "removeItem", key) }

func (s localStorage) keys() []string {
	var keys []string
	for i := range s.v.Get("length").Int() {
		if key, err := jsCall(s.v, "key", i); err == nil && key.Type() == ui.TypeString {
			keys = append(keys, key.String())
		}
	}
	return keys
}

// jsCall calls a method, and returns the exception it throws as
// errStorageFull or errStorageBlocked instead of panicking.
func jsCall(v ui.Value, method string, args ...any) (result ui.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			result, err = nil, storageError(exceptionName(r))
		}
	}()
	return v.Call(method, args...), nil
}

// storageError names a storage exception by its DOMException name.
func storageError(name string) error {
	switch name {
	case "QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED":
		return errStorageFull
	}
	return errStorageBlocked
}

// requestPersistence asks the browser to keep the app's storage when space
// runs short (navigator.storage.persist), and says whether it could ask.
// The browser decides, maybe without asking the reader; the answer changes
// nothing in the app.
func requestPersistence() bool {
	storage := ui.Window().Get("navigator").Get("storage")
	if !storage.Truthy() || storage.Get("persist").Type() != ui.TypeFunction {
		return false
	}
	promise, err := jsCall(storage, "persist")
	if err != nil {
		return false
	}
	var settle ui.Func
	settle = ui.FuncOf(func(ui.Value, []ui.Value) any {
		settle.Release()
		return nil
	})
	promise.Call("then", settle, settle)
	return true
}

// readLocal reads a record; if reading it set something aside, the reader
// is told.
func readLocal[T any](ctx ui.Context, device *store, r record[T]) T {
	if device == nil {
		var empty T
		return empty
	}
	v, news := loadRecord(device, r)
	if news {
		ctx.NewActionWithValue(localDataChanged, r.key)
	}
	return v
}

// changeLocal edits a record (see change) and tells the app if it changed.
func changeLocal[T any](ctx ui.Context, device *store, r record[T], edit func(v *T) bool) {
	if device == nil {
		return
	}
	changed := false
	change(device, r, func(v *T) bool {
		changed = edit(v)
		return changed
	})
	if changed {
		ctx.NewActionWithValue(localDataChanged, r.key)
	}
}

// outlastsVisit says whether what the app saves now outlasts the visit.
func (s *store) outlastsVisit() bool {
	return s != nil && s.storage() == storageWorking
}
