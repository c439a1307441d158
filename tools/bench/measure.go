package main

import (
	"fmt"
	"io"
	"time"
)

// sample is one visit of one variant on one network.
type sample struct {
	Variant string `json:"variant"`
	Profile string `json:"profile"`
	// Repeat is a visit after a browser restart, served by the service
	// worker from its cache.
	Repeat  bool    `json:"repeat"`
	Run     int     `json:"run"`
	Metrics metrics `json:"metrics"`
	// PageBytes is what the page's requests took over the network.
	PageBytes int64 `json:"pageBytes"`
	// FirstVisitBytes, on a repeat visit, is what the server sent during
	// the first visit, the service worker's precache included.
	FirstVisitBytes int64     `json:"firstVisitBytes,omitempty"`
	Requests        []request `json:"requests"`
	// Failures are the errors of the attempts before this one.
	Failures []string `json:"failures,omitempty"`
}

// measurer runs the visits.
type measurer struct {
	chromium string
	timeout  time.Duration
	// use is how long the first session of a repeat visit reloads the page.
	use time.Duration
	log io.Writer
	// chromiumVersion is read from the first browser started.
	chromiumVersion string
}

// firstVisit loads a variant in a fresh profile on a throttled network.
func (m *measurer) firstVisit(v *variant, p profile, run int) (sample, error) {
	dir, err := newProfileDir()
	if err != nil {
		return sample{}, err
	}
	defer removeProfileDir(dir)
	b, err := m.start(dir)
	if err != nil {
		return sample{}, err
	}
	defer b.close()
	v.site.slowTo(p)
	defer v.site.slowTo(loopback)
	met, err := b.load(v.origin, v.wasm, m.timeout)
	if err != nil {
		return sample{}, err
	}
	return newSample(v, p, run, false, met, b.snapshot()), nil
}

// repeatVisit loads a variant once on loopback and waits until its service
// worker has precached the app, closes the browser, starts a new one on the
// same profile (as after a restart, or opening the installed app), throttles
// it and loads the variant again.
func (m *measurer) repeatVisit(v *variant, p profile, run int) (sample, error) {
	dir, err := newProfileDir()
	if err != nil {
		return sample{}, err
	}
	defer removeProfileDir(dir)
	before := v.site.sent.Load()
	if err := m.install(v, dir); err != nil {
		return sample{}, err
	}
	firstVisit := v.site.sent.Load() - before
	b, err := m.start(dir)
	if err != nil {
		return sample{}, err
	}
	defer b.close()
	v.site.slowTo(p)
	defer v.site.slowTo(loopback)
	met, err := b.load(v.origin, v.wasm, m.timeout)
	if err != nil {
		return sample{}, fmt.Errorf("after a restart: %w", err)
	}
	s := newSample(v, p, run, true, met, b.snapshot())
	s.FirstVisitBytes = firstVisit
	return s, nil
}

// install is the first session of a repeat visit: it ends when the service
// worker is ready and the page has been reloaded for m.use, with the
// browser closed. The reloads run the start-up again and again, as a
// returning reader has, and the browser keeps the machine code of what ran
// hot for the next start.
func (m *measurer) install(v *variant, dir string) error {
	b, err := m.start(dir)
	if err != nil {
		return err
	}
	defer b.close()
	if _, err := b.load(v.origin, v.wasm, m.timeout); err != nil {
		return err
	}
	if err := b.waitForWorker(m.timeout); err != nil {
		return fmt.Errorf("waiting for the service worker of %s: %w", v.origin, err)
	}
	for end := time.Now().Add(m.use); time.Now().Before(end); {
		if _, err := b.load(v.origin, v.wasm, m.timeout); err != nil {
			return fmt.Errorf("using %s before the restart: %w", v.origin, err)
		}
	}
	return nil
}

func (m *measurer) start(dir string) (*browser, error) {
	b, err := startBrowser(m.chromium, dir)
	if err != nil {
		return nil, err
	}
	if m.chromiumVersion == "" {
		if m.chromiumVersion, err = b.version(); err != nil {
			b.close()
			return nil, err
		}
	}
	return b, nil
}

func newSample(v *variant, p profile, run int, repeat bool, met metrics, rs []request) sample {
	s := sample{Variant: v.name, Profile: p.Name, Repeat: repeat, Run: run, Metrics: met, Requests: rs}
	for _, r := range rs {
		s.PageBytes += r.Bytes
	}
	return s
}

// plan is the order of the visits: run after run, each network in turn,
// each variant in turn, starting one variant later in each run so that no
// variant always goes first (on a warm or a cold machine).
type visit struct {
	variant *variant
	profile profile
	run     int
	repeat  bool
}

func plan(variants []*variant, ps []profile, runs int, repeat bool) []visit {
	var visits []visit
	for run := 1; run <= runs; run++ {
		for _, p := range ps {
			for i := range variants {
				v := variants[(i+run)%len(variants)]
				visits = append(visits, visit{variant: v, profile: p, run: run})
			}
		}
		if !repeat {
			continue
		}
		// The repeat visit is on loopback: its pages and WebAssembly come
		// from the worker's cache, not the network.
		for i := range variants {
			if v := variants[(i+run)%len(variants)]; v.wasm {
				visits = append(visits, visit{variant: v, profile: profiles[0], run: run, repeat: true})
			}
		}
	}
	return visits
}

// maxRetries is how many times a visit that failed is started again.
const maxRetries = 2

func (m *measurer) visit(vis visit) (sample, error) {
	if vis.repeat {
		return m.repeatVisit(vis.variant, vis.profile, vis.run)
	}
	return m.firstVisit(vis.variant, vis.profile, vis.run)
}

// measure runs the plan and returns every sample.
func (m *measurer) measure(visits []visit) ([]sample, error) {
	var samples []sample
	for i, vis := range visits {
		kind := "first visit"
		if vis.repeat {
			kind = "repeat visit"
		}
		fmt.Fprintf(m.log, "bench: [%d/%d] run %d, %s, %s, %s\n", i+1, len(visits), vis.run, vis.profile.Label, vis.variant.name, kind)
		s, err := m.visit(vis)
		var failures []string
		for err != nil && len(failures) < maxRetries {
			// A browser that hangs once on a busy machine is not a result:
			// the visit starts again from a fresh profile, and the report
			// says so.
			failures = append(failures, err.Error())
			fmt.Fprintf(m.log, "bench: %v; trying again (%d of %d)\n", err, len(failures), maxRetries)
			s, err = m.visit(vis)
		}
		if err != nil {
			return nil, fmt.Errorf("run %d, %s, %s: %w", vis.run, vis.profile.Name, vis.variant.name, err)
		}
		s.Failures = failures
		samples = append(samples, s)
	}
	return samples, nil
}
