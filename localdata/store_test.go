package localdata

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// memoryStorage is localStorage for the store's tests: a map, which can be
// given a quota in bytes (keys and values) or blocked outright.
type memoryStorage struct {
	items   map[string]string
	quota   int
	blocked bool
}

func newMemoryStorage(items map[string]string) *memoryStorage {
	if items == nil {
		items = make(map[string]string)
	}
	return &memoryStorage{items: items}
}

func (m *memoryStorage) GetItem(key string) (string, bool) {
	v, ok := m.items[key]
	return v, ok
}

func (m *memoryStorage) SetItem(key, value string) error {
	if m.blocked {
		return ErrStorageBlocked
	}
	if m.quota > 0 && m.used()-m.sizeOf(key)+len(key)+len(value) > m.quota {
		return ErrStorageFull
	}
	m.items[key] = value
	return nil
}

func (m *memoryStorage) RemoveItem(key string) { delete(m.items, key) }

func (m *memoryStorage) Keys() []string { return slices.Sorted(maps.Keys(m.items)) }

func (m *memoryStorage) used() int {
	n := 0
	for k := range m.items {
		n += m.sizeOf(k)
	}
	return n
}

func (m *memoryStorage) sizeOf(key string) int {
	v, ok := m.items[key]
	if !ok {
		return 0
	}
	return len(key) + len(v)
}

// fill leaves no room for anything more.
func (m *memoryStorage) fill() { m.quota = m.used() }

func (m *memoryStorage) snapshot() map[string]string { return maps.Clone(m.items) }

var testTime = time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)

func openTestStore(kv KeyValue) *Store {
	return Open(kv, nil, func() time.Time { return testTime })
}

// A device with some of everything, stored the way this version stores it.
func wellStocked() map[string]string {
	return map[string]string{
		toursKey:    `{"schema":1,"data":[{"id":"my-lesson","name":"my-lesson.md","title":"My lesson","steps":2,"markdown":"# A tour"}]}`,
		progressKey: `{"schema":1,"data":{"imported:my-lesson":{"seen":[1],"steps":2},"tour:why-the-judge-fails":{"seen":[1,2,3],"steps":5,"checked":true}}}`,
		visitedKey:  `{"schema":1,"data":["debate","scalable-oversight"]}`,
		settingsKey: `{"schema":1,"data":{"theme":"dark"}}`,
		deviceKey:   `{"schema":1,"data":{"persistRequested":true}}`,
	}
}

func visitedIn(s *Store) []string {
	v, _ := Load(s, VisitedRecord)
	return v
}

func visit(s *Store, id string) {
	Change(s, VisitedRecord, func(v *[]string) bool {
		*v = sortedSet(append(*v, id))
		return true
	})
}

func TestEveryRecordIsStoredWithItsSchemaVersion(t *testing.T) {
	kv := newMemoryStorage(nil)
	s := openTestStore(kv)
	visit(s, "debate")
	Change(s, SettingsRecord, func(v *Settings) bool { v.Theme = "light"; return true })
	if got, want := kv.items[visitedKey], `{"schema":1,"data":["debate"]}`; got != want {
		t.Errorf("the visited concepts are stored as %s, want %s", got, want)
	}
	if got, want := kv.items[settingsKey], `{"schema":1,"data":{"theme":"light"}}`; got != want {
		t.Errorf("the settings are stored as %s, want %s", got, want)
	}
	if _, left := kv.items[probeKey]; left {
		t.Errorf("the storage probe was left behind")
	}
	if n := s.Notice(); !n.Empty() {
		t.Errorf("a working device has a notice: %+v", n)
	}
}

// The browser opens the local data on its main thread as the app starts:
// it pauses after each record, so that a tap is answered in between, and
// reads every record as Open does.
func TestOpeningPausesAfterEachRecord(t *testing.T) {
	pauses := 0
	s := OpenPausing(newMemoryStorage(wellStocked()), nil, func() time.Time { return testTime }, func() { pauses++ })
	if records := len(wellStocked()); pauses != records {
		t.Fatalf("%d pauses for %d records", pauses, records)
	}
	if got := visitedIn(s); !slices.Equal(got, []string{"debate", "scalable-oversight"}) {
		t.Errorf("visited concepts read after pausing: %v", got)
	}
}

// Every way a stored record can be unreadable, for every record.
var faults = []struct {
	name, text, reason, told string
}{
	{"not JSON", `{"schema":1,"data":["debate"`, "line 1, column 29: this is not valid JSON (unexpected end of JSON input)", "damaged"},
	{"not an envelope", `["debate"]`, "line 1: in the data, an object was expected, not an array", "damaged"},
	{"no schema", `{"data":[]}`, `there is no "schema"`, "damaged"},
	{"a schema that is not a number", `{"schema":"one","data":[]}`, `"schema" is "one", not a data format's version`, "damaged"},
	{"a newer schema", `{"schema":2,"data":{"anything":"new"}}`, "saved by a newer version of Oversight Explorer (data format 2; this version reads format 1 and earlier)", "saved by a newer version of the app"},
	{"an unknown field", `{"schema":1,"data":null,"extra":true}`, `unknown field "extra"`, "damaged"},
	{"data of the wrong type", `{"schema":1,"data":"text"}`, "line 1: in the data, ", "damaged"},
}

func TestAnUnreadableRecordIsSetAsideAndEverythingElseStillReads(t *testing.T) {
	for _, key := range []string{toursKey, progressKey, visitedKey, settingsKey, deviceKey} {
		for _, f := range faults {
			t.Run(RecordName(key)+" "+f.name, func(t *testing.T) {
				items := wellStocked()
				items[key] = f.text
				kv := newMemoryStorage(items)
				s := openTestStore(kv)

				entries := s.SetAsideRecords()
				if len(entries) != 1 {
					t.Fatalf("%d records set aside, want 1", len(entries))
				}
				e := entries[0]
				if e.Key != setAsidePrefix+"1" || e.Record != key || e.Text != f.text || e.Found != "2025-03-14T09:26:53Z" {
					t.Errorf("set aside as %+v", e)
				}
				if !strings.Contains(e.Reason, f.reason) {
					t.Errorf("the reason given is %q, want it to say %q", e.Reason, f.reason)
				}
				if _, still := kv.items[key]; still {
					t.Errorf("the unreadable text is still under %s, where it would be set aside again", key)
				}
				for other, text := range wellStocked() {
					if other != key && kv.items[other] != text {
						t.Errorf("%s changed from %s to %s", other, text, kv.items[other])
					}
				}
				want := []string{RecordName(key) + " (" + f.told + ")"}
				if n := s.Notice(); !slices.Equal(n.SetAside, want) || n.State != StorageWorking {
					t.Errorf("the notice is %+v, want it to name %q", n, want)
				}
				s.Acknowledge()
				if n := s.Notice(); !n.Empty() {
					t.Errorf("once read, the notice still says %+v", n)
				}
			})
		}
	}
}

func TestAWellFormedRecordWithImpossibleValuesIsSetAside(t *testing.T) {
	for _, c := range []struct{ key, text, reason string }{
		{visitedKey, `{"schema":1,"data":["Debate!"]}`, `data[0]: "Debate!" is not a concept's id`},
		{settingsKey, `{"schema":1,"data":{"theme":"purple"}}`, `data.theme: the theme "purple" is neither "light" nor "dark"`},
		{progressKey, `{"schema":1,"data":{"tour:x":{"seen":[9],"steps":5}}}`, `data["tour:x"].seen[0]: there is no step 9 in a tour of 5 steps`},
		{progressKey, `{"schema":1,"data":{"somewhere":{"steps":5}}}`, `data["somewhere"]: "somewhere" names no tour`},
		{toursKey, `{"schema":1,"data":[{"id":"a","title":"","steps":1,"markdown":"x"}]}`, `data[0].title: the tour has no title`},
		{toursKey, `{"schema":1,"data":[{"id":"a","title":"A","steps":1,"markdown":"x"},{"id":"a","title":"B","steps":1,"markdown":"y"}]}`, `data[1].id: a second tour has the id "a"`},
	} {
		s := openTestStore(newMemoryStorage(map[string]string{c.key: c.text}))
		entries := s.SetAsideRecords()
		if len(entries) != 1 || !strings.HasPrefix(entries[0].Reason, c.reason) {
			t.Errorf("%s: set aside %+v, want the reason %q", c.text, entries, c.reason)
		}
	}
}

func TestRecordsAreReadInTheirOneCanonicalForm(t *testing.T) {
	s := openTestStore(newMemoryStorage(map[string]string{
		visitedKey:  `{"schema":1,"data":["debate","auditing-tools","debate"]}`,
		progressKey: `{"schema":1,"data":{"tour:x":{"seen":[3,1,3],"steps":5}}}`,
	}))
	if got := visitedIn(s); !slices.Equal(got, []string{"auditing-tools", "debate"}) {
		t.Errorf("visited reads %v", got)
	}
	progress, _ := Load(s, ProgressRecord)
	if got := progress["tour:x"].Seen; !slices.Equal(got, []int{1, 3}) {
		t.Errorf("seen reads %v", got)
	}
	if len(s.SetAsideRecords()) != 0 {
		t.Errorf("order and repeats are not faults, yet something was set aside")
	}
}

func TestSetAsideRecordsAreNeverOverwritten(t *testing.T) {
	kv := newMemoryStorage(map[string]string{
		settingsKey:          `{"schema":1,"data":{}}`,
		setAsidePrefix + "1": `{"record":"oversight.visited","reason":"r","found":"f","text":"older"}`,
		setAsidePrefix + "7": `not even JSON`,
		visitedKey:           `garbage`,
	})
	s := openTestStore(kv)
	if kv.items[setAsidePrefix+"8"] == "" {
		t.Fatalf("the new set-aside record is not after the last one: keys %v", kv.Keys())
	}
	kv.items[visitedKey] = `more garbage`
	visitedIn(s)
	if kv.items[setAsidePrefix+"9"] == "" {
		t.Fatalf("a second fault overwrote a set-aside record: keys %v", kv.Keys())
	}
	entries := s.SetAsideRecords()
	if len(entries) != 4 {
		t.Fatalf("%d set-aside records listed, want 4", len(entries))
	}
	if damaged := entries[1]; damaged.Key != setAsidePrefix+"7" || damaged.Text != "not even JSON" || !strings.Contains(damaged.Reason, "itself damaged") {
		t.Errorf("an unreadable set-aside record is listed as %+v", damaged)
	}
	s.DiscardSetAside(setAsidePrefix + "7")
	s.DiscardSetAside(settingsKey) // not set aside: never discarded
	if _, ok := kv.items[setAsidePrefix+"7"]; ok {
		t.Errorf("discarding did not remove the set-aside record")
	}
	if _, ok := kv.items[settingsKey]; !ok {
		t.Errorf("discard removed a record that was not set aside")
	}
}

func TestWhenStorageIsFullTheAppKeepsWorkingInMemoryAndTouchesNothingStored(t *testing.T) {
	kv := newMemoryStorage(wellStocked())
	s := openTestStore(kv)
	kv.fill()
	before := kv.snapshot()

	visit(s, "weak-to-strong-generalization")
	if got := visitedIn(s); !slices.Contains(got, "weak-to-strong-generalization") {
		t.Errorf("the visit was lost: visited reads %v", got)
	}
	if s.Storage() != StorageFull {
		t.Errorf("the store does not know the device is full")
	}
	if n := s.Notice(); n.State != StorageFull {
		t.Errorf("the reader is not told: %+v", n)
	}
	s.Acknowledge()

	// Room again, but this visit writes nothing more: stored data stays one
	// consistent whole, as it was before the failure.
	kv.quota = 0
	Change(s, SettingsRecord, func(v *Settings) bool { v.Theme = "light"; return true })
	if !maps.Equal(kv.items, before) {
		t.Errorf("the device's data changed after a failed write:\n%v\nwant\n%v", kv.items, before)
	}
	if got, _ := Load(s, SettingsRecord); got.Theme != "light" {
		t.Errorf("the change made in memory reads %q", got.Theme)
	}
	if n := s.Notice(); !n.Empty() {
		t.Errorf("the reader is told again: %+v", n)
	}
}

func TestWhenStorageIsBlockedTheAppKeepsEverythingInMemory(t *testing.T) {
	for name, kv := range map[string]KeyValue{
		"setItem throws":    &memoryStorage{items: map[string]string{}, blocked: true},
		"no storage at all": nil,
	} {
		s := openTestStore(kv)
		if n := s.Notice(); n.State != StorageBlocked {
			t.Errorf("%s: the reader is not told at once: %+v", name, n)
		}
		visit(s, "debate")
		if got := visitedIn(s); !slices.Equal(got, []string{"debate"}) {
			t.Errorf("%s: visited reads %v", name, got)
		}
		if got := string(s.Export()); !strings.Contains(got, `"debate"`) {
			t.Errorf("%s: the export lacks what is in memory:\n%s", name, got)
		}
	}
}

func TestAnUnreadableRecordOnAFullDeviceStaysWhereItIs(t *testing.T) {
	items := wellStocked()
	items[visitedKey] = `{"schema":1,"data":[`
	kv := newMemoryStorage(items)
	kv.fill()
	s := openTestStore(kv)

	if kv.items[visitedKey] != `{"schema":1,"data":[` {
		t.Errorf("the only copy of the unreadable record was touched: %q", kv.items[visitedKey])
	}
	visitedIn(s)
	visitedIn(s)
	entries := s.SetAsideRecords()
	if len(entries) != 1 || entries[0].Text != `{"schema":1,"data":[` {
		t.Errorf("set aside (in memory) as %+v, want once", entries)
	}
	if n := s.Notice(); n.State != StorageFull || len(n.SetAside) != 1 {
		t.Errorf("the notice is %+v, want the set-aside record and the full device", n)
	}
	visit(s, "debate")
	if got := visitedIn(s); !slices.Equal(got, []string{"debate"}) {
		t.Errorf("visiting afterwards reads %v", got)
	}
}

func TestRecordsOfEarlierVersionsAreMovedIntoTheCurrentFormat(t *testing.T) {
	kv := newMemoryStorage(map[string]string{
		"oversight.tours.imported": `[{"id":"my-lesson","name":"my-lesson.md","title":"My lesson","steps":2,"markdown":"# A tour"}]`,
		"oversight.tours.progress": `{"tour:why-the-judge-fails":{"seen":[2,1],"steps":5}}`,
		"oversight.theme":          `dark`,
		"unrelated":                `kept`,
	})
	s := openTestStore(kv)
	want := map[string]string{
		toursKey:    `{"schema":1,"data":[{"id":"my-lesson","name":"my-lesson.md","title":"My lesson","steps":2,"markdown":"# A tour"}]}`,
		progressKey: `{"schema":1,"data":{"tour:why-the-judge-fails":{"seen":[1,2],"steps":5}}}`,
		settingsKey: `{"schema":1,"data":{"theme":"dark"}}`,
		"unrelated": `kept`,
	}
	if !maps.Equal(kv.items, want) {
		t.Errorf("after migration the device holds\n%v\nwant\n%v", kv.items, want)
	}
	if n := s.Notice(); !n.Empty() {
		t.Errorf("a migration is news to nobody, yet: %+v", n)
	}
}

func TestEarlierVersionsRecordsThatCannotMoveAreNeitherLostNorMovedTwice(t *testing.T) {
	t.Run("unreadable", func(t *testing.T) {
		kv := newMemoryStorage(map[string]string{"oversight.theme": `purple`})
		s := openTestStore(kv)
		if e := s.SetAsideRecords(); len(e) != 1 || e[0].Record != "oversight.theme" || e[0].Text != "purple" {
			t.Errorf("set aside as %+v", e)
		}
		if _, left := kv.items["oversight.theme"]; left {
			t.Errorf("the old key stayed, to be set aside again")
		}
	})
	t.Run("beside a current record", func(t *testing.T) {
		kv := newMemoryStorage(map[string]string{settingsKey: `{"schema":1,"data":{"theme":"light"}}`, "oversight.theme": `dark`})
		s := openTestStore(kv)
		if got, _ := Load(s, SettingsRecord); got.Theme != "light" {
			t.Errorf("the current record lost to the old one: %q", got.Theme)
		}
		if e := s.SetAsideRecords(); len(e) != 1 || e[0].Text != "dark" || !strings.Contains(e[0].Reason, "earlier version") {
			t.Errorf("the old record is set aside as %+v", e)
		}
	})
	t.Run("on a full device", func(t *testing.T) {
		kv := newMemoryStorage(map[string]string{"oversight.theme": `dark`})
		kv.fill()
		s := openTestStore(kv)
		if got, _ := Load(s, SettingsRecord); got.Theme != "dark" {
			t.Errorf("the theme reads %q in this visit", got.Theme)
		}
		if kv.items["oversight.theme"] != "dark" || len(kv.items) != 1 {
			t.Errorf("the old record was touched: %v", kv.items)
		}
	})
}

func TestPersistentStorageIsRequestedOnceAfterTheFirstSave(t *testing.T) {
	kv := newMemoryStorage(nil)
	asked := 0
	ask := func() bool { asked++; return true }
	s := Open(kv, ask, time.Now)
	if asked != 0 {
		t.Errorf("asked %d times before anything was saved", asked)
	}
	visit(s, "debate")
	visit(s, "debate-2")
	if asked != 1 {
		t.Errorf("asked %d times after two saves, want once", asked)
	}
	s = Open(kv, ask, time.Now)
	visit(s, "superalignment")
	if asked != 1 {
		t.Errorf("asked again in a later visit: %d times", asked)
	}

	// A browser without navigator.storage.persist: asked in a later visit
	// on a browser that has it.
	kv = newMemoryStorage(nil)
	s = Open(kv, func() bool { return false }, time.Now)
	visit(s, "debate")
	s = Open(kv, ask, time.Now)
	visit(s, "superalignment")
	if asked != 2 {
		t.Errorf("a device never asked was not asked: %d", asked)
	}
}

func TestTheExportFileIsCanonicalJSON(t *testing.T) {
	items := wellStocked()
	items[setAsidePrefix+"1"] = `{"record":"oversight.visited","reason":"line 1, column 2: bad","found":"2025-03-01T08:00:00Z","text":"[1,"}`
	s := openTestStore(newMemoryStorage(items))
	want := `{
  "format": "oversight-explorer-data",
  "schema": 1,
  "settings": {
    "theme": "dark"
  },
  "visited": [
    "debate",
    "scalable-oversight"
  ],
  "progress": {
    "imported:my-lesson": {
      "seen": [
        1
      ],
      "steps": 2
    },
    "tour:why-the-judge-fails": {
      "seen": [
        1,
        2,
        3
      ],
      "steps": 5,
      "checked": true
    }
  },
  "tours": [
    {
      "id": "my-lesson",
      "name": "my-lesson.md",
      "title": "My lesson",
      "steps": 2,
      "markdown": "# A tour"
    }
  ],
  "setAside": [
    {
      "record": "oversight.visited",
      "reason": "line 1, column 2: bad",
      "found": "2025-03-01T08:00:00Z",
      "text": "[1,"
    }
  ]
}
`
	if got := string(s.Export()); got != want {
		t.Errorf("the export reads\n%s\nwant\n%s", got, want)
	}
	if got := string(openTestStore(newMemoryStorage(nil)).Export()); !strings.Contains(got, `"visited": [],`) || !strings.Contains(got, `"progress": {},`) {
		t.Errorf("an empty device exports\n%s", got)
	}
}

func TestExportImportExportGivesTheSameBytes(t *testing.T) {
	items := wellStocked()
	items[setAsidePrefix+"3"] = `{"record":"oversight.progress","reason":"r","found":"2025-03-01T08:00:00Z","text":"x"}`
	first := openTestStore(newMemoryStorage(items)).Export()

	// On a device with nothing, as after clearing site data.
	cleared := openTestStore(newMemoryStorage(nil))
	if _, err := cleared.ImportData(first); err != nil {
		t.Fatal(err)
	}
	if again := cleared.Export(); string(again) != string(first) {
		t.Errorf("the re-export differs:\n%s\nfirst:\n%s", again, first)
	}

	// On the device it came from: nothing to add.
	same := openTestStore(newMemoryStorage(items))
	report, err := same.ImportData(first)
	if err != nil {
		t.Fatal(err)
	}
	if report != (ImportReport{}) {
		t.Errorf("importing a device's own export changed %+v", report)
	}
	if again := same.Export(); string(again) != string(first) {
		t.Errorf("the re-export on the same device differs:\n%s", again)
	}
}

func TestImportAddsToWhatIsHereAndTakesNothingAway(t *testing.T) {
	here := openTestStore(newMemoryStorage(map[string]string{
		visitedKey:  `{"schema":1,"data":["debate","superalignment"]}`,
		progressKey: `{"schema":1,"data":{"tour:why-the-judge-fails":{"seen":[4,5],"steps":5}}}`,
		toursKey:    `{"schema":1,"data":[{"id":"mine","title":"Mine","steps":1,"markdown":"old"},{"id":"other","title":"Other","steps":1,"markdown":"o"}]}`,
		settingsKey: `{"schema":1,"data":{"theme":"light"}}`,
	}))
	file := openTestStore(newMemoryStorage(wellStocked())).Export()
	file = []byte(strings.Replace(string(file), `"id": "my-lesson"`, `"id": "mine"`, 1))
	file = []byte(strings.Replace(string(file), `"imported:my-lesson"`, `"imported:mine"`, 1))

	report, err := here.ImportData(file)
	if err != nil {
		t.Fatal(err)
	}
	if got := visitedIn(here); !slices.Equal(got, []string{"debate", "scalable-oversight", "superalignment"}) {
		t.Errorf("visited is %v", got)
	}
	progress, _ := Load(here, ProgressRecord)
	if got := progress["tour:why-the-judge-fails"]; !slices.Equal(got.Seen, []int{1, 2, 3, 4, 5}) || !got.Checked {
		t.Errorf("the tour's progress is %+v, want every step from both and the self-check", got)
	}
	tours, _ := Load(here, ToursRecord)
	if len(tours) != 2 || tours[0].ID != "mine" || tours[0].Markdown != "# A tour" || tours[1].ID != "other" {
		t.Errorf("the tours are %+v, want mine replaced by the file's and other kept", tours)
	}
	if got, _ := Load(here, SettingsRecord); got.Theme != "dark" {
		t.Errorf("the theme is %q, want the file's", got.Theme)
	}
	want := ImportReport{visited: 1, progress: 2, toursReplaced: 1, theme: "dark"}
	if report != want {
		t.Errorf("the report is %+v, want %+v", report, want)
	}
	if got := report.Sentence(); got != "imported: 1 concept newly visited, 2 tours with more progress, 1 tour of your own replaced by the file’s copy and the dark theme." {
		t.Errorf("the report reads %q", got)
	}
	if got := (ImportReport{}).Sentence(); got != "imported. This device already had everything in it." {
		t.Errorf("an import that adds nothing reads %q", got)
	}
}

func TestABadFileIsRefusedSayingWhereAndNothingChanges(t *testing.T) {
	good := string(openTestStore(newMemoryStorage(wellStocked())).Export())
	for _, c := range []struct{ name, file, want string }{
		{"not JSON", strings.Replace(good, `"steps": 2,`, `"steps": 2`, 1), "line 34, column 7: this is not valid JSON (invalid character '\"' after object key:value pair)"},
		{"cut short", good[:200], "this is not valid JSON (unexpected end of JSON input)"},
		{"not an object", `[1, 2]`, "line 1: in the data, an object was expected, not an array"},
		{"some other JSON", `{"visited": []}`, `this is not a file exported by Oversight Explorer: it has no "format": "oversight-explorer-data"`},
		{"a newer version", strings.Replace(good, `"schema": 1`, `"schema": 2`, 1), "saved by a newer version of Oversight Explorer (data format 2"},
		{"an unknown field", strings.Replace(good, `"visited": [`, `"visits": 3, "visited": [`, 1), `unknown field "visits"`},
		{"a wrong type", strings.Replace(good, `"theme": "dark"`, `"theme": 7`, 1), "line 5: in settings.theme, text was expected, not a number"},
		{"an impossible step", strings.Replace(good, "        3\n", "        30\n", 1), `progress["tour:why-the-judge-fails"].seen[2]: there is no step 30 in a tour of 5 steps`},
		{"a bad concept id", strings.Replace(good, `"debate"`, `"<script>"`, 1), `visited[0]: "<script>" is not a concept's id`},
		{"too large", good + strings.Repeat(" ", maxDataFileBytes), "larger than any export of this app (at most 10 MiB)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			kv := newMemoryStorage(map[string]string{visitedKey: `{"schema":1,"data":["auditing-tools"]}`})
			before := kv.snapshot()
			s := openTestStore(kv)
			_, err := s.ImportData([]byte(c.file))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("the import says %v, want %q", err, c.want)
			}
			if !maps.Equal(kv.items, before) {
				t.Errorf("a refused file changed the device: %v", kv.items)
			}
		})
	}
}

func TestProgressThroughATourThatLostStepsStaysValid(t *testing.T) {
	p := TourProgress{Seen: []int{1, 4, 5}, Steps: 5}.resized(4)
	if err := checkProgress(&map[string]TourProgress{"tour:x": p}, "data"); err != nil {
		t.Errorf("resized progress is refused: %v", err)
	}
	if !slices.Equal(p.Seen, []int{1, 4}) {
		t.Errorf("seen is %v", p.Seen)
	}
}
