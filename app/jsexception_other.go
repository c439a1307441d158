//go:build !(js && wasm)

package app

// exceptionName has no JavaScript exception to name outside the browser,
// where go-app's values are stubs that do not panic.
func exceptionName(any) string { return "" }
