// Package live runs live classes: students follow the teacher's tour on
// their own devices, answer the teacher's polls and predictions, and ask
// questions anonymously. It is the server side only (never compiled to
// WebAssembly): a Hub serves a JSON and Server-Sent Events API that the
// app's presenter view and /join page call.
//
//	hub, err := live.New(live.Config{NATSURL: natsURL}) // "" keeps rooms in memory
//	defer hub.Close()
//	mux.Handle("/live/", http.StripPrefix("/live", hub))
//
// A room is a state machine that only commands change, applied in one
// order. In memory the order is the order of arrival; with NATS, every
// instance reads the same JetStream stream of commands and applies it to
// its own copy of every room, so any instance answers any request for any
// room.
//
// README.md, beside this file, documents the HTTP API (paths, headers,
// bodies, events), the limits, what is kept and for how long, and the
// deployment with NATS. The bodies and events are package wire's types,
// which the app uses too.
package live
