// Package datasets writes the CSV datasets of a report: councils, regions,
// by_grade, transitions, workforce, findings, rejects and duplicates.
package datasets

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/table"
)

// Files are the dataset file names, in the order they are written.
var Files = []string{"councils.csv", "regions.csv", "by_grade.csv", "transitions.csv", "workforce.csv", "findings.csv", "rejects.csv", "duplicates.csv"}

// Tables returns every dataset as a table, keyed by file name.
func Tables(r *metrics.Report, in *intake.Result) (map[string]table.Table, error) {
	files := make([]string, len(in.Files))
	for i, f := range in.Files {
		files[i] = f.Path
	}
	out := map[string]table.Table{
		"findings.csv":   table.NewFindings("findings", in.Findings, r.Ref, files),
		"rejects.csv":    table.NewRejects("rejects", in.Rejects, files),
		"duplicates.csv": table.NewDuplicates(in.Duplicates, files),
	}
	out["councils.csv"] = table.FromColumns("councils", metrics.CouncilColumns, r.Listed)
	out["regions.csv"] = table.FromColumns("regions", metrics.RegionColumns, r.RegionRows)
	out["by_grade.csv"] = table.FromColumns("by_grade", metrics.ByGradeColumns, r.ByGradeRows)
	out["transitions.csv"] = table.FromColumns("transitions", metrics.TransitionColumns, r.TransitionRows)
	out["workforce.csv"] = table.FromColumns("workforce", metrics.WorkforceColumns, r.WorkforceRows)
	return out, nil
}

// Write writes every dataset into dir (a staging folder: the caller
// publishes it whole).
func Write(ctx context.Context, dir string, r *metrics.Report, in *intake.Result) error {
	tables, err := Tables(r, in)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := writeOne(filepath.Join(dir, name), tables[name]); err != nil {
			return err
		}
	}
	return nil
}

func writeOne(path string, t table.Table) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := table.WriteCSV(f, t); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
