package jobs

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/outputs/charts"
)

// Report chart file names.
const (
	ChartGrades   = "councils_by_grade_by_region.png"
	ChartCaseload = "caseload_by_council.png"
	ChartVacancy  = "vacancy_rate_by_council.png"
)

// sourceLine names where the findings came from, for chart footnotes.
func sourceLine(in *intake.Result, version string) string {
	counts := map[findings.SourceType]int{}
	for i := range in.Findings {
		counts[in.Findings[i].SourceType]++
	}
	names := map[findings.SourceType]string{findings.SourceOfsted: "Ofsted", findings.SourceStatistics: "official statistics",
		findings.SourceNews: "news reports", findings.SourceCouncil: "council papers", findings.SourceNone: "other sources"}
	var kinds []string
	for _, st := range []findings.SourceType{findings.SourceOfsted, findings.SourceStatistics, findings.SourceNews, findings.SourceCouncil, findings.SourceNone} {
		if counts[st] > 0 {
			kinds = append(kinds, names[st])
		}
	}
	return fmt.Sprintf("%s findings from %s. Made with oversight %s.", thousands(len(in.Findings)), strings.Join(kinds, ", "), version)
}

// thousands writes 1234567 as 1,234,567.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// gradeChart draws councils by latest grade per region, writes it into dir
// and returns it for the workbook's Summary sheet.
func gradeChart(dir string, r *metrics.Report, meta charts.Meta) ([]byte, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var rows []charts.RegionGrades
	perRegion := map[string]*charts.RegionGrades{}
	present := map[string]bool{}
	for _, c := range r.Listed {
		present[c.Ref.Region] = true
	}
	for _, reg := range reference.Regions {
		if present[reg] {
			rows = append(rows, charts.RegionGrades{Region: reg})
		}
	}
	for i := range rows {
		perRegion[rows[i].Region] = &rows[i]
	}
	for _, c := range r.Listed {
		perRegion[c.Ref.Region].Counts[c.Grade.Grade]++
	}
	var grades bytes.Buffer
	if err := charts.GradesByRegion(&grades, rows, meta); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, ChartGrades), grades.Bytes(), 0o644); err != nil {
		return nil, err
	}
	return grades.Bytes(), nil
}

// rankedCharts draws the councils ranked by caseload and by vacancy rate
// into dir; with nothing to rank, a chart that says so.
func rankedCharts(ctx context.Context, dir string, r *metrics.Report, meta charts.Meta) error {
	for _, spec := range []struct {
		file, title, label string
		m                  findings.Measure
	}{
		{ChartCaseload, "Caseload by council: children per social worker (latest figure for the whole service)", "Children per social worker", findings.Caseload},
		{ChartVacancy, "Social worker vacancy rate by council, % (latest figure for the whole service)", "Vacancy rate (%)", findings.VacancyRate},
	} {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Ranked at England's reference period: no council's older figure
		// stands beside the others'.
		med := r.EnglandMedian(spec.m)
		var vals []charts.CouncilValue
		for _, c := range r.Listed {
			if p, ok := c.Workforce[spec.m].At(med.Date.Day); med.OK && ok && p.Numeric() {
				vals = append(vals, charts.CouncilValue{Name: c.Ref.Name, Grade: c.Grade.Grade, Value: p.Value})
			}
		}
		var buf bytes.Buffer
		if len(vals) == 0 {
			msg := fmt.Sprintf("No council has a whole-service %s figure (scope council, exact or average) dated on or before %s. Team figures, such as caseloads in one assessment team, are listed in the Findings sheet but are not ranked here.",
				strings.ReplaceAll(spec.m.String(), "_", " "), r.AsOf)
			if err := charts.NoData(&buf, spec.title, msg, meta); err != nil {
				return fmt.Errorf("%s: %w", spec.file, err)
			}
		} else if err := charts.Ranked(&buf, spec.title, spec.label, vals, med.Value, "England median", meta); err != nil {
			return fmt.Errorf("%s: %w", spec.file, err)
		}
		if err := os.WriteFile(filepath.Join(dir, spec.file), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
