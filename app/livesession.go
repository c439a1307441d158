package app

import (
	"encoding/json"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// A live class's secrets and last known state stay in the tab that joined
// or started it (sessionStorage): a reload keeps them, closing the tab
// forgets them, and they never enter the device's exported data, a URL or
// another tab.

// Keys of the live class in sessionStorage.
const (
	teacherSessionKey = "oversight.live.teacher"
	studentSessionKey = "oversight.live.student"
)

// teacherSession is what the tab of a teacher running a class keeps.
type teacherSession struct {
	Code  string `json:"code"`
	Token string `json:"token"`
	Tour  string `json:"tour"`
}

// studentSession is what the tab of a student in a class keeps: the token,
// and the room as last seen, so that a reload offline still shows the
// teacher's last step.
type studentSession struct {
	Token string   `json:"token"`
	Room  liveRoom `json:"room"`
}

// tabStorage is the tab's sessionStorage, or nil where the browser refuses
// it (then a class lasts as long as the page).
func tabStorage() ui.Value {
	window := ui.Window()
	storage, err := jsCall(window.Get("Reflect"), "get", window, "sessionStorage")
	if err != nil || !storage.Truthy() {
		return nil
	}
	return storage
}

// loadSession reads a record of the tab into v; false when there is none
// or it cannot be read.
func loadSession(key string, v any) bool {
	storage := tabStorage()
	if storage == nil {
		return false
	}
	item, err := jsCall(storage, "getItem", key)
	if err != nil || item.Type() != ui.TypeString {
		return false
	}
	return json.Unmarshal([]byte(item.String()), v) == nil
}

// saveSession keeps v in the tab; a refusal (storage full or blocked)
// costs only what a reload would have kept.
func saveSession(key string, v any) {
	data, err := json.Marshal(v)
	if storage := tabStorage(); storage != nil && err == nil {
		_, _ = jsCall(storage, "setItem", key, string(data))
	}
}

// forgetSession removes a record of the tab.
func forgetSession(key string) {
	if storage := tabStorage(); storage != nil {
		_, _ = jsCall(storage, "removeItem", key)
	}
}
