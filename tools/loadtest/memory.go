package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"
)

// keptVariants is how many renderings the server keeps beyond its own
// pages (maxPageVariants in server/pages.go), each with its identity,
// brotli and gzip bodies: the most a flood of new addresses may add.
const keptVariants = 128

// madeUpEvery: one flood request in madeUpEvery asks for a path that is no
// page; the others alternate between a page at a parameter it does not
// read and the search at a new query.
const madeUpEvery = 21

// residentMemory is a process's resident set size in bytes, as Linux
// reports it in /proc/<pid>/status.
func residentMemory(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return parseVmRSS(f)
}

// parseVmRSS reads the VmRSS line of a /proc/<pid>/status file, which the
// kernel writes in kB (units of 1024 bytes).
func parseVmRSS(status io.Reader) (int64, error) {
	lines := bufio.NewScanner(status)
	for lines.Scan() {
		value, ok := strings.CutPrefix(lines.Text(), "VmRSS:")
		if !ok {
			continue
		}
		fields := strings.Fields(value)
		if len(fields) != 2 || fields[1] != "kB" {
			return 0, fmt.Errorf("unexpected VmRSS line %q", lines.Text())
		}
		kb, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil || kb < 0 {
			return 0, fmt.Errorf("unexpected VmRSS line %q", lines.Text())
		}
		return kb * 1024, nil
	}
	if err := lines.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New("no VmRSS line")
}

// floodRequest is one request of a flood and the status it must get.
type floodRequest struct {
	target string
	want   int
}

// floodTarget is the i-th request of a flood: every address is new, and
// none is one of the app's pages as it is kept for the build.
func floodTarget(i int, concept string) floodRequest {
	n := strconv.Itoa(i)
	switch {
	case i%madeUpEvery == madeUpEvery-1:
		return floodRequest{"/made-up/page-" + n, http.StatusNotFound}
	case i%2 == 0:
		return floodRequest{concept + "?x=" + n, http.StatusOK}
	default:
		return floodRequest{"/search?q=" + n, http.StatusOK}
	}
}

// floodLength is how many requests a flood of queries distinct query
// strings sends, its made-up paths included.
func floodLength(queries int) int {
	return queries * madeUpEvery / (madeUpEvery - 1)
}

// floodResult is what a flood sent and got.
type floodResult struct {
	sent, madeUp, unexpected, errors int
	largest                          int64 // the longest body answered
	bytes                            int64 // of every body answered
	elapsed                          time.Duration
	cutShort                         bool // the time limit ended it before its count
	firstErrors                      []string
}

// flood sends requests from..from+count-1 of floodTarget to base over n
// connections, each address once, until all are sent or limit has passed.
func flood(ctx context.Context, base, concept string, from, count, n int, limit time.Duration, encoding string) floodResult {
	if err := loopbackOnly(base); err != nil {
		return floodResult{errors: 1, firstErrors: []string{err.Error()}}
	}
	client, done := loadClient(n)
	defer done()
	var (
		next atomic.Int64
		mu   sync.Mutex
		all  floodResult
		wg   sync.WaitGroup
	)
	start := time.Now()
	end := start.Add(limit)
	for range n {
		wg.Go(func() {
			var r floodResult
			for time.Now().Before(end) && ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= count {
					break
				}
				req := floodTarget(from+i, concept)
				status, got, _, err := fetch(ctx, client, base+req.target, encoding)
				r.sent++
				if req.want == http.StatusNotFound {
					r.madeUp++
				}
				r.largest = max(r.largest, got)
				r.bytes += got
				switch {
				case err != nil:
					r.errors++
					r.note(err.Error())
				case status != req.want:
					r.unexpected++
					r.note(fmt.Sprintf("%s: status %d, want %d", req.target, status, req.want))
				}
			}
			mu.Lock()
			defer mu.Unlock()
			all.sent += r.sent
			all.madeUp += r.madeUp
			all.unexpected += r.unexpected
			all.errors += r.errors
			all.largest = max(all.largest, r.largest)
			all.bytes += r.bytes
			for _, e := range r.firstErrors {
				all.note(e)
			}
		})
	}
	wg.Wait()
	all.elapsed = time.Since(start)
	all.cutShort = all.sent < count
	return all
}

func (r *floodResult) note(e string) {
	if len(r.firstErrors) < 5 {
		r.firstErrors = append(r.firstErrors, e)
	}
}

// warmUpRequests fill the server's LRU before its memory is read, so that
// the flood starts with the cache as full as it can get: 200 new searches,
// 200 concept pages at a parameter they do not read and 20 made-up paths,
// against room for keptVariants renderings.
const warmUpRequests = 420

// A Go server returns the memory its garbage took to the system over some
// seconds after a load (a rendering can allocate tens of MB for a moment),
// so its resident memory is read once it has stopped falling.
const (
	settleEvery = 500 * time.Millisecond
	settleStill = 3 * time.Second  // no fall of more than settleSlack over this long
	settleSlack = 1 << 20          // bytes
	settleLimit = 30 * time.Second // read what it is after this long, settled or not
)

// memory reads the app's resident memory after start-up, after a warm-up,
// and after a flood of new addresses, prints them and what the change over
// the flood means, and tells whether every flood response had the status
// it should.
func memory(ctx context.Context, o options, app *process, started int64, startedErr error) bool {
	fmt.Printf("\nmemory: VmRSS of oversight serve (pid %d), read once it stops falling after each phase\n", app.pid())
	out := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(out, "after start-up\t%s\t\n", mebibytes(started, startedErr))
	if o.floodQueries == 0 {
		out.Flush()
		return true
	}
	// The misses are work for the CPU: more connections than twice its
	// cores add no speed, only renderings in flight, and their garbage to
	// what is read.
	connections := 2 * runtime.NumCPU()
	warm := flood(ctx, app.url, o.concept, 0, warmUpRequests, connections, o.floodTime, o.encoding)
	before := settledResidentMemory(ctx, app.pid())
	fmt.Fprintf(out, "after warm-up (each path of the baseline once, %d new addresses)\t%s\t\n", warm.sent, before)
	f := flood(ctx, app.url, o.concept, warmUpRequests, floodLength(o.floodQueries), connections, o.floodTime, o.encoding)
	after := settledResidentMemory(ctx, app.pid())
	fmt.Fprintf(out, "after the flood (%d new query strings, %d made-up paths, %d connections, %.1f s)\t%s\t\n", f.sent-f.madeUp, f.madeUp, connections, f.elapsed.Seconds(), after)
	out.Flush()
	if f.cutShort {
		fmt.Printf("the flood stopped after %d of its %d requests (-flood-time %s)\n", f.sent, floodLength(o.floodQueries), o.floodTime)
	}
	if startedErr == nil && before.err == nil && after.err == nil {
		largest := max(warm.largest, f.largest)
		m := memoryChange{
			grown:     after.bytes - before.bytes,
			lruBound:  int64(keptVariants) * 3 * largest,
			responses: f.bytes,
			warmUp:    before.bytes - started,
		}
		fmt.Printf("over the flood: %+.1f MiB. The LRU holds at most %d renderings of 3 bodies of at most %d bytes (%.1f MiB); keeping the flood's responses would take at least %.1f MiB.\n%s\n",
			mib(m.grown), keptVariants, largest, mib(m.lruBound), mib(m.responses), m.verdict())
	}
	for _, r := range []floodResult{warm, f} {
		for _, e := range r.firstErrors {
			fmt.Fprintf(os.Stderr, "loadtest: flood: %s\n", e)
		}
	}
	fmt.Printf("flood requests: %d (%d with another status than they should, %d errors)\n", warm.sent+f.sent, warm.unexpected+f.unexpected, warm.errors+f.errors)
	return warm.unexpected+warm.errors+f.unexpected+f.errors == 0
}

// memoryChange is what the flood did to the app's resident memory, and
// what to weigh it against.
type memoryChange struct {
	grown int64 // over the flood
	// lruBound is the most the LRU of page variants may hold.
	lruBound int64
	// responses is what the flood's responses weigh, the least a cache
	// that kept them all would have grown by.
	responses int64
	// warmUp is what start-up to warm-up changed it by: how far a few
	// hundred requests move it, garbage and all.
	warmUp int64
}

// verdict says whether the flood grew the memory beyond the LRU's bound.
// It says nothing either way when the flood's responses weigh less than
// what a few hundred requests move the memory by: then keeping them all
// and not keeping them look alike.
func (m memoryChange) verdict() string {
	switch {
	case m.responses <= m.warmUp:
		return fmt.Sprintf("Too small a flood to tell: its responses weigh %.1f MiB, less than the %.1f MiB a warm-up of %d requests moved the memory by; a longer flood (-flood-time) would tell.",
			mib(m.responses), mib(m.warmUp), warmUpRequests)
	case m.grown <= m.lruBound:
		return "It did not grow beyond the LRU's bound: the flood did not grow the cache."
	case m.grown >= m.responses:
		return "It GREW by at least what keeping every response takes: the cache grows with the flood."
	default:
		return "It grew by more than the LRU may hold and less than keeping every response would take: garbage not yet returned, or a slower leak; a longer flood would tell."
	}
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }

// residentReading is a process's resident memory as read, and whether it
// had stopped falling.
type residentReading struct {
	bytes   int64
	settled bool
	err     error
}

func (r residentReading) String() string {
	if r.err != nil {
		return "unknown (" + r.err.Error() + ")"
	}
	s := fmt.Sprintf("%.1f MiB", mib(r.bytes))
	if !r.settled {
		s += fmt.Sprintf(" (still falling after %s)", settleLimit)
	}
	return s
}

// settledResidentMemory reads a process's resident memory every
// settleEvery until it has stopped falling, for at most settleLimit.
func settledResidentMemory(ctx context.Context, pid int) residentReading {
	var readings []int64
	for range int(settleLimit/settleEvery) + 1 {
		rss, err := residentMemory(pid)
		if err != nil {
			return residentReading{err: err}
		}
		readings = append(readings, rss)
		if stoppedFalling(readings, int(settleStill/settleEvery), settleSlack) {
			return residentReading{bytes: rss, settled: true}
		}
		if ctx.Err() != nil {
			break
		}
		time.Sleep(settleEvery)
	}
	return residentReading{bytes: readings[len(readings)-1]}
}

// stoppedFalling tells whether readings, taken at a steady pace, fell by
// at most slack over the last n intervals.
func stoppedFalling(readings []int64, n int, slack int64) bool {
	if len(readings) <= n {
		return false
	}
	last := readings[len(readings)-n-1:]
	return last[0]-slices.Min(last) <= slack
}

func mebibytes(n int64, err error) string {
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return fmt.Sprintf("%.1f MiB", mib(n))
}
