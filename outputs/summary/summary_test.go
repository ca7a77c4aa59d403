package summary

import (
	"context"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
)

func day(s string) dates.Day {
	d, err := dates.Parse(s)
	if err != nil {
		panic(err)
	}
	return d.Day
}

// report computes a report from rows "council|date>published|measure|value|area|source_type".
func report(t *testing.T, asOf string, rows ...string) *metrics.Report {
	t.Helper()
	p := findings.NewParser(reference.Default())
	var fs []findings.Finding
	for i, row := range rows {
		v := strings.Split(row, "|")
		var raw findings.Raw
		raw[findings.ColCouncil], raw[findings.ColMeasure], raw[findings.ColValue], raw[findings.ColArea], raw[findings.ColSourceType] = v[0], v[2], v[3], v[4], v[5]
		raw[findings.ColDate], raw[findings.ColPublished], _ = strings.Cut(v[1], ">")
		f, err := p.Parse(&raw)
		if err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		f.Line = int32(i + 2)
		fs = append(fs, f)
	}
	r, err := metrics.Compute(context.Background(), fs, reference.Default(), day(asOf))
	if err != nil {
		t.Fatal(err)
	}
	prev, err := metrics.Compute(context.Background(), fs, reference.Default(), metrics.PreviousMonth(day(asOf)))
	if err != nil {
		t.Fatal(err)
	}
	r.CompareWith(metrics.SnapshotOf(prev), fs)
	return r
}

func TestChangesText(t *testing.T) {
	r := report(t, "2026-12-01",
		"Medway|2019-06-10>2019-08-02|grade|inadequate|overall|ofsted",
		"Medway|2026-10-20>2026-11-20|grade|good|overall|ofsted",
		"Kent|2026-11-02>2026-11-25|visit|monitoring||ofsted",
		"Slough|2024-09-30>2025-02-27|caseload|15||statistics",
		"Slough|2025-09-30>2026-11-26|caseload|19||statistics",
	)
	txt := ChangesText(r, "test report")
	for _, w := range []string{
		"What changed: test report, as of 1 December 2026\n",
		"Compared with the same inputs as of 1 November 2026 (no earlier report was given",
		"Grades that changed (1)\n- Medway: overall grade good, was inadequate (inspected 20 Oct 2026, published 20 Nov 2026).",
		"New inspections (1)\n- Medway, inspected 20 Oct 2026, published 20 Nov 2026: overall good.",
		"New official figures (1)\n- Slough: caseload for 30 Sep 2025 is 19 (was 15 for 30 Sep 2024).",
		"Ofsted visits (no grade) (1)\n- Kent: monitoring visit (no grade), 2 Nov 2026, published 25 Nov 2026.",
	} {
		if !strings.Contains(txt, w) {
			t.Errorf("changes.txt lacks %q:\n%s", w, txt)
		}
	}
	if strings.Index(txt, "Grades that changed") > strings.Index(txt, "New inspections") || strings.Index(txt, "New inspections") > strings.Index(txt, "New official figures") {
		t.Errorf("not most important first:\n%s", txt)
	}
}

func TestMainFindings(t *testing.T) {
	r := report(t, "2026-12-01",
		"Medway|2019-06-10>2019-08-02|grade|inadequate|overall|ofsted",
		"Medway|2026-10-20>2026-11-20|grade|good|overall|ofsted",
		"Kent|2023-01-10>2023-03-01|grade|outstanding|overall|ofsted",
		"South Tyneside|2026-06-15>2026-08-04|grade|good|leadership|ofsted",
	)
	mf := MainFindings(r)
	all := strings.Join(mf, "\n")
	for _, w := range []string{
		"Since 1 November 2026 (recomputed from the same inputs), one grade changed and one new inspection was published",
		"Of England's 153 councils, 2 have an overall grade from their latest inspection; 2 of those 2 (100%) are good or outstanding (1 outstanding, 1 good), 0 require improvement and 0 are inadequate.",
		"One more council was last inspected under Ofsted's framework from April 2026",
		"Leadership, the one grade that compares across the April 2026 change, is good or outstanding in 1 of the 1 councils",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("main findings lack %q:\n%s", w, all)
		}
	}
	if len(mf) < 3 || len(mf) > 5 {
		t.Errorf("%d main findings, want three to five", len(mf))
	}
}

func TestTrendHeadline(t *testing.T) {
	d := func(s string) dates.Date { return dates.Date{Day: day(s)} }
	pt := func(v float64) metrics.TrendPoint { return metrics.TrendPoint{OK: true, Value: v} }
	london := metrics.Group{Name: "London", Region: "London", IsRegion: true, Members: []int{1, 2}}
	medway := metrics.Group{Name: "Medway", Region: "South East", Members: []int{1}}
	tests := []struct {
		t    metrics.Trend
		want string
	}{
		{metrics.Trend{Measure: findings.VacancyRate, Group: london, Dates: []dates.Date{d("2018-09-30"), d("2025-09-30")},
			Median: []metrics.TrendPoint{pt(28.7), pt(18.8)}, England: []metrics.TrendPoint{pt(13), pt(14.4)}},
			"London's median vacancy rate fell from 28.7% on 30 Sep 2018 to 18.8% on 30 Sep 2025; England's median rose from 13% to 14.4% over the same dates."},
		{metrics.Trend{Measure: findings.Caseload, Group: medway, Dates: []dates.Date{d("2024-09-30"), d("2025-09-30")},
			Median: []metrics.TrendPoint{pt(15), pt(15)}, England: []metrics.TrendPoint{{}, pt(15.2)}},
			"Medway's caseload was 15 on both 30 Sep 2024 and 30 Sep 2025."},
		{metrics.Trend{Measure: findings.Caseload, Group: medway, Dates: []dates.Date{d("2025-09-30")}, Median: []metrics.TrendPoint{pt(15)}},
			"Medway's caseload was 15 on 30 Sep 2025, the only date in the period with a figure."},
		{metrics.Trend{Measure: findings.Caseload, Group: medway}, "There is no figure for Medway's caseload in the period asked."},
	}
	for _, tt := range tests {
		if got := TrendHeadline(tt.t); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}
