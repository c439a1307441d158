package app

import (
	"testing"
	"time"
)

// A content date reads as a reader says it, exactly as Go's time package
// writes it, for every day of three decades (leap years included); what is
// not a date of the calendar comes back as it was written.
func TestReadableDateSaysTheDateAsTimeFormatWould(t *testing.T) {
	for day := time.Date(1996, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() < 2031; day = day.AddDate(0, 0, 1) {
		for _, f := range []struct{ in, out string }{
			{"2006-01-02", "2 January 2006"},
			{"2006-01", "January 2006"},
			{"2006", "2006"},
		} {
			if got, want := readableDate(day.Format(f.in)), day.Format(f.out); got != want {
				t.Fatalf("readableDate(%q) = %q, want %q", day.Format(f.in), got, want)
			}
		}
	}
	for _, d := range []string{"", "2024-02-30", "2023-02-29", "2024-13", "2024-00", "2024-04-31", "2024-1-5", "24", "2024-05-17-01", "20x4", "2024-05-00", "May 2024"} {
		if got := readableDate(d); got != d {
			t.Errorf("readableDate(%q) = %q, want it given back as it is", d, got)
		}
	}
	if got := readableDate("2000-02-29"); got != "29 February 2000" {
		t.Errorf("2000 is a leap year: got %q", got)
	}
}
