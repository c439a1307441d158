package localdata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The export file: all of the reader's local data as one JSON file, to
// keep, or to bring to another device. Its encoding is canonical (fields in
// a fixed order, map keys and lists sorted, two-space indents), so that
// exporting, importing the file and exporting again gives the same bytes.
//
// Importing merges: it adds the file's data to this device's and never
// takes any away, because a learner who imports an old file must not lose
// what they have done since. Visited concepts and the steps seen of each
// tour are combined; a tour of one's own in both is replaced by the file's
// copy (the file is what the reader chose to bring); the file's theme, if
// it has one, becomes this device's. What this device knows about itself
// (install prompt, storage persistence) is never exported.

// dataFileFormat names the app's export files, so that an import can tell
// one from any other JSON.
const dataFileFormat = "oversight-explorer-data"

// maxDataFileBytes is the largest file an import reads: more than all the
// localStorage a browser gives a site.
const maxDataFileBytes = 10 << 20

// dataFile is an export.
type dataFile struct {
	Format   string                  `json:"format"`
	Schema   int                     `json:"schema"`
	Settings Settings                `json:"settings"`
	Visited  []string                `json:"visited"`
	Progress map[string]TourProgress `json:"progress"`
	Tours    []StoredTour            `json:"tours"`
	// SetAside are the records this device could not read, as found.
	SetAside []SetAsideEntry `json:"setAside"`
}

// Export is the device's local data as a file.
func (s *Store) Export() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := dataFile{
		Format:   dataFileFormat,
		Schema:   dataSchema,
		Settings: readRecord(s, SettingsRecord),
		Visited:  orEmpty(readRecord(s, VisitedRecord)),
		Progress: readRecord(s, ProgressRecord),
		Tours:    orEmpty(readRecord(s, ToursRecord)),
		SetAside: []SetAsideEntry{},
	}
	if f.Progress == nil {
		f.Progress = map[string]TourProgress{}
	}
	for _, e := range s.listSetAside() {
		f.SetAside = append(f.SetAside, e.SetAsideEntry)
	}
	sortSetAside(f.SetAside)
	return encodeDataFile(f)
}

func encodeDataFile(f dataFile) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		panic("encoding local data: " + err.Error())
	}
	return b.Bytes()
}

// decodeDataFile reads an export and checks all of it, with the same rules
// as stored records. Its error says what is wrong and where: a line and
// column, or a JSON path.
func decodeDataFile(data []byte) (dataFile, error) {
	var f dataFile
	if err := CheckFileSize(len(data)); err != nil {
		return f, err
	}
	var head map[string]json.RawMessage
	if err := json.Unmarshal(data, &head); err != nil {
		return f, jsonProblem(data, err)
	}
	var format string
	if json.Unmarshal(head["format"], &format) != nil || format != dataFileFormat {
		return f, fmt.Errorf(`this is not a file exported by %s: it has no "format": %q`, appName, dataFileFormat)
	}
	if err := checkSchema(head["schema"]); err != nil {
		return f, err
	}
	if err := strictJSON(data, &f); err != nil {
		return f, err
	}
	for _, err := range []error{
		checkSettings(&f.Settings, "settings"),
		checkVisited(&f.Visited, "visited"),
		checkProgress(&f.Progress, "progress"),
		checkTours(&f.Tours, "tours"),
	} {
		if err != nil {
			return f, err
		}
	}
	return f, nil
}

// CheckFileSize refuses a file larger than any export, so that a file
// picker can refuse one before reading it.
func CheckFileSize(size int) error {
	if size > maxDataFileBytes {
		return fmt.Errorf("the file is %d MiB, larger than any export of this app (at most %d MiB)", (size+1<<20-1)>>20, maxDataFileBytes>>20)
	}
	return nil
}

// ImportReport says what an import changed; Sentence says it to the reader.
type ImportReport struct {
	visited, progress, toursAdded, toursReplaced, setAside int
	theme                                                  string
}

// merge adds a checked file's data to the device's.
func (s *Store) merge(f dataFile) ImportReport {
	s.mu.Lock()
	defer s.mu.Unlock()
	var r ImportReport
	changeRecord(s, VisitedRecord, func(v *[]string) bool {
		*v, r.visited = mergeVisited(*v, f.Visited)
		return r.visited > 0
	})
	changeRecord(s, ProgressRecord, func(v *map[string]TourProgress) bool {
		*v, r.progress = mergeProgress(*v, f.Progress)
		return r.progress > 0
	})
	changeRecord(s, ToursRecord, func(v *[]StoredTour) bool {
		*v, r.toursAdded, r.toursReplaced = mergeTours(*v, f.Tours)
		return r.toursAdded+r.toursReplaced > 0
	})
	changeRecord(s, SettingsRecord, func(v *Settings) bool {
		if f.Settings.Theme == "" || f.Settings.Theme == v.Theme {
			return false
		}
		v.Theme, r.theme = f.Settings.Theme, f.Settings.Theme
		return true
	})
	r.setAside = s.addSetAside(f.SetAside)
	return r
}

// mergeVisited is the union of two sets of visited concepts, and how many
// the second added.
func mergeVisited(device, file []string) ([]string, int) {
	merged := sortedSet(append(slices.Clone(device), file...))
	return merged, len(merged) - len(sortedSet(device))
}

// mergeProgress combines the steps seen of each tour, and counts the tours
// whose progress grew.
func mergeProgress(device, file map[string]TourProgress) (map[string]TourProgress, int) {
	merged := make(map[string]TourProgress, len(device)+len(file))
	for k, p := range device {
		merged[k] = p
	}
	grew := 0
	for _, k := range sortedKeys(file) {
		had, in := merged[k], file[k]
		p := TourProgress{
			Seen:    sortedSet(append(slices.Clone(had.Seen), in.Seen...)),
			Steps:   max(had.Steps, in.Steps),
			Checked: had.Checked || in.Checked,
		}
		if !had.equal(p) {
			grew++
		}
		merged[k] = p
	}
	return merged, grew
}

// mergeTours adds the file's tours of one's own; one with the id of a tour
// already here replaces it.
func mergeTours(device, file []StoredTour) (merged []StoredTour, added, replaced int) {
	byID := make(map[string]StoredTour, len(device))
	for _, t := range device {
		byID[t.ID] = t
	}
	for _, t := range file {
		had, ok := byID[t.ID]
		switch {
		case !ok:
			added++
		case had != t:
			replaced++
		}
		byID[t.ID] = t
	}
	for _, id := range sortedKeys(byID) {
		merged = append(merged, byID[id])
	}
	return merged, added, replaced
}

// addSetAside keeps the file's set-aside records that this device does
// not have yet, each under a new key.
func (s *Store) addSetAside(entries []SetAsideEntry) int {
	have := make(map[SetAsideEntry]bool)
	for _, e := range s.listSetAside() {
		have[e.SetAsideEntry] = true
	}
	added := 0
	for _, e := range entries {
		if have[e] {
			continue
		}
		have[e] = true
		s.write(s.freeSetAsideKey(), string(mustJSON(e)))
		added++
	}
	return added
}

func sortSetAside(entries []SetAsideEntry) {
	sort.Slice(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.Found != b.Found {
			return a.Found < b.Found
		}
		if a.Record != b.Record {
			return a.Record < b.Record
		}
		if a.Reason != b.Reason {
			return a.Reason < b.Reason
		}
		return a.Text < b.Text
	})
}

// ImportData checks a file and merges it; a file with any fault changes
// nothing.
func (s *Store) ImportData(data []byte) (ImportReport, error) {
	f, err := decodeDataFile(data)
	if err != nil {
		return ImportReport{}, err
	}
	return s.merge(f), nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Sentence says what an import changed.
func (r ImportReport) Sentence() string {
	var parts []string
	count := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, strconv.Itoa(n)+" "+many)
		}
	}
	count(r.visited, "concept newly visited", "concepts newly visited")
	count(r.progress, "tour with more progress", "tours with more progress")
	count(r.toursAdded, "tour of your own added", "tours of your own added")
	count(r.toursReplaced, "tour of your own replaced by the file’s copy", "tours of your own replaced by the file’s copy")
	if r.theme != "" {
		parts = append(parts, "the "+r.theme+" theme")
	}
	count(r.setAside, "set-aside record", "set-aside records")
	if len(parts) == 0 {
		return "imported. This device already had everything in it."
	}
	last := parts[len(parts)-1]
	if len(parts) > 1 {
		last = strings.Join(parts[:len(parts)-1], ", ") + " and " + last
	}
	return "imported: " + last + "."
}
