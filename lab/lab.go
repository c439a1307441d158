// Package lab describes an experiment a learner can run in the app: its
// parameters with their ranges and defaults, and how a setting travels in a
// page's address. It is pure Go (no go-app, no syscall/js): the simulations
// in sim/ describe themselves with it, the app draws their controls from it,
// and the labs' worker reads settings with it.
package lab

import (
	"fmt"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Param is one control of a lab. Every value is a number: a toggle is 0 or
// 1, and a choice is the index of one of its Options (its Key travels in the
// address, so links read "?protocol=trusted-monitoring", not "?protocol=2").
type Param struct {
	Key     string   // its name in the address, e.g. "alpha"
	Label   string   // what the control says, e.g. "Confidence loss weight α"
	Help    string   // one sentence on what it changes
	Unit    string   // shown after the value, e.g. "%" or "steps"; may be empty
	Min     float64  // the smallest value (a choice: 0)
	Max     float64  // the largest value (a choice: len(Options)-1)
	Step    float64  // the slider's step; values are rounded to it
	Default float64  // the value when the address says nothing
	Options []Option // set for a choice; empty for a number or a toggle
	Toggle  bool     // an on/off switch: 0 or 1
}

// Option is one value of a choice.
type Option struct {
	Key   string // its name in the address
	Label string // what the learner reads
}

// Setting holds a value for every parameter of a lab, by key.
type Setting map[string]float64

// Note says why a value in an address was not used as written.
type Note struct {
	Key     string
	Message string
}

func (n Note) String() string { return n.Key + ": " + n.Message }

// MaxQueryBytes bounds the address a lab will read: a longer one is refused
// whole, politely, rather than parsed.
const MaxQueryBytes = 2048

// Spec is what a lab offers the learner: its parameters, in the order its
// controls are shown.
type Spec struct {
	Params []Param
}

// Defaults is the setting with every parameter at its default.
func (s Spec) Defaults() Setting {
	set := make(Setting, len(s.Params))
	for _, p := range s.Params {
		set[p.Key] = p.Default
	}
	return set
}

// Keys lists the parameters' keys, sorted: the query keys a lab's page
// reads.
func (s Spec) Keys() []string {
	keys := make([]string, len(s.Params))
	for i, p := range s.Params {
		keys[i] = p.Key
	}
	sort.Strings(keys)
	return keys
}

// Param finds a parameter by key.
func (s Spec) Param(key string) (Param, bool) {
	for _, p := range s.Params {
		if p.Key == key {
			return p, true
		}
	}
	return Param{}, false
}

// Read takes a setting from an address's query. Values out of range are
// clamped, values that are not numbers (or not an option's key) fall back to
// the default, and each is reported in a Note; unknown keys are ignored, since
// the address may carry the page's own parameters too. A query longer than
// MaxQueryBytes is not read at all: the defaults come back with one note.
func (s Spec) Read(rawQuery string) (Setting, []Note) {
	set := s.Defaults()
	if len(rawQuery) > MaxQueryBytes {
		return set, []Note{{Key: "", Message: fmt.Sprintf("the address is %d bytes long, more than the %d a lab reads; the lab starts from its defaults", len(rawQuery), MaxQueryBytes)}}
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil && len(q) == 0 {
		return set, []Note{{Key: "", Message: "the address could not be read; the lab starts from its defaults"}}
	}
	var notes []Note
	for _, p := range s.Params {
		raw, ok := q[p.Key]
		if !ok || len(raw) == 0 {
			continue
		}
		v, note := p.read(raw[len(raw)-1])
		set[p.Key] = v
		if note != "" {
			notes = append(notes, Note{Key: p.Key, Message: note})
		}
	}
	return set, notes
}

// read turns one value from an address into the parameter's number, and
// says what was changed, if anything.
func (p Param) read(raw string) (float64, string) {
	if len(p.Options) > 0 {
		for i, o := range p.Options {
			if o.Key == raw {
				return float64(i), ""
			}
		}
		return p.Default, fmt.Sprintf("%q is not one of %s; using %s", shorten(raw), p.optionKeys(), p.Options[int(p.Default)].Key)
	}
	if p.Toggle {
		switch raw {
		case "1", "on", "true":
			return 1, ""
		case "0", "off", "false":
			return 0, ""
		}
		return p.Default, fmt.Sprintf("%q is neither on nor off; using %s", shorten(raw), onOff(p.Default))
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(v) {
		return p.Default, fmt.Sprintf("%q is not a number; using %s", shorten(raw), p.Format(p.Default))
	}
	clamped := p.Clamp(v)
	if v < p.Min || v > p.Max {
		return clamped, fmt.Sprintf("%s is outside %s–%s; using %s", shorten(raw), p.Format(p.Min), p.Format(p.Max), p.Format(clamped))
	}
	return clamped, "" // on the step: rounding to it is not worth a note
}

// Clamp brings v into the parameter's range and onto its step.
func (p Param) Clamp(v float64) float64 {
	if math.IsNaN(v) {
		return p.Default
	}
	v = math.Max(p.Min, math.Min(p.Max, v))
	if p.Step > 0 {
		v = p.Min + math.Round((v-p.Min)/p.Step)*p.Step
		v = math.Max(p.Min, math.Min(p.Max, v))
		// Keep what the step's decimals can say, so 0.1+0.2 reads 0.3.
		v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'f', p.decimals(), 64), 64)
	}
	return v
}

// Format writes a value as the control shows it and as the address holds it.
func (p Param) Format(v float64) string {
	if len(p.Options) > 0 {
		i := int(v)
		if i < 0 || i >= len(p.Options) {
			i = int(p.Default)
		}
		return p.Options[i].Key
	}
	if p.Toggle {
		return onOff(v)
	}
	return strconv.FormatFloat(v, 'f', p.decimals(), 64)
}

// decimals is how many decimals the step needs: 0.05 needs 2, 10 needs 0.
func (p Param) decimals() int {
	if p.Step <= 0 || p.Step >= 1 {
		return 0
	}
	s := strconv.FormatFloat(p.Step, 'f', -1, 64)
	return len(s) - strings.IndexByte(s, '.') - 1
}

func (p Param) optionKeys() string {
	keys := make([]string, len(p.Options))
	for i, o := range p.Options {
		keys[i] = o.Key
	}
	return strings.Join(keys, ", ")
}

// Query writes a setting as an address's query, leaving out the values at
// their default, with keys in a fixed order so that a setting has one
// address.
func (s Spec) Query(set Setting) string {
	var parts []string
	for _, p := range s.Params {
		v, ok := set[p.Key]
		if !ok || v == p.Default {
			continue
		}
		parts = append(parts, url.QueryEscape(p.Key)+"="+url.QueryEscape(p.Format(v)))
	}
	sort.Strings(parts)
	return strings.Join(parts, "&")
}

func onOff(v float64) string {
	if v != 0 {
		return "on"
	}
	return "off"
}

// shorten keeps a note readable when the address holds something long.
func shorten(s string) string {
	const most = 40
	if len(s) <= most {
		return s
	}
	return s[:most] + "…"
}
