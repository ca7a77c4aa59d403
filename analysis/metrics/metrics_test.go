package metrics

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// mkCols are the columns of mk's rows, in order.
var mkCols = []int{findings.ColCouncil, findings.ColDate, findings.ColMeasure, findings.ColValue, findings.ColArea,
	findings.ColScope, findings.ColQualifier, findings.ColPolarity, findings.ColSource, findings.ColSourceType, findings.ColNote}

// mk parses rows written "council|date|measure|value|area|scope|qualifier|polarity|source|source_type";
// a date written "date>published" gives the finding's publication day too.
func mk(t *testing.T, rows ...string) []findings.Finding {
	t.Helper()
	p := findings.NewParser(reference.Default())
	var out []findings.Finding
	for i, row := range rows {
		var raw findings.Raw
		for j, v := range strings.Split(row, "|") {
			raw[mkCols[j]] = v
		}
		raw[findings.ColDate], raw[findings.ColPublished], _ = strings.Cut(raw[findings.ColDate], ">")
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

// row returns a council's councils.csv values by column name, as the CSV
// writes them (codes bracketed).
func row(t *testing.T, r *Report, name string) map[string]string {
	t.Helper()
	for _, c := range r.Listed {
		if c.Ref.Name == name {
			out := map[string]string{}
			for _, col := range CouncilColumns {
				out[col.Name] = col.Get(c).String(col.Kind)
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
			"grade": "inadequate", "grade_date": "2019-01-01", "previous_grade": "", "grade_change": "first", "inspections": "2"}},
		{"area grades and the combined ILACS area", "2024-01-01", []string{
			"Medway|2019-08|grade|inadequate|leadership", "Medway|2019-08|grade|inadequate|help_and_protection",
			"Medway|2019-08|grade|RI|children_in_care_and_care_leavers"}, map[string]string{
			"grade": "[z]", "framework": "no overall grade", "leadership": "inadequate", "help_and_protection": "inadequate", "children_in_care": "requires improvement", "care_leavers": "requires improvement",
			"judgement_date": "2019-08", "inspections": "1"}},
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
			"caseload": "23", "caseload_date": "2019-08", "caseload_change": "3.5", "caseload_max": "55", "caseload_source": "not given",
			"caseload_max_date": "2019-08", "caseload_max_scope": "assessment", "caseload_max_qualifier": "up_to"}},
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
		// v2: the latest inspection decides; an older overall grade is history.
		{"latest inspection with no overall grade", "2026-12-01", []string{
			"South Tyneside|2023-05-10|grade|inadequate", "South Tyneside|2023-05-10|grade|inadequate|leadership",
			"South Tyneside|2026-07-01|grade|good|leadership", "South Tyneside|2026-07-01|grade|good|help_and_protection",
			"South Tyneside|2026-07-01|grade|outstanding|care_leavers"}, map[string]string{
			"grade": "[z]", "grade_date": "[z]", "previous_grade": "", "grade_change": "", "framework": "no overall grade",
			"last_overall_grade": "inadequate", "last_overall_grade_date": "2023-05-10",
			"leadership": "good", "leadership_date": "2026-07-01", "leadership_change": "improved",
			"help_and_protection": "good", "care_leavers": "outstanding", "judgement_date": "2026-07-01", "inspections": "2"}},
		{"latest inspection with an overall grade", "2024-01-01", []string{"Medway|2019-08|grade|inadequate", "Medway|2019-08|grade|inadequate|leadership",
			"Medway|2022-06-17|grade|good", "Medway|2022-06-17|grade|inadequate|leadership"}, map[string]string{
			"grade": "good", "framework": "overall grade", "last_overall_grade": "good", "last_overall_grade_date": "2022-06-17",
			"leadership": "inadequate", "leadership_change": "unchanged"}},
		{"leadership first", "2024-01-01", []string{"Medway|2022-06-17|grade|good|leadership"}, map[string]string{"leadership_change": "first"}},
		{"official statistics first; news kept apart", "2026-01-01", []string{
			"Medway|2019-08|vacancy_rate|25||||||news", "Medway|2024-09-30|vacancy_rate|20||||||statistics",
			"Medway|2025-09-30|vacancy_rate|18||||||statistics", "Medway|2025-11|vacancy_rate|30||||||news"}, map[string]string{
			"vacancy_rate": "18", "vacancy_rate_date": "2025-09-30", "vacancy_rate_change": "-2", "vacancy_rate_source": "statistics"}},
		{"without official figures the news figure is the headline", "2026-01-01", []string{"Medway|2019-08|vacancy_rate|25||||||news"}, map[string]string{
			"vacancy_rate": "25", "vacancy_rate_date": "2019-08", "vacancy_rate_source": "news"}},
		{"a code is the headline, never an older number", "2026-01-01", []string{
			"Westminster|2021-09-30|agency_rate|0.7||||||statistics", "Westminster|2025-09-30|agency_rate|[x]||||||statistics"}, map[string]string{
			"agency_rate": "[x]", "agency_rate_date": "2025-09-30", "agency_rate_change": "", "agency_rate_source": "statistics"}},
		{"change blank after a code", "2026-01-01", []string{
			"Sunderland|2022-09-30|agency_rate|0.4||||||statistics", "Sunderland|2023-09-30|agency_rate|low||||||statistics",
			"Sunderland|2024-09-30|agency_rate|2||||||statistics"}, map[string]string{
			"agency_rate": "2", "agency_rate_change": ""}},
		{"small numbers", "2026-01-01", []string{"Isles of Scilly|2025-09-30|vacancy_rate|100||||||statistics",
			"Isles of Scilly|2025-09-30|social_workers|3||||||statistics", "Isles of Scilly|2025-09-30|turnover_rate|[z]||||||statistics"}, map[string]string{
			"vacancy_rate": "100", "vacancy_rate_small": "yes", "turnover_rate": "[z]", "turnover_rate_small": "yes", "caseload_small": ""}},
		{"not small at 20", "2026-01-01", []string{"Medway|2025-09-30|vacancy_rate|10||||||statistics", "Medway|2025-09-30|social_workers|20||||||statistics"}, map[string]string{
			"vacancy_rate_small": "no", "vacancy_rate_joint": "no", "caseload_small": "", "caseload_joint": ""}},
		// v3: a finding counts once published; a grade is dated by its
		// inspection and published with its report.
		{"a DfE figure counts only once released", "2025-10-01", []string{
			"Medway|2024-09-30>2025-02-27|vacancy_rate|20||||||statistics", "Medway|2025-09-30>2026-02-26|vacancy_rate|18||||||statistics"}, map[string]string{
			"vacancy_rate": "20", "vacancy_rate_date": "2024-09-30", "vacancy_rate_published": "2025-02-27"}},
		{"the same figure after its release", "2026-03-01", []string{
			"Medway|2024-09-30>2025-02-27|vacancy_rate|20||||||statistics", "Medway|2025-09-30>2026-02-26|vacancy_rate|18||||||statistics"}, map[string]string{
			"vacancy_rate": "18", "vacancy_rate_date": "2025-09-30", "vacancy_rate_published": "2026-02-26", "vacancy_rate_change": "-2"}},
		{"before its revision the first release counts", "2025-06-01", []string{
			"Medway|2024-09-30>2025-02-27|vacancy_rate|20||||||statistics", "Medway|2024-09-30>2026-02-26|vacancy_rate|21.5||||||statistics"}, map[string]string{
			"vacancy_rate": "20", "vacancy_rate_published": "2025-02-27"}},
		{"after it the revision counts", "2026-06-01", []string{
			"Medway|2024-09-30>2025-02-27|vacancy_rate|20||||||statistics", "Medway|2024-09-30>2026-02-26|vacancy_rate|21.5||||||statistics"}, map[string]string{
			"vacancy_rate": "21.5", "vacancy_rate_published": "2026-02-26", "vacancy_rate_change": ""}},
		{"news figures are never revisions of each other", "2026-06-01", []string{
			"Medway|2024-09|vacancy_rate|20||||||news", "Medway|2024-09>2025-01-10|vacancy_rate|30||||||news"}, map[string]string{
			"vacancy_rate": "25", "vacancy_rate_published": "2025-01-10"}},
		{"a grade is not known before its report", "2023-08-01", []string{
			"Medway|2019-06-10>2019-08-02|grade|inadequate", "Medway|2023-07-10>2023-09-04|grade|requires improvement"}, map[string]string{
			"grade": "inadequate", "grade_date": "2019-06-10", "grade_published": "2019-08-02", "inspections": "1"}},
		{"once published it is dated by the inspection", "2023-09-04", []string{
			"Medway|2019-06-10>2019-08-02|grade|inadequate", "Medway|2023-07-10>2023-09-04|grade|requires improvement"}, map[string]string{
			"grade": "requires improvement", "grade_date": "2023-07-10", "grade_published": "2023-09-04", "previous_grade": "inadequate", "grade_change": "improved"}},
		{"a news story before the report publishes the grade first", "2024-01-01", []string{
			"Medway|2023-07>2023-08-20|grade|requires improvement||||||news", "Medway|2023-07-10>2023-09-04|grade|requires improvement||||||ofsted"}, map[string]string{
			"grade_date": "2023-07-10", "grade_published": "2023-08-20", "inspections": "1"}},
		{"leadership published", "2024-01-01", []string{"Medway|2023-07-10>2023-09-04|grade|good|leadership"}, map[string]string{
			"leadership_date": "2023-07-10", "leadership_published": "2023-09-04"}},
		{"themes counted by polarity", "2024-01-01", []string{"Medway|2019-08|theme|drift and delay||||weakness", "Medway|2019-08|theme|management oversight||||weakness",
			"Medway|2019-08|theme|direct work||||strength", "Medway|2019-08|theme|management oversight||assessment||weakness"}, map[string]string{
			"strengths": "1", "weaknesses": "3", "findings": "4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := compute(t, tt.asOf, tt.rows...)
			council := "Medway"
			if len(tt.rows) > 0 {
				council = strings.SplitN(tt.rows[0], "|", 2)[0]
			}
			got := row(t, r, council)
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
	if len(r.Councils) != 152 || councilFrame(t, r).Nrow() != 152 {
		t.Fatalf("%d councils in 2018", len(r.Councils))
	}
	if got := row(t, r, "Northamptonshire")["grade"]; got != "requires improvement" {
		t.Errorf("Northamptonshire 2018 grade %q", got)
	}
	r = compute(t, "2024-01-01", rows...)
	if len(r.Councils) != 153 {
		t.Fatalf("%d councils in 2024", len(r.Councils))
	}
	for _, n := range councilFrame(t, r).Col("la_name").Records() {
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

// regionRow finds a row of the regions table.
func regionRow(t *testing.T, r *Report, name string) RegionRow {
	t.Helper()
	for _, rr := range r.RegionRows {
		if rr.Name == name {
			return rr
		}
	}
	t.Fatalf("no region row %s", name)
	return RegionRow{}
}

func TestRegionsAndEngland(t *testing.T) {
	r := compute(t, "2026-12-01",
		"Medway|2015|grade|RI", "Medway|2019-08|grade|inadequate", "Medway|2019-08|grade|inadequate|leadership",
		"Kent|2017|grade|good", "Kent|2022|grade|outstanding", "Kent|2022|grade|good|leadership",
		"Slough|2022|grade|RI",
		"Dudley|2016-04|grade|inadequate", "Dudley|2019|grade|good", "Dudley|2019|grade|good|leadership",
		// Under the April 2026 framework: area grades only.
		"Dudley|2026-06-10|grade|outstanding|leadership", "Dudley|2026-06-10|grade|good|help_and_protection",
		// A leadership grade from 2016 is not counted by leadership.
		"Slough|2016|grade|inadequate|leadership")
	if len(r.RegionRows) != 10 {
		t.Fatalf("%d rows", len(r.RegionRows))
	}
	se, wm, en := regionRow(t, r, "South East"), regionRow(t, r, "West Midlands"), regionRow(t, r, "England")
	checks := []struct {
		what      string
		got, want float64
	}{
		{"SE councils", float64(se.Councils), 19}, {"SE inspected", float64(se.Inspected), 3}, {"SE graded", float64(se.Graded), 3},
		{"SE outstanding", float64(se.ByGrade[findings.Outstanding]), 1}, {"SE inadequate", float64(se.ByGrade[findings.Inadequate]), 1},
		{"SE RI", float64(se.ByGrade[findings.RequiresImprovement]), 1}, {"SE good or better", se.GoodOrBetter, 33.3},
		{"SE improved", float64(se.Improved), 1}, {"SE declined", float64(se.Declined), 1},
		{"SE leadership inadequate", float64(se.ByLeadership[findings.Inadequate]), 1}, {"SE leadership good", float64(se.ByLeadership[findings.Good]), 1},
		{"WM no overall grade", float64(wm.NoOverall), 1}, {"WM graded", float64(wm.Graded), 0}, {"WM inspected", float64(wm.Inspected), 1},
		{"WM leadership outstanding", float64(wm.ByLeadership[findings.Outstanding]), 1},
		{"England councils", float64(en.Councils), 153}, {"England graded", float64(en.Graded), 3}, {"England no overall", float64(en.NoOverall), 1},
		{"England inspected", float64(en.Inspected), 4}, {"England good or better", en.GoodOrBetter, 33.3},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	// Counts by grade plus no overall grade add up to the councils inspected.
	for _, rr := range r.RegionRows {
		sum := rr.NoOverall
		for _, g := range findings.Grades {
			sum += rr.ByGrade[g]
		}
		if sum != rr.Inspected {
			t.Errorf("%s: %d by grade and no overall grade, %d inspected", rr.Name, sum, rr.Inspected)
		}
	}
	if !math.IsNaN(regionRow(t, r, "London").GoodOrBetter) {
		t.Error("London has no grades but a share")
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

// northEast are the North East's 12 councils.
var northEast = []string{"County Durham", "Darlington", "Gateshead", "Hartlepool", "Middlesbrough", "Newcastle upon Tyne",
	"North Tyneside", "Northumberland", "Redcar and Cleveland", "South Tyneside", "Stockton-on-Tees", "Sunderland"}

func TestComparisonSeriesNeedHalfTheCouncils(t *testing.T) {
	var rows []string
	// 6 of 12 with a figure on 2023-09-30 is enough; one on 2019-08 is not.
	for _, c := range northEast[1:7] {
		rows = append(rows, c+"|2023-09-30|caseload|15")
	}
	rows = append(rows, "Sunderland|2019-08|caseload|30")
	r := compute(t, "2024-01-01", rows...)
	ne := r.Regions["North East"][findings.Caseload]
	if len(ne) != 1 || ne[0].Date.String() != "2023-09-30" || ne[0].Value != 15 || ne[0].N != 6 || ne[0].Of != 12 {
		t.Fatalf("North East series %+v", ne)
	}
	if len(r.England[findings.Caseload]) != 0 {
		t.Fatalf("6 of 153 councils make no England median: %+v", r.England[findings.Caseload])
	}
}

func TestMediansAtOneReferencePeriod(t *testing.T) {
	var rows []string
	// Every North East council has a 2024 figure; eleven have a 2025 one.
	// South Tyneside's 2025 figure is suppressed: the 2025 median is over
	// the other eleven, never South Tyneside's 2024 figure.
	for i, c := range northEast {
		rows = append(rows, fmt.Sprintf("%s|2024-09-30|vacancy_rate|%d||||||statistics", c, 10+i))
		if c == "South Tyneside" {
			rows = append(rows, c+"|2025-09-30|vacancy_rate|x||||||statistics")
		} else {
			rows = append(rows, fmt.Sprintf("%s|2025-09-30|vacancy_rate|%d||||||statistics", c, 20+i))
		}
	}
	// A 2026 news figure is a point of its own, not the reference period.
	rows = append(rows, "Darlington|2026-03|vacancy_rate|40||||||news")
	r := compute(t, "2026-06-01", rows...)
	m := r.RegionMedian("North East", findings.VacancyRate)
	// 2025 values: 20..31 without South Tyneside's (20+9=29): median of 11 is 25.
	if !m.OK || m.Date.String() != "2025-09-30" || m.Value != 25 || m.N != 11 || m.Of != 12 {
		t.Fatalf("North East median %+v", m)
	}
	st := row(t, r, "South Tyneside")
	if st["vacancy_rate"] != "[x]" || st["vacancy_rate_region_median"] != "25" || st["vacancy_rate_region_median_date"] != "2025-09-30" || st["vacancy_rate_region_rank"] != "" {
		t.Errorf("South Tyneside %v", st)
	}
	// Ranks at the reference period, lowest first.
	gh := row(t, r, "Gateshead") // 2025: 22, the third lowest
	if gh["vacancy_rate_region_rank"] != "3" || gh["vacancy_rate_region_ranked"] != "11" {
		t.Errorf("Gateshead rank %s of %s", gh["vacancy_rate_region_rank"], gh["vacancy_rate_region_ranked"])
	}
	// The same median in the regions table and the workforce series.
	if got := regionRow(t, r, "North East").Medians[findings.VacancyRate]; got != m {
		t.Errorf("regions row %+v, want %+v", got, m)
	}
	found := false
	for _, w := range r.WorkforceRows {
		if w.Level == LevelRegion && w.Region == "North East" && w.Measure == findings.VacancyRate && w.Date == m.Date {
			found = w.Value == m.Value
		}
	}
	if !found {
		t.Error("the median is not in the workforce series with the same value")
	}
	// Darlington's headline stays official; its news point is in Other.
	if d := row(t, r, "Darlington"); d["vacancy_rate"] != "21" || d["vacancy_rate_source"] != "statistics" {
		t.Errorf("Darlington %v", d)
	}
}

func TestJointFigureCountsOnce(t *testing.T) {
	rows := []string{
		"Kingston upon Thames|2025-09-30|caseload|16||||||statistics", "Richmond upon Thames|2025-09-30|caseload|16||||||statistics",
	}
	// Enough other London councils for a median: 15 with a figure of 20.
	london := []string{"Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon", "Ealing", "Enfield",
		"Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering"}
	for _, c := range london {
		rows = append(rows, c+"|2025-09-30|caseload|20||||||statistics")
	}
	r := compute(t, "2026-01-01", rows...)
	m := r.RegionMedian("London", findings.Caseload)
	// 33 councils, 32 units (the joint service once): 16 figures are half.
	if !m.OK || m.N != 16 || m.Of != 32 || m.Value != 20 {
		t.Fatalf("London median %+v", m)
	}
	k := row(t, r, "Kingston upon Thames")
	if k["caseload_joint"] != "Achieving for Children, with Richmond upon Thames" || k["caseload"] != "16" {
		t.Errorf("Kingston %v", k)
	}
	if rc := row(t, r, "Richmond upon Thames"); rc["caseload_joint"] != "Achieving for Children, with Kingston upon Thames" || rc["caseload_region_rank"] != "1" || rc["caseload_region_ranked"] != "16" {
		t.Errorf("Richmond %v", rc)
	}
	// Richmond is one of Kingston's statistical neighbours but not a
	// comparison for it: their figure is one.
	kc := r.Council(reference.Default().Candidates("Kingston upon Thames")[0].Index)
	for _, n := range r.neighbours(kc).members(day("2025-09-30")) {
		if r.Ref.Councils[n].Name == "Richmond upon Thames" {
			t.Error("Richmond among Kingston's comparison neighbours")
		}
	}
}

func TestResearchScopeComparesWithEveryCouncil(t *testing.T) {
	var rows []string
	for i, c := range northEast {
		rows = append(rows, fmt.Sprintf("%s|2025-09-30|vacancy_rate|%d||||||statistics", c, 10+i))
	}
	ref := reference.Default()
	gates := ref.Candidates("Gateshead")[0].Index
	r, err := Compute(context.Background(), mk(t, rows...), ref, day("2026-01-01"), Options{Councils: map[int]bool{gates: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Listed) != 1 || councilFrame(t, r).Nrow() != 1 {
		t.Fatalf("listed %d", len(r.Listed))
	}
	if len(r.RegionRows) != 2 || r.RegionRows[1].Name != "England" {
		t.Fatalf("regions %v", r.RegionRows)
	}
	// The region's median is over its twelve councils, not Gateshead alone.
	if got := row(t, r, "Gateshead")["vacancy_rate_region_median"]; got != "15.5" {
		t.Errorf("region median %s", got)
	}
}

func TestChangesSinceLastMonth(t *testing.T) {
	rows := []string{
		"Medway|2023-09-11|grade|good", "Medway|2023-09-11|grade|good|leadership",
		"Medway|2026-11-20|grade|outstanding|leadership", "Medway|2026-11-20|grade|good|help_and_protection",
		"Kent|2026-11-05|visit|focused", "Kent|2026-10-05|visit|monitoring",
		"Slough|2024-09-30|caseload|15||||||statistics", "Slough|2026-11-15|caseload|19||||||statistics",
		"Dudley|2024-09-30|caseload|15||||||statistics", "Dudley|2026-11-15|caseload|16||||||statistics",
		"Luton|2024-09-30|vacancy_rate|15||||||statistics", "Luton|2026-11-15|vacancy_rate|x||||||statistics",
	}
	fs := mk(t, rows...)
	cur, err := Compute(context.Background(), fs, reference.Default(), day("2026-12-01"))
	if err != nil {
		t.Fatal(err)
	}
	if got := PreviousMonth(day("2026-12-01")); got != day("2026-11-01") {
		t.Fatalf("previous month %s", got)
	}
	if got := PreviousMonth(day("2026-03-31")); got != day("2026-02-28") {
		t.Fatalf("previous month of 31 March %s", got)
	}
	prev, err := Compute(context.Background(), fs, reference.Default(), PreviousMonth(cur.AsOf))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		// A first inspection under the April 2026 framework is a new
		// inspection, not a change of the overall grade.
		"grade changed|Medway|leadership|good|2023-09-11|outstanding|2026-11-20",
		"new inspection|Medway|inspection|overall good; leadership good|2023-09-11|no overall grade (framework from April 2026); leadership outstanding; help and protection good|2026-11-20",
		// By region (South East before West Midlands), then council.
		"new official figure|Slough|caseload|15|2024-09-30|19|2026-11-15",
		"new official figure|Dudley|caseload|15|2024-09-30|16|2026-11-15",
		"figure now suppressed|Luton|vacancy_rate|15%|2024-09-30|[x]|2026-11-15",
		"new visit|Kent|visit||0000-00-00|focused visit (no grade)|2026-11-05",
	}
	checkChanges(t, Changes(SnapshotOf(prev), cur, fs), want)
}

func checkChanges(t *testing.T, cs []Change, want []string) {
	t.Helper()
	var got []string
	for _, c := range cs {
		bd := c.BeforeDate.String()
		if c.BeforeDate.IsZero() {
			bd = "0000-00-00"
		}
		got = append(got, strings.Join([]string{c.Kind, nameOf(c.Council), c.Concerns, c.Before, bd, c.After, c.AfterDate.String()}, "|"))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Compared with what readers received (a snapshot of the previous report
// as it was made), an inspection that reached the inputs after the
// previous report, though published before it, is a late arrival; a
// revised release and a new release are told apart; a recomputed snapshot
// cannot see late arrivals.
func TestChangesAgainstWhatReadersReceived(t *testing.T) {
	before := []string{
		"Medway|2019-06-10>2019-08-02|grade|inadequate",
		"Luton|2024-09-30>2025-02-27|vacancy_rate|15||||||statistics",
	}
	late := []string{
		"Medway|2026-10-15>2026-10-28|grade|good", // inspected in October, published before 1 November, added to the inputs in November
		"Luton|2024-09-30>2026-11-20|vacancy_rate|16.5||||||statistics",
		"Kent|2026-11-02>2026-11-25|visit|monitoring",
	}
	novemberInputs := mk(t, before...)
	nov, err := Compute(context.Background(), novemberInputs, reference.Default(), day("2026-11-01"))
	if err != nil {
		t.Fatal(err)
	}
	received := SnapshotOf(nov)
	received.Recomputed = false // as read back from November's folder
	fs := mk(t, append(append([]string(nil), before...), late...)...)
	dec, err := Compute(context.Background(), fs, reference.Default(), day("2026-12-01"))
	if err != nil {
		t.Fatal(err)
	}
	checkChanges(t, Changes(received, dec, fs), []string{
		"grade changed|Medway|overall grade|inadequate|2019-06-10|good|2026-10-15",
		"late arrival|Medway|inspection|overall inadequate|2019-06-10|overall good|2026-10-15",
		"figure revised|Luton|vacancy_rate|15%|2024-09-30|16.5%|2024-09-30",
		"new visit|Kent|visit||0000-00-00|monitoring visit (no grade)|2026-11-02",
	})
	// Recomputed from December's inputs, November already had the
	// October inspection: nothing about it is new.
	recomputed, err := Compute(context.Background(), fs, reference.Default(), day("2026-11-01"))
	if err != nil {
		t.Fatal(err)
	}
	checkChanges(t, Changes(SnapshotOf(recomputed), dec, fs), []string{
		"figure revised|Luton|vacancy_rate|15%|2024-09-30|16.5%|2024-09-30",
		"new visit|Kent|visit||0000-00-00|monitoring visit (no grade)|2026-11-02",
	})
}

// As at T (spec v3): Ofsted's "as at 31 March" counts go by inspection
// date, produced months later; as of 31 March itself the grades of
// inspections published in April or May are not yet known.
func TestAsAt(t *testing.T) {
	rows := []string{
		"Medway|2025-02-10>2025-04-08|grade|good", // inspected before 31 March, published after
		"Medway|2021-05-10>2021-07-01|grade|inadequate",
		"Kent|2025-04-07>2025-06-02|grade|outstanding", // inspected after 31 March
		"Kent|2022-03-01>2022-04-20|grade|good",
	}
	fs := mk(t, rows...)
	for _, tt := range []struct {
		name         string
		asOf, asAt   string
		medway, kent string
	}{
		{"as of 31 March", "2025-03-31", "", "inadequate", "good"},
		{"as at 31 March, as of July", "2025-07-01", "2025-03-31", "good", "good"},
		{"as of July", "2025-07-01", "", "good", "outstanding"},
		{"an as-at day after the as-of day is the as-of day", "2025-03-31", "2025-07-01", "inadequate", "good"},
	} {
		r, err := Compute(context.Background(), fs, reference.Default(), day(tt.asOf), Options{AsAt: dayOr0(tt.asAt)})
		if err != nil {
			t.Fatal(err)
		}
		if got := row(t, r, "Medway")["grade"]; got != tt.medway {
			t.Errorf("%s: Medway %q, want %q", tt.name, got, tt.medway)
		}
		if got := row(t, r, "Kent")["grade"]; got != tt.kent {
			t.Errorf("%s: Kent %q, want %q", tt.name, got, tt.kent)
		}
	}
}

func dayOr0(s string) dates.Day {
	if s == "" {
		return 0
	}
	return day(s)
}

// A replaced release is reported as revised, by the file and line it came
// from, with the day of the figure that counts instead.
func TestRevisedListed(t *testing.T) {
	fs := mk(t, "Medway|2024-09-30>2025-02-27|vacancy_rate|20||||||statistics", "Medway|2024-09-30>2026-02-26|vacancy_rate|21.5||||||statistics")
	r, err := Compute(context.Background(), fs, reference.Default(), day("2026-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	by, ok := r.Revised[[2]int32{fs[0].File, fs[0].Line}]
	if !ok || by.String() != "2026-02-26" || len(r.Revised) != 1 {
		t.Fatalf("revised %v", r.Revised)
	}
	r, _ = Compute(context.Background(), fs, reference.Default(), day("2025-06-01"))
	if len(r.Revised) != 0 {
		t.Fatalf("revised before the revision was published: %v", r.Revised)
	}
}

// Every area has its change: South Tyneside's help and protection went
// from requires improvement (2023) to good (2026, April 2026 framework);
// care leavers compare with the combined ILACS judgement before 2023.
func TestAreaChange(t *testing.T) {
	r := compute(t, "2026-12-01",
		"South Tyneside|2019-03-01|grade|inadequate|children_in_care_and_care_leavers",
		"South Tyneside|2023-05-10|grade|requires improvement|help_and_protection",
		"South Tyneside|2023-05-10|grade|inadequate",
		"South Tyneside|2026-07-01|grade|good|help_and_protection",
		"South Tyneside|2026-07-01|grade|outstanding|care_leavers",
		"South Tyneside|2026-07-01|grade|good|leadership")
	var c *Council
	for _, x := range r.Listed {
		if x.Ref.Name == "South Tyneside" {
			c = x
		}
	}
	for _, tt := range []struct {
		area                     findings.Area
		latest, previous, change string
	}{
		{findings.HelpAndProtection, "good 2026-07-01", "requires improvement 2023-05-10", "improved"},
		{findings.CareLeavers, "outstanding 2026-07-01", "inadequate 2019-03-01", "improved"},
		{findings.ChildrenInCare, "inadequate 2019-03-01", " ", "first"},
		{findings.Adoption, " ", " ", ""},
	} {
		l, p, ch := c.AreaChange(tt.area)
		got := [3]string{l.Grade.String() + " " + l.Date.String(), p.Grade.String() + " " + p.Date.String(), ch}
		if p.Date.IsZero() {
			got[1] = " "
		}
		if l.Date.IsZero() {
			got[0] = " "
		}
		if got != [3]string{tt.latest, tt.previous, tt.change} {
			t.Errorf("%s: %q", tt.area, got)
		}
	}
	// The overall grade of an inspection that gave none is not applicable.
	if got := row(t, r, "South Tyneside")["grade"]; got != "[z]" {
		t.Errorf("South Tyneside grade %q, want [z]", got)
	}
}

// councilFrame is the report's councils' frame, as the open-data writers
// read it.
func councilFrame(t *testing.T, r *Report) dataframe.DataFrame {
	t.Helper()
	f, err := r.Frames()
	if err != nil {
		t.Fatal(err)
	}
	return f.Councils
}
