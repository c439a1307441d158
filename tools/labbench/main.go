// Command labbench measures how long each lab takes to run where readers
// run it, in the labs' Web Worker in Chromium, beside the same run in
// native Go: `make bench-labs`. It serves the built app (bin/oversight and
// web/, as `make build` leaves them), starts the worker in a page of it,
// asks for runs at the lab's defaults and reports the medians and their
// ratio. A figure, never a timed test: these machines are noisy.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"oversight/internal/appbuild"
	"oversight/internal/chromium"
	"oversight/lab"
	"oversight/labs"
)

func main() {
	runs := flag.Int("runs", 9, "runs of each lab at its defaults, in each place")
	binary := flag.String("bin", "bin/oversight", "the built server")
	web := flag.String("web", "web", "the built static folder, labs.wasm in it")
	chromiumPath := flag.String("chromium", "/usr/bin/chromium", "the Chromium to drive")
	flag.Parse()
	if err := run(*runs, appbuild.Build{Binary: *binary, Web: *web}, *chromiumPath); err != nil {
		fmt.Fprintln(os.Stderr, "labbench:", err)
		os.Exit(1)
	}
}

// timing is one lab's runs at its defaults, in milliseconds.
type timing struct {
	lab            string
	native, worker []float64
	// first is the worker's first answer: its WebAssembly starting, then
	// the run.
	first float64
}

func run(runs int, build appbuild.Build, chromiumPath string) error {
	url, stop, err := build.Serve("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer stop()
	profile, err := os.MkdirTemp("", "labbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromium.Options(chromiumPath, profile, 1280, 800, chromium.NoProxy)...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/labs")); err != nil {
		return err
	}
	fmt.Printf("labs at their defaults, %d runs each: native Go on this machine, and the labs' Web Worker in %s\n", runs, chromiumVersion(chromiumPath))
	fmt.Printf("load average before: %s\n", loadAverage())
	fmt.Printf("%-16s %14s %22s %10s %22s\n", "lab", "native median", "worker median (range)", "ratio", "worker's first answer")
	for _, l := range labs.All() {
		t, err := measure(ctx, l.ID, runs)
		if err != nil {
			return fmt.Errorf("%s: %w", l.ID, err)
		}
		n, w := median(t.native), median(t.worker)
		fmt.Printf("%-16s %11.1f ms %9.1f ms (%.0f–%.0f) %9.2fx %19.0f ms\n", t.lab, n, w, slices.Min(t.worker), slices.Max(t.worker), w/n, t.first)
	}
	return nil
}

// measure runs a lab natively and in a fresh worker, at its defaults but
// for the seed: the labs keep their run at the defaults (every page shows
// it), so each timed run takes a seed of its own, 2, 3, … The worker's
// first answer is at the defaults, its WebAssembly starting included.
func measure(ctx context.Context, id string, runs int) (timing, error) {
	t := timing{lab: id}
	views := []lab.View{{Lab: id, Run: true, Committed: true, Answer: "yes"}}
	for i := range runs {
		v := views[0]
		v.Query = "seed=" + strconv.Itoa(i+2)
		views = append(views, v)
	}
	bench := &labs.Bench{}
	if _, err := bench.Render(context.Background(), views[0]); err != nil {
		return t, err
	}
	for _, v := range views[1:] {
		start := time.Now()
		if _, err := bench.Render(context.Background(), v); err != nil {
			return t, err
		}
		t.native = append(t.native, float64(time.Since(start).Microseconds())/1000)
	}
	messages, err := json.Marshal(views)
	if err != nil {
		return t, err
	}
	times, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(workerRuns, string(messages)), chromedp.EvalAwaitPromise))
	if err != nil {
		return t, err
	}
	t.first, t.worker = times[0], times[1:]
	return t, nil
}

// workerRuns starts the labs' worker as the app does and asks it for one
// view at a time, timing each from the message to its answer.
const workerRuns = `new Promise((resolve, reject) => {
	const worker = new Worker("/web/labworker.js");
	const views = %s, times = [];
	let started = 0;
	const ask = () => { started = performance.now(); worker.postMessage([times.length + 1, JSON.stringify(views[times.length])]); };
	worker.onmessage = (event) => {
		const [request, html, problem] = event.data;
		if (request === 0 || problem) { worker.terminate(); reject(new Error(problem || "the worker did not start")); return; }
		times.push(performance.now() - started);
		if (times.length === views.length) { worker.terminate(); resolve(times); } else { ask(); }
	};
	ask();
})`

func median(v []float64) float64 {
	s := slices.Sorted(slices.Values(v))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func chromiumVersion(path string) string {
	version, err := exec.Command(path, "--version").Output()
	if err != nil {
		return path
	}
	return strings.TrimSpace(string(version))
}

// loadAverage is the machine's load as the run starts: figures taken on a
// busy machine are slower, and say so.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}
