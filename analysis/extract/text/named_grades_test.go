package text

import (
	"sort"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/extract/evidence"
)

// TestNamedGrades: a list pairing councils with grades gives each council
// its own grade, in brackets after its name or, once a verb has given the
// first, bare; a bare grade word with no verb before it, a bracket in a
// sentence about no inspection and another provider's grade are not read.
func TestNamedGrades(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Reports on inspections held in June 2024 came out this month: Wirral (good), Rotherham (outstanding) and Thurrock (requires improvement).",
			"Rotherham outstanding 2024-06|Thurrock requires improvement 2024-06|Wirral good 2024-06"},
		{"After inspections in June 2024, Wirral was judged good, Rotherham outstanding and Thurrock ‘requires improvement’.",
			"Rotherham outstanding 2024-06|Thurrock requires improvement 2024-06|Wirral good 2024-06"},
		{"In June 2024 Ofsted rated Wirral good, Rotherham outstanding.", "Rotherham outstanding 2024-06|Wirral good 2024-06"},
		// A semicolon ends the clause the date is given in.
		{"In June 2024 Ofsted rated Wirral good; Rotherham outstanding.", "Wirral good 2024-06"},
		// No verb opens the list: "good" after a name is not a grade.
		{"In June 2024 the mayor said Wirral good, Rotherham better.", ""},
		// Brackets in a sentence that speaks of no inspection or rating.
		{"Budgets rose in June 2024 in Wirral (good news) and Rotherham (outstanding).", ""},
		// Lines of a list run together: a name, a dash or colon, a grade
		// and its year.
		{"Latest Ofsted grades: Wirral - good (2024) Rotherham - outstanding (2024) Thurrock: requires improvement (2023)",
			"Rotherham outstanding 2024|Thurrock requires improvement 2023|Wirral good 2024"},
		{"Wirral - good news (2024) Rotherham - outstanding teachers (2024)", ""},
		// Other providers' grades.
		{"In June 2024 Ofsted rated schools in Wirral (good) and Rotherham (outstanding).", ""},
	}
	for _, tt := range tests {
		doc := "Source: https://news.example/story\n\n20 August 2024\n\n" + tt.text + "\n"
		res := readText(t, "x.txt", []byte(doc), Options{})
		got := shown(res.Candidates, func(c evidence.Candidate) bool { return c.Measure == "grade" && c.Review == "" },
			func(c evidence.Candidate) string { return c.Council + " " + c.Value + " " + c.Date })
		sort.Strings(got)
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%q: grades %q, want %q", tt.text, strings.Join(got, "|"), tt.want)
		}
	}
}
