package official

import (
	"reflect"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

const (
	tdAsAt2025   = "testdata/ofsted_la_inspections_as_at_2025-03-31_excerpt.csv"
	tdInYear2025 = "testdata/ofsted_la_in_year_inspections_2024-25_excerpt.csv"
	tdHistory    = "testdata/ofsted_ilacs_inspection_history_2018-2025_excerpt.csv"
	tdAsAt2023   = "testdata/ofsted_la_inspections_as_at_2023-03-31_excerpt.csv"
	tdInYear2023 = "testdata/ofsted_la_in_year_inspections_2022-23_excerpt.csv"
	tdHistoric   = "testdata/ofsted_la_inspections_2009-2023_excerpt.csv"
	tdScrape     = "testdata/ofsted_csc_ilacs_history_excerpt.csv"
)

// Grades and visits read by hand from the excerpts (the real files' rows,
// copied verbatim), not computed.
func TestOfstedHandChecked(t *testing.T) {
	const ri = "Requires improvement to be good"
	tests := []struct {
		file, council, date, published, measure, value, area, note string
	}{
		// As at 31 March 2025: Barnsley under Ofsted's old code, dated by
		// the inspection's first day, published on the report's day.
		{tdAsAt2025, "E08000016", "2023-09-11", "2023-10-27", "grade", "Good", "overall", "inspected from 2023-09-11, published 2023-10-27"},
		{tdAsAt2025, "E08000016", "2023-09-11", "2023-10-27", "grade", ri, "help_and_protection", ""},
		{tdAsAt2025, "E08000016", "2023-09-11", "2023-10-27", "grade", "Good", "care_leavers", ""},
		// Bath and North East Somerset, inspected Feb 2022: the combined judgement.
		{tdAsAt2025, "E06000022", "2022-02-28", "2022-04-19", "grade", "Good", "children_in_care_and_care_leavers", "before 2023"},
		{tdAsAt2025, "E06000018", "2022-07-11", "2022-09-05", "grade", "Inadequate", "overall", ""},
		// ILACS history: abolished councils under their own codes.
		{tdHistory, "E10000021", "2019-06-17", "2019-07-29", "grade", "Inadequate", "overall", "No longer exists"},
		{tdHistory, "E06000028", "2018-07-16", "2018-08-24", "grade", "Inadequate", "leadership", "ILACS standard inspection"},
		{tdHistory, "E09000003", "2024-06-10", "2024-07-23", "grade", "Outstanding", "children_in_care", "ILACS short inspection"},
		// 2009-2023: publication days only, which stand in for the
		// inspection date (Join finds it in another source); predecessor
		// Northamptonshire, by name.
		{tdHistoric, "Northamptonshire", "2011-05-06", "2011-05-06", "grade", ri, "help_and_protection", "SLAC"},
		{tdHistoric, "Northamptonshire", "2016-04-27", "2016-04-27", "grade", ri, "overall", "predecessor authority"},
		{tdHistoric, "Northamptonshire", "2019-07-29", "2019-07-29", "grade", "Inadequate", "children_in_care_and_care_leavers", "ILACS, first inspection (ILACS Standard Inspection)"},
		// SIF: Barnet 2017 (first SIF), Cumbria 2018 (SIF re-inspection).
		{tdHistoric, "Barnet", "2017-07-07", "2017-07-07", "grade", "Inadequate", "overall", "SIF (single inspection framework), first inspection, published 2017-07-07 (no inspection date in this sheet)"},
		{tdHistoric, "Barnet", "2017-07-07", "2017-07-07", "grade", ri, "adoption", ""},
		{tdHistoric, "Barnet", "2017-07-07", "2017-07-07", "grade", ri, "care_leavers", ""},
		{tdHistoric, "Barnet", "2017-07-07", "2017-07-07", "grade", "Inadequate", "leadership", ""},
		{tdHistoric, "Cumbria", "2018-01-29", "2018-01-29", "grade", ri, "overall", "re-inspection"},
		{tdHistoric, "Cumbria", "2018-01-29", "2018-01-29", "grade", "Good", "adoption", ""},
		// SLAC and its re-inspections.
		{tdHistoric, "Warrington", "2009-11-06", "2009-11-06", "grade", "Inadequate", "help_and_protection", ""},
		{tdHistoric, "Warrington", "2009-11-06", "2009-11-06", "grade", ri, "children_in_care", ""},
		{tdHistoric, "Warrington", "2011-02-25", "2011-02-25", "grade", ri, "help_and_protection", "SLAC re-inspection of safeguarding"},
		{tdHistoric, "Warrington", "2011-02-25", "2011-02-25", "grade", ri, "children_in_care", "SLAC re-inspection of services for children looked after"},
		// Second ILACS: split from 2023 (Haringey), combined before (Nottingham,
		// whose publication date is corrected to 2022-09-05).
		{tdHistoric, "Haringey", "2023-04-11", "2023-04-11", "grade", ri, "children_in_care", ""},
		{tdHistoric, "Haringey", "2023-04-11", "2023-04-11", "grade", "Good", "care_leavers", ""},
		{tdHistoric, "Nottingham", "2022-09-05", "2022-09-05", "grade", "Inadequate", "overall", "corrected from 2022-11-05"},
		{tdHistoric, "Nottingham", "2022-09-05", "2022-09-05", "grade", ri, "children_in_care_and_care_leavers", ""},
		{tdHistoric, "Calderdale", "2018-12-19", "2018-12-19", "grade", "Outstanding", "children_in_care_and_care_leavers", ""},
		// Visits: the visit's first day, published on the letter's day, the
		// theme in the note.
		{tdInYear2025, "E09000002", "2025-03-26", "2025-04-29", "visit", "focused", "", "theme: Children in need/subject to a plan"},
		{tdInYear2025, "E08000032", "2025-02-11", "2025-03-13", "visit", "monitoring", "", "theme: Children in care"},
		{tdInYear2025, "E09000021", "2024-12-02", "2025-01-29", "grade", "Outstanding", "care_leavers", ""},
		// No publication dates in these files: the inspection's or visit's
		// day, published blank (Join takes it from the ILACS history).
		{tdInYear2023, "Blackpool", "2022-06-14", "", "visit", "monitoring", "", "no publication date"},
		{tdInYear2023, "Blackpool", "2022-12-05", "", "grade", ri, "overall", "no publication date in this file"},
		{tdInYear2023, "Cumbria", "2022-09-21", "", "grade", ri, "overall", ""},
		{tdAsAt2023, "Barnsley", "2018-10-08", "", "grade", "Good", "overall", ""},
		// The scrape: council by URN, short grade words, DD/MM/YY dates;
		// Nottingham's 2022 row has no start date, so its publication day
		// stands in.
		{tdScrape, "E08000016", "2023-09-11", "2023-10-27", "grade", "good", "overall", "ILACS short inspection"},
		{tdScrape, "E06000059", "2025-03-17", "2025-05-09", "grade", "good", "care_leavers", ""},
		{tdScrape, "E06000061", "2026-05-11", "2026-07-07", "grade", "outstanding", "leadership", ""},
		{tdScrape, "E06000018", "2022-09-05", "2022-09-05", "grade", "requires improvement", "children_in_care_and_care_leavers", ""},
		{tdScrape, "E06000059", "2021-09-27", "2021-11-19", "grade", "good", "children_in_care_and_care_leavers", ""},
	}
	results := map[string]*Result{}
	for _, tt := range tests {
		res := results[tt.file]
		if res == nil {
			res = convertFile(t, tt.file, "", Options{})
			results[tt.file] = res
		}
		got := find(res.Records, want(tt.council, tt.date, tt.measure, "", tt.area))
		if len(got) != 1 {
			t.Errorf("%s: %s %s %s %s: %d records, want 1", tt.file, tt.council, tt.date, tt.measure, tt.area, len(got))
			continue
		}
		r := got[0].Raw
		if r[findings.ColValue] != tt.value || r[findings.ColPublished] != tt.published || r[findings.ColSourceType] != "ofsted" || !strings.Contains(r[findings.ColNote], tt.note) {
			t.Errorf("%s: %s %s %s: value %q published %q source_type %q note %q; want %q, %q, ofsted, note containing %q", tt.file, tt.council, tt.date, tt.area,
				r[findings.ColValue], r[findings.ColPublished], r[findings.ColSourceType], r[findings.ColNote], tt.value, tt.published, tt.note)
		}
		wantDating := ByInspection
		if tt.date == tt.published && (tt.file == tdHistoric || tt.file == tdScrape) {
			wantDating = ByPublication
		}
		if got[0].Dating != wantDating {
			t.Errorf("%s: %s %s %s: dating %d, want %d", tt.file, tt.council, tt.date, tt.area, got[0].Dating, wantDating)
		}
	}
}

func TestOfstedNotGrades(t *testing.T) {
	res := convertFile(t, tdHistoric, OfstedOutcomes, Options{})
	// Counted by hand in the excerpt: CPI on 5 rows plus Calderdale's CPRI,
	// Northamptonshire's TLAC, 16 LSCB judgements, 5 " -" cells (City of
	// London, Isles of Scilly).
	wantSkip := map[string]int{skipCPI: 6, skipTLAC: 1, skipLSCB: 16}
	if !reflect.DeepEqual(res.Stats.SkippedBy, wantSkip) || res.Stats.Skipped != 23 {
		t.Errorf("skipped %d %v, want 23 %v", res.Stats.Skipped, res.Stats.SkippedBy, wantSkip)
	}
	if !reflect.DeepEqual(res.Stats.Suppressed, map[string]int{"-": 5}) {
		t.Errorf("suppressed %v, want 5 \"-\"", res.Stats.Suppressed)
	}
	for _, d := range []string{"2013-03-20", "2013-08-23"} { // Northamptonshire's CPI and TLAC
		if got := find(res.Records, want("Northamptonshire", d, "", "", "")); len(got) != 0 {
			t.Errorf("targeted inspection became findings: %v", got)
		}
	}
	if got := find(res.Records, want("Calderdale", "2013-07-26", "", "", "")); len(got) != 0 {
		t.Errorf("CPRI became findings: %v", got)
	}
	for _, r := range res.Records {
		if strings.Contains(strings.ToLower(r.Raw[findings.ColNote]), "lscb") {
			t.Errorf("LSCB judgement became a finding: %v", r.Raw)
		}
	}
	// Isles of Scilly's SIF: "-" for looked after, adoption and care leavers.
	if got := find(res.Records, want("Isles of Scilly", "2016-06-27", "", "", "")); len(got) != 3 {
		t.Errorf("Isles of Scilly SIF: %d records, want 3 (overall, help and protection, leadership)", len(got))
	}
	// Scrape markers are not grades.
	sc := convertFile(t, tdScrape, OfstedScrape, Options{})
	wantSup := map[string]int{"data_unreadable": 8, "inspection_pre_dates_judgement": 5, "not_reported_post_reform": 3}
	if !reflect.DeepEqual(sc.Stats.Suppressed, wantSup) {
		t.Errorf("scrape markers %v, want %v", sc.Stats.Suppressed, wantSup)
	}
	wantSkip = map[string]int{
		`judgement "to requires improvement" is not a grade`:                                               1,
		"care leavers grade on an inspection before 2023, when ILACS had no such judgement (scrape error)": 1,
	}
	if !reflect.DeepEqual(sc.Stats.SkippedBy, wantSkip) {
		t.Errorf("scrape skipped %v, want %v", sc.Stats.SkippedBy, wantSkip)
	}
	if got := find(sc.Records, want("E06000061", "2026-07-07", "grade", "", "overall")); len(got) != 0 {
		t.Errorf("post-reform overall grade: %v", got)
	}
	if got := find(sc.Records, want("E06000018", "2022-09-05", "grade", "", "care_leavers")); len(got) != 0 {
		t.Errorf("Nottingham 2022 care leavers grade (no such judgement before 2023): %v", got)
	}
	if got := find(sc.Records, want("E08000016", "2014-08-08", "", "", "")); len(got) != 0 {
		t.Errorf("pre-ILACS unreadable row gave %v", got)
	}
}

// Barnsley's old code, Ofsted's spellings and predecessor names all resolve
// to the right council at the finding's date.
func TestOfstedResolution(t *testing.T) {
	ref := reference.Default()
	tests := []struct {
		file, council, date, wantGSS string
	}{
		{tdAsAt2025, "E08000016", "2023-09-11", "E08000038"},        // Barnsley, old code
		{tdAsAt2025, "E08000019", "2023-09-11", "E08000039"},        // Sheffield, old code
		{tdAsAt2025, "E06000058", "2024-12-02", "E06000058"},        // "Bournemouth, Christchurch & Poole"
		{tdHistoric, "Northamptonshire", "2016-04-27", "E10000021"}, // abolished 2021
		{tdHistoric, "Dorset", "2016-05-23", "E10000009"},           // the old county, by date
		{tdHistoric, "Dorset", "2021-11-19", "E06000059"},           // the new unitary
		{tdHistoric, "Bedford Borough", "2022-01-14", "E06000055"},  // Ofsted's name
		{tdHistoric, "Bournemouth, Christchurch and Poole", "2022-02-11", "E06000058"},
		{tdInYear2023, "Bournemouth, Christchurch and Poole", "2022-10-04", "E06000058"},
	}
	cache := map[string][]parsed{}
	for _, tt := range tests {
		ps, ok := cache[tt.file]
		if !ok {
			ps = parseAll(t, tt.file, convertFile(t, tt.file, "", Options{}).Records)
			cache[tt.file] = ps
		}
		n := 0
		for _, p := range ps {
			if p.Raw[findings.ColCouncil] == tt.council && p.Raw[findings.ColDate] == tt.date {
				n++
				if got := ref.Councils[p.F.Council].GSS; got != tt.wantGSS {
					t.Errorf("%s %s %s resolved to %s, want %s", tt.file, tt.council, tt.date, got, tt.wantGSS)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no record for %s %s", tt.file, tt.council, tt.date)
		}
	}
}

// Imported together (Join), the same inspection gets the same date, area
// and grade from every file: the first day of inspection, taken by the
// 2009-2023 sheet and the scrape's rows without a start date from the
// files that give both days.
func TestOfstedSameInspectionSameDate(t *testing.T) {
	type key struct {
		council int32
		date    string
		area    findings.Area
	}
	files := []string{tdAsAt2025, tdInYear2025, tdHistory, tdHistoric, tdScrape}
	var results []*Result
	for _, f := range files {
		results = append(results, convertFile(t, f, "", Options{}))
	}
	j, err := Join(results, nil, reference.Default())
	if err != nil {
		t.Fatal(err)
	}
	grades := map[string]map[key]findings.GradeValue{}
	at := 0
	for i, f := range files {
		recs := j.Records[at : at+len(results[i].Records)]
		at += len(results[i].Records)
		m := map[key]findings.GradeValue{}
		for _, p := range parseAll(t, f, recs) {
			if p.F.Measure == findings.Grade {
				m[key{p.F.Council, p.F.Date.String(), p.F.Area}] = p.F.Grade()
			}
		}
		grades[f] = m
	}
	ref := reference.Default()
	barnsley, notts, northants := ref.ByDfE("370").Index, ref.ByDfE("892").Index, ref.ByDfE("928").Index
	checks := []struct {
		council int
		date    string
		files   []string
	}{
		{barnsley, "2023-09-11", []string{tdAsAt2025, tdHistory, tdScrape}},
		{barnsley, "2018-10-08", []string{tdHistory, tdHistoric, tdScrape}},
		{notts, "2022-07-11", []string{tdAsAt2025, tdHistory, tdHistoric, tdScrape}},
		{northants, "2019-06-17", []string{tdHistory, tdHistoric}},
	}
	for _, c := range checks {
		var first map[findings.Area]findings.GradeValue
		for _, f := range c.files {
			got := map[findings.Area]findings.GradeValue{}
			for k, g := range grades[f] {
				if int(k.council) == c.council && k.date == c.date {
					got[k.area] = g
				}
			}
			if got[findings.Overall] == findings.NoGrade && f != tdScrape {
				t.Errorf("%s: no overall grade for %s on %s", f, ref.Councils[c.council].Name, c.date)
			}
			if len(got) == 0 {
				t.Errorf("%s: no grade for %s on %s", f, ref.Councils[c.council].Name, c.date)
			}
			if first == nil {
				first = got
				continue
			}
			for a, g := range got {
				if first[a] != findings.NoGrade && first[a] != g {
					t.Errorf("%s on %s, %s: %s in %s but %s in %s", ref.Councils[c.council].Name, c.date, a, g, f, first[a], c.files[0])
				}
			}
		}
	}
	// What no file dates by both days stays dated by publication, and says
	// so: the SLAC and SIF inspections the excerpt's other files lack.
	if j.Redate.Undated == 0 || j.Redate.Redated == 0 {
		t.Errorf("redate %+v: want some of each", j.Redate)
	}
	for _, r := range j.Records {
		if r.Dating == ByPublication && !strings.Contains(r.Raw[findings.ColNote], "dated by the report's publication day") {
			t.Errorf("undated record without its note: %v", r.Raw)
		}
	}
}

func TestOfstedHistoryCounts(t *testing.T) {
	// Counted by hand in the 17-row excerpt.
	res := convertFile(t, tdHistory, OfstedOutcomes, Options{})
	got := map[string]int{}
	for _, r := range find(res.Records, want("", "", "grade", "", "overall")) {
		got[r.Raw[findings.ColValue]]++
	}
	wantCounts := map[string]int{"Good": 9, "Requires improvement to be good": 5, "Inadequate": 3}
	if !reflect.DeepEqual(got, wantCounts) {
		t.Errorf("overall grades %v, want %v", got, wantCounts)
	}
	// Areas before and after 2023: 17 inspections of which 6 from 2023 have
	// a care leavers judgement.
	areas := map[string]int{}
	for _, r := range res.Records {
		areas[r.Raw[findings.ColArea]]++
	}
	wantAreas := map[string]int{"overall": 17, "leadership": 17, "help_and_protection": 17, "children_in_care": 6, "care_leavers": 6, "children_in_care_and_care_leavers": 11}
	if !reflect.DeepEqual(areas, wantAreas) {
		t.Errorf("areas %v, want %v", areas, wantAreas)
	}
}

func TestOfstedVisitsOnly(t *testing.T) {
	res := convertFile(t, tdInYear2023, OfstedOutcomes, Options{VisitsOnly: true})
	if len(res.Records) != 4 {
		t.Errorf("%d records, want the 4 visits", len(res.Records))
	}
	for _, r := range res.Records {
		if r.Raw[findings.ColMeasure] != "visit" {
			t.Errorf("not a visit: %v", r.Raw)
		}
	}
	// 6 inspections: Bexley 5 judgements, Birmingham 5, Blackpool 4,
	// Bracknell Forest 4, Cumbria 4, Nottingham 4.
	if n := res.Stats.SkippedBy["grade dropped (visits only)"]; n != 26 {
		t.Errorf("%d grades dropped, want 26", n)
	}
}

func TestOptionsAfter(t *testing.T) {
	// The excerpt's reports after 14 May 2025: North and West
	// Northamptonshire and Liverpool, July 2026, four sub-judgements each (no
	// overall judgement after the reform).
	res := convertFile(t, tdScrape, OfstedScrape, Options{After: dates.FromYMD(2025, 5, 14)})
	if len(res.Records) != 12 {
		t.Errorf("%d records, want 12", len(res.Records))
	}
	for _, r := range res.Records {
		if r.Raw[findings.ColDate] != "2026-05-11" || r.Raw[findings.ColPublished] != "2026-07-07" {
			t.Errorf("record dated %s, published %s kept", r.Raw[findings.ColDate], r.Raw[findings.ColPublished])
		}
	}
	all := convertFile(t, tdScrape, OfstedScrape, Options{})
	if n := res.Stats.SkippedBy["published on or before 2025-05-14 (Options.After)"]; n != len(all.Records)-12 {
		t.Errorf("%d skipped by date, want %d", n, len(all.Records)-12)
	}
}
