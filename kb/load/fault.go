package load

import (
	"fmt"

	"oversight/kb"
)

// faultLog collects faults while loading.
type faultLog struct {
	faults kb.Faults
}

// add records a fault, once: the same fault again at once (two HTML tags on
// one line) tells the author nothing new.
func (l *faultLog) add(file string, line int, format string, args ...any) {
	f := kb.Fault{File: file, Line: line, Message: fmt.Sprintf(format, args...)}
	if n := len(l.faults); n > 0 && l.faults[n-1] == f {
		return
	}
	l.faults = append(l.faults, f)
}
