// Package localdata is everything the app keeps on the reader's device:
// progress through tours, tours a teacher imported, the concepts visited,
// settings, and a few facts about the device itself. It owns how each is
// stored (one record in the browser's localStorage, written as
// {"schema":1,"data":…} so that any version of the app knows which version
// wrote what it reads), the checks that make a record well formed, the
// export file and the merge of an imported one, and what the reader must be
// told about the device's storage.
//
// It is pure Go, free of browser calls, so that its rules are tested
// natively: the app hands it the browser's storage as a KeyValue
// (app/devicestorage.go), and tells its components when a record changes.
//
// The rules:
//   - A record that cannot be read (not JSON, the wrong shape, or written by
//     a newer version) is set aside under a key of its own, never deleted
//     or overwritten by the app; the reader is told, and the app carries on
//     without it.
//   - When a write fails (storage full, or blocked as in private browsing),
//     the store writes nothing more in this visit and keeps changes in
//     memory: the app works, and what was stored before stays as it was.
//   - Records of earlier versions, kept without a schema, are moved into the
//     new format; an old key is removed only once its data is stored anew.
//   - A nil *Store is the server's, where nothing is stored: reads are
//     empty and writes do nothing (Export and ImportData excepted: the
//     server has no data to hand over or to merge into).
package localdata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// appName names the app in messages, as readers know it. It is app.SiteName,
// which this package cannot import (app imports it); a test of the app
// checks that the two agree.
const appName = "Oversight Explorer"

// dataSchema is the version of the records and of exported files. A change
// of their format raises it, and reading then migrates older versions.
const dataSchema = 1

// Where the records are kept.
const (
	toursKey    = "oversight.tours"
	progressKey = "oversight.progress"
	visitedKey  = "oversight.visited"
	settingsKey = "oversight.settings"
	deviceKey   = "oversight.device"
	// setAsidePrefix starts the keys of records set aside, numbered from 1.
	setAsidePrefix = "oversight.set-aside."
	// probeKey is written and removed as the store opens, to learn at once
	// whether the device will keep anything.
	probeKey = "oversight.probe"
)

// KeyValue is the device's storage as the store sees it: localStorage in
// the browser, a map in tests.
type KeyValue interface {
	GetItem(key string) (value string, ok bool)
	// SetItem fails with ErrStorageFull or ErrStorageBlocked.
	SetItem(key, value string) error
	RemoveItem(key string)
	Keys() []string
}

// Why a write failed: a KeyValue's SetItem says which.
var (
	ErrStorageFull    = errors.New("the device's storage for this app is full")
	ErrStorageBlocked = errors.New("the browser does not let this app store anything")
)

// StorageState says whether the device keeps what the app writes.
type StorageState int

const (
	StorageWorking StorageState = iota
	StorageFull
	StorageBlocked
)

// Record describes one kind of local data, kept under key as a T. The
// records are ToursRecord, ProgressRecord, VisitedRecord, SettingsRecord
// and DeviceRecord.
type Record[T any] struct {
	key string
	// name says what it is, for people: "tour progress".
	name string
	// check validates a decoded value and brings it to its one canonical
	// form (sorted, without duplicates); at is its JSON path, for messages.
	check func(v *T, at string) error
	// legacy is where versions without a schema kept it, if any, and
	// fromLegacy reads that when it was not JSON of a T.
	legacy     string
	fromLegacy func(text string) (T, error)
}

// Key is where the record is kept, which also names it to the app's
// components when it changes.
func (r Record[T]) Key() string { return r.key }

// Store is the device's local data. Load, Change and every method but
// Export and ImportData take a nil Store as the server's, where nothing is
// stored: reads are empty and writes do nothing.
type Store struct {
	mu sync.Mutex
	// kv is the device's storage, nil when the browser offers none.
	kv    KeyValue
	state StorageState
	// memory holds what the device would not store, for this visit; it is
	// read before kv.
	memory map[string]string
	// saved is set by the first write the device kept in this visit.
	saved bool
	// requestPersist asks the browser not to evict the app's storage, and
	// says whether it could ask.
	requestPersist func() bool
	now            func() time.Time

	// What the reader has not been told yet.
	untoldState    bool
	untoldSetAside []string
}

// Open opens the local data kept in kv (nil when the browser offers no
// storage): it learns whether kv keeps writes, moves records of earlier
// versions into the current format, and sets aside any record it cannot
// read, so that the reader hears of all of it on the first page.
func Open(kv KeyValue, requestPersist func() bool, now func() time.Time) *Store {
	return OpenPausing(kv, requestPersist, now, func() {})
}

// OpenPausing opens the local data as Open does, and calls pause after
// each record: the browser opens it on its main thread as the app starts,
// and each record's first reading there costs a phone tens of
// milliseconds, so pause lets it answer a tap in between.
func OpenPausing(kv KeyValue, requestPersist func() bool, now func() time.Time, pause func()) *Store {
	s := &Store{kv: kv, memory: make(map[string]string), requestPersist: requestPersist, now: now}
	if kv == nil {
		s.fail(ErrStorageBlocked)
	} else if err := kv.SetItem(probeKey, "1"); err != nil {
		s.fail(err)
	} else {
		kv.RemoveItem(probeKey)
	}
	for _, open := range []func(){
		func() { openRecord(s, ToursRecord) },
		func() { openRecord(s, ProgressRecord) },
		func() { openRecord(s, VisitedRecord) },
		func() { openRecord(s, SettingsRecord) },
		func() { openRecord(s, DeviceRecord) },
	} {
		s.mu.Lock()
		open()
		s.mu.Unlock()
		pause()
	}
	return s
}

func openRecord[T any](s *Store, r Record[T]) {
	migrate(s, r)
	readRecord(s, r)
}

// Load reads a record; what cannot be read is set aside and reads as
// empty, and news says so.
func Load[T any](s *Store, r Record[T]) (v T, news bool) {
	if s == nil {
		return v, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	before := len(s.untoldSetAside)
	v = readRecord(s, r)
	return v, len(s.untoldSetAside) > before
}

// Change reads a record, lets edit change it, and writes it back if edit
// says it changed, which Change reports. Reading just before writing keeps
// what another tab of the app wrote meanwhile.
func Change[T any](s *Store, r Record[T], edit func(v *T) bool) (changed bool) {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return changeRecord(s, r, edit)
}

func changeRecord[T any](s *Store, r Record[T], edit func(v *T) bool) bool {
	v := readRecord(s, r)
	if !edit(&v) {
		return false
	}
	saveRecord(s, r, v)
	return true
}

func readRecord[T any](s *Store, r Record[T]) T {
	var empty T
	text, ok := s.read(r.key)
	if !ok {
		return empty
	}
	v, err := decodeRecord(r, text)
	if err != nil {
		if s.setAside(r.key, r.name, text, err) {
			s.kv.RemoveItem(r.key)
		} else {
			// The device still has the unreadable text, and nothing may
			// overwrite it: for the rest of the visit the record is empty.
			s.memory[r.key] = encodeRecord(empty)
		}
		return empty
	}
	return v
}

func saveRecord[T any](s *Store, r Record[T], v T) {
	if s.write(r.key, encodeRecord(v)) && !s.saved {
		s.saved = true
		s.askPersistence()
	}
}

// migrate moves a record kept without a schema by earlier versions into
// the current format.
func migrate[T any](s *Store, r Record[T]) {
	if r.legacy == "" || s.kv == nil {
		return
	}
	text, ok := s.kv.GetItem(r.legacy)
	if !ok {
		return
	}
	if _, exists := s.read(r.key); exists {
		// Both: an earlier version ran after this one. The current record
		// wins; the old one is set aside, not lost.
		if s.setAside(r.legacy, r.name, text, errLegacyAfterCurrent) {
			s.kv.RemoveItem(r.legacy)
		}
		return
	}
	v, err := decodeLegacy(r, text)
	if err != nil {
		if s.setAside(r.legacy, r.name, text, err) {
			s.kv.RemoveItem(r.legacy)
		}
		return
	}
	if s.write(r.key, encodeRecord(v)) {
		s.kv.RemoveItem(r.legacy)
	}
}

func decodeLegacy[T any](r Record[T], text string) (T, error) {
	var v T
	var err error
	if r.fromLegacy != nil {
		v, err = r.fromLegacy(text)
	} else {
		err = strictJSON([]byte(text), &v)
	}
	if err != nil {
		return v, err
	}
	return v, r.check(&v, "")
}

// envelope is how every record is stored.
type envelope struct {
	Schema int `json:"schema"`
	Data   any `json:"data"`
}

func encodeRecord(v any) string {
	return string(mustJSON(envelope{Schema: dataSchema, Data: v}))
}

// decodeRecord reads a stored record: an object with exactly a schema this
// version reads and data of the right shape.
func decodeRecord[T any](r Record[T], text string) (T, error) {
	var v T
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &fields); err != nil {
		return v, jsonProblem([]byte(text), err)
	}
	if err := checkSchema(fields["schema"]); err != nil {
		return v, err
	}
	if err := onlyFields(fields, "schema", "data"); err != nil {
		return v, err
	}
	data, ok := fields["data"]
	if !ok {
		return v, errors.New(`there is no "data"`)
	}
	if err := strictJSON(data, &v); err != nil {
		return v, err
	}
	return v, r.check(&v, "data")
}

// errLegacyAfterCurrent is an earlier version's record found beside the
// current one: a tab of that version ran on after this one had started.
var errLegacyAfterCurrent = errors.New("kept by an earlier version of the app, which ran after this version had stored its own")

// newerSchemaError is data written by a newer version of the app.
type newerSchemaError struct{ schema int }

func (e newerSchemaError) Error() string {
	return fmt.Sprintf("saved by a newer version of %s (data format %d; this version reads format %d and earlier)", appName, e.schema, dataSchema)
}

// checkSchema accepts a data format this version reads.
func checkSchema(raw json.RawMessage) error {
	if raw == nil {
		return errors.New(`there is no "schema" (the data format's version)`)
	}
	var n int
	if err := json.Unmarshal(raw, &n); err != nil || n < 1 {
		return fmt.Errorf(`"schema" is %s, not a data format's version`, raw)
	}
	if n > dataSchema {
		return newerSchemaError{n}
	}
	return nil
}

func onlyFields(fields map[string]json.RawMessage, allowed ...string) error {
	for _, name := range sortedKeys(fields) {
		known := false
		for _, a := range allowed {
			known = known || name == a
		}
		if !known {
			return fmt.Errorf("unknown field %q", name)
		}
	}
	return nil
}

// strictJSON decodes exactly one JSON value into v, refusing fields v does
// not have; its errors name the line and column.
func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonProblem(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%s: there is more after the end of the data", position(data, dec.InputOffset()))
	}
	return nil
}

// jsonProblem says what encoding/json found wrong, in words, and where
// when encoding/json says (it does not for an unknown field).
func jsonProblem(data []byte, err error) error {
	var syntax *json.SyntaxError
	var wrongType *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		// Offset is just after a wrong character, or the end of the data.
		at := syntax.Offset
		if strings.HasPrefix(syntax.Error(), "invalid character") {
			at--
		}
		return fmt.Errorf("%s: this is not valid JSON (%s)", position(data, at), syntax.Error())
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fmt.Errorf("%s: the JSON ends too early", position(data, int64(len(data))))
	case errors.As(err, &wrongType):
		field := wrongType.Field
		if field == "" {
			field = "the data"
		}
		// Offset is in or just after the value, on its line: a JSON value
		// other than a list or object never spans lines.
		return fmt.Errorf("%s: in %s, %s was expected, not %s", line(data, wrongType.Offset), field, typeInWords(wrongType.Type), article(wrongType.Value))
	}
	return errors.New(strings.TrimPrefix(err.Error(), "json: "))
}

// position names an offset in data as a line and column, from 1.
func position(data []byte, offset int64) string {
	before := data[:min(offset, int64(len(data)))]
	column := len(before) - bytes.LastIndexByte(before, '\n')
	return line(data, offset) + ", column " + strconv.Itoa(column)
}

// line names the line of an offset in data, from 1.
func line(data []byte, offset int64) string {
	before := data[:min(offset, int64(len(data)))]
	return "line " + strconv.Itoa(bytes.Count(before, []byte("\n"))+1)
}

// typeInWords names a Go type of the local data as JSON, for people.
func typeInWords(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	}
	return t.String()
}

func article(jsonKind string) string {
	switch jsonKind {
	case "object", "array":
		return "an " + jsonKind
	case "string":
		return "text"
	case "bool":
		return "true or false"
	}
	if strings.HasPrefix(jsonKind, "number") {
		return "a number"
	}
	return "a " + jsonKind
}

// read finds a key's text: in memory first, then on the device.
func (s *Store) read(key string) (string, bool) {
	if text, ok := s.memory[key]; ok {
		return text, true
	}
	if s.kv == nil {
		return "", false
	}
	return s.kv.GetItem(key)
}

// write keeps text under key on the device or, once the device has refused
// a write, in memory for this visit. It reports whether the device has it.
func (s *Store) write(key, text string) bool {
	if s.state == StorageWorking {
		err := s.kv.SetItem(key, text)
		if err == nil {
			return true
		}
		s.fail(err)
	}
	s.memory[key] = text
	return false
}

// fail stops writing to the device for this visit, and tells the reader.
func (s *Store) fail(err error) {
	s.state = StorageBlocked
	if errors.Is(err, ErrStorageFull) {
		s.state = StorageFull
	}
	s.untoldState = true
}

// askPersistence asks the browser, once per device, not to evict the app's
// storage when space runs short: after the first save, when there is
// something worth keeping.
func (s *Store) askPersistence() {
	facts := readRecord(s, DeviceRecord)
	if facts.PersistRequested || s.requestPersist == nil || !s.requestPersist() {
		return
	}
	facts.PersistRequested = true
	saveRecord(s, DeviceRecord, facts)
}

// SetAsideEntry is a record the app could not read, kept as it was found.
type SetAsideEntry struct {
	// Record is the key it was stored under.
	Record string `json:"record"`
	// Reason says why it could not be read.
	Reason string `json:"reason"`
	// Found is when, in RFC 3339 UTC.
	Found string `json:"found"`
	// Text is exactly what was stored.
	Text string `json:"text"`
}

// setAside copies an unreadable record's text under a set-aside key of its
// own, and says whether the device has the copy. The text is kept inside a
// JSON string, so that nothing (go-app's clean-up of expired states
// included) ever mistakes it for something it can interpret.
func (s *Store) setAside(key, name, text string, reason error) bool {
	entry := SetAsideEntry{Record: key, Reason: reason.Error(), Found: s.now().UTC().Format(time.RFC3339), Text: text}
	kept := s.write(s.freeSetAsideKey(), string(mustJSON(entry)))
	s.untoldSetAside = append(s.untoldSetAside, name+" ("+shortReason(reason)+")")
	return kept
}

// shortReason says in a few words why a record was set aside.
func shortReason(err error) string {
	switch {
	case errors.As(err, new(newerSchemaError)):
		return "saved by a newer version of the app"
	case errors.Is(err, errLegacyAfterCurrent):
		return "an earlier version’s copy"
	}
	return "damaged"
}

// freeSetAsideKey is a set-aside key after every one in use, so that no
// set-aside record is ever overwritten.
func (s *Store) freeSetAsideKey() string {
	last := 0
	for _, key := range s.allKeys() {
		if n, err := strconv.Atoi(strings.TrimPrefix(key, setAsidePrefix)); err == nil && strings.HasPrefix(key, setAsidePrefix) && n > last {
			last = n
		}
	}
	return setAsidePrefix + strconv.Itoa(last+1)
}

func (s *Store) allKeys() []string {
	seen := make(map[string]bool)
	if s.kv != nil {
		for _, k := range s.kv.Keys() {
			seen[k] = true
		}
	}
	for k := range s.memory {
		seen[k] = true
	}
	return sortedKeys(seen)
}

// StoredSetAside is a set-aside record with the key it is kept under.
type StoredSetAside struct {
	Key string
	SetAsideEntry
}

// SetAsideRecords lists what was set aside, oldest first. An entry that is
// itself unreadable is listed with its text as found.
func (s *Store) SetAsideRecords() []StoredSetAside {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.listSetAside()
}

func (s *Store) listSetAside() []StoredSetAside {
	var out []StoredSetAside
	for _, key := range s.allKeys() {
		if !strings.HasPrefix(key, setAsidePrefix) {
			continue
		}
		text, _ := s.read(key)
		e := StoredSetAside{Key: key}
		if err := strictJSON([]byte(text), &e.SetAsideEntry); err != nil {
			e.SetAsideEntry = SetAsideEntry{Record: key, Reason: "this set-aside record is itself damaged: " + err.Error(), Text: text}
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return setAsideNumber(out[i].Key) < setAsideNumber(out[j].Key) })
	return out
}

func setAsideNumber(key string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(key, setAsidePrefix))
	return n
}

// DiscardSetAside deletes a set-aside record, which only the reader does,
// having seen it.
func (s *Store) DiscardSetAside(key string) {
	if s == nil || !strings.HasPrefix(key, setAsidePrefix) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.memory, key)
	if s.kv != nil {
		s.kv.RemoveItem(key)
	}
}

// Notice is what the reader has not been told yet about the device's
// storage.
type Notice struct {
	// State is why writes stopped, or StorageWorking.
	State StorageState
	// SetAside names each record set aside, and why.
	SetAside []string
}

// Empty says there is nothing to tell.
func (n Notice) Empty() bool { return n.State == StorageWorking && len(n.SetAside) == 0 }

// Notice is what the reader has not been told yet; the server has nothing
// to tell.
func (s *Store) Notice() Notice {
	if s == nil {
		return Notice{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := Notice{SetAside: append([]string(nil), s.untoldSetAside...)}
	if s.untoldState {
		n.State = s.state
	}
	return n
}

// Acknowledge records that the reader has read the notice.
func (s *Store) Acknowledge() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.untoldState = false
	s.untoldSetAside = nil
}

// Storage says whether the device keeps what the app writes. The server
// keeps nothing, but has nothing to warn about either: its pages show no
// local data.
func (s *Store) Storage() StorageState {
	if s == nil {
		return StorageWorking
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// OutlastsVisit says whether what the app saves now outlasts the visit.
func (s *Store) OutlastsVisit() bool {
	return s != nil && s.Storage() == StorageWorking
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// Only plain strings, numbers, lists and maps are ever encoded.
		panic("encoding local data: " + err.Error())
	}
	return b
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
