package control

import (
	"context"
	"testing"
)

// BenchmarkRunDefaults plays every protocol and sweep, with the red team's
// search, at the defaults: what the lab's worker does on first load.
func BenchmarkRunDefaults(b *testing.B) {
	p := DefaultParams()
	for b.Loop() {
		if _, err := Run(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}
