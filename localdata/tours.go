package localdata

import (
	"slices"
	"sort"
)

// What the device remembers about tours: the tours a teacher imported (as
// the Markdown they wrote, parsed again on every use with the same parser
// as the built-in tours), and progress through every tour, under the key
// the app names a tour by ("tour:<id>" or "imported:<id>"). Nothing leaves
// the device.

// StoredTour is an imported tour as kept on the device.
type StoredTour struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Title    string `json:"title"`
	Steps    int    `json:"steps"`
	Markdown string `json:"markdown"`
}

// ToursByTitle lists tours by title, leaving tours as they were.
func ToursByTitle(tours []StoredTour) []StoredTour {
	tours = slices.Clone(tours)
	sort.SliceStable(tours, func(i, j int) bool { return tours[i].Title < tours[j].Title })
	return tours
}

// PutTour is the edit of ToursRecord that keeps a tour, replacing one with
// the same id.
func PutTour(tour StoredTour) func(tours *[]StoredTour) bool {
	return func(tours *[]StoredTour) bool {
		*tours = append(slices.DeleteFunc(*tours, func(t StoredTour) bool { return t.ID == tour.ID }), tour)
		return true
	}
}

// RemoveTour is the edit of ToursRecord that forgets the tour with an id.
func RemoveTour(id string) func(tours *[]StoredTour) bool {
	return func(tours *[]StoredTour) bool {
		before := len(*tours)
		*tours = slices.DeleteFunc(*tours, func(t StoredTour) bool { return t.ID == id })
		return len(*tours) < before
	}
}

// TourProgress is what the device remembers of one tour.
type TourProgress struct {
	// Seen are the steps opened, from 1.
	Seen []int `json:"seen,omitempty"`
	// Steps is how many steps the tour had.
	Steps int `json:"steps"`
	// Checked is set once every self-check question has been answered.
	Checked bool `json:"checked,omitempty"`
}

// Equal says whether p and q record the same progress.
func (p TourProgress) Equal(q TourProgress) bool {
	return p.Steps == q.Steps && p.Checked == q.Checked && slices.Equal(p.Seen, q.Seen)
}

// Complete says whether every step has been seen.
func (p TourProgress) Complete() bool { return p.Steps > 0 && len(p.Seen) >= p.Steps }

// resized is the progress through the tour as it is now, of steps steps:
// a tour that lost steps since keeps only the steps it still has.
func (p TourProgress) resized(steps int) TourProgress {
	p.Steps = steps
	p.Seen = slices.DeleteFunc(slices.Clone(p.Seen), func(n int) bool { return n > steps })
	return p
}

func (p TourProgress) equal(q TourProgress) bool {
	return slices.Equal(p.Seen, q.Seen) && p.Steps == q.Steps && p.Checked == q.Checked
}

// MarkStepSeen is the edit of ProgressRecord that remembers that step n of
// the tour named key, of steps steps, was opened.
func MarkStepSeen(key string, n, steps int) func(progress *map[string]TourProgress) bool {
	return updateProgress(key, func(p TourProgress) TourProgress {
		p = p.resized(steps)
		p.Seen = sortedSet(append(p.Seen, n))
		return p
	})
}

// MarkChecked is the edit of ProgressRecord that remembers that the
// self-check of the tour named key, of steps steps, was done.
func MarkChecked(key string, steps int) func(progress *map[string]TourProgress) bool {
	return updateProgress(key, func(p TourProgress) TourProgress {
		p = p.resized(steps)
		p.Checked = true
		return p
	})
}

// ForgetProgress is the edit of ProgressRecord that forgets the progress
// through the tour named key.
func ForgetProgress(key string) func(progress *map[string]TourProgress) bool {
	return func(progress *map[string]TourProgress) bool {
		_, had := (*progress)[key]
		delete(*progress, key)
		return had
	}
}

// updateProgress edits one tour's progress, and says whether it changed.
func updateProgress(key string, edit func(TourProgress) TourProgress) func(progress *map[string]TourProgress) bool {
	return func(progress *map[string]TourProgress) bool {
		if *progress == nil {
			*progress = make(map[string]TourProgress)
		}
		had, ok := (*progress)[key]
		now := edit(had)
		(*progress)[key] = now
		return !ok || !had.equal(now)
	}
}
