// Command loadtest-live measures the live class (package live) on loopback:
// rooms of students following their teacher's steps, first with one
// server instance holding rooms in memory, then with two instances sharing
// rooms through NATS (an embedded server), the teachers on one and the
// students on the other.
//
//	go run ./tools/loadtest-live [-rooms 50] [-students 40] [-steps 20] [-interval 250ms] [-kill 0.25] [-modes memory,nats]
//
// Each instance runs in a process of its own (this program, with -serve),
// so that its memory is the server's alone. For every mode it reports:
//   - the delivery latency of a step, from the teacher's request to the
//     event read by each student (median, 95th and 99th percentile, max);
//   - the events lost: a quarter of the students (-kill) drop their
//     connection halfway, wait two steps, and reconnect with Last-Event-ID
//     (to the other instance, with NATS); every student must end up with
//     every step exactly once, in order;
//   - the server's memory per connected student (heap and goroutine stacks
//     after a GC, before and after the students connect).
//
// These are figures to read, not a pass/fail test; the program exits with
// status 1 only when something breaks (a request refused, an event lost).
// Every loop is bounded in count and time, and all traffic goes to
// 127.0.0.1.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

func main() {
	serveFlag := flag.Bool("serve", false, "internal: serve the live API on 127.0.0.1 and print the address")
	natsURL := flag.String("nats", "", "internal, with -serve: share rooms through this NATS server")
	rooms := flag.Int("rooms", 50, "rooms (1 to 200)")
	students := flag.Int("students", 40, "students per room (1 to 200)")
	steps := flag.Int("steps", 20, "steps each teacher takes (4 to 500)")
	interval := flag.Duration("interval", 250*time.Millisecond, "time between a teacher's steps")
	kill := flag.Float64("kill", 0.25, "share of each room's students that drop and reconnect halfway")
	modes := flag.String("modes", "memory,nats", "modes to run: memory, nats or both")
	timeout := flag.Duration("timeout", 5*time.Minute, "time limit for each mode")
	flag.Parse()

	if *serveFlag {
		if err := serve(*natsURL); err != nil {
			fmt.Fprintln(os.Stderr, "loadtest-live:", err)
			os.Exit(1)
		}
		return
	}
	p := plan{rooms: *rooms, students: *students, steps: *steps, interval: *interval, kill: *kill}
	if err := p.check(); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest-live:", err)
		os.Exit(2)
	}
	failed := false
	for _, mode := range strings.Split(*modes, ",") {
		ctx, cancel := context.WithTimeout(context.Background(), *timeout)
		report, err := run(ctx, mode, p)
		cancel()
		if err != nil {
			fmt.Fprintf(os.Stderr, "loadtest-live: %s: %v\n", mode, err)
			failed = true
			continue
		}
		report.print(os.Stdout)
		failed = failed || report.broken()
	}
	if failed {
		os.Exit(1)
	}
}

// plan is what one mode runs.
type plan struct {
	rooms, students, steps int
	interval               time.Duration
	kill                   float64
}

func (p plan) check() error {
	switch {
	case p.rooms < 1 || p.rooms > 200:
		return fmt.Errorf("-rooms must be from 1 to 200")
	case p.students < 1 || p.students > 200:
		return fmt.Errorf("-students must be from 1 to 200")
	case p.steps < 4 || p.steps > 500:
		return fmt.Errorf("-steps must be from 4 to 500")
	case p.interval < 10*time.Millisecond || p.interval > 10*time.Second:
		return fmt.Errorf("-interval must be from 10ms to 10s")
	case p.kill < 0 || p.kill > 1:
		return fmt.Errorf("-kill must be from 0 to 1")
	}
	return nil
}

// killed is how many of a room's students drop and reconnect.
func (p plan) killed() int { return int(float64(p.students)*p.kill + 0.5) }
