package dates

import "testing"

func TestParseMonth(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{{"January", 1, true}, {"jan", 1, true}, {"JAN.", 1, true}, {"Sept", 9, true}, {"sep", 9, true}, {"september", 9, true},
		{"May", 5, true}, {"dec", 12, true}, {"ja", 0, false}, {"janu", 0, false}, {"", 0, false}, {"monday", 0, false}} {
		got, ok := ParseMonth(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseMonth(%q) = %d %v, want %d %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
