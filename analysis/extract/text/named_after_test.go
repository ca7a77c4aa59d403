package text

import (
	"sort"
	"strings"
	"testing"
)

// TestNamedNext: councils counted in the grade's sentence and named in the
// next one take the grade; a count the next sentence does not match, or a
// next sentence with a grade of its own, gives nothing.
func TestNamedNext(t *testing.T) {
	tests := []struct {
		text string
		want string // councils with an outstanding grade above the cut
	}{
		{"Two northern councils were the first in the region to get their children's services rated ‘outstanding’.\n\nLeeds and Wigan had their reports published today.",
			"Leeds|Wigan"},
		{"Three northern councils were rated ‘outstanding’ in reports published today.\n\nOfsted praised Leeds and Wigan.", ""},
		{"Two northern councils were rated ‘outstanding’ in reports published today.\n\nLeeds was rated good and Wigan inadequate.", ""},
	}
	for _, tt := range tests {
		doc := "Source: https://news.example/2016/03/29/outstanding-councils\n\n29 March 2016\n\n" + tt.text + "\n"
		res := readText(t, "x.txt", []byte(doc), Options{})
		var got []string
		for _, c := range res.Candidates {
			if c.Measure == "grade" && c.Value == "outstanding" && c.Review == "" {
				got = appendOnce(got, c.Council)
			}
		}
		sort.Strings(got)
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%q: outstanding councils %q, want %q", tt.text, got, tt.want)
		}
	}
	// "became the first to have ... rated" is a record, not an aim.
	if gs := findGrades("The county became the first council to have its children's services rated ‘outstanding’ twice."); len(gs) != 1 {
		t.Errorf("the first to have ... rated: %+v", gs)
	}
	if gs := findGrades("The county wants to have its children's services rated ‘outstanding’."); len(gs) != 0 {
		t.Errorf("wants to have ... rated: %+v", gs)
	}
}
