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
		{"Halton's average caseload fell from 21.3 to 15.2 between September 2019 and September 2021.",
			"2019-09 caseload 21.3|2021-09 caseload 15.2"},
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

// TestFigureDocuments: how documents date and attribute figures.
//   - a statistics story's reference day dates its figures when the only
//     inspection it reports is years older, and a paragraph opening with a
//     comparison carries the measure, and the average, of the one before it
//     to a list of councils' figures;
//   - a reference day "as at" in the figure's sentence, however far, dates
//     it; "up from X a year earlier" is a year before; "pc" is per cent; the
//     statistics' day dates the next sentence's figures when the inspection
//     the story mentions came before it;
//   - a list's heading gives its items' reference day, and a bracket's
//     comparison ("(England 16.0)") leaves the figure the council's;
//   - a region in the clause before a contrasting one is the comparison's,
//     not the figure's (which stays the council's, held for want of a
//     date); "at the end of September 2018" dates a figure however far
//     after it.
func TestFigureDocuments(t *testing.T) {
	tests := []struct {
		name, doc string
		review    bool // review rows too (a held figure shows with no date)
		want      string
	}{
		{"across paragraphs", "Source: https://news.example/2024/03/01/caseloads\n\n1 March 2024\n\nCaseloads in the Tees Valley\n\n" +
			"New government figures show that, as at 30 September 2023, a social worker in Middlesbrough held an average of 19.4 cases.\n\n" +
			"That compares with Darlington (15.2) and Hartlepool (17.0).\n\n" +
			"The vacancy rate in Middlesbrough was 21.5 per cent.\n\n" +
			"Ofsted judged Middlesbrough inadequate back in 2019.\n", false,
			"Darlington 2023-09-30 caseload 15.2 average|Hartlepool 2023-09-30 caseload 17 average|" +
				"Middlesbrough 2023-09-30 caseload 19.4 average|Middlesbrough 2023-09-30 vacancy_rate 21.5% exact"},
		{"statistics day", "Source: https://news.example/2025/03/10/agency\n\n10 March 2025\n\nAgency staff in Halton\n\n" +
			"Government data shows 31 per cent of the borough's children's social workers were agency staff as at 30 September 2024 - up from 22.5pc a year earlier.\n\n" +
			"The vacancy rate in Halton was 28.4pc, the data shows.\n\n" +
			"The data came out ten months after an inspection in May 2024 left Halton with an inadequate grade.\n", false,
			"Halton 2023-09-30 agency_rate 22.5% exact|Halton 2024-09-30 agency_rate 31% exact|Halton 2024-09-30 vacancy_rate 28.4% exact"},
		{"list heading", "Source: https://democracy.example.gov.uk/documents/s1/Workforce.pdf\n\nHALTON BOROUGH COUNCIL\n\nCHILDREN'S SCRUTINY\n\n12 March 2024\n\n" +
			"2. KEY FIGURES (as at 30 September 2023)\n" +
			"- Social workers (FTE): 120.5 (2022: 110.0)\n" +
			"- Average caseload: 16.2 (England 16.0; North West 16.9)\n" +
			"- Agency rate: 12.1% (England 17.9%)\n\n" +
			"3. IN-YEAR POSITION\nLocal data shows the average caseload was 17.0 at 31 January 2024.\n", false,
			"Halton 2023-09-30 agency_rate 12.1% exact|Halton 2023-09-30 caseload 16.2 average|Halton 2023-09-30 social_workers 120.5 exact|Halton 2024-01-31 caseload 17 average"},
		{"clauses", "Source: https://news.example/2019/02/28/halton\n\n28 February 2019\n\nHalton's workforce\n\n" +
			"Halton employed 263.1 full-time equivalent children and family social workers at the end of September 2018.\n\n" +
			"Only 3.7 per cent of posts were vacant in September 2018, compared with 6.4 per cent across the North West, although the share of agency workers rose to 11.4 per cent.\n", true,
			"Halton  agency_rate 11.4% exact|Halton 2018-09 social_workers 263.1 exact|Halton 2018-09 vacancy_rate 3.7% exact"},
	}
	for _, tt := range tests {
		res := readText(t, "x.txt", []byte(tt.doc), Options{})
		got := shown(res.Candidates, func(c evidence.Candidate) bool {
			return c.Measure != "theme" && c.Measure != "grade" && (tt.review || c.Review == "")
		}, func(c evidence.Candidate) string {
			return c.Council + " " + c.Date + " " + c.Measure + " " + c.Value + " " + c.Qualifier
		})
		sort.Strings(got)
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%s:\n got  %s\n want %s", tt.name, strings.Join(got, "|"), tt.want)
		}
	}
}
