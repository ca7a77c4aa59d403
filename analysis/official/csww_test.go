package official

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/findings"
)

const (
	csww2025 = "testdata/csww_indicators_2017_to_2025_excerpt.csv"
	csww2022 = "testdata/csww_headline_measures_2017_to_2022_excerpt.csv"
)

// Figures read by hand from the files (see the lines quoted), not computed.
func TestCSWWHandChecked(t *testing.T) {
	tests := []struct {
		file, council, date, measure, value, scope, qualifier string
	}{
		// csww_indicators_2017_to_2025.csv line 50: Barnsley 2025, new code.
		{csww2025, "E08000038", "2025-09-30", "caseload", "15.2", "", "average"},
		{csww2025, "E08000038", "2025-09-30", "vacancy_rate", "5.9", "", ""},
		{csww2025, "E08000038", "2025-09-30", "agency_rate", "13", "", ""},
		{csww2025, "E08000038", "2025-09-30", "turnover_rate", "8", "", ""},
		{csww2025, "E08000038", "2025-09-30", "social_workers", "208.2", "", ""},
		// line 213: Barnsley 2024 under its old code E08000016.
		{csww2025, "E08000016", "2024-09-30", "caseload", "16.2", "", "average"},
		// line 55: Hull 2025.
		{csww2025, "E06000010", "2025-09-30", "caseload", "17.3", "", "average"},
		{csww2025, "E06000010", "2025-09-30", "vacancy_rate", "2.4", "", ""},
		// line 25: Sunderland 2025 caseload (its agency rate is "low").
		{csww2025, "E08000024", "2025-09-30", "caseload", "17.1", "", "average"},
		// line 125: Isles of Scilly 2025: no FTE in post is a real 0.
		{csww2025, "E06000053", "2025-09-30", "social_workers", "0", "", ""},
		{csww2025, "E06000053", "2025-09-30", "caseload", "6", "", "average"},
		// line 882: Northamptonshire 2020, abolished 2021.
		{csww2025, "E10000021", "2020-09-30", "vacancy_rate", "33.6", "", ""},
		{csww2025, "E10000021", "2020-09-30", "caseload", "17.7", "", "average"},
		// line 160: Kingston upon Thames / Richmond upon Thames 2025, joint.
		{csww2025, "E09000021", "2025-09-30", "caseload", "13.9", "", "average"},
		{csww2025, "E09000027", "2025-09-30", "caseload", "13.9", "", "average"},
		{csww2025, "E09000027", "2025-09-30", "turnover_rate", "28", "", ""},
		{csww2025, "E09000021", "2025-09-30", "social_workers", "137.4", JointScope, ""},
		{csww2025, "E09000027", "2025-09-30", "social_workers", "137.4", JointScope, ""},
		// line 70: North / West Northamptonshire 2025, joint.
		{csww2025, "E06000061", "2025-09-30", "vacancy_rate", "25.9", "", ""},
		{csww2025, "E06000062", "2025-09-30", "vacancy_rate", "25.9", "", ""},
		{csww2025, "E06000062", "2025-09-30", "social_workers", "421.5", JointScope, ""},
		// csww_headline_measures_2017_to_2022.csv line 49: Barnsley 2022 (old code, % columns).
		{csww2022, "E08000016", "2022-09-30", "caseload", "19.1", "", "average"},
		{csww2022, "E08000016", "2022-09-30", "agency_rate", "14.3", "", ""},
		{csww2022, "E08000016", "2022-09-30", "social_workers", "137.8", "", ""},
		// line 160: Kingston 2022 holds the joint figure; Richmond's row is all z.
		{csww2022, "E09000021", "2022-09-30", "vacancy_rate", "32.7", "", ""},
		{csww2022, "E09000027", "2022-09-30", "vacancy_rate", "32.7", "", ""},
		{csww2022, "E09000027", "2022-09-30", "social_workers", "125.4", JointScope, ""},
		// line 233: North Northamptonshire 2021 holds the trust's figure.
		{csww2022, "E06000062", "2021-09-30", "caseload", "17.5", "", "average"},
		// line 975: Kingston 2017, no Richmond row before 2021 in this release.
		{csww2022, "E09000027", "2017-09-30", "caseload", "10.2", "", "average"},
		// line 776: Isles of Scilly 2018: 0 per cent turnover is a real 0.
		{csww2022, "E06000053", "2018-09-30", "turnover_rate", "0", "", ""},
	}
	results := map[string]*Result{csww2025: convertFile(t, csww2025, CSWW, Options{}), csww2022: convertFile(t, csww2022, CSWW, Options{})}
	for _, tt := range tests {
		res := results[tt.file]
		got := find(res.Records, want(tt.council, tt.date, tt.measure, "", ""))
		var match []Record
		for _, r := range got {
			if r.Raw[findings.ColScope] == tt.scope {
				match = append(match, r)
			}
		}
		if len(match) != 1 {
			t.Errorf("%s %s %s %s scope %q: %d records, want 1 (all: %v)", tt.file, tt.council, tt.date, tt.measure, tt.scope, len(match), got)
			continue
		}
		r := match[0].Raw
		if r[findings.ColValue] != tt.value || r[findings.ColQualifier] != tt.qualifier || r[findings.ColSourceType] != "statistics" {
			t.Errorf("%s %s %s %s: value %q qualifier %q source_type %q, want %q %q statistics", tt.file, tt.council, tt.date, tt.measure,
				r[findings.ColValue], r[findings.ColQualifier], r[findings.ColSourceType], tt.value, tt.qualifier)
		}
	}
	if s := results[csww2025].Records[0].Raw[findings.ColSource]; s != "DfE, Children's social work workforce, reporting year 2025 release: csww_indicators_2017_to_2025_excerpt.csv" {
		t.Errorf("source %q", s)
	}
}

func TestCSWWSuppression(t *testing.T) {
	// Counted by hand in the excerpts. 2025 release: Sunderland's agency
	// rate "low" (2025, 2024), its 2024 turnover "u"; Isles of Scilly's 2025
	// turnover "z"; Kensington and Chelsea 2025 all five "x"; Birmingham 2024
	// agency rate and caseload "u"; Suffolk 2018 caseload "x". 2022 release:
	// Richmond 2022 and West Northamptonshire 2021 and 2022 all "z" (partner
	// rows of the joint services: nothing of their own); Kensington and
	// Chelsea 2022 agency rate "x".
	tests := []struct {
		file       string
		coded      map[string]int
		suppressed map[string]int
	}{
		{csww2025, map[string]int{"low": 2, "z": 1, "x": 6, "u": 3}, nil},
		{csww2022, map[string]int{"x": 1}, map[string]int{"z": 15}},
	}
	for _, tt := range tests {
		res := convertFile(t, tt.file, CSWW, Options{})
		if !reflect.DeepEqual(res.Stats.Coded, tt.coded) || !reflect.DeepEqual(res.Stats.Suppressed, tt.suppressed) {
			t.Errorf("%s: coded %v, suppressed %v; want %v and %v", tt.file, res.Stats.Coded, res.Stats.Suppressed, tt.coded, tt.suppressed)
		}
		for _, r := range res.Records {
			v := r.Raw[findings.ColValue]
			if _, ok := number(v); !ok {
				if _, code := findings.ParseCode(v); !code || !strings.HasPrefix(v, "[") {
					t.Errorf("%s line %d: value %q is neither a number nor a bracketed code", tt.file, r.Line, v)
				}
			}
		}
	}
	// A code is the finding for its council and date, never left out so an
	// older year's number shows through (spec/metrics.md v2).
	res := convertFile(t, csww2025, CSWW, Options{})
	for _, tt := range []struct {
		what                       string
		council, date, measure, cd string
		n                          int
	}{
		{"Sunderland's 2025 agency rate", "E08000024", "2025-09-30", "agency_rate", "[low]", 1},
		{"Kensington and Chelsea in 2025", "E09000020", "2025-09-30", "", "[x]", 5},
		{"Birmingham's 2024 caseload", "E08000025", "2024-09-30", "caseload", "[u]", 1},
		{"Isles of Scilly's 2025 turnover", "E06000053", "2025-09-30", "turnover_rate", "[z]", 1},
	} {
		got := find(res.Records, want(tt.council, tt.date, tt.measure, "", ""))
		if len(got) != tt.n {
			t.Errorf("%s: %d records, want %d: %v", tt.what, len(got), tt.n, got)
		}
		for _, r := range got {
			if r.Raw[findings.ColValue] != tt.cd {
				t.Errorf("%s: value %q, want %q", tt.what, r.Raw[findings.ColValue], tt.cd)
			}
		}
	}

	// Every status code DfE and the GSS use, in place of each measure: the
	// contract's codes become findings; the others are counted and dropped.
	const head = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,inpost_fte,turnover_rate_fte,agency_rate_fte,vacancy_rate_fte,caseload_fte\n"
	text := head +
		"2025,Reporting year,Local authority,E92000001,England,E12000001,North East,390,E08000037,Gateshead,c,k,..,:,low\n" +
		"2025,Reporting year,Local authority,E92000001,England,E12000001,North East,391,E08000021,Newcastle upon Tyne,x,z,u,C,\n" +
		"2025,Reporting year,Local authority,E92000001,England,E12000001,North East,392,E08000022,North Tyneside,\"1,012.5\",0,0,0,250\n"
	syn, err := Convert(context.Background(), CSWW, "codes.csv", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	wantCoded := map[string]int{"c": 2, "low": 1, "x": 1, "z": 1, "u": 1}
	wantSup := map[string]int{"k": 1, "..": 1, ":": 1}
	if !reflect.DeepEqual(syn.Stats.Coded, wantCoded) || !reflect.DeepEqual(syn.Stats.Suppressed, wantSup) {
		t.Errorf("coded %v, suppressed %v; want %v and %v", syn.Stats.Coded, syn.Stats.Suppressed, wantCoded, wantSup)
	}
	if syn.Stats.Blank != 1 || syn.Stats.SkippedBy["caseload outside 0-200 (more than 0)"] != 1 {
		t.Errorf("blank %d, skipped %v; want 1 blank and the caseload of 250 skipped", syn.Stats.Blank, syn.Stats.SkippedBy)
	}
	if len(syn.Records) != 4+6 {
		t.Errorf("%d records, want North Tyneside's 4 real numbers (zeros included) and 6 codes: %v", len(syn.Records), syn.Records)
	}
	parseAll(t, "codes.csv", syn.Records)
	for _, r := range syn.Records {
		if r.Raw[findings.ColCouncil] != "E08000022" && !strings.HasPrefix(r.Raw[findings.ColValue], "[") {
			t.Errorf("a number from a suppressed row: %v", r.Raw)
		}
	}
}

func TestCSWWJointRows(t *testing.T) {
	res := convertFile(t, csww2025, CSWW, Options{})
	// One source line (160 of the real file), two councils, five measures each.
	line := find(res.Records, want("E09000027", "2025-09-30", "caseload", "", ""))[0].Line
	var kingston []Record
	for _, r := range res.Records {
		if r.Line == line {
			kingston = append(kingston, r)
		}
	}
	if len(kingston) != 10 {
		t.Fatalf("joint row gave %d records, want 10", len(kingston))
	}
	for _, r := range kingston {
		c, m, scope, note := r.Raw[findings.ColCouncil], r.Raw[findings.ColMeasure], r.Raw[findings.ColScope], r.Raw[findings.ColNote]
		if c != "E09000021" && c != "E09000027" {
			t.Errorf("joint record for %q", c)
		}
		if (m == "social_workers") != (scope == JointScope) {
			t.Errorf("%s %s: scope %q; only the FTE count is joint-scoped", c, m, scope)
		}
		if !strings.Contains(note, "Achieving for Children (Kingston upon Thames and Richmond upon Thames)") {
			t.Errorf("note %q does not name the joint service", note)
		}
	}
	// Parsed: the FTE is never a headline figure, the rates are.
	for _, p := range parseAll(t, csww2025, kingston) {
		if p.F.Headline() == (p.F.Measure == findings.SocialWorkers) {
			t.Errorf("%v: headline %v", p.Raw, p.F.Headline())
		}
	}
	// The 2022 release: Richmond's own all-z row gives nothing; Kingston's
	// row gives both councils' figures.
	old := convertFile(t, csww2022, CSWW, Options{})
	for _, r := range old.Records {
		if r.Line == 14 || r.Line == 17 || r.Line == 19 { // all z: West Northamptonshire 2022, Richmond 2022, West Northamptonshire 2021
			t.Errorf("record from an all-z partner row: %v", r.Raw)
		}
	}
	if n := len(find(old.Records, want("E09000027", "", "", "", ""))); n != 10 {
		t.Errorf("Richmond has %d records from the 2022 release excerpt, want 10 (Kingston's 2022 and 2017 rows)", n)
	}
	if n := len(find(old.Records, want("E06000062", "", "", "", ""))); n != 10 {
		t.Errorf("West Northamptonshire has %d records, want 10 (2021 and 2022 from North Northamptonshire's rows)", n)
	}
	// Had the partner its own numbers, the first council's row would be its own.
	const head = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,social_worker_fte,turnover_rate_fte_%,agency_worker_rate_fte_%,vacancy_rate_fte_%,caseload_fte\n"
	sep, err := Convert(context.Background(), CSWW, "separate.csv", strings.NewReader(head+
		"2022,Reporting year,Local authority,E92000001,England,E13000002,Outer London,314,E09000021,Kingston upon Thames,100,10,10,10,10\n"+
		"2022,Reporting year,Local authority,E92000001,England,E13000002,Outer London,318,E09000027,Richmond upon Thames,90,9,9,9,9\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sep.Records) != 10 {
		t.Errorf("%d records from two separate rows, want 10", len(sep.Records))
	}
	for _, r := range sep.Records {
		if strings.Contains(r.Raw[findings.ColNote], "joint") || (r.Raw[findings.ColCouncil] == "E09000027") != (r.Line == 3) {
			t.Errorf("separate rows treated as joint: %v", r.Raw)
		}
	}
	// Northamptonshire (2020) is never joint: the trust dates from 2021.
	for _, r := range find(old.Records, want("E10000021", "", "", "", "")) {
		if strings.Contains(r.Raw[findings.ColNote], "joint") || r.Raw[findings.ColScope] != "" {
			t.Errorf("Northamptonshire 2020 treated as joint: %v", r.Raw)
		}
	}
}

func TestCSWWReferences(t *testing.T) {
	res := convertFile(t, csww2025, CSWW, Options{})
	type key struct {
		level, region, date string
		m                   findings.Measure
	}
	got := map[key]Reference{}
	for _, r := range res.References {
		got[key{r.Level, r.Region, r.Date.String(), r.Measure}] = r
	}
	tests := []struct {
		k     key
		value float64
		sub   bool
	}{
		{key{"national", "England", "2025-09-30", findings.Caseload}, 15.2, false},
		{key{"national", "England", "2025-09-30", findings.VacancyRate}, 14.2, false},
		{key{"national", "England", "2025-09-30", findings.AgencyRate}, 13, false},
		{key{"national", "England", "2025-09-30", findings.SocialWorkers}, 36186.3, false},
		{key{"national", "England", "2017-09-30", findings.Caseload}, 17.7, false},
		{key{"regional", "North East", "2025-09-30", findings.Caseload}, 16.5, false},
		{key{"regional", "London", "2025-09-30", findings.TurnoverRate}, 13.8, false},
		{key{"regional", "Inner London", "2025-09-30", findings.TurnoverRate}, 11.7, true},
		{key{"regional", "Outer London", "2025-09-30", findings.TurnoverRate}, 15.7, true},
	}
	for _, tt := range tests {
		r, ok := got[tt.k]
		if !ok {
			t.Errorf("no reference %v", tt.k)
			continue
		}
		if r.Value != tt.value || r.SubRegion != tt.sub {
			t.Errorf("%v: value %v sub-region %v, want %v %v", tt.k, r.Value, r.SubRegion, tt.value, tt.sub)
		}
	}
	// 13 reference rows (England 2025 and 2017, 11 regional rows of 2025), 5 measures each.
	if res.Stats.ReferenceRows != 13 || len(res.References) != 65 {
		t.Errorf("%d reference rows, %d references; want 13, 65", res.Stats.ReferenceRows, len(res.References))
	}
	// National and regional rows are never findings.
	for _, r := range res.Records {
		if r.Raw[findings.ColCouncil] == "" || r.Raw[findings.ColCouncil] == "E92000001" || strings.HasPrefix(r.Raw[findings.ColCouncil], "E12") {
			t.Errorf("reference row became a finding: %v", r.Raw)
		}
	}
}
