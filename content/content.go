// Package content embeds the knowledge base's Markdown files, so the server,
// the WebAssembly client, the static export and the checker all read the
// same bytes.
package content

import "embed"

// FS holds every content file, rooted at this folder.
//
//go:embed concepts caveats history readings pages sources tours glossary
var FS embed.FS

// Root is how messages name this tree, so that "content/concepts/x.md:3"
// points an author straight at the file.
const Root = "content"
