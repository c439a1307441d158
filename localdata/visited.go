package localdata

import "slices"

// The concepts the reader has opened, kept in VisitedRecord.

// AddVisited is the edit of VisitedRecord that remembers that the reader
// opened a concept's page.
func AddVisited(id string) func(visited *[]string) bool {
	return func(visited *[]string) bool {
		if slices.Contains(*visited, id) {
			return false
		}
		*visited = sortedSet(append(*visited, id))
		return true
	}
}

// ClearVisited is the edit of VisitedRecord that forgets which concepts
// were opened; tour progress stays.
func ClearVisited(visited *[]string) bool {
	had := len(*visited) > 0
	*visited = nil
	return had
}

// VisitedSet is a list of visited concepts as a set.
func VisitedSet(ids []string) map[string]bool {
	visited := make(map[string]bool, len(ids))
	for _, id := range ids {
		visited[id] = true
	}
	return visited
}
