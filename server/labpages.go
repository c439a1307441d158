package server

import (
	"context"

	"oversight/lab"
	"oversight/labs"
)

// prerenderLab writes a lab's page as the server prerenders it: with a run
// at the lab's defaults, made once per lab and kept by the bench, whatever
// setting the address holds; any other setting runs in the browser, so an
// address cannot make the server compute.
func prerenderLab(bench *labs.Bench) func(lab.View) (string, error) {
	return func(v lab.View) (string, error) {
		v.Run = false
		return bench.Render(context.Background(), v)
	}
}
