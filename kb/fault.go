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

// Faults is every problem Load found. Load reports them all at once, so an
// author fixes a whole batch per run instead of one fault per run.
type Faults []Fault

func (fs Faults) Error() string {
	lines := make([]string, len(fs))
	for i, f := range fs {
		lines[i] = f.String()
	}
	return strings.Join(lines, "\n")
}

func (fs Faults) sorted() Faults {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].File != fs[j].File {
			return fs[i].File < fs[j].File
		}
		return fs[i].Line < fs[j].Line
	})
	return fs
}

// faultLog collects faults while loading.
type faultLog struct {
	faults Faults
}

// add records a fault, once: the same fault again at once (two HTML tags on
// one line) tells the author nothing new.
func (l *faultLog) add(file string, line int, format string, args ...any) {
	f := Fault{File: file, Line: line, Message: fmt.Sprintf(format, args...)}
	if n := len(l.faults); n > 0 && l.faults[n-1] == f {
		return
	}
	l.faults = append(l.faults, f)
}
