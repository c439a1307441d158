// Oversight Explorer: the browser never runs go-app's server (http.go, left
// out of the browser build with net/http and TLS, about 330 KB of brotli);
// wasm.go still names Handler, in GenerateStaticWebsite, which panics in the
// browser anyway.

package app

// Handler is go-app's server, which the browser never runs.
type Handler struct{}
