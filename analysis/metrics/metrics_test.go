package metrics

import (
	"context"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/go-gota/gota/series"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// mk parses rows written "council|date|measure|value|area|scope|qualifier|polarity".
func mk(t *testing.T, rows ...string) []findings.Finding {
	t.Helper()
	p := findings.NewParser(reference.Default())
	var out []findings.Finding
	for i, row := range rows {
		var raw findings.Raw
		for j, v := range strings.Split(row, "|") {
			raw[j] = v
		}
		f, err := p.Parse(&raw)
		if err != nil {
			t.Fatalf("row %d %q: %v", i, row, err)
		}
		f.Line = int32(i + 2)
		out = append(out, f)
	}
	return out
}

func day(s string) dates.Day {
	d, err := dates.Parse(s)
	if err != nil {
		panic(err)
	}
	return d.Day
}

func compute(t *testing.T, asOf string, rows ...string) *Report {
	t.Helper()
	r, err := Compute(context.Background(), mk(t, rows...), reference.Default(), day(asOf))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// row returns a council's councils.csv values by column name, as text.
func row(t *testing.T, r *Report, name string) map[string]string {
	t.Helper()
	df := r.CouncilFrame
	names := df.Col("la_name").Records()
	for i, n := range names {
		if n == name {
			out := map[string]string{}
			for _, col := range CouncilColumns {
				v := df.Col(col).Elem(i)
				switch {
				case v.IsNA():
					out[col] = ""
				case v.Type() == series.Float:
					out[col] = strconv.FormatFloat(v.Float(), 'f', -1, 64)
				default:
					out[col] = v.String()
				}
			}
			return out
		}
	}
	t.Fatalf("no row for %s", name)
	return nil
}

func TestCouncilDefinitions(t *testing.T) {
	tests := []struct {
		name string
		asOf string
		rows []string
		want map[string]string // Medway's row
	}{
		{"no findings: blanks, not zeros", "2024-01-01", nil, map[string]string{
			"grade": "", "grade_date": "", "grade_change": "", "caseload": "", "caseload_max": "", "inspections": "0", "findings": "0", "judgement_date": ""}},
		{"one grade is first", "2024-01-01", []string{"Medway|2019-08|grade|inadequate"}, map[string]string{
			"grade": "inadequate", "grade_date": "2019-08", "previous_grade": "", "grade_change": "first", "inspections": "1", "judgement_date": "2019-08"}},
		{"declined, month and year precision kept", "2024-01-01", []string{"Medway|2015|grade|RI", "Medway|2019-08|grade|inadequate"}, map[string]string{
			"grade": "inadequate", "grade_date": "2019-08", "previous_grade": "requires improvement", "previous_grade_date": "2015", "grade_change": "declined", "inspections": "2"}},
		{"improved", "2024-01-01", []string{"Medway|2019-08|grade|inadequate", "Medway|2022-06-17|grade|good"}, map[string]string{
			"grade": "good", "previous_grade": "inadequate", "grade_change": "improved"}},
		{"unchanged", "2024-01-01", []string{"Medway|2019|grade|good", "Medway|2022-06-17|grade|good"}, map[string]string{
			"grade_change": "unchanged", "inspections": "2"}},
		{"as-of cut-off leaves later findings out", "2020-01-01", []string{"Medway|2019-08|grade|inadequate", "Medway|2022-06-17|grade|good", "Medway|2021|caseload|18"}, map[string]string{
			"grade": "inadequate", "grade_change": "first", "caseload": "", "findings": "1"}},
		{"month-precision date counts from its first day", "2019-08-01", []string{"Medway|2019-08|grade|inadequate", "Medway|2019-08-02|caseload|20"}, map[string]string{
			"grade": "inadequate", "caseload": ""}},
		{"year-precision date sorts as 1 January", "2019-01-01", []string{"Medway|2019|grade|inadequate"}, map[string]string{"grade": "inadequate"}},
		{"same inspection at month and day precision is one", "2024-01-01", []string{"Medway|2015|grade|RI", "Medway|2019-08|grade|inadequate", "Medway|2019-08-19|grade|inadequate"}, map[string]string{
			"grade": "inadequate", "grade_date": "2019-08-19", "previous_grade": "requires improvement", "inspections": "2"}},
		{"inspection month and publication two months later are one inspection", "2024-01-01", []string{"Medway|2023-07|grade|good", "Medway|2023-09-04|grade|good", "Medway|2019-08|grade|inadequate"}, map[string]string{
			"grade": "good", "grade_date": "2023-09-04", "previous_grade": "inadequate", "grade_change": "improved", "inspections": "2"}},
		{"a year-dated grade matches a report published early the next year", "2024-01-01", []string{"Medway|2017|grade|inadequate", "Medway|2018-02-20|grade|inadequate"}, map[string]string{
			"grade_date": "2018-02-20", "inspections": "1", "grade_change": "first"}},
		{"the same grade four months after the month is another inspection", "2024-01-01", []string{"Medway|2023-07|grade|good", "Medway|2023-12-01|grade|good"}, map[string]string{
			"inspections": "2", "grade_change": "unchanged"}},
		{"different grades in the same month are two inspections", "2024-01-01", []string{"Medway|2019-08|grade|good", "Medway|2019-08-19|grade|inadequate"}, map[string]string{
			"grade": "inadequate", "grade_date": "2019-08-19", "previous_grade": "good", "grade_change": "declined", "inspections": "2"}},
		{"previous grade is strictly before", "2024-01-01", []string{"Medway|2019|grade|good", "Medway|2019-01-01|grade|inadequate"}, map[string]string{
			"grade": "inadequate", "grade_date": "2019-01-01", "previous_grade": "", "grade_change": "first"}},
		{"area grades and the combined ILACS area", "2024-01-01", []string{
			"Medway|2019-08|grade|inadequate|leadership", "Medway|2019-08|grade|inadequate|help_and_protection",
			"Medway|2019-08|grade|RI|children_in_care_and_care_leavers"}, map[string]string{
			"grade": "", "leadership": "inadequate", "help_and_protection": "inadequate", "children_in_care": "requires improvement", "care_leavers": "requires improvement",
			"judgement_date": "2019-08", "inspections": "0"}},
		{"own area wins on the same date", "2024-01-01", []string{
			"Medway|2023-05-10|grade|RI|children_in_care_and_care_leavers", "Medway|2023-05-10|grade|good|care_leavers"}, map[string]string{
			"children_in_care": "requires improvement", "care_leavers": "good"}},
		{"a later combined judgement replaces an earlier own one", "2024-01-01", []string{
			"Medway|2016|grade|good|care_leavers", "Medway|2019-08|grade|RI|children_in_care_and_care_leavers"}, map[string]string{
			"care_leavers": "requires improvement"}},
		{"headline caseload: council scope, exact or average; team figures excluded; max over all", "2024-01-01", []string{
			"Medway|2019-08|caseload|40||assessment|over", "Medway|2019-08|caseload|55||assessment|up_to",
			"Medway|2019-08|caseload|22||||", "Medway|2019-08|caseload|24|||average", "Medway|2019-08|caseload|30|||about",
			"Medway|2018-09-30|caseload|19.5"}, map[string]string{
			"caseload": "23", "caseload_date": "2019-08", "caseload_change": "3.5", "caseload_max": "55"}},
		{"only team figures: no headline, max still known", "2024-01-01", []string{"Medway|2019-08|caseload|40||assessment|over"}, map[string]string{
			"caseload": "", "caseload_date": "", "caseload_change": "", "caseload_max": "40"}},
		{"vacancy change in points, noise-free", "2024-01-01", []string{"Medway|2019-02|vacancy_rate|39%", "Medway|2019-08|vacancy_rate|25", "Medway|2019-08|vacancy_rate|35%||some teams"}, map[string]string{
			"vacancy_rate": "25", "vacancy_rate_date": "2019-08", "vacancy_rate_change": "-14"}},
		{"float noise removed", "2024-01-01", []string{"Medway|2022-09-30|caseload|15.6", "Medway|2023-09-30|caseload|15.2"}, map[string]string{
			"caseload": "15.2", "caseload_change": "-0.4"}},
		{"agency and turnover latest", "2024-01-01", []string{"Medway|2022-09-30|agency_rate|12", "Medway|2023-09-30|agency_rate|14.5", "Medway|2023-09-30|turnover_rate|20"}, map[string]string{
			"agency_rate": "14.5", "turnover_rate": "20"}},
		{"visits: distinct date and kind", "2024-01-01", []string{"Medway|2020-11|visit|focused", "Medway|2020-11-12|visit|focused", "Medway|2021-03-01|visit|monitoring", "Medway|2021-03-01|visit|focused"}, map[string]string{
			"visits": "3"}},
		{"themes counted by polarity", "2024-01-01", []string{"Medway|2019-08|theme|drift and delay||||weakness", "Medway|2019-08|theme|management oversight||||weakness",
			"Medway|2019-08|theme|direct work||||strength", "Medway|2019-08|theme|management oversight||assessment||weakness"}, map[string]string{
			"strengths": "1", "weaknesses": "3", "findings": "4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := compute(t, tt.asOf, tt.rows...)
			got := row(t, r, "Medway")
			for k, want := range tt.want {
				if got[k] != want {
					t.Errorf("%s = %q, want %q", k, got[k], want)
				}
			}
		})
	}
}

func TestCouncilsExistingOnAsOf(t *testing.T) {
	rows := []string{"Northamptonshire|2019-03-01|grade|inadequate", "Northamptonshire|2016|grade|RI", "North Northamptonshire|2023-06|grade|RI"}
	r := compute(t, "2018-06-30", rows...)
	if len(r.Councils) != 152 || r.CouncilFrame.Nrow() != 152 {
		t.Fatalf("%d councils in 2018", len(r.Councils))
	}
	if got := row(t, r, "Northamptonshire")["grade"]; got != "requires improvement" {
		t.Errorf("Northamptonshire 2018 grade %q", got)
	}
	r = compute(t, "2024-01-01", rows...)
	if len(r.Councils) != 153 {
		t.Fatalf("%d councils in 2024", len(r.Councils))
	}
	for _, n := range r.CouncilFrame.Col("la_name").Records() {
		if n == "Northamptonshire" {
			t.Fatal("abolished council listed")
		}
	}
	// Its history still counts: RI -> inadequate.
	if r.Transitions[findings.RequiresImprovement][findings.Inadequate] != 1 {
		t.Errorf("transitions %v", r.Transitions)
	}
	if got := row(t, r, "North Northamptonshire")["grade_change"]; got != "first" {
		t.Errorf("a successor starts its own history: %q", got)
	}
}

func TestCodeInUseOnAsOf(t *testing.T) {
	if got := row(t, compute(t, "2024-06-01"), "Barnsley")["new_la_code"]; got != "E08000016" {
		t.Errorf("Barnsley 2024 %s", got)
	}
	if got := row(t, compute(t, "2025-06-01"), "Barnsley")["new_la_code"]; got != "E08000038" {
		t.Errorf("Barnsley 2025 %s", got)
	}
}

func TestRegionsAndEngland(t *testing.T) {
	r := compute(t, "2024-01-01",
		"Medway|2015|grade|RI", "Medway|2019-08|grade|inadequate", "Medway|2019-08|caseload|20",
		"Kent|2017|grade|good", "Kent|2022|grade|outstanding", "Kent|2022|caseload|16",
		"Slough|2022|grade|RI", "Slough|2022|caseload|30",
		"Dudley|2016-04|grade|inadequate", "Dudley|2019|grade|good", "Dudley|2022|caseload|11")
	df := r.RegionFrame
	if df.Nrow() != 10 {
		t.Fatalf("%d rows", df.Nrow())
	}
	get := func(region, col string) float64 {
		for i, n := range df.Col("region_name").Records() {
			if n == region {
				return df.Col(col).Elem(i).Float()
			}
		}
		t.Fatalf("no %s", region)
		return 0
	}
	checks := []struct {
		region, col string
		want        float64
	}{
		{"South East", "councils", 19}, {"South East", "councils_graded", 3}, {"South East", "outstanding", 1},
		{"South East", "inadequate", 1}, {"South East", "requires_improvement", 1},
		{"South East", "good_or_better_pct", 33.3}, {"South East", "improved", 1}, {"South East", "declined", 1},
		{"South East", "caseload_median", 20},
		{"England", "councils", 153}, {"England", "councils_graded", 4}, {"England", "good", 1},
		{"England", "good_or_better_pct", 50}, {"England", "improved", 2}, {"England", "caseload_median", 18},
		{"West Midlands", "caseload_median", 11},
	}
	for _, c := range checks {
		if got := get(c.region, c.col); got != c.want {
			t.Errorf("%s %s = %v, want %v", c.region, c.col, got, c.want)
		}
	}
	if v := get("London", "caseload_median"); !math.IsNaN(v) {
		t.Errorf("London has no caseloads, median %v", v)
	}
	if v := get("London", "good_or_better_pct"); !math.IsNaN(v) {
		t.Errorf("London has no grades, share %v", v)
	}

	bg := r.ByGradeFrame
	gradeRow := func(g string) int {
		for i, n := range bg.Col("grade").Records() {
			if n == g {
				return i
			}
		}
		return -1
	}
	if i := gradeRow("inadequate"); bg.Col("councils").Elem(i).Float() != 1 || bg.Col("caseload_mean").Elem(i).Float() != 20 {
		t.Errorf("by grade inadequate: %v", bg.Records()[i+1])
	}
	if i := gradeRow("good"); bg.Col("caseload_median").Elem(i).Float() != 11 {
		t.Errorf("by grade good: %v", bg.Records()[i+1])
	}
	// Transitions: RI->inadequate, good->outstanding, inadequate->good.
	want := map[[2]findings.GradeValue]int{{findings.RequiresImprovement, findings.Inadequate}: 1, {findings.Good, findings.Outstanding}: 1, {findings.Inadequate, findings.Good}: 1}
	for from := findings.Inadequate; from <= findings.Outstanding; from++ {
		for to := findings.Inadequate; to <= findings.Outstanding; to++ {
			if r.Transitions[from][to] != want[[2]findings.GradeValue{from, to}] {
				t.Errorf("transition %s->%s = %d", from, to, r.Transitions[from][to])
			}
		}
	}
}

func TestComparisonSeriesNeedHalfTheCouncils(t *testing.T) {
	var rows []string
	// North East has 12 councils: 6 with a figure on 2023-09-30 is enough,
	// one on 2019-08 is not.
	for _, c := range []string{"Darlington", "Gateshead", "Hartlepool", "Middlesbrough", "Newcastle upon Tyne", "North Tyneside"} {
		rows = append(rows, c+"|2023-09-30|caseload|15")
	}
	rows = append(rows, "Sunderland|2019-08|caseload|30")
	r := compute(t, "2024-01-01", rows...)
	ne := r.Regions["North East"][0]
	if len(ne) != 1 || ne[0].Date.String() != "2023-09-30" || ne[0].Value != 15 {
		t.Fatalf("North East series %+v", ne)
	}
	if len(r.England[0]) != 0 {
		t.Fatalf("6 of 153 councils make no England median: %+v", r.England[0])
	}
}
