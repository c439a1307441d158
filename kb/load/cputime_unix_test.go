//go:build unix

package load

import (
	"syscall"
	"time"
)

// processorTime is the processor time the test process spends running f:
// unlike the time on the clock, other programs keeping a loaded machine
// busy do not add to it. (The tests of a package run one at a time.)
func processorTime(f func()) time.Duration {
	before := usage()
	f()
	return usage() - before
}

func usage() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		panic(err) // RUSAGE_SELF with a valid pointer cannot fail
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
