package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptrace"
	"os"
	"slices"
	"sync"
	"text/tabwriter"
	"time"
)

// burstResult is what one burst measured. For each path, in the order
// asked, the latest moment across clients at which the first byte, and the
// whole response, arrived, counted from the moment every client was
// released at once.
type burstResult struct {
	lastFirstByte, lastComplete []time.Duration
	requests, non2xx, errors    int
	firstErrors                 []string
}

// last is the latest first byte and the latest full response of the
// whole burst, whatever the path.
func (r burstResult) last() (firstByte, complete time.Duration) {
	if len(r.lastFirstByte) == 0 {
		return 0, 0
	}
	return slices.Max(r.lastFirstByte), slices.Max(r.lastComplete)
}

// burst releases clients at once, each on its own connection, and each
// fetches every path from base one after another, as a browser opening the
// page does, checking each body's length against sizes (same order as
// paths) unless the server compressed it.
func burst(ctx context.Context, base string, paths []string, sizes []int64, clients int, encoding string) burstResult {
	if err := loopbackOnly(base); err != nil {
		return burstResult{errors: 1, firstErrors: []string{err.Error()}}
	}
	all := burstResult{lastFirstByte: make([]time.Duration, len(paths)), lastComplete: make([]time.Duration, len(paths))}
	var (
		mu      sync.Mutex
		wg      sync.WaitGroup
		release = make(chan struct{})
		start   time.Time // set before release is closed, read after
	)
	for range clients {
		wg.Go(func() {
			client, done := loadClient(1)
			defer done()
			<-release
			r := burstClient(ctx, client, base, paths, sizes, start, encoding)
			mu.Lock()
			defer mu.Unlock()
			all.merge(r)
		})
	}
	start = time.Now()
	close(release)
	wg.Wait()
	return all
}

// burstClient is one client of a burst: it fetches every path in turn on
// its one connection, going on after a failure as a browser would.
func burstClient(ctx context.Context, client *http.Client, base string, paths []string, sizes []int64, start time.Time, encoding string) burstResult {
	r := burstResult{lastFirstByte: make([]time.Duration, len(paths)), lastComplete: make([]time.Duration, len(paths))}
	var firstByte time.Duration
	traced := httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotFirstResponseByte: func() { firstByte = time.Since(start) }})
	for i, p := range paths {
		if ctx.Err() != nil {
			r.errors++
			r.note(ctx.Err().Error())
			return r
		}
		status, got, compressed, err := fetch(traced, client, base+p, encoding)
		r.requests++
		switch {
		case err != nil:
			r.errors++
			r.note(fmt.Sprintf("%s: %v", p, err))
		case status < 200 || status > 299:
			r.non2xx++
			r.note(fmt.Sprintf("%s: status %d", p, status))
		case got != sizes[i] && !compressed:
			r.errors++
			r.note(fmt.Sprintf("%s: got %d bytes, want %d", p, got, sizes[i]))
		default:
			r.lastFirstByte[i] = firstByte
			r.lastComplete[i] = time.Since(start)
		}
	}
	return r
}

func (r *burstResult) merge(o burstResult) {
	for i := range r.lastFirstByte {
		r.lastFirstByte[i] = max(r.lastFirstByte[i], o.lastFirstByte[i])
		r.lastComplete[i] = max(r.lastComplete[i], o.lastComplete[i])
	}
	r.requests += o.requests
	r.non2xx += o.non2xx
	r.errors += o.errors
	for _, e := range o.firstErrors {
		r.note(e)
	}
}

func (r *burstResult) note(e string) {
	if len(r.firstErrors) < 5 {
		r.firstErrors = append(r.firstErrors, e)
	}
}

// burstBoth bursts the app, then the baseline, with the paths that open
// the map, prints when the last first byte and the last full response
// arrived on each, and tells whether every response was 2xx.
func burstBoth(ctx context.Context, o options, app, base *process, paths []string, s site) bool {
	fmt.Printf("\nburst: %d clients released at once, each on its own connection, each fetching these %d paths in turn (%.1f MB)\n", o.burstClients, len(paths), float64(sum(s.sizes(paths)))/1e6)
	var (
		results       [2]burstResult
		afterBurst    int64
		afterBurstErr error
	)
	for i, target := range []*process{app, base} {
		results[i] = burst(ctx, target.url, paths, s.sizes(paths), o.burstClients, o.encoding)
		if target == app {
			afterBurst, afterBurstErr = residentMemory(app.pid())
		}
		for _, e := range results[i].firstErrors {
			fmt.Fprintf(os.Stderr, "loadtest: burst on %s: %s\n", target.name, e)
		}
	}
	a, b := results[0], results[1]
	out := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(out, "path\tlast first byte: app\tbaseline\tapp/baseline\tlast full response: app\tbaseline\tapp/baseline\t")
	row := func(p string, af, bf, ac, bc time.Duration) {
		fmt.Fprintf(out, "%s\t%s\t%s\t%.2fx\t%s\t%s\t%.2fx\t\n", p, ms(af), ms(bf), ratio(float64(af), float64(bf)), ms(ac), ms(bc), ratio(float64(ac), float64(bc)))
	}
	for i, p := range paths {
		row(p, a.lastFirstByte[i], b.lastFirstByte[i], a.lastComplete[i], b.lastComplete[i])
	}
	af, ac := a.last()
	bf, bc := b.last()
	row("all", af, bf, ac, bc)
	out.Flush()
	fmt.Printf("requests: app %d (%d non-2xx, %d errors), baseline %d (%d non-2xx, %d errors)\n", a.requests, a.non2xx, a.errors, b.requests, b.non2xx, b.errors)
	fmt.Printf("the app's VmRSS right after its burst: %s\n", mebibytes(afterBurst, afterBurstErr))
	return a.non2xx+a.errors+b.non2xx+b.errors == 0
}

func sum(sizes []int64) int64 {
	var total int64
	for _, n := range sizes {
		total += n
	}
	return total
}
