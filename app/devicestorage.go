package app

import (
	"maps"
	"time"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/localdata"
)

// The browser's side of local data (the rules are in package localdata):
// the device's localStorage, the request for persistent storage, and what
// components call.

// localData is the site's local data as components use it: the store, with
// the reads and edits that tell the app when a record changes. Its store is
// nil on the server, where reads are empty and writes do nothing.
type localData struct{ *localdata.Store }

// localDataChanged is the action posted whenever local data changes, with
// the changed record's key as its value, and when there is news about the
// device's storage for the reader. Components that show local data handle
// it with ctx.Handle(localDataChanged, …) in OnMount.
const localDataChanged = "local-data-changed"

// OpenLocalData opens the device's local data for the site; the browser's
// main calls it before go-app starts. go-app reads localStorage as it starts and stops
// for good if reading it throws, which it does when the browser blocks the
// site's storage: then an empty stand-in is put in its place first, and
// the app keeps its data in memory. pause is called after each record (see
// localdata.OpenPausing).
func (s *Site) OpenLocalData(pause func()) {
	s.device = localData{localdata.OpenPausing(browserStorage(), requestPersistence, time.Now, pause)}
}

// browserStorage is window.localStorage, or nil when the browser gives none.
func browserStorage() localdata.KeyValue {
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

func (s localStorage) GetItem(key string) (string, bool) {
	item, err := jsCall(s.v, "getItem", key)
	if err != nil || item.Type() != ui.TypeString {
		return "", false
	}
	return item.String(), true
}

func (s localStorage) SetItem(key, value string) error {
	_, err := jsCall(s.v, "setItem", key, value)
	return err
}

func (s localStorage) RemoveItem(key string) { _, _ = jsCall(s.v, "removeItem", key) }

func (s localStorage) Keys() []string {
	var keys []string
	for i := range s.v.Get("length").Int() {
		if key, err := jsCall(s.v, "key", i); err == nil && key.Type() == ui.TypeString {
			keys = append(keys, key.String())
		}
	}
	return keys
}

// jsCall calls a method, and returns the exception it throws as
// localdata.ErrStorageFull or localdata.ErrStorageBlocked instead of panicking.
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
		return localdata.ErrStorageFull
	}
	return localdata.ErrStorageBlocked
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
func readLocal[T any](ctx ui.Context, device localData, r localdata.Record[T]) T {
	v, news := localdata.Load(device.Store, r)
	if news {
		ctx.NewActionWithValue(localDataChanged, r.Key())
	}
	return v
}

// changeLocal edits a record (see localdata.Change) and tells the app if it
// changed.
func changeLocal[T any](ctx ui.Context, device localData, r localdata.Record[T], edit func(v *T) bool) {
	if localdata.Change(device.Store, r, edit) {
		ctx.NewActionWithValue(localDataChanged, r.Key())
	}
}

// importedTours lists the tours imported on this device, by title.
func (d localData) importedTours(ctx ui.Context) []localdata.StoredTour {
	return localdata.ToursByTitle(readLocal(ctx, d, localdata.ToursRecord))
}

func (d localData) importedTour(ctx ui.Context, id string) (localdata.StoredTour, bool) {
	for _, t := range d.importedTours(ctx) {
		if t.ID == id {
			return t, true
		}
	}
	return localdata.StoredTour{}, false
}

// storeImportedTour keeps a tour, replacing one with the same id.
func (d localData) storeImportedTour(ctx ui.Context, tour localdata.StoredTour) {
	changeLocal(ctx, d, localdata.ToursRecord, localdata.PutTour(tour))
}

// removeImportedTour forgets a tour and the progress through it.
func (d localData) removeImportedTour(ctx ui.Context, id string) {
	changeLocal(ctx, d, localdata.ToursRecord, localdata.RemoveTour(id))
	changeLocal(ctx, d, localdata.ProgressRecord, localdata.ForgetProgress(tourRef{ID: id, Imported: true}.key()))
}

// loadProgress is the progress through every tour, the caller's to change.
func (d localData) loadProgress(ctx ui.Context) map[string]localdata.TourProgress {
	progress := make(map[string]localdata.TourProgress)
	maps.Copy(progress, readLocal(ctx, d, localdata.ProgressRecord))
	return progress
}

// markStepSeen remembers that step n of a tour of steps steps was opened.
func (d localData) markStepSeen(ctx ui.Context, ref tourRef, n, steps int) {
	changeLocal(ctx, d, localdata.ProgressRecord, localdata.MarkStepSeen(ref.key(), n, steps))
}

// markChecked remembers that a tour's self-check was done.
func (d localData) markChecked(ctx ui.Context, ref tourRef, steps int) {
	changeLocal(ctx, d, localdata.ProgressRecord, localdata.MarkChecked(ref.key(), steps))
}

// Components that mark the concepts opened (the map) read visitedConcepts
// and refresh on the localDataChanged action, whose value is
// localdata.VisitedRecord.Key() when they change.

// markVisited remembers that the reader opened a concept's page.
func (d localData) markVisited(ctx ui.Context, id string) {
	changeLocal(ctx, d, localdata.VisitedRecord, localdata.AddVisited(id))
}

// visitedConcepts is the set of concepts opened on this device; empty when
// prerendered.
func (d localData) visitedConcepts(ctx ui.Context) map[string]bool {
	return localdata.VisitedSet(readLocal(ctx, d, localdata.VisitedRecord))
}

// visitedBeforeMount is visitedConcepts for a component that has no context
// yet: it reads the record without telling the app of news in it, which
// visitedConcepts does once the component is mounted.
func (d localData) visitedBeforeMount() map[string]bool {
	return localdata.VisitedSet(readBeforeMount(d, localdata.VisitedRecord))
}

// readBeforeMount is readLocal for a component that has no context yet: it
// reads the record without telling the app of news in it, which readLocal
// does once the component is mounted.
func readBeforeMount[T any](device localData, r localdata.Record[T]) T {
	if device.Store == nil {
		var none T
		return none
	}
	v, _ := localdata.Load(device.Store, r)
	return v
}

// clearVisited forgets which concepts were opened; tour progress stays.
func (d localData) clearVisited(ctx ui.Context) {
	changeLocal(ctx, d, localdata.VisitedRecord, localdata.ClearVisited)
}
