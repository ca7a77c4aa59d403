package reference

import (
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
)

// Issue 10, cases 5 and 11: text that cannot be a council's name is said
// to be so, cheaply, instead of being folded into a real name or searched
// for near misses.
func TestNamesThatCannotBeCouncils(t *testing.T) {
	l := Default()
	for _, tt := range []struct{ name, want string }{
		{"Medway 🦀", "U+1F980"},
		{"Medway™", "U+2122"},
		{"Kent*", "U+002A"},
		{"=Medway", "U+003D"},
		{strings.Repeat("Medway ", 1000), "longer than 200 characters"},
	} {
		_, err := l.Resolve(tt.name, dates.MinDay, dates.MaxDay)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%.30q: %v, want %q", tt.name, err, tt.want)
		}
		if len(l.Candidates(tt.name)) != 0 || len(l.Suggest(tt.name, 3)) != 0 {
			t.Errorf("%.30q has candidates or suggestions", tt.name)
		}
	}
	for _, name := range []string{"Barking & Dagenham", "Bristol, City of", "St. Helens", "Kingston-upon-Hull", "Brighton and Hove (City of)", "LB Barking & Dagenham", "Children’s Services, Medway", "E09000002", " 301 "} {
		if _, err := l.Resolve(name, dates.MinDay, dates.MaxDay); err != nil && strings.Contains(err.Error(), "no council's name has") {
			t.Errorf("%q refused for its characters: %v", name, err)
		}
	}
}
