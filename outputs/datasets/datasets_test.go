package datasets

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/fixtures/golden"
	"github.com/oversight/oversight/outputs/datasets/ees"
	"github.com/oversight/oversight/outputs/datasets/ees/screener"
	"github.com/oversight/oversight/outputs/table"
)

func day(s string) dates.Day {
	d, err := dates.Parse(s)
	if err != nil {
		panic(err)
	}
	return d.Day
}

// report computes the metrics of findings files as of a day, with DfE's
// published figures as a run passes them (jobs.published).
func report(tb testing.TB, asOf string, councils map[int]bool, paths ...string) (*intake.Result, *metrics.Report) {
	tb.Helper()
	ref := reference.Default()
	in, err := intake.Load(context.Background(), paths, intake.Options{Ref: ref})
	if err != nil {
		tb.Fatal(err)
	}
	var pub []metrics.Published
	for _, r := range in.References {
		if !r.SubRegion {
			pub = append(pub, metrics.Published{Region: r.Region, Date: r.Date, Measure: r.Measure, Value: r.Value})
		}
	}
	r, err := metrics.Compute(context.Background(), in.Findings, ref, day(asOf), metrics.Options{Published: pub, Councils: councils})
	if err != nil {
		tb.Fatal(err)
	}
	return in, r
}

var all = []string{"../../fixtures/findings", "../../fixtures/real"}

// The warnings DfE's screener gives the metric datasets, each for a reason
// of the data, not of the writing:
//   - check_meta_ind_dp_set: grades and dates (by_grade: the reference
//     period of each measure) are text indicators (a
//     council's grade is one value per council, so an indicator, as the
//     standard has school-level attributes), and decimal places do not apply.
//   - check_filter_defaults: a grade or a date has no "Total" item.
var wantWarnings = map[string][]string{
	"councils.csv":    {"check_meta_ind_dp_set"},
	"regions.csv":     {"check_meta_ind_dp_set"},
	"by_grade.csv":    {"check_meta_ind_dp_set", "check_filter_defaults"},
	"transitions.csv": {"check_filter_defaults"},
	"workforce.csv":   {"check_filter_defaults"},
}

func screenAll(t *testing.T, r *metrics.Report) map[string][2][]byte {
	t.Helper()
	sets, err := metricDatasets(r)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][2][]byte{}
	for _, d := range sets {
		data, meta, err := ees.Encode(d)
		if err != nil {
			t.Fatal(err)
		}
		rep := screener.Screen(d.DataFile(), data, d.MetaFile(), meta, screener.Options{Councils: r.Ref})
		if err := rep.Err(); err != nil {
			t.Errorf("%s as of %s: %v", d.DataFile(), r.AsOf, err)
		}
		var warned []string
		for _, w := range rep.Warnings() {
			warned = append(warned, w.Check)
		}
		if !slices.Equal(warned, wantWarnings[d.DataFile()]) {
			t.Errorf("%s as of %s: warnings %v, want %v", d.DataFile(), r.AsOf, rep.Warnings(), wantWarnings[d.DataFile()])
		}
		out[d.DataFile()] = [2][]byte{data, meta}
	}
	return out
}

// Every metric dataset passes DfE's screener rules, on the real data at
// dates before and after councils were reorganised and before and after
// DfE's releases, and in a research run.
func TestMetricDatasetsPassScreener(t *testing.T) {
	// DfE's figures are known from its 2022 release (23 February 2023):
	// before Cumbria's split, after it, before and after the 2025 release.
	for _, asOf := range []string{"2023-03-01", "2023-06-01", "2025-10-01", "2026-12-01"} {
		t.Run(asOf, func(t *testing.T) {
			_, r := report(t, asOf, nil, all...)
			screenAll(t, r)
		})
	}
	t.Run("research", func(t *testing.T) {
		ref := reference.Default()
		scope := map[int]bool{}
		for _, c := range ref.Councils {
			if c.Region == "North East" || c.Name == "Medway" {
				scope[c.Index] = true
			}
		}
		_, r := report(t, "2025-10-01", scope, all...)
		files := screenAll(t, r)
		rows := readCSV(t, files["regions.csv"][0])
		// The regions of the councils asked about, then England: every
		// aggregate is over all councils (metrics v2), so it is the area
		// it is named after.
		last := rows[len(rows)-1]
		if len(rows) != 3 || last["geographic_level"] != "National" || last["councils"] != "153" || rows[0]["councils"] != "12" {
			t.Errorf("research regions %v", rows)
		}
		if n := len(readCSV(t, files["councils.csv"][0])); n != 13 {
			t.Errorf("research councils.csv lists %d councils, want 13", n)
		}
	})
}

func readCSV(t *testing.T, b []byte) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// The layout of each file, cell by cell, on the seed findings (golden files
// in testdata, rewritten with -update).
func TestGoldenSeeds(t *testing.T) {
	in, r := report(t, "2025-03-31", nil, "../../fixtures/findings/seeds.csv")
	dir := t.TempDir()
	if err := Write(context.Background(), dir, r, in); err != nil {
		t.Fatal(err)
	}
	for _, name := range Files {
		if slices.Contains(Ancillary, name) {
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", "seeds_2025-03-31", name), got)
	}
}

// What the EES files say, read back: codes, symbols, the pivot and the
// reporting years.
func TestMetricDatasetsContent(t *testing.T) {
	_, r := report(t, "2026-03-01", nil, all...)
	files := screenAll(t, r)

	councils := map[string]map[string]string{}
	for _, row := range readCSV(t, files["councils.csv"][0]) {
		councils[row["la_name"]] = row
	}
	k := councils["Kent"]
	for col, want := range map[string]string{
		"time_period": "2026", "time_identifier": "Reporting year", "geographic_level": "Local authority",
		"country_code": "E92000001", "country_name": "England", "region_code": "E12000008", "region_name": "South East",
		"old_la_code": "886", "new_la_code": "E10000016", "as_of_date": "2026-03-01", "caseload": "17", "caseload_change": "1.2",
	} {
		if k[col] != want {
			t.Errorf("Kent %s = %q, want %q", col, k[col], want)
		}
	}
	// A council inspected once has no previous grade: not applicable.
	nn := councils["North Northamptonshire"]
	if nn["grade_change"] != "first" || nn["previous_grade"] != "z" || nn["previous_grade_date"] != "z" {
		t.Errorf("North Northamptonshire previous grade %q %q, change %q", nn["previous_grade"], nn["previous_grade_date"], nn["grade_change"])
	}

	regions := readCSV(t, files["regions.csv"][0])
	if len(regions) != 10 || regions[9]["geographic_level"] != "National" || regions[9]["region_code"] != "" || regions[0]["region_code"] != "E12000001" {
		t.Fatalf("regions %v", regions)
	}
	if e := regions[9]; e["published_caseload"] != "15.2" || e["published_date"] != "2025-09-30" {
		t.Errorf("England published %v", e)
	}

	// workforce.csv: one row per place and date, a column per measure, the
	// date's year as the reporting year, and the same figures as the
	// metrics' long frame.
	rows := readCSV(t, files["workforce.csv"][0])
	want := 0 // the metrics' points, less the [x] codes (EES's x, as a blank cell)
	for _, w := range r.WorkforceRows {
		if w.Code != findings.NotAvailable {
			want++
		}
	}
	if countFigures(rows) != want {
		t.Errorf("workforce.csv holds %d figures, the metrics %d", countFigures(rows), want)
	}
	seen := map[string]bool{}
	for _, row := range rows {
		k := row["geographic_level"] + row["region_name"] + row["la_name"] + row["new_la_code"] + row["date"]
		if seen[k] {
			t.Errorf("two rows for %s", k)
		}
		seen[k] = true
		if !strings.HasPrefix(row["date"], row["time_period"]) {
			t.Errorf("date %s in reporting year %s", row["date"], row["time_period"])
		}
		want := councilStatistic
		if row["geographic_level"] != "Local authority" {
			want = medianStatistic
		}
		if row["statistic"] != want {
			t.Errorf("%s row says %q", row["geographic_level"], row["statistic"])
		}
	}
	var med []map[string]string
	for _, row := range rows {
		if row["la_name"] == "Medway" && row["time_period"] == "2019" {
			med = append(med, row)
		}
	}
	// Medway 2019: a news figure for July (series other), DfE's for 30
	// September (series official).
	if len(med) != 2 || med[0]["date"] != "2019-07" || med[0]["vacancy_rate"] != "25" || med[0]["caseload"] != "x" || med[0]["series"] != "other" ||
		med[1]["date"] != "2019-09-30" || med[1]["series"] != "official" {
		t.Errorf("Medway 2019 rows %v", med)
	}
	// Barnsley's GSS code changed on 1 April 2025; both are valid and each is used in its time.
	for _, row := range rows {
		if row["la_name"] == "Barnsley" {
			want := "E08000016"
			if row["time_period"] == "2025" {
				want = "E08000038"
			}
			if row["new_la_code"] != want {
				t.Errorf("Barnsley %s code %s", row["date"], row["new_la_code"])
			}
		}
	}
}

func countFigures(rows []map[string]string) int {
	n := 0
	for _, row := range rows {
		for _, m := range metrics.WorkforceMeasures {
			if v := row[m.String()]; v != "x" {
				n++
			}
		}
	}
	return n
}

// Writing twice gives the same bytes, and nothing but the files is left.
func TestWriteRepeatable(t *testing.T) {
	in, r := report(t, "2025-10-01", nil, all...)
	var trees [2]map[string][]byte
	for i := range trees {
		dir := t.TempDir()
		if err := Write(context.Background(), dir, r, in); err != nil {
			t.Fatal(err)
		}
		entries, _ := os.ReadDir(dir)
		trees[i] = map[string][]byte{}
		var names []string
		for _, e := range entries {
			b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			trees[i][e.Name()] = b
			names = append(names, e.Name())
		}
		slices.Sort(names)
		want := slices.Clone(Files)
		slices.Sort(want)
		if !slices.Equal(names, want) {
			t.Fatalf("wrote %v, want %v", names, want)
		}
	}
	for name, b := range trees[0] {
		if !bytes.Equal(b, trees[1][name]) {
			t.Errorf("%s differs between two writes", name)
		}
	}
}

// A file the screener fails is not written, and the error names the rule.
func TestWriteRefusesWhatFailsTheScreener(t *testing.T) {
	_, r := report(t, "2025-10-01", nil, all...)
	d, err := CouncilsDataset(r)
	if err != nil {
		t.Fatal(err)
	}
	d.Columns[1].Label = d.Columns[2].Label // two indicators with one label
	dir := t.TempDir()
	err = ees.Write(dir, d, Screen(r.Ref))
	if err == nil || !strings.Contains(err.Error(), "check_meta_dupe_label") || !strings.Contains(err.Error(), "councils.csv") {
		t.Fatalf("got %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
}

// A column Describe does not know stops the write with its name, rather
// than being published under a guessed label.
func TestDescribeUnknownColumn(t *testing.T) {
	_, err := Describe("councils.csv", table.Column{Name: "happiness_index", Kind: table.Number})
	if err == nil || !strings.Contains(err.Error(), `"happiness_index"`) || !strings.Contains(err.Error(), "metric schema") {
		t.Fatalf("got %v", err)
	}
	// Filters of the v2 tables, with the item a blank cell stands for.
	for file, col := range map[string]string{"by_grade.csv": "grouping", "workforce.csv": "joint"} {
		if c, err := Describe(file, table.Column{Name: col, Header: col, Kind: table.Text}); err != nil || c.Role != ees.Filter || c.Blank == "" {
			t.Errorf("%s %s: %+v %v", file, col, c, err)
		}
	}
	// Every column of every schema is described, with the schema's header,
	// and so are the pivoted workforce columns.
	_, r := report(t, "2025-10-01", nil, all...)
	for _, file := range metricFiles {
		tb, err := metricTable(r, file)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range tb.Columns() {
			d, err := Describe(file, c)
			if err != nil {
				t.Errorf("%s %s: %v", file, c.Name, err)
			} else if d.Role == ees.Indicator && d.Label != c.Header {
				t.Errorf("%s %s: label %q, schema header %q", file, c.Name, d.Label, c.Header)
			}
		}
	}
	wf := table.FromColumns("workforce", metrics.WorkforceColumns, nil).Columns()
	for _, tt := range []struct{ measure, col, want string }{{"caseload", "value", "caseload"}, {"vacancy_rate", "median_councils", "vacancy_rate_median_councils"},
		{"turnover_rate", "area_councils", "turnover_rate_area_councils"}} {
		j := slices.IndexFunc(wf, func(c table.Column) bool { return c.Name == tt.col })
		pc, err := pivotColumn(tt.measure, wf[j])
		if err != nil || pc.Name != tt.want {
			t.Errorf("%s %s: %q %v", tt.measure, tt.col, pc.Name, err)
			continue
		}
		m, _ := findings.ParseMeasure(tt.measure)
		if d, err := Describe("workforce.csv", pc); err != nil || d.Grouping != m.Def().Header {
			t.Errorf("%s: %+v %v", pc.Name, d, err)
		}
	}
	// A measure the table does not have as a workforce measure is an error.
	if _, err := pivotColumn("grade", wf[0]); err == nil {
		t.Error("pivotColumn accepted grade")
	}
}

// Every region the reference list knows has its code.
func TestRegionsHaveCodes(t *testing.T) {
	for _, name := range reference.Regions {
		if _, ok := ees.RegionCodeOf(name); !ok {
			t.Errorf("no code for %s", name)
		}
	}
	if len(reference.Regions) != len(ees.Regions) {
		t.Errorf("%d regions, %d codes", len(reference.Regions), len(ees.Regions))
	}
}

func BenchmarkMetricDatasets(b *testing.B) {
	_, r := report(b, "2025-10-01", nil, all...)
	b.Run("convert", func(b *testing.B) {
		for b.Loop() {
			if _, err := metricDatasets(r); err != nil {
				b.Fatal(err)
			}
		}
	})
	sets, _ := metricDatasets(r)
	b.Run("encode", func(b *testing.B) {
		for b.Loop() {
			for _, d := range sets {
				if _, _, err := ees.Encode(d); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("screen", func(b *testing.B) {
		var files [][2][]byte
		for _, d := range sets {
			data, meta, _ := ees.Encode(d)
			files = append(files, [2][]byte{data, meta})
		}
		for b.Loop() {
			for i, d := range sets {
				if err := Screen(r.Ref)(d.DataFile(), files[i][0], d.MetaFile(), files[i][1]); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkWrite writes every dataset of the bundled real data, or of the
// findings in $OVERSIGHT_BENCH_FINDINGS (a file or folder, such as make
// bench's synthetic million), as of 2025-10-01.
func BenchmarkWrite(b *testing.B) {
	paths := all
	if p := os.Getenv("OVERSIGHT_BENCH_FINDINGS"); p != "" {
		paths = []string{p}
	}
	in, r := report(b, "2025-10-01", nil, paths...)
	dir := b.TempDir()
	for b.Loop() {
		if err := Write(context.Background(), dir, r, in); err != nil {
			b.Fatal(err)
		}
	}
}

// Suppression codes in figure columns become EES symbols, figures stay as
// given, and a figure's date and source are described.
func TestCodesInFigureColumns(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "codes.csv")
	os.WriteFile(path, []byte("council,date,measure,value,source_type\n"+
		"Kent,2025-09-30,caseload,17.2,statistics\nKent,2024-09-30,vacancy_rate,12,statistics\nKent,2025-09-30,vacancy_rate,low,statistics\n"+
		"Medway,2025-09-30,caseload,[c],statistics\nMedway,2024-09-30,vacancy_rate,12.4,statistics\nMedway,2025-09-30,vacancy_rate,12,statistics\n"), 0o644)
	ref := reference.Default()
	scope := map[int]bool{}
	for _, n := range []string{"Kent", "Medway", "Barnet"} {
		scope[ref.Candidates(n)[0].Index] = true
	}
	_, r := report(t, "2026-01-01", scope, path)
	d, err := CouncilsDataset(r)
	if err != nil {
		t.Fatal(err)
	}
	data, meta, err := ees.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	rep := screener.Screen("councils.csv", data, "councils.meta.csv", meta, screener.Options{})
	if err := rep.Err(); err != nil {
		t.Fatal(err)
	}
	got := map[string][5]string{}
	for _, row := range readCSV(t, data) {
		got[row["la_name"]] = [5]string{row["caseload"], row["caseload_date"], row["caseload_source"], row["vacancy_rate"], row["vacancy_rate_change"]}
	}
	for name, want := range map[string][5]string{
		"Kent":   {"17.2", "2025-09-30", "statistics", "low", "z"},
		"Medway": {"c", "2025-09-30", "statistics", "12", "-0.4"},
		"Barnet": {"x", "x", "x", "x", "z"},
	} {
		if got[name] != want {
			t.Errorf("%s: %v, want %v", name, got[name], want)
		}
	}
	if !bytes.Contains(meta, []byte("caseload_source,Indicator,Source of caseload,")) {
		t.Errorf("meta:\n%s", meta)
	}
}

// The long workforce series pivots to a row per place, date and filters,
// with a column per measure (and per measure's median counts).
func TestPivotPerMeasureColumns(t *testing.T) {
	ref := reference.Default()
	kent := ref.Councils[ref.Candidates("Kent")[0].Index]
	sept := dates.Date{Day: day("2025-09-30")}
	var stats metrics.SourceSet
	stats.Add(findings.SourceStatistics)
	r := &metrics.Report{AsOf: day("2026-01-01"), Ref: ref, WorkforceRows: []metrics.WorkforceRow{
		{Level: metrics.LevelNational, Measure: findings.Caseload, Official: true, Point: metrics.Point{Date: sept, Value: 15.2}, N: 150, Of: 152},
		{Level: metrics.LevelCouncil, Region: "South East", Council: kent, Measure: findings.Caseload, Official: true, Point: metrics.Point{Date: sept, Value: 17, Sources: stats}},
		{Level: metrics.LevelCouncil, Region: "South East", Council: kent, Measure: findings.VacancyRate, Official: true, Point: metrics.Point{Date: sept, Code: findings.Confidential, Sources: stats}},
	}}
	tb, err := metricTable(r, "workforce.csv")
	if err != nil {
		t.Fatal(err)
	}
	d, err := timeSeries("workforce.csv", tb, r)
	if err != nil {
		t.Fatal(err)
	}
	data, meta, err := ees.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := screener.Screen("workforce.csv", data, "workforce.meta.csv", meta, screener.Options{}).Err(); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, data)
	if len(rows) != 2 {
		t.Fatalf("rows:\n%s", data)
	}
	n, k := rows[0], rows[1]
	if n["geographic_level"] != "National" || n["statistic"] != medianStatistic || n["caseload"] != "15.2" || n["caseload_median_councils"] != "150" || n["caseload_area_councils"] != "152" {
		t.Errorf("national row %v", n)
	}
	if k["la_name"] != "Kent" || k["statistic"] != councilStatistic || k["caseload"] != "17" || k["vacancy_rate"] != "c" || k["source_type"] != "statistics" {
		t.Errorf("Kent row %v", k)
	}
}
