package app

import (
	"slices"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The concepts the reader has opened, kept in the local data. Components
// that mark them (the map) read visitedConcepts and refresh on the
// localDataChanged action, whose value is visitedKey when this changes.

// markVisited remembers that the reader opened a concept's page.
func (s *store) markVisited(ctx ui.Context, id string) {
	changeLocal(ctx, s, visitedRecord, func(visited *[]string) bool {
		if slices.Contains(*visited, id) {
			return false
		}
		*visited = sortedSet(append(*visited, id))
		return true
	})
}

// visitedConcepts is the set of concepts opened on this device; empty when
// prerendered.
func (s *store) visitedConcepts(ctx ui.Context) map[string]bool {
	return visitedSet(readLocal(ctx, s, visitedRecord))
}

// visitedBeforeMount is visitedConcepts for a component that has no context
// yet: it reads the record without telling the app of news in it, which
// visitedConcepts does once the component is mounted.
func (s *store) visitedBeforeMount() map[string]bool {
	if s == nil {
		return nil
	}
	ids, _ := loadRecord(s, visitedRecord)
	return visitedSet(ids)
}

func visitedSet(ids []string) map[string]bool {
	visited := make(map[string]bool, len(ids))
	for _, id := range ids {
		visited[id] = true
	}
	return visited
}

// clearVisited forgets which concepts were opened; tour progress stays.
func (s *store) clearVisited(ctx ui.Context) {
	changeLocal(ctx, s, visitedRecord, func(visited *[]string) bool {
		had := len(*visited) > 0
		*visited = nil
		return had
	})
}
