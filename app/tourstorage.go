package app

import (
	"sort"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// What the device remembers about tours, in localStorage: the tours a
// teacher imported (as the Markdown they wrote, parsed again on every use
// with the same parser as the built-in tours), and progress through every
// tour. Nothing leaves the device.
const (
	importedToursKey = "oversight.tours.imported"
	tourProgressKey  = "oversight.tours.progress"
)

// storedTour is an imported tour as kept on the device.
type storedTour struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Title    string `json:"title"`
	Steps    int    `json:"steps"`
	Markdown string `json:"markdown"`
}

// importedTours lists the tours imported on this device, by title.
func importedTours(ctx ui.Context) []storedTour {
	var tours []storedTour
	if err := ctx.LocalStorage().Get(importedToursKey, &tours); err != nil {
		return nil
	}
	sort.SliceStable(tours, func(i, j int) bool { return tours[i].Title < tours[j].Title })
	return tours
}

func importedTour(ctx ui.Context, id string) (storedTour, bool) {
	for _, t := range importedTours(ctx) {
		if t.ID == id {
			return t, true
		}
	}
	return storedTour{}, false
}

// storeImportedTour keeps a tour, replacing one with the same id.
func storeImportedTour(ctx ui.Context, tour storedTour) error {
	tours := []storedTour{tour}
	for _, t := range importedTours(ctx) {
		if t.ID != tour.ID {
			tours = append(tours, t)
		}
	}
	return ctx.LocalStorage().Set(importedToursKey, tours)
}

func removeImportedTour(ctx ui.Context, id string) {
	var tours []storedTour
	for _, t := range importedTours(ctx) {
		if t.ID != id {
			tours = append(tours, t)
		}
	}
	_ = ctx.LocalStorage().Set(importedToursKey, tours)
	progress := loadProgress(ctx)
	delete(progress, tourRef{ID: id, Imported: true}.key())
	_ = ctx.LocalStorage().Set(tourProgressKey, progress)
}

// tourProgress is what the device remembers of one tour.
type tourProgress struct {
	// Seen are the steps opened, from 1.
	Seen []int `json:"seen,omitempty"`
	// Steps is how many steps the tour had.
	Steps int `json:"steps"`
	// Checked is set once every self-check question has been answered.
	Checked bool `json:"checked,omitempty"`
}

// Complete says whether every step has been seen.
func (p tourProgress) Complete() bool { return p.Steps > 0 && len(p.Seen) >= p.Steps }

func loadProgress(ctx ui.Context) map[string]tourProgress {
	progress := make(map[string]tourProgress)
	if err := ctx.LocalStorage().Get(tourProgressKey, &progress); err != nil || progress == nil {
		return make(map[string]tourProgress)
	}
	return progress
}

// markStepSeen remembers that step n of a tour of steps steps was opened.
func markStepSeen(ctx ui.Context, ref tourRef, n, steps int) {
	progress := loadProgress(ctx)
	p := progress[ref.key()]
	p.Steps = steps
	for _, s := range p.Seen {
		if s == n {
			return
		}
	}
	p.Seen = append(p.Seen, n)
	sort.Ints(p.Seen)
	progress[ref.key()] = p
	_ = ctx.LocalStorage().Set(tourProgressKey, progress)
}

// markChecked remembers that a tour's self-check was done.
func markChecked(ctx ui.Context, ref tourRef, steps int) {
	progress := loadProgress(ctx)
	p := progress[ref.key()]
	p.Steps = steps
	p.Checked = true
	progress[ref.key()] = p
	_ = ctx.LocalStorage().Set(tourProgressKey, progress)
}
