package main

// knowledgePath is where the browser fetches the knowledge base from: the
// snapshot of what the server loaded (kb.Snapshot), so that the browser
// parses no Markdown or YAML to start. Both builds of this package use it.
const knowledgePath = "/knowledge.json"
