package app

import (
	"slices"
	"sort"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// What the device remembers about tours, kept in the local data (see
// localdata.go): the tours a teacher imported (as the Markdown they wrote,
// parsed again on every use with the same parser as the built-in tours),
// and progress through every tour. Nothing leaves the device.

// storedTour is an imported tour as kept on the device.
type storedTour struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Title    string `json:"title"`
	Steps    int    `json:"steps"`
	Markdown string `json:"markdown"`
}

// importedTours lists the tours imported on this device, by title.
func (s *store) importedTours(ctx ui.Context) []storedTour {
	tours := slices.Clone(readLocal(ctx, s, toursRecord))
	sort.SliceStable(tours, func(i, j int) bool { return tours[i].Title < tours[j].Title })
	return tours
}

func (s *store) importedTour(ctx ui.Context, id string) (storedTour, bool) {
	for _, t := range s.importedTours(ctx) {
		if t.ID == id {
			return t, true
		}
	}
	return storedTour{}, false
}

// storeImportedTour keeps a tour, replacing one with the same id.
func (s *store) storeImportedTour(ctx ui.Context, tour storedTour) {
	changeLocal(ctx, s, toursRecord, func(tours *[]storedTour) bool {
		*tours = append(slices.DeleteFunc(*tours, func(t storedTour) bool { return t.ID == tour.ID }), tour)
		return true
	})
}

// removeImportedTour forgets a tour and the progress through it.
func (s *store) removeImportedTour(ctx ui.Context, id string) {
	changeLocal(ctx, s, toursRecord, func(tours *[]storedTour) bool {
		before := len(*tours)
		*tours = slices.DeleteFunc(*tours, func(t storedTour) bool { return t.ID == id })
		return len(*tours) < before
	})
	key := tourRef{ID: id, Imported: true}.key()
	changeLocal(ctx, s, progressRecord, func(progress *map[string]tourProgress) bool {
		_, had := (*progress)[key]
		delete(*progress, key)
		return had
	})
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

// resized is the progress through the tour as it is now, of steps steps:
// a tour that lost steps since keeps only the steps it still has.
func (p tourProgress) resized(steps int) tourProgress {
	p.Steps = steps
	p.Seen = slices.DeleteFunc(slices.Clone(p.Seen), func(n int) bool { return n > steps })
	return p
}

func (s *store) loadProgress(ctx ui.Context) map[string]tourProgress {
	progress := make(map[string]tourProgress)
	for k, p := range readLocal(ctx, s, progressRecord) {
		progress[k] = p
	}
	return progress
}

// markStepSeen remembers that step n of a tour of steps steps was opened.
func (s *store) markStepSeen(ctx ui.Context, ref tourRef, n, steps int) {
	s.updateProgress(ctx, ref, func(p tourProgress) tourProgress {
		p = p.resized(steps)
		p.Seen = sortedSet(append(p.Seen, n))
		return p
	})
}

// markChecked remembers that a tour's self-check was done.
func (s *store) markChecked(ctx ui.Context, ref tourRef, steps int) {
	s.updateProgress(ctx, ref, func(p tourProgress) tourProgress {
		p = p.resized(steps)
		p.Checked = true
		return p
	})
}

// updateProgress changes one tour's progress, writing only if it changed.
func (s *store) updateProgress(ctx ui.Context, ref tourRef, edit func(tourProgress) tourProgress) {
	changeLocal(ctx, s, progressRecord, func(progress *map[string]tourProgress) bool {
		if *progress == nil {
			*progress = make(map[string]tourProgress)
		}
		had, ok := (*progress)[ref.key()]
		now := edit(had)
		(*progress)[ref.key()] = now
		return !ok || !had.equal(now)
	})
}

func (p tourProgress) equal(q tourProgress) bool {
	return slices.Equal(p.Seen, q.Seen) && p.Steps == q.Steps && p.Checked == q.Checked
}
