//go:build !unix

package load

import "time"

// processorTime is the time on the clock where the processor time of the
// process cannot be read (WebAssembly in a browser).
func processorTime(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}
