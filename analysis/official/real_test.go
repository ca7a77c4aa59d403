package official

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// realDir holds the full real files; the tests below run only where it exists.
const realDir = "../../../shared/data/real"

func realPath(t *testing.T, name string) string {
	t.Helper()
	if _, err := os.Stat(realDir); err != nil {
		t.Skipf("real data not here (%s): %v", realDir, err)
	}
	return filepath.Join(realDir, name)
}

var realFiles = []struct {
	name string
	kind Kind
	opt  Options
}{
	{"csww_indicators_2017_to_2025.csv", CSWW, Options{}},
	{"csww_headline_measures_2017_to_2022.csv", CSWW, Options{}},
	{"ofsted_la_inspections_as_at_2025-03-31.csv", OfstedOutcomes, Options{}},
	{"ofsted_la_in_year_inspections_2024-25.csv", OfstedOutcomes, Options{}},
	{"ofsted_ilacs_inspection_history_2018-2025.csv", OfstedOutcomes, Options{}},
	{"ofsted_la_inspections_as_at_2023-03-31.csv", OfstedOutcomes, Options{}},
	{"ofsted_la_in_year_inspections_2022-23.csv", OfstedOutcomes, Options{}},
	{"ofsted_la_inspections_2009-2023.csv", OfstedOutcomes, Options{}},
	{"ofsted_csc_ilacs_history.csv", OfstedScrape, Options{}},
}

// Every record of every real file parses: zero rejects.
func TestRealFilesParse(t *testing.T) {
	for _, f := range realFiles {
		res := convertFile(t, realPath(t, f.name), f.kind, f.opt)
		ps := parseAll(t, f.name, res.Records)
		t.Logf("%s (%s): rows %d, records %d (parsed %d), references %d, suppressed %v, skipped %v, blank %d",
			f.name, res.Layout, res.Stats.RowsRead, len(res.Records), len(ps), len(res.References), res.Stats.Suppressed, res.Stats.SkippedBy, res.Stats.Blank)
	}
}

func TestRealCSWW(t *testing.T) {
	tests := []struct {
		file                       string
		rows, laRows, refRows      int
		jointRows                  int // rows split into two councils
		suppressed                 map[string]int
		englandCaseload, englandVR map[string]float64 // by date
	}{
		// README: 1,463 rows = 1,355 LA + 99 regional + 9 national; joint
		// rows Kingston/Richmond 2017-2025 (9) and Northamptonshire 2021-2025 (5).
		{"csww_indicators_2017_to_2025.csv", 1463, 1355, 108, 14, nil,
			map[string]float64{"2017-09-30": 17.7, "2025-09-30": 15.2}, map[string]float64{"2017-09-30": 17.0, "2022-09-30": 20.0, "2025-09-30": 14.2}},
		// README: 978 rows = 906 LA + 66 regional + 6 national; Kingston's row
		// is the joint one in 2017-2022 (6), North Northamptonshire's in 2021-2022 (2).
		{"csww_headline_measures_2017_to_2022.csv", 978, 906, 72, 8, map[string]int{"z": 20},
			map[string]float64{"2017-09-30": 17.8, "2022-09-30": 16.6}, map[string]float64{"2022-09-30": 20}},
	}
	for _, tt := range tests {
		res := convertFile(t, realPath(t, tt.file), CSWW, Options{})
		st := res.Stats
		if st.RowsRead != tt.rows || st.CouncilRows != tt.laRows || st.ReferenceRows != tt.refRows {
			t.Errorf("%s: rows %d/%d/%d, want %d/%d/%d", tt.file, st.RowsRead, st.CouncilRows, st.ReferenceRows, tt.rows, tt.laRows, tt.refRows)
		}
		if !reflect.DeepEqual(st.Suppressed, tt.suppressed) {
			t.Errorf("%s: suppressed %v, want %v", tt.file, st.Suppressed, tt.suppressed)
		}
		if st.Skipped != 0 || st.Blank != 0 {
			t.Errorf("%s: skipped %v, blank %d; want none", tt.file, st.SkippedBy, st.Blank)
		}
		// Five measures per council, one more council per joint row, less the
		// suppressed cells.
		sup := 0
		for _, n := range st.Suppressed {
			sup += n
		}
		if want := (tt.laRows+tt.jointRows)*5 - sup; len(res.Records) != want {
			t.Errorf("%s: %d records, want %d", tt.file, len(res.Records), want)
		}
		if want := tt.refRows * 5; len(res.References) != want {
			t.Errorf("%s: %d references, want %d", tt.file, len(res.References), want)
		}
		for _, r := range res.References {
			if r.Level != "national" {
				continue
			}
			d := r.Date.String()
			if v, ok := tt.englandCaseload[d]; ok && r.Measure == findings.Caseload && r.Value != v {
				t.Errorf("%s: England caseload %s = %v, want %v", tt.file, d, r.Value, v)
			}
			if v, ok := tt.englandVR[d]; ok && r.Measure == findings.VacancyRate && r.Value != v {
				t.Errorf("%s: England vacancy rate %s = %v, want %v", tt.file, d, r.Value, v)
			}
		}
		// Each council has at most one council-scope figure per measure and year.
		ps := parseAll(t, tt.file, res.Records)
		type key struct {
			c int32
			d dates.Date
			m findings.Measure
			s string
		}
		seen := map[key]bool{}
		for _, p := range ps {
			k := key{p.F.Council, p.F.Date, p.F.Measure, p.F.Scope}
			if seen[k] {
				t.Errorf("%s: two %s figures for %s on %s", tt.file, p.F.Measure, reference.Default().Councils[p.F.Council].Name, p.F.Date)
			}
			seen[k] = true
		}
	}
}

// Ofsted's own count of overall judgements in the ILACS history sheet.
func TestRealHistoryCounts(t *testing.T) {
	res := convertFile(t, realPath(t, "ofsted_ilacs_inspection_history_2018-2025.csv"), OfstedOutcomes, Options{})
	got := map[findings.GradeValue]int{}
	for _, p := range parseAll(t, "history", res.Records) {
		if p.F.Area == findings.Overall {
			got[p.F.Grade()]++
		}
	}
	want := map[findings.GradeValue]int{findings.Good: 107, findings.RequiresImprovement: 74, findings.Outstanding: 55, findings.Inadequate: 35}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("overall grades %v, want %v", got, want)
	}
}

// latestOverall is each council's latest overall grade (metrics.md v3: the
// greatest date) among inspections dated on or before asAt and published on
// or before asOf.
func latestOverall(ps []parsed, asAt, asOf dates.Day) map[int32]findings.Finding {
	out := map[int32]findings.Finding{}
	for _, p := range ps {
		if p.F.Measure != findings.Grade || p.F.Area != findings.Overall || p.F.Date.Day > asAt || p.F.Known().Day > asOf {
			continue
		}
		if cur, ok := out[p.F.Council]; !ok || p.F.Date.Day > cur.Date.Day {
			out[p.F.Council] = p.F
		}
	}
	return out
}

// fileOverallCounts reads the as-at file's own "Overall effectiveness" column.
func fileOverallCounts(t *testing.T, path string) map[findings.GradeValue]int {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := newHeader(cleanHeader(rows[0])).find("overall effectiveness")
	words := map[string]findings.GradeValue{"Outstanding": findings.Outstanding, "Good": findings.Good, "Requires improvement to be good": findings.RequiresImprovement, "Inadequate": findings.Inadequate}
	out := map[findings.GradeValue]int{}
	for _, r := range rows[1:] {
		out[words[r[col]]]++
	}
	return out
}

// The latest overall grades of the 153 councils from the as-at file match
// the file's own counts (67 good, 31 requires improvement, 36 outstanding,
// 19 inadequate).
func TestRealLatestGradesAsAt2025(t *testing.T) {
	path := realPath(t, "ofsted_la_inspections_as_at_2025-03-31.csv")
	res := convertFile(t, path, OfstedOutcomes, Options{})
	latest := latestOverall(parseAll(t, "as at 2025", res.Records), dates.FromYMD(2025, 3, 31), dates.FromYMD(2025, 6, 30))
	if len(latest) != 153 {
		t.Errorf("%d councils graded, want 153", len(latest))
	}
	got := map[findings.GradeValue]int{}
	for _, f := range latest {
		got[f.Grade()]++
	}
	fileCounts := fileOverallCounts(t, path)
	want := map[findings.GradeValue]int{findings.Good: 67, findings.RequiresImprovement: 31, findings.Outstanding: 36, findings.Inadequate: 19}
	if !reflect.DeepEqual(fileCounts, want) {
		t.Errorf("the file's own counts are %v, not %v", fileCounts, want)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("latest grades %v, want %v", got, want)
	}
}

// recommendedSet is the import README.md recommends for an England report.
var recommendedSet = []struct {
	name string
	opt  Options
}{
	{"ofsted_la_inspections_2009-2023.csv", Options{}},
	{"ofsted_ilacs_inspection_history_2018-2025.csv", Options{}},
	{"ofsted_la_inspections_as_at_2025-03-31.csv", Options{}},
	{"ofsted_la_in_year_inspections_2024-25.csv", Options{}},
	{"ofsted_la_in_year_inspections_2022-23.csv", Options{VisitsOnly: true}},
}

type gradeKey struct {
	council int32
	day     dates.Day
	area    findings.Area
}

// gradeConflicts counts (council, date, area) with two different grades.
func gradeConflicts(ps []parsed) (map[gradeKey]findings.GradeValue, []gradeKey) {
	seen := map[gradeKey]findings.GradeValue{}
	var conflicts []gradeKey
	for _, p := range ps {
		if p.F.Measure != findings.Grade {
			continue
		}
		k := gradeKey{p.F.Council, p.F.Date.Day, p.F.Area}
		if g, ok := seen[k]; ok && g != p.F.Grade() {
			conflicts = append(conflicts, k)
		}
		seen[k] = p.F.Grade()
	}
	return seen, conflicts
}

// checkOneDatePerInspection: one inspection under two dates would show as
// two overall grades less than 5 months apart (re-inspections are further
// apart).
func checkOneDatePerInspection(t *testing.T, all []parsed) {
	t.Helper()
	ref := reference.Default()
	byCouncil := map[int32][]dates.Day{}
	seen := map[gradeKey]bool{}
	for _, p := range all {
		k := gradeKey{p.F.Council, p.F.Date.Day, p.F.Area}
		if p.F.Measure == findings.Grade && p.F.Area == findings.Overall && !seen[k] {
			seen[k] = true
			byCouncil[p.F.Council] = append(byCouncil[p.F.Council], p.F.Date.Day)
		}
	}
	for c, ds := range byCouncil {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		for i := 1; i < len(ds); i++ {
			if ds[i]-ds[i-1] < 150 {
				t.Errorf("%s: overall grades on %s and %s: one inspection under two dates?", ref.Councils[c].Name, ds[i-1], ds[i])
			}
		}
	}
}

// joinSet converts files and imports them together (Join), as `oversight
// import` does.
func joinSet(t *testing.T, set []struct {
	name string
	opt  Options
}, kind Kind) *Joined {
	t.Helper()
	var results []*Result
	for _, f := range set {
		results = append(results, convertFile(t, realPath(t, f.name), kind, f.opt))
	}
	j, err := Join(results, nil, reference.Default())
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// The recommended files together: no conflicting grades, no inspection
// counted twice under two dates, and the latest overall grade of every
// council existing on 31 March 2025 is the one Ofsted's as-at table gives.
func TestRealRecommendedSet(t *testing.T) {
	ref := reference.Default()
	j := joinSet(t, recommendedSet, OfstedOutcomes)
	all := parseAll(t, "recommended set", j.Records)
	// Every ILACS inspection is dated by its first day (the ILACS history
	// has them all); the 2009-2023 sheet's SLAC and SIF ones stay dated by
	// publication here (the reports themselves date those: Redate with
	// ReadInspections, as make real-fixtures does).
	t.Logf("redate: %+v", j.Redate)
	for _, p := range all {
		if p.Dating == ByPublication && strings.Contains(p.F.Note, "ILACS") {
			t.Errorf("an inspection of the ILACS years still dated by publication: %v", p.Raw)
		}
	}
	_, conflicts := gradeConflicts(all)
	for _, k := range conflicts {
		t.Errorf("conflicting grades for %s on %s, %s", ref.Councils[k.council].Name, k.day, k.area)
	}
	checkOneDatePerInspection(t, all)

	asAt := convertFile(t, realPath(t, "ofsted_la_inspections_as_at_2025-03-31.csv"), OfstedOutcomes, Options{})
	official := latestOverall(parseAll(t, "as at", asAt.Records), dates.FromYMD(2025, 3, 31), dates.FromYMD(2025, 6, 30))
	mine := latestOverall(all, dates.FromYMD(2025, 3, 31), dates.FromYMD(2025, 6, 30))
	n := 0
	for _, c := range ref.ExistingOn(dates.FromYMD(2025, 3, 31)) {
		o, ok := official[int32(c.Index)]
		if !ok {
			t.Errorf("%s: not in the as-at file", c.Name)
			continue
		}
		m := mine[int32(c.Index)]
		if m.Grade() != o.Grade() || m.Date != o.Date {
			t.Errorf("%s: latest %s on %s, Ofsted's table says %s on %s", c.Name, m.Grade(), m.Date, o.Grade(), o.Date)
		}
		n++
	}
	if n != 153 {
		t.Errorf("%d councils compared, want 153", n)
	}

	// Visits: 60 in 2024-25 and 60 in 2022-23 (36 + 24 each year).
	visits := 0
	for _, p := range all {
		if p.F.Measure == findings.Visit {
			visits++
		}
	}
	if visits != 120 {
		t.Errorf("%d visits, want 120", visits)
	}
}

// The files that give inspection dates only (as at 31 March 2023, in-year
// 2022-23) now date every inspection as the others do: imported with the
// recommended set, their grades add no second date for any inspection, and
// each takes its publication day from the ILACS history.
func TestRealInspectionDatedFilesJoin(t *testing.T) {
	set := append(recommendedSet[:len(recommendedSet):len(recommendedSet)], []struct {
		name string
		opt  Options
	}{{"ofsted_la_inspections_as_at_2023-03-31.csv", Options{}}, {"ofsted_la_in_year_inspections_2022-23.csv", Options{}}}...)
	j := joinSet(t, set, OfstedOutcomes)
	if j.Redate.Published == 0 {
		t.Error("no grade took its publication day from another file")
	}
	all := parseAll(t, "with 2023 files", j.Records)
	if _, conflicts := gradeConflicts(all); len(conflicts) != 0 {
		t.Errorf("%d conflicts", len(conflicts))
	}
	checkOneDatePerInspection(t, all)
	for _, p := range all {
		if p.F.Measure == findings.Grade && p.F.Published.Day == 0 {
			t.Errorf("a grade without its publication day: %v", p.Raw)
		}
	}
	t.Logf("redate: %+v", j.Redate)
}

// The scrape agrees with Ofsted's official files on every inspection they
// share (dates and grades) but five grades of three inspections, where the
// official figures win; so README.md recommends importing only the scrape's
// reports newer than the official files (Options.After 2025-05-14), which
// then adds no conflict.
func TestRealScrape(t *testing.T) {
	ref := reference.Default()
	off := joinSet(t, recommendedSet, OfstedOutcomes)
	official := parseAll(t, "recommended set", off.Records)
	sc := convertFile(t, realPath(t, "ofsted_csc_ilacs_history.csv"), OfstedScrape, Options{})
	// The scrape's rows without a start date take the official files'.
	scj, err := Join([]*Result{sc}, InspectionsIn(off.Records, "official"), ref)
	if err != nil {
		t.Fatal(err)
	}
	scrape := parseAll(t, "scrape", scj.Records)
	seen, _ := gradeConflicts(official)
	overallDates := map[gradeKey]bool{}
	for k := range seen {
		if k.area == findings.Overall {
			overallDates[gradeKey{k.council, k.day, 0}] = true
		}
	}
	// Read by hand: ofsted_ilacs_inspection_history_2018-2025.csv against
	// ofsted_csc_ilacs_history.csv.
	wantMismatch := []string{
		"Oxfordshire 2018-04-16 children_in_care_and_care_leavers: scrape requires improvement, Ofsted good",
		"Rochdale 2018-01-29 children_in_care_and_care_leavers: scrape requires improvement, Ofsted good",
		"St. Helens 2023-07-10 care_leavers: scrape good, Ofsted outstanding",
		"St. Helens 2023-07-10 children_in_care: scrape requires improvement, Ofsted good",
		"St. Helens 2023-07-10 help_and_protection: scrape good, Ofsted requires improvement",
	}
	var mismatch []string
	shared, newer := 0, 0
	for _, p := range scrape {
		k := gradeKey{p.F.Council, p.F.Date.Day, p.F.Area}
		g, ok := seen[k]
		switch {
		case ok && g == p.F.Grade():
			shared++
		case ok:
			mismatch = append(mismatch, fmt.Sprintf("%s %s %s: scrape %s, Ofsted %s", ref.Councils[k.council].Name, k.day, k.area, p.F.Grade(), g))
		case p.F.Known().Day > dates.FromYMD(2025, 5, 14):
			newer++
		case !overallDates[gradeKey{k.council, k.day, 0}]:
			t.Errorf("scrape: %s %s %s on a date no official file has", ref.Councils[k.council].Name, k.day, k.area)
		}
	}
	sort.Strings(mismatch)
	if !reflect.DeepEqual(mismatch, wantMismatch) {
		t.Errorf("scrape disagreements:\n%s\nwant:\n%s", strings.Join(mismatch, "\n"), strings.Join(wantMismatch, "\n"))
	}
	t.Logf("scrape: %d grades agree with the official files, %d are newer than them, %d disagree", shared, newer, len(mismatch))

	// Newer reports only: no conflict, no inspection under two dates.
	after := convertFile(t, realPath(t, "ofsted_csc_ilacs_history.csv"), OfstedScrape, Options{After: dates.FromYMD(2025, 5, 14)})
	if len(after.Records) != newer {
		t.Errorf("After 2025-05-14: %d records, want %d", len(after.Records), newer)
	}
	all := append(official, parseAll(t, "scrape after", after.Records)...)
	if _, conflicts := gradeConflicts(all); len(conflicts) != 0 {
		t.Errorf("%d conflicts with the newer scrape reports", len(conflicts))
	}
	checkOneDatePerInspection(t, all)
	latest := latestOverall(all, dates.FromYMD(2026, 12, 31), dates.FromYMD(2026, 12, 31))
	n := 0
	for _, f := range latest {
		if f.Known().Day > dates.FromYMD(2025, 5, 14) {
			n++
		}
	}
	t.Logf("with the newer scrape reports, %d of %d councils have a newer latest overall grade", n, len(latest))
}
