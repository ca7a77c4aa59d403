package text

import (
	"sort"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/extract/evidence"
)

// TestGradeContext: an inspection dated by the weeks inspectors spent
// dates the grade the story reports; reported speech's "had been judged"
// is the news, not an earlier grade; minutes take their meeting's day.
func TestGradeContext(t *testing.T) {
	tests := []struct{ doc, want string }{
		{"Source: https://news.example/a\n\n9 May 2024\n\nRochdale rated good\n\n" +
			"Ofsted now calls Rochdale's help for children good.\n\n" +
			"Inspectors spent two weeks with social work teams across the borough in March.\n",
			"Rochdale 2024-03 good overall"},
		{"Source: https://democracy.example.gov.uk/mgAi.aspx?ID=1\n\nRochdale Borough Council\nMinutes of the Children's Scrutiny meeting held on Monday, 10 June 2024\n\n" +
			"Ofsted report\nThe inspection took place between 11 and 22 March 2024.\n\n" +
			"Members were told that the service had been judged good.\n",
			"Rochdale 2024-03-11 good overall"},
	}
	for _, tt := range tests {
		res := readText(t, "x.txt", []byte(tt.doc), Options{})
		got := shown(res.Candidates, func(c evidence.Candidate) bool { return c.Measure == "grade" && c.Review == "" },
			func(c evidence.Candidate) string { return c.Council + " " + c.Date + " " + c.Value + " " + c.Area })
		sort.Strings(got)
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.doc, strings.Join(got, "|"), tt.want)
		}
	}
}
