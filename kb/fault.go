package kb

import (
	"fmt"
	"sort"
	"strings"
)

// Fault is one problem in the content, located for the author.
type Fault struct {
	File    string
	Line    int
	Message string
}

func (f Fault) String() string {
	return fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Message)
}

// Faults is every problem the loader found (kb/load). It reports them all at
// once, so an author fixes a whole batch per run instead of one per run.
type Faults []Fault

func (fs Faults) Error() string {
	lines := make([]string, len(fs))
	for i, f := range fs {
		lines[i] = f.String()
	}
	return strings.Join(lines, "\n")
}

// Sorted orders the faults by file, then line, as an author fixes them.
func (fs Faults) Sorted() Faults {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].File != fs[j].File {
			return fs[i].File < fs[j].File
		}
		return fs[i].Line < fs[j].Line
	})
	return fs
}
