package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// The generated map keeps every concept id of the real knowledge base, so
// that the pages, caveats, events and tours that link to them stay valid,
// and adds new concepts up to the size asked for. Its links join each
// concept to its neighbours on a grid of gridColumns by gridRows, and the
// layout (maplayout) places them as it places the real ones.
const (
	gridColumns = 13
	gridRows    = 16
)

// generatedKinds cycle over the nodes.
var generatedKinds = []string{"method", "problem", "idea"}

// generatedLink is one link of the generated map.
type generatedLink struct {
	to       string
	relation string
}

// generateConcepts writes n concept files into dir: the ids of real first,
// in order, then g030, g031, … Each links to its right-hand and lower grid
// neighbours, and every third one to a distant concept, about 2.3 links a
// node as in the real map, never two links for one pair. Each cites one of
// sources in turn, so that every source stays cited.
func generateConcepts(dir string, real, sources []string, n int) error {
	if n > gridColumns*gridRows {
		return fmt.Errorf("the grid holds %d concepts, not %d", gridColumns*gridRows, n)
	}
	if n < len(real) || n < len(sources) {
		return fmt.Errorf("%d concepts cannot keep the %d real ids and cite the %d sources", n, len(real), len(sources))
	}
	ids := append([]string(nil), real...)
	sort.Strings(ids)
	for i := len(ids); i < n; i++ {
		ids = append(ids, fmt.Sprintf("g%03d", i+1))
	}
	links := generatedLinks(ids)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i, id := range ids {
		text := generatedConcept(i, len(ids), links[id], sources[i%len(sources)])
		if err := os.WriteFile(filepath.Join(dir, id+".md"), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func generatedLinks(ids []string) map[string][]generatedLink {
	links := make(map[string][]generatedLink)
	related := make(map[[2]int]bool)
	link := func(i, j int, relation string) {
		pair := [2]int{min(i, j), max(i, j)}
		if j < 0 || j >= len(ids) || i == j || related[pair] {
			return
		}
		related[pair] = true
		links[ids[i]] = append(links[ids[i]], generatedLink{ids[j], relation})
	}
	for i := range ids {
		if i%gridColumns < gridColumns-1 {
			link(i, i+1, "builds-on")
		}
		link(i, i+gridColumns, "addresses")
		if i%3 == 0 {
			link(i, (i*7+13)%len(ids), "overlaps")
		}
	}
	return links
}

func generatedConcept(i, n int, links []generatedLink, source string) string {
	field := ""
	if len(links) > 0 {
		field = "links:\n"
		for _, l := range links {
			field += fmt.Sprintf("  - to: %s\n    relation: %s\n    note: A generated link for measuring.\n", l.to, l.relation)
		}
	}
	return fmt.Sprintf(`---
title: N%03d
kind: %s
summary: Generated concept number %d, for measuring the map with many nodes.
reviewed: 2026-11-26
sources: [%s]
%s---
A generated concept [@%s]. It exists so that the map can be measured with %d nodes.
`, i+1, generatedKinds[i%len(generatedKinds)], i+1, source, field, source, n)
}
