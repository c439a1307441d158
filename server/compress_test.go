package server

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// Brotli's window is sized to what it compresses: a page's copy does not
// allocate the 16 MB window a WebAssembly file needs, and every size, on
// either side of a window's edge, decodes to itself.
func TestBrotliTakesTheSmallestWindowThatHoldsTheData(t *testing.T) {
	for n, want := range map[int]int{0: 10, 1024: 10, 1025: 11, 70_000: 17, 8 << 20: 23, 1 << 30: 24} {
		if got := brotliWindow(n); got != want {
			t.Errorf("brotliWindow(%d) = %d, want %d", n, got, want)
		}
	}
	for _, n := range []int{1, 1023, 1024, 1025, 4096, 70_000} {
		data := []byte(strings.Repeat("superalignment oversight ", n/25+1)[:n])
		got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(brotliBytes(data, 9))))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%d bytes do not come back from brotli (%v)", n, err)
		}
	}
}
