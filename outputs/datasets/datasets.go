// Package datasets writes the CSV datasets of a report. The five metric
// datasets (councils, regions, by_grade, transitions, workforce) are written
// in the layout of DfE's open data standards for Explore Education
// Statistics, each with its EES metadata file, and screened with DfE's data
// screener rules before they are written (see eesform.go and Describe).
// findings.csv, rejects.csv and duplicates.csv are record-level files (each
// input row with its file and line), not statistics: EES takes such files as
// ancillary files, without metadata, and they keep their own layout.
package datasets

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/outputs/datasets/ees"
	"github.com/oversight/oversight/outputs/datasets/ees/screener"
	"github.com/oversight/oversight/outputs/table"
)

// Files are the dataset file names, in the order they are written: each
// metric dataset and its metadata file, then the ancillary files.
var Files = func() []string {
	var out []string
	for _, f := range metricFiles {
		out = append(out, f, stem(f)+".meta.csv")
	}
	return append(out, Ancillary...)
}()

// ChangesFiles are what changed since the previous report (spec v3), in
// the same open-data form, written when the report has a previous one.
var ChangesFiles = []string{"changes.csv", "changes.meta.csv"}

// ChangesDataset is changes.csv: one row per change, as a snapshot as of
// the report date.
func ChangesDataset(r *metrics.Report) (*ees.Dataset, error) {
	return snapshot("changes.csv", table.FromColumns("changes.csv", metrics.ChangeColumns, r.Changes), r)
}

// Ancillary are the record-level files.
var Ancillary = []string{"findings.csv", "rejects.csv", "duplicates.csv"}

// ancillaryTables returns the record-level files as tables.
func ancillaryTables(r *metrics.Report, in *intake.Result) map[string]table.Table {
	files := make([]string, len(in.Files))
	for i, f := range in.Files {
		files[i] = f.Path
	}
	return map[string]table.Table{
		"findings.csv":   table.NewFindings("findings", in.Findings, r, files),
		"rejects.csv":    table.NewRejects("rejects", in.Rejects, files),
		"duplicates.csv": table.NewDuplicates(in.Duplicates, files),
	}
}

// Screen is the check every EES dataset passes before it is written: DfE's
// data screener rules (package screener); a failed rule is an error naming
// the file and the rule, and the file is not written.
func Screen(ref *reference.List) ees.Screen {
	return func(dataName string, data []byte, metaName string, meta []byte) error {
		return screener.Screen(dataName, data, metaName, meta, screener.Options{Councils: ref}).Err()
	}
}

// WriteCouncils writes councils.csv and councils.meta.csv alone, as a
// report writes them (the councils job's copy), into a staging folder.
func WriteCouncils(dir string, r *metrics.Report) error {
	d, err := CouncilsDataset(r)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return writeDataset(dir, d, r.Ref)
}

// writeDataset screens a dataset and writes its two files into dir, a
// staging folder that the caller publishes whole (so, as the run's other
// files, without a rename or fsync of their own).
func writeDataset(dir string, d *ees.Dataset, ref *reference.List) error {
	data, meta, err := ees.Screened(d, Screen(ref))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, d.DataFile()), data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", d.DataFile(), err)
	}
	if err := os.WriteFile(filepath.Join(dir, d.MetaFile()), meta, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", d.MetaFile(), err)
	}
	return nil
}

// Write writes every dataset into dir (a staging folder: the caller
// publishes it whole).
func Write(ctx context.Context, dir string, r *metrics.Report, in *intake.Result) error {
	return WriteSized(ctx, dir, r, in, table.CSVSizes{})
}

// WriteSized is Write with the CSV writer's sizes given (see
// table.CSVSizes).
func WriteSized(ctx context.Context, dir string, r *metrics.Report, in *intake.Result, sizes table.CSVSizes) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// The metric datasets (the workforce series pivoted and screened, on
	// one core) and the record-level files (findings.csv rendered on every
	// core) are independent: write them at once, so neither waits for the
	// other when the workbook beside them is done.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var ancErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		tables := ancillaryTables(r, in)
		for _, name := range Ancillary {
			if ancErr = ctx.Err(); ancErr != nil {
				return
			}
			if ancErr = writeOne(ctx, filepath.Join(dir, name), tables[name], sizes); ancErr != nil {
				cancel()
				return
			}
		}
	}()
	err := writeMetric(ctx, dir, r)
	if err != nil {
		cancel()
	}
	wg.Wait()
	// The error that stopped the other half, rather than its cancellation.
	for _, e := range []error{err, ancErr} {
		if e != nil && !errors.Is(e, context.Canceled) {
			return e
		}
	}
	if err != nil {
		return err
	}
	return ancErr
}

// writeMetric screens and writes the metric datasets (and changes.csv when
// the report has a previous one).
func writeMetric(ctx context.Context, dir string, r *metrics.Report) error {
	sets, err := metricDatasets(r)
	if err != nil {
		return err
	}
	if r.Since != nil {
		d, err := ChangesDataset(r)
		if err != nil {
			return fmt.Errorf("changes.csv: %w", err)
		}
		sets = append(sets, d)
	}
	for _, d := range sets {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := writeDataset(dir, d, r.Ref); err != nil {
			return err
		}
	}
	return nil
}

func writeOne(ctx context.Context, path string, t table.Table, sizes table.CSVSizes) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := table.WriteCSVSized(ctx, f, t, sizes); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
