package app

import (
	"strconv"
	"strings"
	"time"
)

// readableDate writes a content date (YYYY, YYYY-MM or YYYY-MM-DD) the way a
// reader says it: "5 July 2023", "May 2024", "2022". Anything else, or a
// day the calendar does not have, is given back as it is. Every page's
// footer shows a date, so this runs as the app draws its first page: it
// reads the digits itself rather than through time.Parse and Format, whose
// code a phone would compile on that first call, in the same task.
func readableDate(d string) string {
	parts := strings.Split(d, "-")
	year, ok := digits(parts[0], 4)
	if !ok || len(parts) > 3 {
		return d
	}
	if len(parts) == 1 {
		return parts[0]
	}
	month, ok := digits(parts[1], 2)
	if !ok || month < 1 || month > 12 {
		return d
	}
	name := time.Month(month).String()
	if len(parts) == 2 {
		return name + " " + parts[0]
	}
	day, ok := digits(parts[2], 2)
	if !ok || day < 1 || day > daysIn(time.Month(month), year) {
		return d
	}
	return strconv.Itoa(day) + " " + name + " " + parts[0]
}

// digits reads s as a number of exactly n decimal digits.
func digits(s string, n int) (int, bool) {
	if len(s) != n {
		return 0, false
	}
	v := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		v = v*10 + int(r-'0')
	}
	return v, true
}

// daysIn is the number of days of month in year.
func daysIn(month time.Month, year int) int {
	switch month {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// plural picks the singular or plural noun for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// sentenceCase lowers the first letter of a label used inside a sentence.
func sentenceCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// sentenceStart raises the first letter of a phrase that starts a sentence.
func sentenceStart(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
