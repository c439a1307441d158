package debate

import (
	_ "embed"
	"fmt"
)

// The digits: 1,797 images of 8×8 pixels, each pixel a count of 0–16 ink
// dots, from the UCI optical digits (see ATTRIBUTION.md). digits.bin holds
// 65 bytes per image: its label, then its 64 pixels row by row. The bytes
// are not compressed: the WebAssembly is served with brotli, which shrinks
// them to 41 KB, less than gzip would (46 KB) and with no decoder to link.
//
//go:embed digits.bin
var digitsBin []byte

const (
	// Side is the width and height of an image in pixels.
	Side = 8
	// Pixels is the number of pixels in an image.
	Pixels = Side * Side
	// MaxValue is the largest value a pixel can hold.
	MaxValue = 16
	// Labels is the number of classes: the digits 0 to 9.
	Labels = 10

	digitCount  = 1797
	recordBytes = 1 + Pixels
	// TestDigits is the size of the fixed test set: the last 500 images of
	// the file. The file is the UCI test set, written by 13 people in turn,
	// so the test digits come mostly from writers the judge never saw.
	TestDigits = 500
)

// digit is one image and its true label.
type digit struct {
	Label  int
	Pixels [Pixels]uint8
}

// dataset is the digits split into the judge's training set and the fixed
// test set on which every result is measured.
type dataset struct {
	Train []digit
	Test  []digit
}

// loadDigits reads the embedded images, checking every byte.
func loadDigits() ([]digit, error) {
	return parseDigits(digitsBin)
}

func parseDigits(raw []byte) ([]digit, error) {
	if len(raw) != digitCount*recordBytes {
		return nil, fmt.Errorf("digits: %d bytes, want %d", len(raw), digitCount*recordBytes)
	}
	digits := make([]digit, digitCount)
	for i := range digits {
		rec := raw[i*recordBytes : (i+1)*recordBytes]
		if rec[0] >= Labels {
			return nil, fmt.Errorf("digits: image %d has label %d", i, rec[0])
		}
		digits[i].Label = int(rec[0])
		for p, v := range rec[1:] {
			if v > MaxValue {
				return nil, fmt.Errorf("digits: image %d pixel %d is %d, above %d", i, p, v, MaxValue)
			}
			digits[i].Pixels[p] = v
		}
	}
	return digits, nil
}

// loadDataset splits the digits: the first 1,297 train the judge, the last
// 500 are the test set.
func loadDataset() (dataset, error) {
	digits, err := loadDigits()
	if err != nil {
		return dataset{}, err
	}
	cut := len(digits) - TestDigits
	return dataset{Train: digits[:cut], Test: digits[cut:]}, nil
}
