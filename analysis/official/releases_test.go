package official

import (
	"context"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// Every workforce figure is published on its release's day; a release the
// table does not hold is refused unless its day is given.
func TestReleaseDays(t *testing.T) {
	res := convertFile(t, "testdata/csww_indicators_2017_to_2025_excerpt.csv", CSWW, Options{})
	if res.Release.Year != 2025 || res.Release.Day != dates.FromYMD(2026, 2, 26) || res.Release.Confirmed {
		t.Errorf("release %+v", res.Release)
	}
	for _, r := range res.Records {
		if r.Raw[findings.ColPublished] != "2026-02-26" || !strings.Contains(r.Raw[findings.ColNote], "reporting year 2025 release (2026-02-26)") {
			t.Fatalf("record %v", r.Raw)
		}
	}
	for _, r := range res.References {
		if r.Published.String() != "2026-02-26" {
			t.Fatalf("reference %+v", r)
		}
	}
	old := convertFile(t, "testdata/csww_headline_measures_2017_to_2022_excerpt.csv", CSWW, Options{})
	if old.Release.Day != dates.FromYMD(2023, 2, 23) || !old.Release.Confirmed || old.Records[0].Raw[findings.ColPublished] != "2023-02-23" {
		t.Errorf("2022 release %+v, first record %v", old.Release, old.Records[0].Raw)
	}
	given := convertFile(t, "testdata/csww_indicators_2017_to_2025_excerpt.csv", CSWW, Options{Released: dates.FromYMD(2026, 3, 5)})
	if given.Records[0].Raw[findings.ColPublished] != "2026-03-05" {
		t.Errorf("--released not used: %v", given.Records[0].Raw)
	}
	// A release of 2030 is not in the table.
	in := "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,inpost_fte,caseload_fte,vacancy_rate_fte\n" +
		"2030,Reporting year,Local authority,E92000001,England,E12000007,London,301,E09000002,Barking and Dagenham,100,15,10\n"
	_, err := ConvertWith(context.Background(), CSWW, "future.csv", strings.NewReader(in), Options{})
	if err == nil || !strings.Contains(err.Error(), "future.csv") || !strings.Contains(err.Error(), "--released") {
		t.Errorf("err = %v, want one naming the file and --released", err)
	}
	if _, err := ConvertWith(context.Background(), CSWW, "future.csv", strings.NewReader(in), Options{Released: dates.FromYMD(2031, 2, 27)}); err != nil {
		t.Errorf("with --released: %v", err)
	}
	for _, r := range Releases {
		if y, m, _ := r.Day.YMD(); y != r.Year+1 || m < 1 || m > 3 || r.Source == "" {
			t.Errorf("release %+v: not the February-March after its reporting year, or no source", r)
		}
	}
}

// rec is a workforce record for the merge tests.
func rec(council, date, m, value, pub string) Record {
	r := raw(council, date, findings.Measure(0), value)
	r[findings.ColMeasure] = m
	r[findings.ColPublished] = pub
	r[findings.ColSourceType] = "statistics"
	return Record{Raw: r}
}

// Two releases: the first gives each figure; a later equal value adds
// nothing; a later different value is a revision, kept with the day it was
// published and the value it revises; a code of a council written by its
// old GSS code matches the same council's new code.
func TestMergeReleases(t *testing.T) {
	r22 := &Result{Kind: CSWW, Release: Release{Year: 2022, Day: dates.FromYMD(2023, 2, 23)}, Records: []Record{
		rec("E08000006", "2021-09-30", "caseload", "20.8", "2023-02-23"),     // Salford: revised to 20.7
		rec("E08000037", "2022-09-30", "turnover_rate", "0.7", "2023-02-23"), // Gateshead: revised to [u]
		rec("E08000016", "2020-09-30", "vacancy_rate", "14", "2023-02-23"),   // Barnsley, old code, unchanged
	}, References: []Reference{{Level: "national", Region: "England", Code: "E92000001", Date: dates.Date{Day: dates.FromYMD(2019, 9, 30)}, Measure: findings.TurnoverRate, Value: 15.1}}}
	r25 := &Result{Kind: CSWW, Release: Release{Year: 2025, Day: dates.FromYMD(2026, 2, 26)}, Records: []Record{
		rec("E08000006", "2021-09-30", "caseload", "20.7", "2026-02-26"),
		rec("E08000037", "2022-09-30", "turnover_rate", "[u]", "2026-02-26"),
		rec("E08000016", "2020-09-30", "vacancy_rate", "14.0", "2026-02-26"),
		rec("E08000006", "2025-09-30", "caseload", "16.1", "2026-02-26"), // new in 2025
	}, References: []Reference{
		{Level: "national", Region: "England", Code: "E92000001", Date: dates.Date{Day: dates.FromYMD(2019, 9, 30)}, Measure: findings.TurnoverRate, Value: 15},
		{Level: "national", Region: "England", Code: "E92000001", Date: dates.Date{Day: dates.FromYMD(2025, 9, 30)}, Measure: findings.TurnoverRate, Value: 11.8},
	}}
	// Given newest first: merged in release order all the same.
	recs, refs, st, err := MergeReleases([]*Result{r25, r22}, reference.Default())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs {
		got = append(got, r.Raw[findings.ColCouncil]+" "+r.Raw[findings.ColDate]+" "+r.Raw[findings.ColValue]+" "+r.Raw[findings.ColPublished])
	}
	want := []string{
		"E08000006 2021-09-30 20.8 2023-02-23", "E08000037 2022-09-30 0.7 2023-02-23", "E08000016 2020-09-30 14 2023-02-23",
		"E08000006 2021-09-30 20.7 2026-02-26", "E08000037 2022-09-30 [u] 2026-02-26", "E08000006 2025-09-30 16.1 2026-02-26",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("merged:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(recs[3].Raw[findings.ColNote], "a revision: the reporting year 2022 release (2023-02-23) gave 20.8") {
		t.Errorf("revision note %q", recs[3].Raw[findings.ColNote])
	}
	if st.Kept != 4 || st.Revised != 2 || st.Repeated != 1 || st.RefKept != 2 || st.RefRevised != 1 || st.RefRepeated != 0 || len(st.Releases) != 2 {
		t.Errorf("stats %+v", st)
	}
	if len(refs) != 3 {
		t.Errorf("references %+v", refs)
	}
	if _, _, _, err := MergeReleases([]*Result{{Kind: OfstedOutcomes}}, reference.Default()); err == nil {
		t.Error("an Ofsted file merged as a release")
	}
}

// The two real releases: the revisions README.md and fixtures/README.md
// report, each figure kept once per value, every one parsing.
func TestRealMergeReleases(t *testing.T) {
	set := []struct {
		name string
		opt  Options
	}{{"csww_headline_measures_2017_to_2022.csv", Options{}}, {"csww_indicators_2017_to_2025.csv", Options{}}}
	j := joinSet(t, set, CSWW)
	st := j.Merge
	// Counted with a script over the two files (fixtures/README.md).
	if st.Kept != 6845 || st.Revised != 233 || st.Repeated != 4317 || st.RefKept != 540 || st.RefRevised != 75 || st.RefRepeated != 285 {
		t.Errorf("merge %+v", st)
	}
	ps := parseAll(t, "merged releases", j.Records)
	ref := reference.Default()
	type key struct {
		c   int32
		d   dates.Day
		m   findings.Measure
		s   string
		pub dates.Day
	}
	seen := map[key]bool{}
	for _, p := range ps {
		k := key{p.F.Council, p.F.Date.Day, p.F.Measure, p.F.Scope, p.F.Published.Day}
		if seen[k] {
			t.Errorf("%s %s %s published %s twice", ref.Councils[p.F.Council].Name, p.F.Date, p.F.Measure, p.F.Published)
		}
		seen[k] = true
		if y, _, _ := p.F.Date.Day.YMD(); y >= 2023 && p.F.Published.Day != dates.FromYMD(2026, 2, 26) {
			t.Errorf("%v: a figure for %d not from the 2025 release", p.Raw, y)
		}
	}
	// Salford's caseload for 2021: 20.8 in the 2022 release, 20.7 in 2025.
	salford := find(j.Records, findings.Raw{findings.ColCouncil: "E08000006", findings.ColDate: "2021-09-30", findings.ColMeasure: "caseload"})
	if len(salford) != 2 || salford[0].Raw[findings.ColValue] != "20.8" || salford[1].Raw[findings.ColValue] != "20.7" ||
		salford[0].Raw[findings.ColPublished] != "2023-02-23" || salford[1].Raw[findings.ColPublished] != "2026-02-26" {
		t.Errorf("Salford 2021 caseload: %v", salford)
	}
}

// The reports' own dates (documents.csv of oversight extract) date the
// 2009-2023 sheet's SIF judgements; a judgement no source dates keeps its
// publication day and says so.
func TestReadInspectionsRedate(t *testing.T) {
	docs := "sha256,file,kind,council,gss_code,framework,inspection_start,inspection_end,published,published_rule\n" +
		"aa,reports/barnet_2017-07-07.pdf,report,Barnet,E09000003,SIF,2017-04-25,2017-05-18,2017-07-07,printed\n" +
		"bb,letters/x.pdf,letter,Barnet,E09000003,,,,2018-01-01,printed\n" + // no inspection dates: passed over
		"cc,reports/cumbria.pdf,report,Cumbria,E10000006,SIF-reinspection,2017-11-06,2017-11-23,2018-01-26,printed\n"
	known, err := ReadInspections(strings.NewReader(docs), "documents.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(known) != 2 || known[0].Source != "barnet_2017-07-07.pdf" {
		t.Fatalf("inspections %+v", known)
	}
	res := convertFile(t, tdHistoric, OfstedOutcomes, Options{})
	j, err := Join([]*Result{res}, known, reference.Default())
	if err != nil {
		t.Fatal(err)
	}
	barnet := find(j.Records, findings.Raw{findings.ColCouncil: "Barnet", findings.ColPublished: "2017-07-07"})
	if len(barnet) != 6 {
		t.Fatalf("Barnet SIF: %d records", len(barnet))
	}
	for _, r := range barnet {
		if r.Raw[findings.ColDate] != "2017-04-25" || r.Dating != ByInspection || !strings.Contains(r.Raw[findings.ColNote], "inspected from 2017-04-25, as barnet_2017-07-07.pdf gives it") {
			t.Errorf("Barnet: %v", r.Raw)
		}
	}
	// Cumbria's re-inspection, published 2018-01-29 by Ofsted's sheet and
	// 2018-01-26 by its report: three days apart, the same report.
	cumbria := find(j.Records, findings.Raw{findings.ColCouncil: "Cumbria", findings.ColPublished: "2018-01-29"})
	if len(cumbria) == 0 || cumbria[0].Raw[findings.ColDate] != "2017-11-06" {
		t.Errorf("Cumbria: %v", cumbria)
	}
	warrington := find(j.Records, findings.Raw{findings.ColCouncil: "Warrington", findings.ColDate: "2009-11-06"})
	if len(warrington) == 0 || warrington[0].Dating != ByPublication || !strings.Contains(warrington[0].Raw[findings.ColNote], "dated by the report's publication day") {
		t.Errorf("Warrington SLAC: %v", warrington)
	}
	if _, err := ReadInspections(strings.NewReader("a,b\n1,2\n"), "x.csv"); err == nil || !strings.Contains(err.Error(), "x.csv") {
		t.Errorf("err = %v", err)
	}
}
