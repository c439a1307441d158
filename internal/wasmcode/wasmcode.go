// Package wasmcode says what each package's code costs in a Go
// WebAssembly binary. It reads a binary built without -s -w, whose name
// section names every function, and can write the same binary as -s -w
// would, with the function bodies of some packages replaced by a trap:
// compressing both says how many compressed bytes those packages' code
// takes, with everything else byte for byte the same.
package wasmcode

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Section ids of the WebAssembly binary format that this package reads.
const (
	customSection = 0
	importSection = 2
	codeSection   = 10
)

// Module is a WebAssembly binary with the name and body of each of its
// functions.
type Module struct {
	data      []byte
	sections  []section
	functions []Function
}

type section struct {
	id byte
	// name is a custom section's name.
	name string
	// start is the section's first byte (its id); body, its content after
	// the size (and a custom section's name); end, one past its last byte.
	start, body, end int
}

// Function is one function defined in the module (imports have no body).
type Function struct {
	// Name is the Go linker's name for it, with the package path's "/"
	// and "-" written as "_": oversight_app.__MapPage_.Render.
	Name string
	// start and end delimit its body in the module's bytes; lengthWidth is
	// how many bytes its length took before it.
	start, end, lengthWidth int
}

// Size is the length of the function's body in bytes.
func (f Function) Size() int { return f.end - f.start }

// Read parses a WebAssembly binary. It needs the name section, which Go
// writes unless the binary was built with -ldflags=-s.
func Read(data []byte) (*Module, error) {
	if len(data) < 8 || !bytes.Equal(data[:4], []byte("\x00asm")) {
		return nil, errors.New("not a WebAssembly binary: it does not start with \\0asm")
	}
	r := &reader{data: data, at: 8}
	m := &Module{data: data}
	var imported int
	names := map[int]string{}
	var bodies [][3]int
	for r.at < len(data) {
		s, err := r.section()
		if err != nil {
			return nil, err
		}
		m.sections = append(m.sections, s)
		sub := &reader{data: data[:s.end], at: s.body}
		switch {
		case s.id == importSection:
			imported, err = sub.importedFunctions()
		case s.id == codeSection:
			bodies, err = sub.functionBodies()
		case s.id == customSection && s.name == "name":
			names, err = sub.functionNames()
		}
		if err != nil {
			return nil, fmt.Errorf("section %d at byte %d: %w", s.id, s.start, err)
		}
	}
	if len(names) == 0 {
		return nil, errors.New("the binary names no functions: build it without -ldflags=\"-s\"")
	}
	for i, b := range bodies {
		m.functions = append(m.functions, Function{Name: names[imported+i], start: b[0], end: b[1], lengthWidth: b[2]})
	}
	return m, nil
}

// Functions lists the module's functions in their order in the binary.
func (m *Module) Functions() []Function { return m.functions }

// CodeSize is the size of the bodies of the functions of packages.
func (m *Module) CodeSize(packages Packages) int {
	size := 0
	for _, f := range m.functions {
		if packages.Has(f.Name) {
			size += f.Size()
		}
	}
	return size
}

// Stripped is the module as -ldflags="-s -w" builds it, without the name
// section, with the body of every function of without replaced by a trap.
func (m *Module) Stripped(without Packages) []byte {
	var out bytes.Buffer
	out.Write(m.data[:8])
	for _, s := range m.sections {
		switch {
		case s.id == customSection && s.name == "name":
		case s.id == codeSection:
			m.writeCode(&out, s, without)
		default:
			out.Write(m.data[s.start:s.end])
		}
	}
	return out.Bytes()
}

// trap is a function body with no locals that only traps.
var trap = []byte{0x00, 0x00, 0x0b}

// writeCode writes the code section with the bodies of without trapped.
// Every length keeps the width it had, as the Go linker pads them, so that
// with nothing trapped the section is the same byte for byte.
func (m *Module) writeCode(out *bytes.Buffer, s section, without Packages) {
	count := m.data[s.body : m.functions[0].start-m.functions[0].lengthWidth]
	code := append([]byte(nil), count...)
	for _, f := range m.functions {
		body := m.data[f.start:f.end]
		if without.Has(f.Name) {
			body = trap
		}
		code = appendPaddedUvarint(code, len(body), f.lengthWidth)
		code = append(code, body...)
	}
	out.WriteByte(codeSection)
	out.Write(appendPaddedUvarint(nil, len(code), s.body-s.start-1))
	out.Write(code)
}

// appendPaddedUvarint appends v as a LEB128 of at least width bytes.
func appendPaddedUvarint(b []byte, v, width int) []byte {
	for i := 1; i < width || v >= 0x80; i++ {
		b = append(b, byte(v&0x7f)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// Packages is a set of Go package paths, each with its subpackages.
type Packages []string

// PackageCode is the size of one package's function bodies.
type PackageCode struct {
	Package string
	Size    int
}

// CodeByPackage sums the function bodies by package, heaviest first. paths
// are the packages as `go list -deps` prints them (the main package is
// "main"); each function counts for the one it belongs to, not for its
// parents, and functions of none of them count for "".
func (m *Module) CodeByPackage(paths []string) []PackageCode {
	longestFirst := make([]namePrefix, len(paths))
	for i, p := range paths {
		longestFirst[i] = namePrefix{path: p, prefix: mangle(p) + "."}
	}
	slices.SortFunc(longestFirst, func(a, b namePrefix) int { return len(b.prefix) - len(a.prefix) })
	sizes := map[string]int{}
	for _, f := range m.functions {
		sizes[packageOf(f.Name, longestFirst)] += f.Size()
	}
	var code []PackageCode
	for p, size := range sizes {
		code = append(code, PackageCode{Package: p, Size: size})
	}
	slices.SortFunc(code, func(a, b PackageCode) int {
		if a.Size != b.Size {
			return b.Size - a.Size
		}
		return strings.Compare(a.Package, b.Package)
	})
	return code
}

// namePrefix is a package path and how its functions' names begin.
type namePrefix struct{ path, prefix string }

// packageOf is the package of the function named symbol, of packages
// sorted longest first.
func packageOf(symbol string, packages []namePrefix) string {
	symbol = withoutTypePrefix(symbol)
	for _, p := range packages {
		if strings.HasPrefix(symbol, p.prefix) {
			return p.path
		}
	}
	return ""
}

// mangle writes a package path as the name section does.
func mangle(path string) string { return mangler.Replace(path) }

var mangler = strings.NewReplacer("/", "_", "-", "_")

// withoutTypePrefix takes off the prefix of a type's equality and hash
// functions, which belong to the type's package.
func withoutTypePrefix(symbol string) string {
	for _, prefix := range []string{"type_.eq.", "type_.hash."} {
		symbol = strings.TrimPrefix(symbol, prefix)
	}
	return symbol
}

// Has reports whether the function named symbol (as the name section
// writes it) belongs to one of the packages, its type's equality and hash
// functions included.
func (ps Packages) Has(symbol string) bool {
	symbol = withoutTypePrefix(symbol)
	for _, p := range ps {
		if rest, ok := strings.CutPrefix(symbol, mangle(p)); ok && (strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, "_")) {
			return true
		}
	}
	return false
}

// reader reads the binary format's parts from data, starting at at.
type reader struct {
	data []byte
	at   int
}

var errTruncated = errors.New("it ends in the middle of an entry")

func (r *reader) uint() (int, error) {
	v, n := binary.Uvarint(r.data[min(r.at, len(r.data)):])
	if n <= 0 || v > math.MaxInt32 {
		return 0, errTruncated
	}
	r.at += n
	return int(v), nil
}

func (r *reader) byte() (byte, error) {
	if r.at >= len(r.data) {
		return 0, errTruncated
	}
	r.at++
	return r.data[r.at-1], nil
}

// bytes reads a length and that many bytes.
func (r *reader) bytes() ([]byte, error) {
	n, err := r.uint()
	if err != nil {
		return nil, err
	}
	if n > len(r.data)-r.at {
		return nil, errTruncated
	}
	r.at += n
	return r.data[r.at-n : r.at], nil
}

func (r *reader) section() (section, error) {
	s := section{start: r.at}
	id, err := r.byte()
	if err != nil {
		return s, err
	}
	size, err := r.uint()
	if err != nil || r.at+size > len(r.data) {
		return s, fmt.Errorf("section %d at byte %d runs past the end of the binary", id, s.start)
	}
	s.id, s.body, s.end = id, r.at, r.at+size
	if id == customSection {
		name, err := r.bytes()
		if err != nil {
			return s, fmt.Errorf("custom section at byte %d: %w", s.start, err)
		}
		s.name = string(name)
		s.body = r.at
	}
	r.at = s.end
	return s, nil
}

// importedFunctions counts the imported functions, which come first in the
// function index space.
func (r *reader) importedFunctions() (int, error) {
	n, err := r.uint()
	if err != nil {
		return 0, err
	}
	functions := 0
	for range n {
		if _, err := r.bytes(); err != nil { // module
			return 0, err
		}
		if _, err := r.bytes(); err != nil { // field
			return 0, err
		}
		kind, err := r.byte()
		if err != nil {
			return 0, err
		}
		if err := r.importDescription(kind); err != nil {
			return 0, err
		}
		if kind == 0 {
			functions++
		}
	}
	return functions, nil
}

func (r *reader) importDescription(kind byte) error {
	switch kind {
	case 0: // function: type index
		_, err := r.uint()
		return err
	case 1: // table: element type, then limits
		if _, err := r.byte(); err != nil {
			return err
		}
		return r.limits()
	case 2: // memory: limits
		return r.limits()
	case 3: // global: value type, mutability
		r.at += 2
		return nil
	}
	return fmt.Errorf("an import of unknown kind %d", kind)
}

func (r *reader) limits() error {
	flags, err := r.byte()
	if err != nil {
		return err
	}
	if _, err := r.uint(); err != nil {
		return err
	}
	if flags&1 == 1 {
		_, err = r.uint()
	}
	return err
}

// functionBodies reads where each body starts and ends, and the width of
// the length before it.
func (r *reader) functionBodies() ([][3]int, error) {
	n, err := r.uint()
	if err != nil {
		return nil, err
	}
	bodies := make([][3]int, 0, min(n, len(r.data)))
	for range n {
		at := r.at
		body, err := r.bytes()
		if err != nil {
			return nil, err
		}
		start := r.at - len(body)
		bodies = append(bodies, [3]int{start, r.at, start - at})
	}
	return bodies, nil
}

// functionNames reads the function names subsection (1) of the name
// section, skipping the others.
func (r *reader) functionNames() (map[int]string, error) {
	names := map[int]string{}
	for r.at < len(r.data) {
		id, err := r.byte()
		if err != nil {
			return nil, err
		}
		sub, err := r.bytes()
		if err != nil {
			return nil, err
		}
		if id != 1 {
			continue
		}
		s := &reader{data: sub}
		n, err := s.uint()
		if err != nil {
			return nil, err
		}
		for range n {
			index, err := s.uint()
			if err != nil {
				return nil, err
			}
			name, err := s.bytes()
			if err != nil {
				return nil, err
			}
			names[index] = string(name)
		}
	}
	return names, nil
}
