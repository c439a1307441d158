package wasmcode

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A small module as the Go linker lays one out: one imported function, two
// defined ones, a custom section before and after the code, and the name
// section last.
func sampleModule(bodies [][]byte, withNames bool) []byte {
	m := []byte("\x00asm\x01\x00\x00\x00")
	m = appendSection(m, customSection, appendName(nil, "go:buildid"), []byte("abc"))
	m = appendSection(m, 1, []byte{1, 0x60, 0, 0})                                                                // one type: () → ()
	m = appendSection(m, importSection, []byte{1}, appendName(nil, "go"), appendName(nil, "debug"), []byte{0, 0}) // one function
	m = appendSection(m, 3, []byte{2, 0, 0})                                                                      // two functions of type 0
	code := binary.AppendUvarint(nil, uint64(len(bodies)))
	for _, b := range bodies {
		code = appendName(code, string(b))
	}
	m = appendSection(m, codeSection, code)
	m = appendSection(m, customSection, appendName(nil, "producers"), []byte{0})
	if withNames {
		names := []byte{3}
		names = append(binary.AppendUvarint(names, 0), appendName(nil, "go_debug")...)
		names = append(binary.AppendUvarint(names, 1), appendName(nil, "oversight_app.__MapPage_.Render")...)
		names = append(binary.AppendUvarint(names, 2), appendName(nil, "runtime.main")...)
		m = appendSection(m, customSection, appendName(nil, "name"), []byte{1}, appendName(nil, string(names)))
	}
	return m
}

func appendSection(m []byte, id byte, parts ...[]byte) []byte {
	content := bytes.Join(parts, nil)
	m = append(m, id)
	m = binary.AppendUvarint(m, uint64(len(content)))
	return append(m, content...)
}

func appendName(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var (
	renderBody = []byte{0x00, 0x41, 0x01, 0x1a, 0x0b} // no locals; i32.const 1; drop; end
	mainBody   = []byte{0x00, 0x01, 0x0b}             // no locals; nop; end
)

func TestEveryDefinedFunctionIsNamedWithItsBody(t *testing.T) {
	m, err := Read(sampleModule([][]byte{renderBody, mainBody}, true))
	if err != nil {
		t.Fatal(err)
	}
	fs := m.Functions()
	if len(fs) != 2 {
		t.Fatalf("read %d functions, want the 2 defined ones (the import has no body)", len(fs))
	}
	if fs[0].Name != "oversight_app.__MapPage_.Render" || fs[0].Size() != len(renderBody) {
		t.Errorf("first function: %q of %d bytes, want the render of %d bytes", fs[0].Name, fs[0].Size(), len(renderBody))
	}
	if fs[1].Name != "runtime.main" || fs[1].Size() != len(mainBody) {
		t.Errorf("second function: %q of %d bytes", fs[1].Name, fs[1].Size())
	}
	if got := m.CodeSize(Packages{"oversight/app"}); got != len(renderBody) {
		t.Errorf("oversight/app's code is %d bytes, want %d", got, len(renderBody))
	}
}

func TestStrippedDropsTheNamesAndTrapsInsteadOfTheChosenPackages(t *testing.T) {
	m, err := Read(sampleModule([][]byte{renderBody, mainBody}, true))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.Stripped(nil), sampleModule([][]byte{renderBody, mainBody}, false); !bytes.Equal(got, want) {
		t.Errorf("stripped of nothing:\n got %x\nwant %x", got, want)
	}
	if got, want := m.Stripped(Packages{"oversight/app"}), sampleModule([][]byte{trap, mainBody}, false); !bytes.Equal(got, want) {
		t.Errorf("stripped of oversight/app:\n got %x\nwant %x", got, want)
	}
	if got, want := m.Stripped(nil), sampleModule([][]byte{renderBody, mainBody}, false); !bytes.Equal(got, want) {
		t.Errorf("stripped of nothing after stripping oversight/app, the module has changed:\n got %x\nwant %x", got, want)
	}
}

func TestCodeIsSummedByTheMostSpecificPackageHeaviestFirst(t *testing.T) {
	m, err := Read(sampleModule([][]byte{renderBody, mainBody}, true))
	if err != nil {
		t.Fatal(err)
	}
	got := m.CodeByPackage([]string{"oversight", "oversight/app", "runtime"})
	want := []PackageCode{{"oversight/app", len(renderBody)}, {"runtime", len(mainBody)}}
	if !slices.Equal(got, want) {
		t.Errorf("CodeByPackage = %v, want %v", got, want)
	}
	if got := m.CodeByPackage([]string{"runtime"}); !slices.Equal(got, []PackageCode{{"", len(renderBody)}, {"runtime", len(mainBody)}}) {
		t.Errorf("with oversight/app not listed, CodeByPackage = %v: its code should count for \"\"", got)
	}
}

func TestPackagesMatchTheLinkersNamesWithSubpackagesAndTypeFunctions(t *testing.T) {
	ps := Packages{"oversight/kb", "github.com/maxence-charriere/go-app/v10"}
	for symbol, want := range map[string]bool{
		"oversight_kb.__KB_.Concept":                                        true,
		"oversight_kb_load.Content":                                         true,
		"type_.eq.oversight_kb.Concept":                                     true,
		"github.com_maxence_charriere_go_app_v10_pkg_app.__htmlA_.Href":     true,
		"oversight_kbx.New":                                                 false,
		"oversight_app.__MapPage_.Render":                                   false,
		"runtime.main":                                                      false,
		"type_.hash.github.com_maxence_charriere_go_app_v10_pkg_app.Action": true,
	} {
		if got := ps.Has(symbol); got != want {
			t.Errorf("Has(%q) = %v, want %v", symbol, got, want)
		}
	}
}

func TestBadBinariesAreRefusedWithWhereAndWhy(t *testing.T) {
	good := sampleModule([][]byte{renderBody, mainBody}, true)
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"not wasm":   {[]byte("<!doctype html>"), "not a WebAssembly binary"},
		"no names":   {sampleModule([][]byte{renderBody, mainBody}, false), "without -ldflags"},
		"truncated":  {good[:len(good)-5], "runs past the end"},
		"cut a body": {appendSection([]byte("\x00asm\x01\x00\x00\x00"), codeSection, []byte{1, 9, 0}), "section 10 at byte 8"},
	} {
		if _, err := Read(c.data); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, c.want)
		}
	}
}

// The real thing: go-app's hello world as the Go linker writes it. Without
// a name section and with nothing trapped, Stripped must be exactly what
// -ldflags="-s -w" builds, but for the build id, which hashes the flags.
func TestStrippedIsByteForByteWhatTheLinkerStrips(t *testing.T) {
	if testing.Short() {
		t.Skip("builds WebAssembly twice")
	}
	dir := t.TempDir()
	named, stripped := filepath.Join(dir, "named.wasm"), filepath.Join(dir, "stripped.wasm")
	build(t, named)
	build(t, stripped, `-ldflags=-s -w`)
	data, err := os.ReadFile(named)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(stripped)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Stripped(nil); !bytes.Equal(afterBuildID(t, got), afterBuildID(t, want)) {
		t.Fatalf("Stripped is %d bytes, the linker's -s -w build %d: they differ", len(got), len(want))
	}
	goApp := Packages{"github.com/maxence-charriere/go-app/v10"}
	if m.CodeSize(goApp) < 100_000 {
		t.Errorf("go-app's code in its hello world is %d bytes: the names are not being matched", m.CodeSize(goApp))
	}
	if without := m.Stripped(goApp); len(without) > len(want)-m.CodeSize(goApp)/2 {
		t.Errorf("trapping go-app's %d bytes of code left %d of %d bytes", m.CodeSize(goApp), len(without), len(want))
	}
	byPackage := m.CodeByPackage(dependencies(t))
	if byPackage[0].Package != "runtime" {
		t.Errorf("the heaviest package of a hello world is %q, not the runtime: %v", byPackage[0].Package, byPackage[:5])
	}
	// What no package claims is the code of anonymous types, assembly and
	// linkname targets: a sliver.
	total := 0
	for _, p := range byPackage {
		total += p.Size
	}
	for _, p := range byPackage {
		if p.Package == "" && p.Size > total/100 {
			t.Errorf("%d of %d bytes of code belong to no package that go list names", p.Size, total)
		}
	}
}

// dependencies are the packages of the hello world, as go list names them
// and main as the linker does.
func dependencies(t *testing.T) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "oversight/tools/bench/hello")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return append(strings.Fields(string(out)), "main")
}

// afterBuildID is a Go WebAssembly binary after its first section, the
// build id.
func afterBuildID(t *testing.T, data []byte) []byte {
	t.Helper()
	r := &reader{data: data, at: 8}
	s, err := r.section()
	if err != nil || s.name != "go:buildid" {
		t.Fatalf("the binary does not start with a build id (%v)", err)
	}
	return data[s.end:]
}

func build(t *testing.T, out string, flags ...string) {
	t.Helper()
	args := append([]string{"build", "-trimpath"}, flags...)
	cmd := exec.Command("go", append(args, "-o", out, "oversight/tools/bench/hello")...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the hello world: %v\n%s", err, msg)
	}
}
