package control

import "testing"

func TestNumbersReadAsTheLabWritesThem(t *testing.T) {
	for share, want := range map[float64]string{0: "0%", 0.62: "62%", 0.97: "97%", 0.014: "1.4%", 0.02: "2%", 0.0017: "0.17%", 0.00127: "0.13%", 1: "100%"} {
		if got := percent(share); got != want {
			t.Errorf("percent(%v) = %q, want %q", share, got, want)
		}
	}
	for n, want := range map[float64]string{5000: "5,000", 8.6: "9", 100: "100", 1234567: "1,234,567"} {
		if got := count(n); got != want {
			t.Errorf("count(%v) = %q, want %q", n, got, want)
		}
	}
}
