package datasets

import (
	"fmt"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/datasets/ees"
	"github.com/oversight/oversight/outputs/table"
)

// The metrics' columns reach the EES files through three things in this
// file and nothing else: metricTable (the rows and the kind of each column),
// Describe (how EES is told about a column) and measureKind, with
// perMeasure. Pointing them at the metrics' column schema is all a change of
// schema asks.

// metricTable is a metric dataset as a table: the snapshot tables read from
// the report's gota frames, the workforce series from its rows (it has no
// frame: see analysis/metrics), each column described by the metrics'
// column schema.
func metricTable(r *metrics.Report, file string) (table.Table, error) {
	if file == "workforce.csv" {
		return table.FromColumns(file, metrics.WorkforceColumns, r.WorkforceRows), nil
	}
	f, err := r.Frames()
	if err != nil {
		return nil, err
	}
	switch file {
	case "councils.csv":
		return table.FromFrame(file, metrics.CouncilColumns, f.Councils)
	case "regions.csv":
		return table.FromFrame(file, metrics.RegionColumns, f.Regions)
	case "by_grade.csv":
		return table.FromFrame(file, metrics.ByGradeColumns, f.ByGrade)
	case "transitions.csv":
		return table.FromFrame(file, metrics.TransitionColumns, f.Transitions)
	}
	return nil, fmt.Errorf("no metric dataset %s", file)
}

// measureKind is the kind of a workforce measure's figures (a rate is a
// percentage, a caseload a number), as the schema says.
func measureKind(m findings.Measure) table.Kind {
	c, _ := metrics.Lookup(metrics.CouncilColumns, m.String())
	return c.Kind
}

// perMeasure are the workforce table's columns, besides value, that belong
// to one measure's figure and so become a column per measure when the table
// is pivoted: the v2 metrics' counts behind a median (today's table has
// neither).
var perMeasure = map[string]bool{"median_councils": true, "area_councils": true}

// Describe is the EES description of one column of a metric dataset
// (councils.csv, regions.csv, by_grade.csv, transitions.csv, workforce.csv):
// its role, label, unit, decimal places, grouping and the symbol a blank
// cell stands for. Everything but a filter's role comes from the column as
// the metric schema declares it (header, kind, decimals, group, blank); the
// columns the EES files add themselves are described by leadColumn and
// pivotColumn. A column without a label is an error naming it, so a new
// metric column is described before it is published, never guessed.
func Describe(file string, col table.Column) (ees.Column, error) {
	c := ees.Column{Name: col.Name, Role: ees.Indicator, Blank: ees.NotAvailable, Label: col.Header}
	if c.Label == "" {
		return c, fmt.Errorf("%s: no EES description for column %q: give it a header in the metric schema (analysis/metrics/columns.go) or, for a column only the EES files have, in outputs/datasets labels", file, col.Name)
	}

	// Filters: the categories a file's rows are broken down by.
	switch name := col.Name; {
	case file == "by_grade.csv" && name == "grade":
		c.Role, c.Hint = ees.Filter, "Filter by the councils' latest overall Ofsted grade"
	case file == "transitions.csv" && name == "from_grade":
		c.Role, c.Hint = ees.Filter, "Filter by the earlier grade of each pair"
	case file == "by_grade.csv" && name == "grouping":
		c.Role, c.Hint = ees.Filter, "Filter by overall grade or leadership grade"
	case file == "changes.csv" && name == "change":
		c.Role, c.Hint = ees.Filter, "Filter by the kind of change"
	case file == "changes.csv" && name == "concerns":
		c.Role, c.Hint = ees.Filter, "Filter by what changed: a grade, an inspection, a visit or a measure"
	case file == "changes.csv" && name == "after_date":
		c.Role, c.Hint = ees.Filter, "Filter by the date of what is new"
	case name == "date", name == "source_type", name == "series", name == "joint", name == statisticColumn:
		c.Role = ees.Filter
		c.Hint = map[string]string{"date": "Filter by the date a figure is for", "source_type": "Filter by the kind of source",
			"series":        "Filter by DfE's official series or figures from other sources",
			statisticColumn: "Filter by council figures or the medians of council figures"}[name]
	case name == asOfColumn:
		c.Role = ees.Filter
	}
	if c.Role == ees.Filter {
		// The item a blank cell stands for.
		c.Blank = map[string]string{"joint": "Not a joint service", "source_type": "Not applicable (a median)"}[col.Name]
		if c.Blank == "" {
			c.Blank = "Not known"
		}
		return c, nil
	}

	c.Grouping = col.Group
	switch col.Kind {
	case table.Integer:
		c.DP = 0
	case table.Number, table.Percent, table.Points:
		c.DP = 1 // as DfE publishes caseloads and rates
		if col.Decimals > 0 {
			c.DP = col.Decimals
		}
		c.Unit = map[table.Kind]string{table.Percent: "%", table.Points: "pp"}[col.Kind]
	default: // a grade, a date, a word
		c.Text = true
	}
	if col.Blank == table.NotApplicable {
		c.Blank = ees.NotApplicable
	}
	return c, nil
}

// Standard columns the EES versions add.
const (
	asOfColumn      = "as_of_date"
	statisticColumn = "statistic"
)

// Items of the statistic filter.
const (
	councilStatistic = "Council figure"
	medianStatistic  = "Median of council figures"
)

// labels are the columns the EES files add to the schema's (the schema's
// own columns take their header from it).
var labels = map[string]string{
	asOfColumn:      "Figures as of",
	"date":          "Date of the figure",
	statisticColumn: "Statistic",
}

// leadColumn is a column the EES files add before a table's own.
func leadColumn(name string) table.Column {
	return table.Column{Name: name, Header: labels[name], Kind: table.Text}
}

// pivotColumn is the column the pivot of the workforce table makes for a
// measure from one of its per-measure columns: value becomes the measure's
// own column ("caseload"), another column c becomes "<measure>_c", both
// grouped under the measure.
func pivotColumn(measure string, col table.Column) (table.Column, error) {
	m, ok := findings.ParseMeasure(measure)
	if !ok || !m.Def().Headline {
		return table.Column{}, fmt.Errorf("workforce.csv: %q is not a workforce measure of the table of measures", measure)
	}
	d := m.Def()
	out := table.Column{Name: measure, Header: d.Header, Kind: measureKind(m), Decimals: col.Decimals, Group: d.Header, Blank: col.Blank}
	if col.Name != "value" {
		out.Name, out.Header, out.Kind = measure+"_"+col.Name, d.Header+": "+strings.ToLower(col.Header), col.Kind
	}
	return out, nil
}
