package debate

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"
)

func TestTheEmbeddedDigitsAreTheUCIDigits(t *testing.T) {
	sum := sha256.Sum256(digitsBin)
	if got := hex.EncodeToString(sum[:]); got != "d8121ca7764eccfaef1df6bc4589c6527c58fcbab0cb1b079e79f97f8cb8219a" {
		t.Fatalf("digits.bin has SHA-256 %s, not the one ATTRIBUTION.md records", got)
	}
	digits, err := loadDigits()
	if err != nil {
		t.Fatal(err)
	}
	if len(digits) != 1797 {
		t.Fatalf("%d digits, want 1,797", len(digits))
	}
	// The UCI description gives how many of each digit its test part holds.
	want := [Labels]int{178, 182, 177, 183, 181, 182, 181, 179, 174, 180}
	var got [Labels]int
	var top uint8
	for _, d := range digits {
		got[d.Label]++
		for _, v := range d.Pixels {
			top = max(top, v)
		}
	}
	if got != want {
		t.Errorf("digits per label %v, want %v", got, want)
	}
	if top != MaxValue {
		t.Errorf("the largest pixel is %d, want %d", top, MaxValue)
	}
}

func TestTheFirstDigitIsTheZeroAtTheTopOfTheCSV(t *testing.T) {
	digits, err := loadDigits()
	if err != nil {
		t.Fatal(err)
	}
	// The first row of digits.csv.gz, label last.
	row := "0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0,0"
	var fields []string
	for _, v := range digits[0].Pixels {
		fields = append(fields, strconv.Itoa(int(v)))
	}
	fields = append(fields, strconv.Itoa(digits[0].Label))
	if got := strings.Join(fields, ","); got != row {
		t.Errorf("first digit\n%s\nwant\n%s", got, row)
	}
}

func TestDamagedDigitsAreRefused(t *testing.T) {
	damage := map[string]func([]byte) []byte{
		"short":       func(b []byte) []byte { return b[:len(b)-1] },
		"label 10":    func(b []byte) []byte { b[0] = 10; return b },
		"pixel of 17": func(b []byte) []byte { b[recordBytes+5] = 17; return b },
	}
	for name, spoil := range damage {
		raw := spoil(append([]byte(nil), digitsBin...))
		if _, err := parseDigits(raw); err == nil {
			t.Errorf("%s: parsed without an error", name)
		}
	}
}

func TestTheTestSetIsTheLast500Digits(t *testing.T) {
	data := mustDataset(t)
	all, _ := loadDigits()
	if len(data.Test) != TestDigits || len(data.Train)+len(data.Test) != len(all) {
		t.Fatalf("%d training and %d test digits", len(data.Train), len(data.Test))
	}
	if data.Test[0] != all[len(all)-TestDigits] {
		t.Error("the test set does not start 500 digits from the end")
	}
}

func mustDataset(t testing.TB) dataset {
	t.Helper()
	data, err := loadDataset()
	if err != nil {
		t.Fatal(err)
	}
	return data
}
