package load

import (
	"bytes"
	"fmt"
	"regexp"

	"go.yaml.in/yaml/v3"
)

// document is a content file split into its YAML front matter and body.
type document struct {
	front *yaml.Node // the front matter's top-level mapping
	body  []byte
	// bodyLine is the file line on which the body starts.
	bodyLine int
}

var yamlErrorPrefix = regexp.MustCompile(`^yaml: (line \d+: )?`)

// Limits on a front matter. When it does not parse, yamlFaultLine parses it
// once per line to find the line, which takes time quadratic in its size: a
// 64 KiB front matter of short lines that does not parse took minutes.
// Content's longest is 24 lines of 1 KiB.
const (
	maxFrontMatterLines = 100
	maxFrontMatterBytes = 8 << 10
)

// splitDocument separates front matter from body. Faults carry file lines:
// the opening "---" is line 1, so front matter line n is file line n+1.
func splitDocument(file string, data []byte, log *faultLog) (document, bool) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) == 0 || string(bytes.TrimRight(lines[0], " \t\n")) != "---" {
		log.add(file, 1, "front matter missing: the file must start with a line containing only ---")
		return document{}, false
	}
	closing := -1
	for i := 1; i < len(lines); i++ {
		if string(bytes.TrimRight(lines[i], " \t\n")) == "---" {
			closing = i
			break
		}
	}
	if closing < 0 {
		log.add(file, 1, "front matter not closed: add a line containing only --- after it")
		return document{}, false
	}
	front := bytes.Join(lines[1:closing], nil)
	switch {
	case closing-1 > maxFrontMatterLines:
		log.add(file, maxFrontMatterLines+2, "the front matter is %d lines long; the most allowed is %d", closing-1, maxFrontMatterLines)
		return document{}, false
	case len(front) > maxFrontMatterBytes:
		log.add(file, 2, "the front matter is %d KiB; the most allowed is %d KiB", (len(front)+1023)>>10, maxFrontMatterBytes>>10)
		return document{}, false
	}
	var root yaml.Node
	if err := yaml.Unmarshal(front, &root); err != nil {
		log.add(file, yamlFaultLine(lines[1:closing])+1, "front matter does not parse as YAML: %s", yamlMessage(err))
		return document{}, false
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		log.add(file, 2, "front matter must be a YAML mapping of fields (title: …, kind: …)")
		return document{}, false
	}
	return document{
		front:    root.Content[0],
		body:     bytes.Join(lines[closing+1:], nil),
		bodyLine: closing + 2,
	}, true
}

// yamlFaultLine finds the first front matter line at which the YAML stops
// parsing. The parser's own line numbers are 0-based for some errors and
// 1-based for others, so the shortest failing prefix is the reliable answer.
func yamlFaultLine(lines [][]byte) int {
	var probe yaml.Node
	for n := 1; n <= len(lines); n++ {
		if yaml.Unmarshal(bytes.Join(lines[:n], nil), &probe) != nil {
			return n
		}
	}
	return 1
}

// yamlMessage drops the parser's own "yaml: line N:" prefix, since the
// fault already carries the file line.
func yamlMessage(err error) string {
	return yamlErrorPrefix.ReplaceAllString(err.Error(), "")
}

// line converts a front matter node's position to a file line.
func line(n *yaml.Node) int { return n.Line + 1 }

// fields returns the mapping's values by key, reporting unknown and repeated
// keys. Keys not in allowed are faults: a typo must not be silently ignored.
func fields(file string, mapping *yaml.Node, allowed []string, log *faultLog) map[string]*yaml.Node {
	known := make(map[string]bool, len(allowed))
	for _, k := range allowed {
		known[k] = true
	}
	out := make(map[string]*yaml.Node)
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		key, value := mapping.Content[i], mapping.Content[i+1]
		switch {
		case !known[key.Value]:
			log.add(file, line(key), "unknown field %q (allowed: %s)", key.Value, joinQuoted(allowed))
		case out[key.Value] != nil:
			log.add(file, line(key), "field %q is given twice (first on line %d)", key.Value, line(out[key.Value]))
		default:
			out[key.Value] = value
		}
	}
	return out
}

// scalar reads a node as text; anything but a plain value is a fault.
func scalar(file, name string, n *yaml.Node, log *faultLog) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		log.add(file, line(n), "%s must be a single value, not a list or mapping", name)
		return "", false
	}
	return n.Value, true
}

func number(file, name string, n *yaml.Node, log *faultLog) (float64, bool) {
	var v float64
	if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil {
		log.add(file, line(n), "%s must be a number", name)
		return 0, false
	}
	return v, true
}

func joinQuoted(items []string) string {
	var b bytes.Buffer
	for i, s := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", s)
	}
	return b.String()
}
