//go:build !(js && wasm)

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"oversight/kb"
	"oversight/maplayout"
)

// check loads the content folder from disk, exactly as the app would, lays
// its map out, and reports every fault with its file and line, then what
// makes the map and the text readable: summaries that are too long or too
// hard are faults too.
func check(args []string, out io.Writer) error {
	flags := flag.NewFlagSet("check", flag.ContinueOnError)
	every := flags.Bool("grades", false, "list the reading grade of every item")
	if err := flags.Parse(args); err != nil {
		return err
	}
	dir := "content"
	if flags.NArg() > 0 {
		dir = flags.Arg(0)
	}
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("check: %w", err)
	}
	k, err := loadContent(os.DirFS(dir), dir)
	if err == nil {
		items := readables(k)
		reportBodies(items, *every, out)
		if faults := append(maplayout.Faults(k), summaryFaults(items)...); len(faults) > 0 {
			err = faults.Sorted()
		}
	}
	var faults kb.Faults
	if errors.As(err, &faults) {
		return fmt.Errorf("%v\ncheck: %d problem(s) in %s", faults, len(faults), dir)
	}
	if err != nil {
		return err
	}
	numbers, err := maplayout.Measure(k)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "check: %s is fine: %d concepts, %d links, %d caveats, %d events, %d readings, %d pages, %d sources, %d tours, %d glossary terms\n",
		dir, len(k.Concepts()), len(k.Links()), len(k.Caveats()), len(k.Events()), len(k.Readings()), len(k.Pages()), len(k.Sources()), len(k.Tours()), len(k.Glossary()))
	fmt.Fprintf(out, "check: the %s\n", numbers)
	return nil
}
