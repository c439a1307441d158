// Package wire is the live classes' API as both its ends read it: the
// JSON bodies and events that package live sends and receives and the app
// reads and sends, the poll kinds and statuses, the refusals' codes, and
// the limits on what people type, with the rules that read a join code and
// clean a person's text.
//
// It imports nothing but small parts of the standard library, so that the
// app's WebAssembly links it without the server: package live brings
// net/http and NATS, which the browser does not need. live/README.md
// documents the API these types are the bodies of.
package wire
