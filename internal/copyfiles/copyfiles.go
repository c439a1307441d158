// Package copyfiles copies files the way the build, the static export, the
// browser tests and the benchmarks need: a file to a new place, and the
// files of a folder (not its subfolders) that a filter keeps.
package copyfiles

import (
	"os"
	"path/filepath"
)

// File copies from to to, making to's folder if need be.
func File(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// Folder copies the files directly in from that keep accepts, by name,
// into to.
func Folder(from, to string, keep func(name string) bool) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || !keep(e.Name()) {
			continue
		}
		if err := File(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			return err
		}
	}
	return nil
}
