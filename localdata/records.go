package localdata

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"oversight/kb"
)

// The records of local data, and what makes each one well formed. The same
// checks judge what is read from storage and what an imported file brings.

// ToursRecord holds the tours a teacher imported on this device, sorted by
// id.
var ToursRecord = Record[[]StoredTour]{
	key: toursKey, name: "imported tours", check: checkTours,
	legacy: "oversight.tours.imported",
}

// ProgressRecord holds the progress through every tour, by the tour's key
// (tour:<id> or imported:<id>).
var ProgressRecord = Record[map[string]TourProgress]{
	key: progressKey, name: "tour progress", check: checkProgress,
	legacy: "oversight.tours.progress",
}

// VisitedRecord holds the ids of the concepts opened on this device.
var VisitedRecord = Record[[]string]{
	key: visitedKey, name: "visited concepts", check: checkVisited,
}

// SettingsRecord holds the reader's settings.
var SettingsRecord = Record[Settings]{
	key: settingsKey, name: "settings", check: checkSettings,
	// Earlier versions kept the theme alone, as the bare word.
	legacy: "oversight.theme", fromLegacy: func(text string) (Settings, error) { return Settings{Theme: text}, nil },
}

// DeviceRecord holds what this device knows about itself.
var DeviceRecord = Record[DeviceFacts]{
	key: deviceKey, name: "this device’s choices", check: func(*DeviceFacts, string) error { return nil },
}

// RecordName says what a key of local data holds, for people.
func RecordName(key string) string {
	for _, r := range []struct{ key, legacy, name string }{
		{ToursRecord.key, ToursRecord.legacy, ToursRecord.name},
		{ProgressRecord.key, ProgressRecord.legacy, ProgressRecord.name},
		{VisitedRecord.key, VisitedRecord.legacy, VisitedRecord.name},
		{SettingsRecord.key, SettingsRecord.legacy, SettingsRecord.name},
		{DeviceRecord.key, DeviceRecord.legacy, DeviceRecord.name},
	} {
		if key == r.key || (key == r.legacy && key != "") {
			return r.name
		}
	}
	return key
}

// Settings are the reader's preferences, which an export carries to
// another device.
type Settings struct {
	// Theme is "light" or "dark" once the reader has chosen, and empty
	// while the app follows the system's setting.
	Theme string `json:"theme,omitempty"`
}

// DeviceFacts are about this device rather than the reader, so an export
// leaves them out: another device has its own install prompt and storage.
type DeviceFacts struct {
	// InstallPromptDismissed is set when the reader closed the suggestion
	// to install the app.
	InstallPromptDismissed bool `json:"installPromptDismissed,omitempty"`
	// PersistRequested is set once the browser has been asked to keep the
	// app's storage (navigator.storage.persist), which is asked only once.
	PersistRequested bool `json:"persistRequested,omitempty"`
}

const maxIDLength = 100

func validID(id string) bool { return len(id) <= maxIDLength && kb.ValidID(id) }

func checkVisited(v *[]string, at string) error {
	for i, id := range *v {
		if !validID(id) {
			return fmt.Errorf("%s[%d]: %q is not a concept's id", at, i, id)
		}
	}
	*v = sortedSet(*v)
	return nil
}

func checkSettings(v *Settings, at string) error {
	switch v.Theme {
	case "", "light", "dark":
		return nil
	}
	return fmt.Errorf("%s: the theme %q is neither \"light\" nor \"dark\"", join(at, "theme"), v.Theme)
}

func checkProgress(v *map[string]TourProgress, at string) error {
	for _, key := range sortedKeys(*v) {
		p := (*v)[key]
		where := fmt.Sprintf("%s[%q]", at, key)
		kind, id, _ := strings.Cut(key, ":")
		if (kind != "tour" && kind != "imported") || !validID(id) {
			return fmt.Errorf("%s: %q names no tour (it should be tour:<id> or imported:<id>)", where, key)
		}
		if p.Steps < 1 || p.Steps > kb.MaxTourSteps {
			return fmt.Errorf("%s.steps: %d is not a tour's number of steps (1 to %d)", where, p.Steps, kb.MaxTourSteps)
		}
		for i, n := range p.Seen {
			if n < 1 || n > p.Steps {
				return fmt.Errorf("%s.seen[%d]: there is no step %d in a tour of %d steps", where, i, n, p.Steps)
			}
		}
		p.Seen = sortedSet(p.Seen)
		(*v)[key] = p
	}
	return nil
}

func checkTours(v *[]StoredTour, at string) error {
	ids := make(map[string]bool)
	for i, t := range *v {
		where := fmt.Sprintf("%s[%d]", at, i)
		switch {
		case !validID(t.ID):
			return fmt.Errorf("%s.id: %q is not a tour's id", where, t.ID)
		case ids[t.ID]:
			return fmt.Errorf("%s.id: a second tour has the id %q", where, t.ID)
		case strings.TrimSpace(t.Title) == "":
			return fmt.Errorf("%s.title: the tour has no title", where)
		case t.Steps < 1 || t.Steps > kb.MaxTourSteps:
			return fmt.Errorf("%s.steps: %d is not a tour's number of steps (1 to %d)", where, t.Steps, kb.MaxTourSteps)
		case t.Markdown == "" || len(t.Markdown) > kb.MaxMarkdownBytes:
			return fmt.Errorf("%s.markdown: a tour's Markdown is 1 byte to %d KiB, this is %d bytes", where, kb.MaxMarkdownBytes/1024, len(t.Markdown))
		}
		ids[t.ID] = true
	}
	sort.Slice(*v, func(i, j int) bool { return (*v)[i].ID < (*v)[j].ID })
	return nil
}

// join adds a field to a JSON path.
func join(at, field string) string {
	if at == "" {
		return field
	}
	return at + "." + field
}

func sortedSet[T int | string](s []T) []T {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}
