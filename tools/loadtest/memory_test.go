package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestVmRSSIsReadInKibibytes(t *testing.T) {
	status := "Name:\toversight\nVmPeak:\t 2519464 kB\nVmSize:\t 2453928 kB\nVmHWM:\t  208476 kB\nVmRSS:\t  105892 kB\nRssAnon:\t   90112 kB\nThreads:\t8\n"
	got, err := parseVmRSS(strings.NewReader(status))
	if err != nil || got != 105892*1024 {
		t.Errorf("parseVmRSS = %d, %v; want %d", got, err, 105892*1024)
	}
	for _, bad := range []string{
		"Name:\tzombie\nState:\tZ (zombie)\n", // a process that has exited has no VmRSS
		"VmRSS:\t105892 MB\n",
		"VmRSS:\tlots kB\n",
		"VmRSS:\n",
	} {
		if n, err := parseVmRSS(strings.NewReader(bad)); err == nil {
			t.Errorf("parseVmRSS(%q) = %d, want an error", bad, n)
		}
	}
}

func TestResidentMemoryOfARunningProcess(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc on this system")
	}
	// This test's own process holds its binary and heap: more than a MiB.
	if n, err := residentMemory(os.Getpid()); err != nil || n < 1<<20 {
		t.Errorf("residentMemory(self) = %d, %v", n, err)
	}
}

func TestAFloodAsksForNewAddressesHalfPagesHalfSearchesAndSomeMadeUpPaths(t *testing.T) {
	if n := floodLength(100_000); n != 105_000 {
		t.Errorf("a flood of 100,000 query strings sends %d requests, want 105,000 with the made-up paths", n)
	}
	seen := map[string]bool{}
	counts := map[string]int{}
	for i := range floodLength(2_000) {
		r := floodTarget(i, "/concepts/debate")
		if seen[r.target] {
			t.Fatalf("request %d asks for %s again", i, r.target)
		}
		seen[r.target] = true
		switch {
		case strings.HasPrefix(r.target, "/concepts/debate?x=") && r.want == http.StatusOK:
			counts["page"]++
		case strings.HasPrefix(r.target, "/search?q=") && r.want == http.StatusOK:
			counts["search"]++
		case strings.HasPrefix(r.target, "/made-up/") && r.want == http.StatusNotFound:
			counts["made-up"]++
		default:
			t.Errorf("request %d: %+v", i, r)
		}
	}
	if counts["page"] != 1_000 || counts["search"] != 1_000 || counts["made-up"] != 100 {
		t.Errorf("a flood of 2,000 query strings asked for %v; want 1,000 pages, 1,000 searches, 100 made-up paths", counts)
	}
}

func TestAFloodFailsOnAnyStatusButThoseExpected(t *testing.T) {
	page := []byte(strings.Repeat("a page ", 10))
	var madeUpAnswered atomic.Bool
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/made-up/") && !madeUpAnswered.Load():
			http.NotFound(w, r)
		case r.URL.Path == "/search" && r.URL.Query().Get("q") == "3":
			http.Error(w, "broken", http.StatusInternalServerError)
		default:
			w.Write(page)
		}
	}))
	defer s.Close()

	r := flood(context.Background(), s.URL, "/concepts/debate", 0, 42, 3, 10*time.Second, "")
	if r.sent != 42 || r.madeUp != 2 || r.errors != 0 || r.cutShort {
		t.Errorf("flood sent %d (%d made up), %d errors, cut short %v; want 42 (2 made up), none, no", r.sent, r.madeUp, r.errors, r.cutShort)
	}
	if r.unexpected != 1 {
		t.Errorf("one search answered 500 and flood counted %d unexpected statuses: %q", r.unexpected, r.firstErrors)
	}
	// 39 pages, one error and two 404s, as http.Error and http.NotFound write them.
	if want := 39*len(page) + len("broken\n") + 2*len("404 page not found\n"); r.largest != int64(len(page)) || r.bytes != int64(want) {
		t.Errorf("flood saw a largest body of %d bytes and %d in all, want %d and %d", r.largest, r.bytes, len(page), want)
	}

	madeUpAnswered.Store(true) // from now on, a made-up path gets a page
	r = flood(context.Background(), s.URL, "/concepts/debate", 100, 42, 3, 10*time.Second, "")
	if r.unexpected != 2 {
		t.Errorf("two made-up paths answered 200 and flood counted %d unexpected statuses", r.unexpected)
	}
}

func TestAFloodStopsAtItsTimeLimit(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Millisecond)
		w.Write([]byte("slow"))
	}))
	defer s.Close()
	r := flood(context.Background(), s.URL, "/concepts/debate", 0, 1_000_000, 2, 50*time.Millisecond, "")
	if !r.cutShort || r.sent >= 1_000_000 {
		t.Errorf("a flood limited to 50 ms sent %d requests, cut short %v", r.sent, r.cutShort)
	}
}

func TestMemoryHasStoppedFallingWhenTheLastReadingsHoldStill(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		readings []int64
		want     bool
	}{
		{[]int64{900 * mib, 900 * mib, 900 * mib}, false},                      // too few readings to tell
		{[]int64{900 * mib, 500 * mib, 200 * mib, 200 * mib}, false},           // still falling
		{[]int64{900 * mib, 200 * mib, 200 * mib, 200 * mib, 200 * mib}, true}, // still since
		{[]int64{900 * mib, 200 * mib, 201 * mib, 200 * mib, 300 * mib}, true}, // a rise is no fall
		{[]int64{200 * mib, 200 * mib, 200 * mib, 198 * mib}, false},           // fell by 2 MiB
	} {
		if got := stoppedFalling(c.readings, 3, mib); got != c.want {
			t.Errorf("stoppedFalling(%v MiB) = %v, want %v", mebibyteList(c.readings), got, c.want)
		}
	}
}

func mebibyteList(readings []int64) []int64 {
	out := make([]int64, len(readings))
	for i, r := range readings {
		out[i] = r >> 20
	}
	return out
}

func TestTheVerdictOnMemoryWeighsGrowthAgainstTheLRUAndTheResponses(t *testing.T) {
	const lru, warmUp = 3 << 20, 100 << 20
	for _, c := range []struct {
		grown, responses int64
		want             string
	}{
		{-100 << 20, 400 << 20, "did not grow"},
		{lru, 400 << 20, "did not grow"},
		{lru + 1, 400 << 20, "a longer flood would tell"},
		{400 << 20, 400 << 20, "GREW"},
		// Responses lighter than what the warm-up moved the memory by:
		// neither a fall nor a rise means anything.
		{-50 << 20, 20 << 20, "Too small a flood"},
		{50 << 20, 20 << 20, "Too small a flood"},
	} {
		m := memoryChange{grown: c.grown, lruBound: lru, responses: c.responses, warmUp: warmUp}
		if got := m.verdict(); !strings.Contains(got, c.want) {
			t.Errorf("%+v: verdict %q, want it to say %q", m, got, c.want)
		}
	}
}
