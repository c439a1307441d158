// The browser's part of go-app v10.1.11's pkg/app/http.go, which Oversight
// Explorer's browser build puts in its place (internal/browserbuild): the
// server, Handler and its methods, is left out, and with it net/http.
// wasm.go still names the type in GenerateStaticWebsite, which panics in
// the browser anyway.

package app

// Handler is go-app's server, which the browser never runs.
type Handler struct{}
