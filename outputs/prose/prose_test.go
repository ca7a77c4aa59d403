package prose

import (
	"testing"

	"github.com/oversight/oversight/analysis/dates"
)

func TestDate(t *testing.T) {
	for in, want := range map[string]string{"2025-09-30": "30 Sep 2025", "2019-07": "Jul 2019", "2019": "2019", "2024-01-05": "5 Jan 2024"} {
		d, err := dates.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := Date(d); got != want {
			t.Errorf("Date(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestJoinAnd(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a and b"}, {[]string{"a", "b", "c"}, "a, b and c"}} {
		if got := JoinAnd(tt.in); got != tt.want {
			t.Errorf("JoinAnd(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 101: "101st", 111: "111th", 153: "153rd"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}
