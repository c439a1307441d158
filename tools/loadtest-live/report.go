package main

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// goalP95 is the goal for a step's delivery on loopback.
const goalP95 = 250 * time.Millisecond

// report is what one mode measured.
type report struct {
	mode                  string
	instances             int
	plan                  plan
	latencies             []time.Duration
	replayed              int
	dropped, reconnects   int
	unexpected            int
	lost, duplicated      int
	outOfOrder, resyncs   int
	incomplete            int
	memoryPerStudent      float64
	goroutinesPerStudent  float64
	heapBefore, heapAfter uint64
}

func newReport(mode string, instances int, p plan, classes []*classRun, before, after memory) *report {
	r := &report{mode: mode, instances: instances, plan: p}
	for _, c := range classes {
		for _, f := range c.followers {
			r.add(f)
		}
	}
	slices.Sort(r.latencies)
	students := float64(p.rooms * p.students)
	r.heapBefore, r.heapAfter = before.Heap+before.Stacks, after.Heap+after.Stacks
	r.memoryPerStudent = (float64(r.heapAfter) - float64(r.heapBefore)) / students
	r.goroutinesPerStudent = float64(after.Goroutines-before.Goroutines) / students
	return r
}

// add counts one student: every step from 2 to the last must have come
// exactly once, in order.
func (r *report) add(f *follower) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r.latencies = append(r.latencies, f.latencies...)
	r.replayed += f.replayed
	r.reconnects += f.reconnects
	r.unexpected += f.unexpected
	r.resyncs += f.resyncs
	if f.drops {
		r.dropped++
	}
	if !f.complete {
		r.incomplete++
	}
	seen := map[int]bool{}
	previous := 1
	for _, s := range f.steps {
		if seen[s] {
			r.duplicated++
		}
		if s < previous {
			r.outOfOrder++
		}
		seen[s], previous = true, s
	}
	for s := 2; s <= f.lastStep; s++ {
		if !seen[s] {
			r.lost++
		}
	}
}

func (r *report) broken() bool {
	return r.lost+r.duplicated+r.outOfOrder+r.incomplete > 0
}

func (r *report) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(p*float64(len(r.latencies))+0.5) - 1
	return r.latencies[min(max(i, 0), len(r.latencies)-1)]
}

func (r *report) print(w io.Writer) {
	p := r.plan
	where := "one instance, rooms in memory"
	if r.instances == 2 {
		where = "two instances over NATS: teachers on one, students on the other"
	}
	fmt.Fprintf(w, "\n%s: %s\n", r.mode, where)
	fmt.Fprintf(w, "  %d rooms × %d students = %d event streams; %d steps per teacher, one every %v\n",
		p.rooms, p.students, p.rooms*p.students, p.steps, p.interval)
	fmt.Fprintf(w, "  step delivery   %d live, p50 %v  p95 %v  p99 %v  max %v  (goal: p95 ≤ %v: %s)\n",
		len(r.latencies), round(r.percentile(0.50)), round(r.percentile(0.95)), round(r.percentile(0.99)),
		round(r.percentile(1)), goalP95, verdict(r.percentile(0.95) <= goalP95))
	fmt.Fprintf(w, "  reconnects      %d students dropped halfway and resumed with Last-Event-ID (%d reconnects, %d unplanned);\n",
		r.dropped, r.reconnects, r.unexpected)
	fmt.Fprintf(w, "                  %d steps replayed on resume; lost %d, duplicated %d, out of order %d, full-state resyncs %d, incomplete students %d\n",
		r.replayed, r.lost, r.duplicated, r.outOfOrder, r.resyncs, r.incomplete)
	fmt.Fprintf(w, "  server memory   %.1f KiB per connected student (heap + stacks after GC: %.1f → %.1f MiB), %.1f goroutines per student\n",
		r.memoryPerStudent/1024, float64(r.heapBefore)/(1<<20), float64(r.heapAfter)/(1<<20), r.goroutinesPerStudent)
}

func round(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}
