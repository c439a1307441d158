//go:build js && wasm

package app

import "syscall/js"

// exceptionName is the name of the JavaScript exception a call panicked
// with, like "QuotaExceededError". go-app's values panic with syscall/js's
// Error, which only this build has.
func exceptionName(recovered any) string {
	if e, ok := recovered.(js.Error); ok && e.Type() == js.TypeObject {
		return e.Get("name").String()
	}
	return ""
}
