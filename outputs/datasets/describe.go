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

// metricTable is a metric dataset as a table, read through the metrics'
// column schema.
func metricTable(r *metrics.Report, file string) (table.Table, error) {
	switch file {
	case "councils.csv":
		return table.FromColumns(file, metrics.CouncilColumns, r.Listed), nil
	case "regions.csv":
		return table.FromColumns(file, metrics.RegionColumns, r.RegionRows), nil
	case "by_grade.csv":
		return table.FromColumns(file, metrics.ByGradeColumns, r.ByGradeRows), nil
	case "transitions.csv":
		return table.FromColumns(file, metrics.TransitionColumns, r.TransitionRows), nil
	case "workforce.csv":
		return table.FromColumns(file, metrics.WorkforceColumns, r.WorkforceRows), nil
	}
	return nil, fmt.Errorf("no metric dataset %s", file)
}

// schemaColumn is a column's entry in the schema of a file: its header and
// decimal places.
func schemaColumn(file, col string) (header string, dp int, ok bool) {
	switch file {
	case "councils.csv":
		return lookup(metrics.CouncilColumns, col)
	case "regions.csv":
		return lookup(metrics.RegionColumns, col)
	case "by_grade.csv":
		return lookup(metrics.ByGradeColumns, col)
	case "transitions.csv":
		return lookup(metrics.TransitionColumns, col)
	case "workforce.csv":
		return lookup(metrics.WorkforceColumns, col)
	}
	return "", 0, false
}

func lookup[R any](cols []metrics.Column[R], name string) (header string, dp int, ok bool) {
	c, ok := metrics.Lookup(cols, name)
	return c.Header, c.DP, ok
}

// measureKind is the kind of a workforce measure's figures (a rate is a
// percentage, a caseload a number), as the schema says.
func measureKind(m string) table.Kind {
	c, _ := metrics.Lookup(metrics.CouncilColumns, m)
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
// cell stands for. It is the only place the EES files learn about the metric
// columns. Today it reads the column's name and its kind (table.MetricKinds);
// when the metrics carry one schema (name, header with unit, kind,
// definition), its body becomes a lookup there, and nothing else changes.
//
// A column it cannot describe is an error naming the column, so a new
// metric column is described before it is published, never guessed.
func Describe(file, col string, kind table.Kind) (ees.Column, error) {
	c := ees.Column{Name: col, Role: ees.Indicator, Blank: ees.NotAvailable}
	header, dp, inSchema := schemaColumn(file, col)
	if inSchema {
		c.Label = header
	} else {
		label, err := label(col)
		if err != nil {
			return c, fmt.Errorf("%s: %w", file, err)
		}
		c.Label = label
	}

	// Filters: the categories a file's rows are broken down by.
	switch {
	case file == "by_grade.csv" && col == "grade":
		c.Role, c.Hint = ees.Filter, "Filter by the councils' latest overall Ofsted grade"
	case file == "transitions.csv" && col == "from_grade":
		c.Role, c.Hint = ees.Filter, "Filter by the earlier grade of each pair"
	case file == "by_grade.csv" && col == "grouping":
		c.Role, c.Hint = ees.Filter, "Filter by overall grade or leadership grade"
	case col == "date", col == "source_type", col == "series", col == "joint", col == statisticColumn:
		c.Role = ees.Filter
		c.Hint = map[string]string{"date": "Filter by the date a figure is for", "source_type": "Filter by the kind of source",
			"series":        "Filter by DfE's official series or figures from other sources",
			statisticColumn: "Filter by council figures or the medians of council figures"}[col]
	case col == asOfColumn:
		c.Role = ees.Filter
	}
	if c.Role == ees.Filter {
		// The item a blank cell stands for.
		c.Blank = map[string]string{"joint": "Not a joint service", "source_type": "Not applicable (a median)"}[col]
		if c.Blank == "" {
			c.Blank = "Not known"
		}
		return c, nil
	}

	c.Grouping = grouping(file, col)
	switch kind {
	case table.Integer:
		c.DP = 0
	case table.Number, table.Percent, table.Points:
		c.DP = 1 // as DfE publishes caseloads and rates
		if inSchema {
			c.DP = dp
		}
		c.Unit = map[table.Kind]string{table.Percent: "%", table.Points: "pp"}[kind]
	default: // a grade, a date, a word
		c.Text = true
	}
	// A blank that means "there is nothing before this", or "not a joint
	// service", "not small", rather than "the inputs do not have it".
	if metrics.BlankNotApplicable(col) {
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

// label is the label of a column the schema does not have: one the EES
// files add, or a workforce measure's column made by the pivot
// ("caseload", "caseload_median_councils").
func label(col string) (string, error) {
	if l, ok := labels[col]; ok {
		return l, nil
	}
	for _, m := range metrics.WorkforceMeasures {
		if col == m.String() {
			return metrics.MeasureHeader(m), nil
		}
		if rest, ok := strings.CutPrefix(col, m.String()+"_"); ok {
			if c, ok := metrics.Lookup(metrics.WorkforceColumns, rest); ok {
				return metrics.MeasureHeader(m) + ": " + strings.ToLower(c.Header), nil
			}
		}
	}
	return "", fmt.Errorf("no EES description for column %q: add it to the metric schema (analysis/metrics/columns.go) or, for a column only the EES files have, to outputs/datasets labels", col)
}

// grouping is the heading EES shows over related indicators.
func grouping(file, col string) string {
	for _, m := range metrics.WorkforceMeasures {
		if col == m.String() || strings.HasPrefix(col, m.String()+"_") {
			return metrics.MeasureHeader(m)
		}
	}
	switch {
	case strings.HasPrefix(col, "published_"):
		return "Figures published by DfE"
	case strings.HasPrefix(col, "to_"), col == "total":
		return "Transitions"
	case strings.HasPrefix(col, "leadership_") && file == "regions.csv":
		return "Councils by leadership grade"
	case col == "councils", col == "councils_inspected", col == "councils_graded", col == "councils_no_overall_grade",
		col == "good_or_better_pct", col == "improved", col == "declined", isGradeKey(col):
		return "Councils by latest overall grade"
	case col == "strengths", col == "weaknesses", col == "findings":
		return "Findings"
	}
	if file == "councils.csv" {
		return "Ofsted judgements"
	}
	return ""
}

func isGradeKey(col string) bool {
	for _, g := range findings.Grades {
		if col == g.Key() {
			return true
		}
	}
	return false
}
