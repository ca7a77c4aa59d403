package main

import (
	"io"
	"os"
	"path/filepath"

	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/reference"
)

// RecordFiles are the fixtures record.csv is made from, in fixtures/real.
var RecordFiles = []string{"ofsted_judgements_2009_2025.csv", "ofsted_reports_after_2025-05-14.csv"}

// runRecord writes record.csv from the judgements in dir.
func runRecord(dir, out string) error {
	files := map[string]io.Reader{}
	for _, n := range RecordFiles {
		f, err := os.Open(filepath.Join(dir, n))
		if err != nil {
			return err
		}
		defer f.Close()
		files[n] = f
	}
	b, err := inspections.BuildRecord(reference.Default(), files)
	if err != nil {
		return err
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}
