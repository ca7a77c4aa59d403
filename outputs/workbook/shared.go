package workbook

import (
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/table"
)

// The workbooks' tables and sentences that the web pages (outputs/pages)
// show too, so a page and a workbook say the same thing in the same words:
// thin wrappers, so a change here changes both.

// HeadlinesTable is the report's Headlines sheet: England's figures, each
// with its date and age.
func HeadlinesTable(r *metrics.Report) table.Table { return headlinesTable(r) }

// JudgementsTable is a councillor workbook's Judgements sheet.
func JudgementsTable(c *metrics.Council) table.Table { return judgementsTable(c) }

// InspectionsTable is a councillor workbook's Inspections sheet: every
// inspection and visit, newest first.
func InspectionsTable(c *metrics.Council) table.Table { return inspectionsTable(c) }

// Filled is a metric table whose blank cells say why they are blank ([x]
// or [z]), as every published table of a workbook is.
func Filled(t table.Table) table.Table { return fill(t) }

// CompareText is the Figures sheet's "How {council} compares" sentence for
// one measure.
func CompareText(fig metrics.Figure, w *metrics.Workforce, region string) string {
	return compareText(fig, w, region)
}

// RankText is a rank as the Figures sheet writes it ("12th lowest of 147
// (a lower caseload is the better)"), "" when the council is not ranked.
func RankText(r metrics.Rank, m findings.Measure) string { return rankText(r, m) }

// RegionPhrase is a region as it reads in a sentence ("the South East").
func RegionPhrase(region string) string { return regionPhrase(region) }
