package server

import (
	"context"
	"sync"

	"oversight/lab"
	"oversight/labs"
)

// labDefaults runs the labs for prerendering. A lab's page is prerendered
// with a run at its defaults, whatever setting its address holds: that run
// is made once per lab and kept, and any other setting is run in the
// browser, so that an address cannot make the server compute.
type labDefaults struct {
	mu      sync.Mutex
	reports map[string]lab.Report
}

func newLabDefaults() *labDefaults {
	return &labDefaults{reports: make(map[string]lab.Report)}
}

func (d *labDefaults) run(id, query string) (lab.Report, error) {
	if query != "" {
		return lab.Report{}, errRunsInTheBrowser
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if r, ok := d.reports[id]; ok {
		return r, nil
	}
	r, err := labs.RunQuery(context.Background(), id, "")
	if err != nil {
		return lab.Report{}, err
	}
	d.reports[id] = r
	return r, nil
}

type labError string

func (e labError) Error() string { return string(e) }

// errRunsInTheBrowser answers a run at any setting but the defaults.
const errRunsInTheBrowser = labError("the server runs a lab at its defaults only; other settings run in the browser")
