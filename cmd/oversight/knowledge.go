package main

// knowledgePath is where the browser fetches the knowledge base from: the
// snapshot of what the server loaded (kb.Snapshot), so that the browser
// parses no Markdown or YAML to start. Both builds of this package use it.
const knowledgePath = "/knowledge.json"

// tourReaderFile is the WebAssembly that reads imported tours in the
// browser (cmd/tourreader), in the web folder. The app's own WebAssembly
// starts it only when a page needs it.
const tourReaderFile = "tourreader.wasm"
