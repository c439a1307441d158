// Command bench measures how fast Oversight Explorer loads, against two
// baselines built and served in the same run (issue 7):
//
//	go run ./tools/bench [-runs 5] [-profiles loopback,10mbit,1.6mbit] [-repeat=true] [-use 20s]
//	                     [-bin bin/oversight] [-web web] [-out .artifacts/bench] [-quality 11]
//
// The three variants are:
//
//   - app: the app as `oversight static` exports it, with the WebAssembly
//     that `make build` built;
//   - hello: go-app's hello world (hello/), built in a module of its own
//     with the same flags, its server split out by build tags: the floor of
//     the stack;
//   - static: the app's prerendered first page and its CSS with no
//     WebAssembly: the floor of any page.
//
// Each is precompressed by `oversight compress` (brotli and gzip) and
// served by the same server (server.go) on its own port in 18100-18199.
// For each run, each network profile and each variant in turn, a headless
// Chromium with a fresh profile loads the first page and reads its first
// contentful paint and the mark oversight:interactive that the first page
// component sets when it has mounted. Networks are emulated through the
// DevTools protocol. The repeat visit loads a variant once, waits until its
// service worker has precached it, reloads it for -use (a returning reader
// has used the app, and the browser keeps the compiled code of what ran
// hot), restarts the browser on the same profile and loads it again.
//
// The bench prints one table of medians, the bytes of every file, the
// ratios of the app to each baseline against the targets, and what
// stands in the way of the size target: the app and the hello world built
// again with their function names, the code of each part weighed raw and
// as the compressed bytes the app's file loses without it
// (codeshare.go). It writes the same as JSON under -out. It times nothing as a pass or fail:
// it exits with status 1 only when it could not measure.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

func main() {
	runs := flag.Int("runs", 5, "runs; each loads every variant on every network once")
	profileNames := flag.String("profiles", "loopback,10mbit,1.6mbit", "networks, comma-separated: "+profileList())
	repeat := flag.Bool("repeat", true, "also measure the repeat visit after a browser restart")
	use := flag.Duration("use", 20*time.Second, "how long the first session of a repeat visit reloads the page before the restart, as a returning reader has used the app: the browser keeps compiled WebAssembly only for code that has run hot")
	bin := flag.String("bin", "bin/oversight", "the app's binary (make build)")
	web := flag.String("web", "web", "the app's static folder with app.wasm and its .br/.gz (make build)")
	out := flag.String("out", filepath.Join(".artifacts", "bench"), "folder for the JSON results")
	quality := flag.Int("quality", 11, "brotli quality for every variant (the Makefile's BROTLI_QUALITY)")
	chromium := flag.String("chromium", chromiumPath(), "the Chromium to drive")
	timeout := flag.Duration("timeout", 3*time.Minute, "longest a page may take to load")
	lighthouseRuns := flag.Int("lighthouse-runs", 1, "Lighthouse runs of each page in each form factor (mobile, desktop); 0 runs none (about 15 s a run)")
	inputDelay := flag.Bool("input-delay", true, "also tap each page every 200 ms while it starts, CPU 4× slower, once a run")
	flag.Parse()

	ps, err := selectProfiles(*profileNames)
	if err != nil || *runs < 1 || *runs > 50 || *lighthouseRuns < 0 || *lighthouseRuns > 20 {
		fmt.Fprintf(os.Stderr, "bench: -runs must be 1 to 50, -lighthouse-runs 0 to 20 and -profiles a list of %s\n", profileList())
		os.Exit(2)
	}
	c := config{runs: *runs, profiles: ps, repeat: *repeat, use: *use, bin: *bin, web: *web, out: *out,
		quality: *quality, chromium: *chromium, timeout: *timeout, lighthouseRuns: *lighthouseRuns, inputDelay: *inputDelay}
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type config struct {
	runs                    int
	profiles                []profile
	repeat                  bool
	use                     time.Duration
	bin, web, out, chromium string
	quality                 int
	timeout                 time.Duration
	lighthouseRuns          int
	inputDelay              bool
}

func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

func profileList() string {
	var names []string
	for _, p := range profiles {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

func selectProfiles(list string) ([]profile, error) {
	var ps []profile
	for _, name := range strings.Split(list, ",") {
		found := false
		for _, p := range profiles {
			if p.Name == strings.TrimSpace(name) {
				ps, found = append(ps, p), true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown profile %q", name)
		}
	}
	return ps, nil
}

func run(c config) error {
	repo, err := os.Getwd()
	if err != nil {
		return err
	}
	bin, err := filepath.Abs(c.bin)
	if err != nil {
		return err
	}
	web, err := filepath.Abs(c.web)
	if err != nil {
		return err
	}
	needs := []string{bin, filepath.Join(web, "app.wasm"), c.chromium}
	if c.lighthouseRuns > 0 {
		needs = append(needs, filepath.Join(repo, lighthouseCLI))
	}
	for _, need := range needs {
		if _, err := os.Stat(need); err != nil {
			return fmt.Errorf("%w: run `make bench`, which builds the app and installs Lighthouse first (Chromium: make chromium)", err)
		}
	}
	r := &report{Started: time.Now(), Runs: c.runs, Profiles: c.profiles, BrotliQuality: c.quality, UseSeconds: c.use.Seconds()}
	r.Versions = readVersions(repo)

	work, err := os.MkdirTemp("", "oversight-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	b := builder{repo: repo, bin: bin, web: web, work: work, quality: c.quality, log: os.Stderr}
	variants, err := b.prepare()
	if err != nil {
		return err
	}
	if r.CodeShares, err = b.codeShares(); err != nil {
		return err
	}
	if r.HelloForBrowser, err = b.helloBuiltAsTheAppIs(); err != nil {
		return err
	}
	for _, v := range variants {
		v.site = &site{dir: v.dir}
		origin, stop, err := serve(v.site)
		if err != nil {
			return err
		}
		defer stop()
		v.origin = origin
		r.Variants = append(r.Variants, variantID{Name: v.name, About: v.about})
		fmt.Fprintf(os.Stderr, "bench: serving %s on %s\n", v.name, origin)
	}

	m := &measurer{chromium: c.chromium, timeout: c.timeout, use: c.use, log: os.Stderr}
	samples, err := m.measure(plan(variants, c.profiles, c.runs, c.repeat))
	if err != nil {
		return err
	}
	if c.inputDelay {
		pages, err := pagesToAudit(variants, true)
		if err != nil {
			return err
		}
		if r.InputDelayRuns, err = m.inputDelayAll(pages, c.runs); err != nil {
			return err
		}
		r.InputDelay = inputDelayCells(r.InputDelayRuns)
	}
	if c.lighthouseRuns > 0 {
		l := lighthouser{repo: repo, chromium: c.chromium, timeout: c.timeout}
		logf := func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
		pages, err := pagesToAudit(variants, false)
		if err != nil {
			return err
		}
		if r.LighthouseRuns, err = l.all(pages, c.lighthouseRuns, logf); err != nil {
			return err
		}
		r.Lighthouse = lighthouseMedians(r.LighthouseRuns)
	}
	r.Versions.Chromium = m.chromiumVersion
	r.Versions.LoadAfter = loadAverage()
	r.Samples = samples
	r.Cells = medians(samples, variants, c.profiles)
	if r.Files, err = fileSizes(variants, samples); err != nil {
		return err
	}
	r.Targets = targets(r.Files, r.Cells, c.profiles)
	if t, ok := builtAsAppTarget(r.Files, r.HelloForBrowser, r.CodeShares); ok {
		r.Targets = append(r.Targets, t)
	}
	r.Targets = append(r.Targets, lighthouseTargets(r.Lighthouse)...)
	r.Targets = append(r.Targets, inputDelayTargets(r.InputDelay)...)
	r.print(os.Stdout)
	name, err := r.write(c.out)
	if err != nil {
		return err
	}
	fmt.Printf("\nwrote %s\n", name)
	return nil
}

// readVersions records the Go toolchain that builds the WebAssembly, the
// app's go-app, and the machine's CPUs and load.
func readVersions(repo string) versions {
	v := versions{CPUs: runtime.NumCPU(), LoadBefore: loadAverage()}
	if out, err := exec.Command("go", "env", "GOVERSION").Output(); err == nil {
		v.Go = strings.TrimSpace(string(out))
	}
	if _, goApp, err := moduleVersions(filepath.Join(repo, "go.mod")); err == nil {
		v.GoApp = goApp
	}
	return v
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	fields := strings.Fields(string(data))
	if len(fields) < 3 {
		return "unknown"
	}
	return strings.Join(fields[:3], " ")
}
