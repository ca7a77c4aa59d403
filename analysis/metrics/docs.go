package metrics

import (
	"fmt"
	"strings"
)

// Markdown is the reference of every metric table, generated from the
// schema (docs/metrics.md is this text, checked by a test), so the
// documentation can never disagree with the code.
func Markdown() string {
	var b strings.Builder
	b.WriteString("# Metrics reference\n\n")
	b.WriteString("Generated from the column schema in `analysis/metrics/columns.go` (`go test ./analysis/metrics -update` rewrites it); the definitions are spec/metrics.md v2's, in plain English. The same text is on the workbooks' Notes and About sheets.\n\n")
	b.WriteString("## Rules, and why\n\n")
	for i, n := range Notes {
		fmt.Fprintf(&b, "%d. %s *Why:* %s\n", i+1, n.Rule, n.Why)
	}
	section(&b, "councils.csv (Councils sheet)", "One row per council existing on the report date.", CouncilColumns)
	section(&b, "regions.csv (Regions sheet)", "One row per English region, then England.", RegionColumns)
	section(&b, "by_grade.csv", "Workforce figures of councils grouped by overall grade, then by leadership grade.", ByGradeColumns)
	section(&b, "transitions.csv (Transitions sheet)", "Consecutive pairs of overall grades.", TransitionColumns)
	section(&b, "workforce.csv", "The workforce time series, long form.", WorkforceColumns)
	section(&b, "changes.csv (Changes sheet)", "What is different from the previous report its readers received (a scheduled job's previous month, or --compare-with), or, without one, from the same inputs a month earlier.", ChangeColumns)
	return b.String()
}

func section[R any](b *strings.Builder, title, what string, cols []Column[R]) {
	fmt.Fprintf(b, "\n## %s\n\n%s\n\n| column | header | kind | definition |\n|---|---|---|---|\n", title, what)
	for _, c := range cols {
		fmt.Fprintf(b, "| `%s` | %s | %s | %s |\n", c.Name, c.Header, c.Kind, strings.ReplaceAll(c.Definition, "|", "\\|"))
	}
}

// String names a kind.
func (k Kind) String() string {
	switch k {
	case Integer:
		return "whole number"
	case Number:
		return "number"
	case Percent:
		return "per cent"
	case Points:
		return "percentage points"
	case Date:
		return "date"
	case Grade:
		return "grade"
	}
	return "text"
}
