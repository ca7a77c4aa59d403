package text

import (
	"sort"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/extract/evidence"
)

// TestChangeDates: each value of a change takes the date given right
// after it, and a change without dates after one with both in the same
// sentence takes that change's dates by place; a change word a news
// story uses ("agency social worker rate") names the measure.
func TestChangeDates(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Halton's agency social worker rate went down from 28.5% in September 2018 to 12.5% in September 2021, the figures show; its vacancy rate went down from 30.2% to 11.1%.",
			"2018-09 agency_rate 28.5%|2018-09 vacancy_rate 30.2%|2021-09 agency_rate 12.5%|2021-09 vacancy_rate 11.1%"},
		{"Halton's caseloads fell from 21.3 in 2019 to 15.2 in 2022.",
			"2019 caseload 21.3|2022 caseload 15.2"},
	}
	for _, tt := range tests {
		doc := "Source: https://news.example/2022/12/06/halton\n\n6 December 2022\n\nHalton's workforce\n\n" + tt.text + "\n"
		res := readText(t, "x.txt", []byte(doc), Options{})
		got := shown(res.Candidates, func(c evidence.Candidate) bool { return c.Measure != "theme" && c.Measure != "grade" && c.Review == "" },
			func(c evidence.Candidate) string { return c.Date + " " + c.Measure + " " + c.Value })
		sort.Strings(got)
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.text, strings.Join(got, "|"), tt.want)
		}
	}
}
