package dates

import "testing"

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2019-08-19", "2019-08", "2019", "03/04/2018", "29/02/2020", "2019-02-30", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		if d.Day < MinDay || d.Day > MaxDay || d.End() < d.Day {
			t.Fatalf("Parse(%q) = %+v", s, d)
		}
		again, err := Parse(d.String())
		if err != nil || again != d {
			t.Fatalf("Parse(%q) = %s, which parses to %+v, %v", s, d, again, err)
		}
	})
}
