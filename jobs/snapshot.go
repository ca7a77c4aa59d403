package jobs

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/manifest"
)

// ReadSnapshot reads back what a previous report's readers received from
// its folder: its as-of day (manifest.json), councils.csv and regions.csv
// (the values each council and England had) and findings.csv (the
// inspections and visits it had). The files are read by their headers, so
// a folder from an earlier version compares too: what it lacks is simply
// not compared.
func ReadSnapshot(dir string) (*metrics.Snapshot, error) {
	asOf, err := snapshotAsOf(dir)
	if err != nil {
		return nil, err
	}
	s := &metrics.Snapshot{AsOf: asOf, From: dir, Councils: map[string]map[string]string{},
		Inspections: map[string][]dates.Date{}, Visits: map[string]map[string]bool{}, England: map[string]string{}}
	datasets := filepath.Join(dir, "datasets")
	if err := readValues(s, datasets); err != nil {
		return nil, fmt.Errorf("compare with %s: %w", dir, err)
	}
	// A councils job's folder has no findings.csv: its inspections are
	// known to the latest date each council's row gives.
	if _, err := os.Stat(filepath.Join(datasets, "findings.csv")); errors.Is(err, os.ErrNotExist) {
		s.Inspections = nil
		return s, nil
	}
	if err := readInspections(s, filepath.Join(datasets, "findings.csv")); err != nil {
		return nil, fmt.Errorf("compare with %s: %w", dir, err)
	}
	return s, nil
}

// snapshotAsOf is the as-of day a report folder's manifest gives.
func snapshotAsOf(dir string) (dates.Day, error) {
	b, err := os.ReadFile(filepath.Join(dir, manifest.Name))
	if err != nil {
		return 0, fmt.Errorf("compare with %s: not a report folder of oversight (%w)", dir, err)
	}
	var m struct {
		Tool string `json:"tool"`
		Kind string `json:"kind"`
		AsOf string `json:"as_of"`
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Tool != "oversight" {
		return 0, fmt.Errorf("compare with %s: its %s is not an oversight manifest", dir, manifest.Name)
	}
	asOf, err := dates.Parse(m.AsOf)
	if err != nil {
		return 0, fmt.Errorf("compare with %s: as_of %q in its manifest: %w", dir, m.AsOf, err)
	}
	return asOf.Day, nil
}

// readValues reads the values each council had (councils.csv) and
// England's (regions.csv, which an older folder may lack).
func readValues(s *metrics.Snapshot, datasets string) error {
	// A workforce measure's own column keeps its code ("x" is the
	// published code [x] there); anywhere else x and z are the open-data
	// files' marks for a blank cell.
	keepCode := map[string]bool{}
	for _, mm := range metrics.WorkforceMeasures {
		keepCode[mm.String()] = true
	}
	blank := func(col, v string) string {
		if (v == "x" || v == "z") && !keepCode[col] {
			return ""
		}
		return v
	}
	whole := func(file string, each func(get func(string) string, vals map[string]string)) error {
		path := filepath.Join(datasets, file)
		cols, err := columns(path)
		if err != nil {
			return err
		}
		return eachRow(path, func(get func(string) string) {
			vals := make(map[string]string, len(cols))
			for _, c := range cols {
				vals[c] = blank(c, get(c))
			}
			each(get, vals)
		})
	}
	err := whole("councils.csv", func(get func(string) string, vals map[string]string) { s.Councils[get("la_name")] = vals })
	if err != nil {
		return err
	}
	err = whole("regions.csv", func(get func(string) string, vals map[string]string) {
		if get("geographic_level") == "National" || get("region_name") == metrics.EnglandName {
			s.England = vals
		}
	})
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// readInspections reads the inspections and visits each council had from
// the folder's findings.csv.
func readInspections(s *metrics.Snapshot, path string) error {
	return eachRow(path, func(get func(string) string) {
		measure := get("measure")
		if measure != findings.Grade.String() && measure != findings.Visit.String() {
			return
		}
		d, err := dates.Parse(get("date"))
		if err != nil {
			return
		}
		name := get("la_name")
		switch measure {
		case findings.Grade.String():
			s.Inspections[name] = append(s.Inspections[name], d)
		case findings.Visit.String():
			if s.Visits[name] == nil {
				s.Visits[name] = map[string]bool{}
			}
			s.Visits[name][metrics.VisitKey(get("value"), d)] = true
		}
	})
}

// eachRow calls fn with each row of a CSV file; get reads a column of the
// row by its header's name ("" when the file has no such column). Rows are
// not copied into maps: a previous month's findings.csv may hold a million.
func eachRow(path string, fn func(get func(string) string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	at := make(map[string]int, len(header))
	for i, h := range header {
		at[h] = i
	}
	var rec []string
	get := func(col string) string {
		if i, ok := at[col]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	for {
		rec, err = r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fn(get)
	}
}

// columns are a file's header names, read by eachRow's get.
func columns(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return csv.NewReader(f).Read()
}
