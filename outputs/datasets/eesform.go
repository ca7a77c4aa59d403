package datasets

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/outputs/datasets/ees"
	"github.com/oversight/oversight/outputs/table"
)

// The metric datasets in EES form. Each metric frame keeps its columns;
// its geography columns become EES's (geographic_level, country, region
// and LA codes), time_period is the reporting year, and every other column
// is a filter or an indicator as Describe says.
//
//   - councils, regions, by_grade and transitions are snapshots as of the
//     report date D: time_period is D's year with time_identifier "Reporting
//     year" (the standard's choice for figures collected on a day), and a
//     single-item filter as_of_date holds D itself, so monthly snapshots
//     stacked together stay distinct. Each figure's own date is a column.
//   - workforce is the time series: one row per place and date, the measures
//     as indicator columns (caseload and rates never share a column), the
//     reporting year of each figure (DfE's workforce census is on 30
//     September, reporting year 2025 for 30 September 2025) and a date filter
//     with the date at its precision, because news and council figures come
//     at other dates than DfE's.
//     A statistic filter tells council figures from the medians of council
//     figures on Regional and National rows, which DfE's own files would
//     hold as ratios of totals.
//   - A research run lists fewer councils and regions, but its aggregates
//     are over every council (metrics v2), so they are the areas they are
//     named after.
//
// Blank indicator cells become GSS symbols: z where there is nothing before
// (a first grade, a first figure), x where the inputs do not have the figure.

// The metric files, in the order they are written.
var metricFiles = []string{"councils.csv", "regions.csv", "by_grade.csv", "transitions.csv", "workforce.csv"}

// Frame columns that are geography, not filters or indicators.
var geographyColumns = map[string]bool{
	"la_name": true, "new_la_code": true, "old_la_code": true, "region_name": true, "geographic_level": true,
}

// metricDatasets converts the report's tables.
func metricDatasets(r *metrics.Report) ([]*ees.Dataset, error) {
	var out []*ees.Dataset
	for _, name := range metricFiles {
		t, err := metricTable(r, name)
		if err != nil {
			return nil, err
		}
		var d *ees.Dataset
		if name == "workforce.csv" {
			d, err = timeSeries(name, t, r)
		} else {
			d, err = snapshot(name, t, r)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, d)
	}
	return out, nil
}

// CouncilsDataset is councils.csv alone (the councils job writes it beside
// the councillor workbooks).
func CouncilsDataset(r *metrics.Report) (*ees.Dataset, error) {
	t, err := metricTable(r, "councils.csv")
	if err != nil {
		return nil, err
	}
	return snapshot("councils.csv", t, r)
}

func stem(file string) string { return file[:len(file)-len(".csv")] }

func year(d dates.Day) string {
	y, _, _ := d.YMD()
	return strconv.Itoa(y)
}

// frameColumns describes a frame's non-geography columns, after the
// standard filters every snapshot starts with.
func frameColumns(file string, t table.Table, lead ...string) ([]ees.Column, []int, error) {
	var cols []ees.Column
	for _, name := range lead {
		c, err := Describe(file, leadColumn(name))
		if err != nil {
			return nil, nil, err
		}
		cols = append(cols, c)
	}
	var src []int // frame column of each described column after the lead
	for j, fc := range t.Columns() {
		if geographyColumns[fc.Name] {
			continue
		}
		c, err := Describe(file, fc)
		if err != nil {
			return nil, nil, err
		}
		cols = append(cols, c)
		src = append(src, j)
	}
	return cols, src, nil
}

// leadColumns are the standard filters a report's snapshot rows start with.
func leadColumns(r *metrics.Report) ([]string, []string) {
	return []string{asOfColumn}, []string{r.AsOf.String()}
}

func snapshot(file string, t table.Table, r *metrics.Report) (*ees.Dataset, error) {
	leadNames, leadValues := leadColumns(r)
	cols, src, err := frameColumns(file, t, leadNames...)
	if err != nil {
		return nil, err
	}
	d := &ees.Dataset{Name: stem(file), Identifier: ees.ReportingYear, Columns: cols}
	geo := geoIndex(t)
	cells := make([]table.Cell, len(t.Columns()))
	var buf []byte
	for i := 0; i < t.Len(); i++ {
		t.Row(i, cells)
		row := ees.Row{Period: year(r.AsOf), Cells: append([]string(nil), leadValues...)}
		row.Place, err = place(cells, geo, r)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		for _, j := range src {
			var s string
			s, buf = cellText(&cells[j], buf)
			row.Cells = append(row.Cells, s)
		}
		d.Rows = append(d.Rows, row)
	}
	return d, nil
}

// cellText is a cell as the EES file holds it. A numeric column that the
// metrics keep as text, because it mixes figures and suppression codes
// ("15.2", "[c]"), is written as that text (ees turns "[c]" into c), never
// as the zero that table.FormatCSV makes of a number it was not given.
func cellText(c *table.Cell, buf []byte) (string, []byte) {
	switch c.Kind {
	case table.Integer, table.Number, table.Percent, table.Points:
		if !c.Blank && c.Text != "" {
			return c.Text, buf
		}
	}
	return table.FormatCSV(c, buf)
}

// geoIndex finds the geography columns of a frame (-1 when absent).
func geoIndex(t table.Table) map[string]int {
	idx := map[string]int{}
	for name := range geographyColumns {
		idx[name] = -1
	}
	idx["time_period"] = -1
	for j, c := range t.Columns() {
		if _, ok := idx[c.Name]; ok {
			idx[c.Name] = j
		}
	}
	return idx
}

// place reads a row's geography. A frame without geography columns is
// about England (or, in a research run, the chosen councils).
func place(cells []table.Cell, geo map[string]int, r *metrics.Report) (ees.Place, error) {
	get := func(name string) string {
		if j := geo[name]; j >= 0 && !cells[j].Blank {
			return cells[j].Text
		}
		return ""
	}
	p := ees.Place{Level: get("geographic_level"), Region: get("region_name"), OldLA: get("old_la_code"), NewLA: get("new_la_code"), LA: get("la_name")}
	if p.Level == "" {
		switch {
		case p.LA != "":
			p.Level = ees.LocalAuthority
		case slices.Contains(reference.Regions, p.Region):
			p.Level = ees.Regional
		case p.Region == "" || p.Region == metrics.EnglandName:
			p.Level, p.Region = ees.National, ""
		default:
			return p, fmt.Errorf("region_name %q is neither an English region nor %q", p.Region, metrics.EnglandName)
		}
	}
	if p.Level == ees.National {
		p.Region = ""
	}
	return p, nil
}

// timeSeries pivots the long workforce table (a row per place, date and
// measure) to a row per place and date with a column per measure: value
// becomes the measure's column, and each other per-measure column c (see
// perMeasure) a column <measure>_c. The remaining columns are filters.
func timeSeries(file string, t table.Table, r *metrics.Report) (*ees.Dataset, error) {
	geo := geoIndex(t)
	mcol := -1
	var keyCols []int // the table's other columns: filters that key a row
	var pcols []int   // per-measure columns, value first
	for j, c := range t.Columns() {
		switch {
		case c.Name == "measure":
			mcol = j
		case c.Name == "value":
			pcols = append([]int{j}, pcols...)
		case perMeasure[c.Name]:
			pcols = append(pcols, j)
		case geographyColumns[c.Name], c.Name == "time_period":
		default:
			keyCols = append(keyCols, j)
		}
	}
	if mcol < 0 || len(pcols) == 0 || t.Columns()[pcols[0]].Name != "value" || geo["time_period"] < 0 {
		return nil, fmt.Errorf("want time_period, measure and value columns, have %v", t.Columns())
	}

	// The measures, in the spec's order, then any others as they come.
	var measures []string
	for _, m := range metrics.WorkforceMeasures {
		measures = append(measures, m.String())
	}
	type entry struct {
		place  ees.Place
		date   dates.Date
		filter []string
		values [][]string // by measure index, then per-measure column
		// sort keys: National, then regions in DfE's order, then councils
		// by name; each by date.
		rank, region int
		extra        string
	}
	rank := map[string]int{ees.National: 0, ees.Regional: 1, ees.LocalAuthority: 2}
	measureIndex := map[string]int{}
	for i, m := range measures {
		measureIndex[m] = i
	}
	var entries []*entry
	rows := map[string]*entry{}
	cells := make([]table.Cell, len(t.Columns()))
	var buf []byte
	var kb strings.Builder
	for i := 0; i < t.Len(); i++ {
		t.Row(i, cells)
		p, err := place(cells, geo, r)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		dc := cells[geo["time_period"]]
		if dc.Kind != table.Date || dc.Blank {
			return nil, fmt.Errorf("row %d: time_period %q is not a date", i+1, dc.Text)
		}
		m := cells[mcol].Text
		mi, ok := measureIndex[m]
		if !ok {
			mi = len(measures)
			measureIndex[m] = mi
			measures = append(measures, m)
		}
		var filter []string
		for _, j := range keyCols {
			var s string
			s, buf = cellText(&cells[j], buf)
			filter = append(filter, s)
		}
		kb.Reset()
		for _, part := range append([]string{p.Level, p.Region, p.OldLA, p.NewLA, p.LA, dc.Date.String()}, filter...) {
			kb.WriteString(part)
			kb.WriteByte(0)
		}
		e := rows[kb.String()]
		if e == nil {
			e = &entry{place: p, date: dc.Date, filter: filter, rank: rank[p.Level], region: slices.Index(reference.Regions, p.Region),
				extra: strings.Join(filter, "\x00")}
			rows[kb.String()] = e
			entries = append(entries, e)
		}
		for len(e.values) <= mi {
			e.values = append(e.values, nil)
		}
		if e.values[mi] != nil {
			return nil, fmt.Errorf("row %d: two %s values for %s %s on %s", i+1, m, p.Level, p.LA+p.Region, dc.Date)
		}
		for _, j := range pcols {
			v, _ := cellText(&cells[j], nil)
			e.values[mi] = append(e.values[mi], v)
		}
	}
	slices.SortStableFunc(entries, func(a, b *entry) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.region, b.region), strings.Compare(a.place.LA, b.place.LA),
			cmp.Compare(a.date.Day, b.date.Day), cmp.Compare(a.date.Prec, b.date.Prec),
			strings.Compare(a.place.NewLA, b.place.NewLA), strings.Compare(a.extra, b.extra))
	})

	leadNames := []string{"date", statisticColumn}
	var cols []ees.Column
	for _, name := range leadNames {
		c, err := Describe(file, leadColumn(name))
		if err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	for _, j := range keyCols {
		c, err := Describe(file, t.Columns()[j])
		if err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	for _, m := range measures {
		for _, j := range pcols {
			pc, err := pivotColumn(m, t.Columns()[j])
			if err != nil {
				return nil, err
			}
			c, err := Describe(file, pc)
			if err != nil {
				return nil, err
			}
			cols = append(cols, c)
		}
	}

	d := &ees.Dataset{Name: stem(file), Identifier: ees.ReportingYear, Columns: cols}
	for _, e := range entries {
		// DfE's own regional and national rows are ratios of totals; ours
		// are medians of council figures, and say so.
		stat := medianStatistic
		if e.place.Level == ees.LocalAuthority {
			stat = councilStatistic
		}
		row := ees.Row{Period: year(e.date.Day), Place: e.place, Cells: []string{e.date.String(), stat}}
		row.Cells = append(row.Cells, e.filter...)
		for mi := range measures {
			for k := range pcols {
				v := ""
				if mi < len(e.values) && e.values[mi] != nil {
					v = e.values[mi][k]
				}
				row.Cells = append(row.Cells, v)
			}
		}
		d.Rows = append(d.Rows, row)
	}
	return d, nil
}
