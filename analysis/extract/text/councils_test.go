package text

import (
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/reference"
)

// TestShortNames: the short names news uses for councils whose official
// names are longer, and a name joined by a hyphen to more words is
// another place.
func TestShortNames(t *testing.T) {
	m := matcherFor(reference.Default())
	for _, tt := range []struct{ text, want string }{
		{"Newcastle City Council said its services had improved.", "Newcastle upon Tyne"},
		{"Southend council has been told to improve.", "Southend-on-Sea"},
		{"Stoke council's children's services were rated inadequate.", "Stoke-on-Trent"},
		{"Stoke-on-Trent City Council said so.", "Stoke-on-Trent"},
		{"Newcastle-under-Lyme Borough Council runs no children's services.", ""},
		{"A Brighton-based charity said so.", ""},
	} {
		var got []string
		for _, mm := range m.find(tt.text) {
			got = append(got, mm.Council)
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
		}
	}
}
