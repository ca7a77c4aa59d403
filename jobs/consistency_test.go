package jobs

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/metrics"
)

// Every median shown in two places is the same number with the same date
// (metrics v2: "the same median appears wherever it is shown"): regions.csv,
// councils.csv's comparison columns, workforce.csv's Regional and National
// rows, the report workbook's Headlines, Regions and Comparisons sheets, and
// the ranking charts' median lines, on the real data.
func TestOneMedianEverywhere(t *testing.T) {
	t.Parallel()
	for _, day := range []string{"2025-10-01", "2026-12-01"} {
		out, res := realReport(t, day)
		r := res.Report
		regions := readTable(t, filepath.Join(out, "datasets", "regions.csv"))
		councils := readTable(t, filepath.Join(out, "datasets", "councils.csv"))
		_, work := readRows(t, filepath.Join(out, "datasets", "workforce.csv"))
		header, _ := readRows(t, filepath.Join(out, "datasets", "workforce.csv"))
		col := map[string]int{}
		for i, h := range header {
			col[h] = i
		}
		f, err := excelize.OpenFile(filepath.Join(out, "report.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		sheet := func(name, first string) []map[string]string {
			rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			_, body := tableAt(t, rows, first)
			return body
		}
		headlines, regionSheet, comparisons := sheet("Headlines", "Figure"), sheet("Regions", "Region"), sheet("Comparisons", "Local authority")
		rc := res.Charts
		f.Close()

		for _, m := range metrics.WorkforceMeasures {
			name := m.String()
			header := metrics.MeasureHeader(m)
			scale := 1.0
			if m.Rate() {
				scale = 100 // workbooks store rates as fractions
			}
			for _, area := range append([]string{"England"}, regionNames(r)...) {
				var want metrics.Median
				if area == "England" {
					want = r.EnglandMedian(m)
				} else {
					want = r.RegionMedian(area, m)
				}
				what := day + " " + area + " " + name
				if !want.OK {
					continue
				}
				v, d := strconv.FormatFloat(want.Value, 'f', -1, 64), want.Date.String()
				// regions.csv
				check(t, what+" regions.csv", regions[area][name+"_median"], v)
				check(t, what+" regions.csv date", regions[area][name+"_median_date"], d)
				// workforce.csv: the median row for that date
				found := false
				for _, row := range work {
					level := "Regional"
					if area == "England" {
						level = "National"
					}
					if row[col["geographic_level"]] == level && (area == "England" || row[col["region_name"]] == area) &&
						row[col["date"]] == d && row[col["statistic"]] == "Median of council figures" && row[col["series"]] == "official" {
						found = true
						check(t, what+" workforce.csv", row[col[name]], v)
					}
				}
				if !found {
					t.Errorf("%s: no %s median row for %s in workforce.csv", what, area, d)
				}
				// councils.csv and the Comparisons sheet, for every council it is the median of
				key := "_region_median"
				if area == "England" {
					key = "_england_median"
				}
				for cname, c := range councils {
					if area != "England" && c["region_name"] != area {
						continue
					}
					check(t, what+" councils.csv "+cname, c[name+key], v)
					check(t, what+" councils.csv date "+cname, c[name+key+"_date"], d)
				}
				for _, row := range comparisons {
					if area != "England" && regionOf(councils, row["Local authority"]) != area {
						continue
					}
					h := "Region's median " + strings.ToLower(strings.SplitN(header, " (", 2)[0]) + unitSuffix(m)
					if area == "England" {
						h = "England median " + strings.ToLower(strings.SplitN(header, " (", 2)[0]) + unitSuffix(m)
					}
					sameNumberAs(t, what+" Comparisons "+row["Local authority"], row[h], want.Value/scale)
				}
				// the Regions sheet
				for _, row := range regionSheet {
					if row["Region"] == area {
						sameNumberAs(t, what+" Regions sheet", row["Median "+strings.ToLower(strings.SplitN(header, " (", 2)[0])+unitSuffix(m)], want.Value/scale)
					}
				}
			}
			// Headlines: England's median with its date.
			e := r.EnglandMedian(m)
			for _, row := range headlines {
				if row["Figure"] == "England median "+strings.ToLower(header) {
					sameNumberAs(t, day+" Headlines "+name, row["Value"], e.Value/scale)
				}
			}
			// The ranking charts' median line.
			for _, ch := range rc.Rankings {
				if ch.Ranking != nil && ch.Ranking.Measure == m && (ch.Ranking.Median.Value != e.Value || ch.Ranking.Median.Date != e.Date || ch.Ranking.Date != e.Date) {
					t.Errorf("%s %s: the ranking chart's median %v (%s), ranked on %s; England's %v (%s)", day, name,
						ch.Ranking.Median.Value, ch.Ranking.Median.Date, ch.Ranking.Date, e.Value, e.Date)
				}
			}
		}
	}
}

func regionNames(r *metrics.Report) []string {
	var out []string
	for _, rr := range r.RegionRows {
		if !rr.England {
			out = append(out, rr.Name)
		}
	}
	return out
}

func regionOf(councils table, name string) string { return councils[name]["region_name"] }

func unitSuffix(m interface{ Rate() bool }) string {
	if m.Rate() {
		return " (%)"
	}
	return ""
}

// sameNumberAs checks a cell stored as a number against a value.
func sameNumberAs(t *testing.T, what, cell string, want float64) {
	t.Helper()
	got, err := strconv.ParseFloat(cell, 64)
	if err != nil || math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %q, want %v", what, cell, want)
	}
}
