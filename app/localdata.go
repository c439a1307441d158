package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Local data is everything the app keeps on the reader's device: progress
// through tours, tours a teacher imported, the concepts visited, settings,
// and a few facts about the device itself. Each is one record in
// localStorage, written as {"schema":1,"data":…} so that any version of the
// app knows which version wrote what it reads.
//
// The rules, kept here free of browser calls so that they are tested
// natively (the browser's side is in devicestorage.go):
//   - A record that cannot be read (not JSON, the wrong shape, or written by
//     a newer version) is set aside under a key of its own, never deleted
//     or overwritten by the app; the reader is told, and the app carries on
//     without it.
//   - When a write fails (storage full, or blocked as in private browsing),
//     the store writes nothing more in this visit and keeps changes in
//     memory: the app works, and what was stored before stays as it was.
//   - Records of earlier versions, kept without a schema, are moved into the
//     new format; an old key is removed only once its data is stored anew.

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

// keyValue is the device's storage as the store sees it: localStorage in
// the browser, a map in tests.
type keyValue interface {
	getItem(key string) (value string, ok bool)
	// setItem fails with errStorageFull or errStorageBlocked.
	setItem(key, value string) error
	removeItem(key string)
	keys() []string
}

// Why a write failed.
var (
	errStorageFull    = errors.New("the device's storage for this app is full")
	errStorageBlocked = errors.New("the browser does not let this app store anything")
)

// storageState says whether the device keeps what the app writes.
type storageState int

const (
	storageWorking storageState = iota
	storageFull
	storageBlocked
)

// record describes one kind of local data, kept under key as a T.
type record[T any] struct {
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

// store is the device's local data. The methods that components call
// (markVisited, importedTours, …) take a nil store as the server's, where
// nothing is stored: reads are empty and writes do nothing.
type store struct {
	mu sync.Mutex
	// kv is the device's storage, nil when the browser offers none.
	kv    keyValue
	state storageState
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

// openStore opens the local data kept in kv (nil when the browser offers no
// storage): it learns whether kv keeps writes, moves records of earlier
// versions into the current format, and sets aside any record it cannot
// read, so that the reader hears of all of it on the first page.
func openStore(kv keyValue, requestPersist func() bool, now func() time.Time) *store {
	s := &store{kv: kv, memory: make(map[string]string), requestPersist: requestPersist, now: now}
	if kv == nil {
		s.fail(errStorageBlocked)
	} else if err := kv.setItem(probeKey, "1"); err != nil {
		s.fail(err)
	} else {
		kv.removeItem(probeKey)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	openRecord(s, toursRecord)
	openRecord(s, progressRecord)
	openRecord(s, visitedRecord)
	openRecord(s, settingsRecord)
	openRecord(s, deviceRecord)
	return s
}

func openRecord[T any](s *store, r record[T]) {
	migrate(s, r)
	readRecord(s, r)
}

// loadRecord reads a record; what cannot be read is set aside and reads as
// empty, and news says so.
func loadRecord[T any](s *store, r record[T]) (v T, news bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	before := len(s.untoldSetAside)
	v = readRecord(s, r)
	return v, len(s.untoldSetAside) > before
}

// change reads a record, lets edit change it, and writes it back if edit
// says it changed. Reading just before writing keeps what another tab of
// the app wrote meanwhile.
func change[T any](s *store, r record[T], edit func(v *T) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	changeRecord(s, r, edit)
}

func changeRecord[T any](s *store, r record[T], edit func(v *T) bool) {
	v := readRecord(s, r)
	if edit(&v) {
		saveRecord(s, r, v)
	}
}

func readRecord[T any](s *store, r record[T]) T {
	var empty T
	text, ok := s.read(r.key)
	if !ok {
		return empty
	}
	v, err := decodeRecord(r, text)
	if err != nil {
		if s.setAside(r.key, r.name, text, err) {
			s.kv.removeItem(r.key)
		} else {
			// The device still has the unreadable text, and nothing may
			// overwrite it: for the rest of the visit the record is empty.
			s.memory[r.key] = encodeRecord(empty)
		}
		return empty
	}
	return v
}

func saveRecord[T any](s *store, r record[T], v T) {
	if s.write(r.key, encodeRecord(v)) && !s.saved {
		s.saved = true
		s.askPersistence()
	}
}

// migrate moves a record kept without a schema by earlier versions into
// the current format.
func migrate[T any](s *store, r record[T]) {
	if r.legacy == "" || s.kv == nil {
		return
	}
	text, ok := s.kv.getItem(r.legacy)
	if !ok {
		return
	}
	if _, exists := s.read(r.key); exists {
		// Both: an earlier version ran after this one. The current record
		// wins; the old one is set aside, not lost.
		if s.setAside(r.legacy, r.name, text, errLegacyAfterCurrent) {
			s.kv.removeItem(r.legacy)
		}
		return
	}
	v, err := decodeLegacy(r, text)
	if err != nil {
		if s.setAside(r.legacy, r.name, text, err) {
			s.kv.removeItem(r.legacy)
		}
		return
	}
	if s.write(r.key, encodeRecord(v)) {
		s.kv.removeItem(r.legacy)
	}
}

func decodeLegacy[T any](r record[T], text string) (T, error) {
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
func decodeRecord[T any](r record[T], text string) (T, error) {
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
	return fmt.Sprintf("saved by a newer version of %s (data format %d; this version reads format %d and earlier)", SiteName, e.schema, dataSchema)
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
		return fmt.Errorf("%s: in %s, %s was expected, not %s", line(data, wrongType.Offset), field, typeInWords(wrongType.Type.String()), article(wrongType.Value))
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
func typeInWords(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "map["), strings.HasPrefix(goType, "app."):
		return "an object"
	case goType == "string":
		return "text"
	case goType == "bool":
		return "true or false"
	case strings.HasPrefix(goType, "int"):
		return "a whole number"
	}
	return goType
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
func (s *store) read(key string) (string, bool) {
	if text, ok := s.memory[key]; ok {
		return text, true
	}
	if s.kv == nil {
		return "", false
	}
	return s.kv.getItem(key)
}

// write keeps text under key on the device or, once the device has refused
// a write, in memory for this visit. It reports whether the device has it.
func (s *store) write(key, text string) bool {
	if s.state == storageWorking {
		err := s.kv.setItem(key, text)
		if err == nil {
			return true
		}
		s.fail(err)
	}
	s.memory[key] = text
	return false
}

// fail stops writing to the device for this visit, and tells the reader.
func (s *store) fail(err error) {
	s.state = storageBlocked
	if errors.Is(err, errStorageFull) {
		s.state = storageFull
	}
	s.untoldState = true
}

// askPersistence asks the browser, once per device, not to evict the app's
// storage when space runs short: after the first save, when there is
// something worth keeping.
func (s *store) askPersistence() {
	facts := readRecord(s, deviceRecord)
	if facts.PersistRequested || s.requestPersist == nil || !s.requestPersist() {
		return
	}
	facts.PersistRequested = true
	saveRecord(s, deviceRecord, facts)
}

// setAsideEntry is a record the app could not read, kept as it was found.
type setAsideEntry struct {
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
func (s *store) setAside(key, name, text string, reason error) bool {
	entry := setAsideEntry{Record: key, Reason: reason.Error(), Found: s.now().UTC().Format(time.RFC3339), Text: text}
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
func (s *store) freeSetAsideKey() string {
	last := 0
	for _, key := range s.allKeys() {
		if n, err := strconv.Atoi(strings.TrimPrefix(key, setAsidePrefix)); err == nil && strings.HasPrefix(key, setAsidePrefix) && n > last {
			last = n
		}
	}
	return setAsidePrefix + strconv.Itoa(last+1)
}

func (s *store) allKeys() []string {
	seen := make(map[string]bool)
	if s.kv != nil {
		for _, k := range s.kv.keys() {
			seen[k] = true
		}
	}
	for k := range s.memory {
		seen[k] = true
	}
	return sortedKeys(seen)
}

// storedSetAside is a set-aside record with the key it is kept under.
type storedSetAside struct {
	key string
	setAsideEntry
}

// setAsideRecords lists what was set aside, oldest first. An entry that is
// itself unreadable is listed with its text as found.
func (s *store) setAsideRecords() []storedSetAside {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.listSetAside()
}

func (s *store) listSetAside() []storedSetAside {
	var out []storedSetAside
	for _, key := range s.allKeys() {
		if !strings.HasPrefix(key, setAsidePrefix) {
			continue
		}
		text, _ := s.read(key)
		e := storedSetAside{key: key}
		if err := strictJSON([]byte(text), &e.setAsideEntry); err != nil {
			e.setAsideEntry = setAsideEntry{Record: key, Reason: "this set-aside record is itself damaged: " + err.Error(), Text: text}
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return setAsideNumber(out[i].key) < setAsideNumber(out[j].key) })
	return out
}

func setAsideNumber(key string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(key, setAsidePrefix))
	return n
}

// discardSetAside deletes a set-aside record, which only the reader does,
// having seen it.
func (s *store) discardSetAside(key string) {
	if !strings.HasPrefix(key, setAsidePrefix) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.memory, key)
	if s.kv != nil {
		s.kv.removeItem(key)
	}
}

// dataNotice is what the reader has not been told yet about the device's
// storage.
type dataNotice struct {
	// state is why writes stopped, or storageWorking.
	state storageState
	// setAside names each record set aside, and why.
	setAside []string
}

func (n dataNotice) empty() bool { return n.state == storageWorking && len(n.setAside) == 0 }

func (s *store) notice() dataNotice {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := dataNotice{setAside: append([]string(nil), s.untoldSetAside...)}
	if s.untoldState {
		n.state = s.state
	}
	return n
}

// acknowledge records that the reader has read the notice.
func (s *store) acknowledge() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.untoldState = false
	s.untoldSetAside = nil
}

// storage says whether the device keeps what the app writes.
func (s *store) storage() storageState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
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
