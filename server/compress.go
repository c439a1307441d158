package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/andybalholm/brotli"
)

// compressedIndex remembers, per file, the digest its .br and .gz were made
// from, so an unchanged file is not compressed again: brotli at its best
// quality takes minutes on the WebAssembly.
const compressedIndex = ".compressed.json"

// minCompressSize is the smallest file worth a compressed copy.
const minCompressSize = 1024

// encodings are the precompressed siblings a file can have, in the order
// the server prefers them.
var encodings = []struct {
	token, ext string
}{{"br", ".br"}, {"gzip", ".gz"}}

// compressible says whether a file's type benefits from compression.
func compressible(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".wasm", ".js", ".css", ".svg", ".json", ".webmanifest", ".html", ".txt", ".xml":
		return true
	}
	return false
}

// Compress writes name.br and name.gz beside every compressible file of a
// folder, skipping files whose digest has not changed since the last run,
// and says what it compressed on out.
func Compress(dir string, quality int, out io.Writer) error {
	index := readCompressedIndex(dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && compressible(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		if len(data) < minCompressSize {
			continue
		}
		key := contentDigest(data) + fmt.Sprintf("/q%d", quality)
		if index[name] == key && siblingsExist(dir, name) {
			continue
		}
		br, gz := compressBytes(data, quality)
		for ext, body := range map[string][]byte{".br": br, ".gz": gz} {
			if err := os.WriteFile(filepath.Join(dir, name+ext), body, 0o644); err != nil {
				return err
			}
		}
		index[name] = key
		fmt.Fprintf(out, "compress: %s %d bytes → brotli %d, gzip %d\n", name, len(data), len(br), len(gz))
	}
	return writeCompressedIndex(dir, index)
}

// contentDigest names a file's bytes: its copies are its own as long as
// the digest they were made from is the file's.
func contentDigest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// madeFrom is the digest of the bytes an index entry's copies were made
// from (an entry is "digest/qQuality").
func madeFrom(entry string) string {
	digest, _, _ := strings.Cut(entry, "/")
	return digest
}

func compressBytes(data []byte, quality int) (br, gz []byte) {
	return brotliBytes(data, quality), gzipBytes(data)
}

func brotliBytes(data []byte, quality int) []byte {
	var b bytes.Buffer
	w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: quality, LGWin: brotliWindow(len(data))})
	// Writing to memory cannot fail.
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// brotliWindow is the smallest window that holds n bytes, between brotli's
// least (2¹⁰) and its most (2²⁴): a larger one compresses no better, and the
// encoder allocates for the window it is given (about 34 MB at 2²⁴ and
// quality 9, for a 3 KB page).
func brotliWindow(n int) int {
	w := 10
	for w < 24 && 1<<w < n {
		w++
	}
	return w
}

func gzipBytes(data []byte) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func siblingsExist(dir, name string) bool {
	for _, enc := range encodings {
		if _, err := os.Stat(filepath.Join(dir, name+enc.ext)); err != nil {
			return false
		}
	}
	return true
}

func readCompressedIndex(dir string) map[string]string {
	index := make(map[string]string)
	if data, err := os.ReadFile(filepath.Join(dir, compressedIndex)); err == nil {
		// A damaged index only costs a recompression.
		_ = json.Unmarshal(data, &index)
	}
	return index
}

func writeCompressedIndex(dir string, index map[string]string) error {
	data, err := json.MarshalIndent(index, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, compressedIndex), data, 0o644)
}
