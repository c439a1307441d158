package main

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestTheReportCountsEveryStepNotReceivedExactlyOnceInOrder(t *testing.T) {
	class := &classRun{}
	students := []*follower{
		{class: class, lastStep: 5, steps: []int{2, 3, 4, 5}, complete: true},
		{class: class, lastStep: 5, steps: []int{2, 4, 5}, complete: true},       // 3 lost
		{class: class, lastStep: 5, steps: []int{2, 3, 3, 4, 5}, complete: true}, // 3 twice
		{class: class, lastStep: 5, steps: []int{2, 4, 3, 5}, complete: true},    // 3 after 4
		{class: class, lastStep: 5, steps: []int{2, 3}, drops: true},             // 4 and 5 lost
	}
	r := &report{}
	for _, f := range students {
		r.add(f)
	}
	if r.lost != 3 || r.duplicated != 1 || r.outOfOrder != 1 || r.incomplete != 1 || r.dropped != 1 {
		t.Fatalf("lost %d, duplicated %d, out of order %d, incomplete %d, dropped %d; want 3, 1, 1, 1, 1",
			r.lost, r.duplicated, r.outOfOrder, r.incomplete, r.dropped)
	}
	if !r.broken() {
		t.Fatal("a report with lost events is not broken")
	}
}

func TestAStepSentWhileAStudentWasAwayCountsAsReplayedNotAsLatency(t *testing.T) {
	start := time.Unix(1000, 0)
	class := &classRun{sent: make([]atomic.Int64, 4)}
	class.sent[2].Store(start.UnixNano())
	class.sent[3].Store(start.Add(time.Second).UnixNano())
	f := &follower{class: class, lastStep: 3, reconnectedAt: start.Add(500 * time.Millisecond)}
	f.record(2, start.Add(600*time.Millisecond))
	if done := f.record(3, start.Add(1010*time.Millisecond)); !done {
		t.Fatal("the last step did not complete the student")
	}
	if f.replayed != 1 || len(f.latencies) != 1 || f.latencies[0] != 10*time.Millisecond {
		t.Fatalf("replayed %d, latencies %v; want 1 replayed and one latency of 10ms", f.replayed, f.latencies)
	}
}

func TestPercentilesRoundToTheNearestRank(t *testing.T) {
	r := &report{}
	for i := 1; i <= 100; i++ {
		r.latencies = append(r.latencies, time.Duration(i)*time.Millisecond)
	}
	if r.percentile(0.95) != 95*time.Millisecond || r.percentile(1) != 100*time.Millisecond || r.percentile(0.5) != 50*time.Millisecond {
		t.Fatalf("p50 %v p95 %v max %v", r.percentile(0.5), r.percentile(0.95), r.percentile(1))
	}
}
