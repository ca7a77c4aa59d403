package extract

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/outputs/publish"
	"github.com/oversight/oversight/outputs/table"
)

// Output files in the folder Write publishes.
const (
	FindingsFile  = "findings.csv"
	DocumentsFile = "documents.csv"
	ReviewFile    = "review.csv"
)

// FindingsColumns are findings.csv's columns: the contract's (v2), in its
// order.
var FindingsColumns = findings.ColumnNames[:]

// ReviewColumns are review.csv's: the contract's, then why the row needs a
// person and the file it came from. Copy a row into a findings file to
// accept it (the two extra columns are ignored there with a notice).
var ReviewColumns = append(append([]string{}, FindingsColumns...), "reason", "file")

// DocumentsColumns are documents.csv's.
var DocumentsColumns = []string{"sha256", "file", "kind", "council", "gss_code", "framework", "inspection_start",
	"inspection_end", "published", "published_rule", "lead_inspector", "judgements", "recommendations", "pages",
	"pages_read", "findings", "review", "status", "reason", "extractor", "new"}

// Write publishes the result as the folder dir, replacing it whole in one
// step (outputs/publish): findings.csv, documents.csv, review.csv and the
// registry of documents read (registry.jsonl), which the next run over the
// same files uses through Options.Registry.
func Write(dir string, res *Result) error {
	st, err := publish.Begin(dir)
	if err != nil {
		return err
	}
	defer st.Abort()
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{FindingsFile, func(w io.Writer) error { return writeRows(w, FindingsColumns, res.Findings) }},
		{ReviewFile, func(w io.Writer) error { return writeRows(w, ReviewColumns, res.Review) }},
		{DocumentsFile, func(w io.Writer) error { return writeDocuments(w, res.Documents) }},
		{RegistryFile, func(w io.Writer) error { return writeRegistry(w, res.registry) }},
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(st.Dir, f.name), f.write); err != nil {
			return err
		}
	}
	return st.Commit()
}

// SaveRegistry writes the registry alone, atomically, for a caller that
// keeps it outside the output folder (a job root).
func SaveRegistry(path string, res *Result) error {
	return publish.File(path, func(w io.Writer) error { return writeRegistry(w, res.registry) })
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// RowValues is a row's cells in FindingsColumns order, text made inert for
// spreadsheets.
func RowValues(r Row) []string {
	vals := cells(r)
	for i, v := range vals {
		vals[i] = table.Inert(v)
	}
	return vals
}

// cells is a row's cells in FindingsColumns order, as written.
func cells(r Row) []string {
	conf := ""
	if r.Confidence > 0 {
		conf = strconv.FormatFloat(r.Confidence, 'f', 2, 64)
	}
	page := ""
	if r.Page > 0 {
		page = strconv.Itoa(r.Page)
	}
	return []string{r.Council, r.Date, r.Measure, r.Value, r.Area, r.Scope, r.Qualifier, r.Polarity,
		r.Source, r.SourceType, r.Note, r.Document, page, r.Quote, r.Extractor, conf}
}

func writeRows(w io.Writer, cols []string, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(cols); err != nil {
		return err
	}
	for _, r := range rows {
		vals := RowValues(r)
		if len(cols) > len(FindingsColumns) {
			vals = append(vals, table.Inert(r.Reason), table.Inert(r.File))
		}
		if err := cw.Write(vals); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeDocuments(w io.Writer, docs []Document) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(DocumentsColumns); err != nil {
		return err
	}
	for _, d := range docs {
		rec, pages, pagesRead := "", "", ""
		if d.Recommendations != nil {
			rec = strconv.Itoa(*d.Recommendations)
		}
		if d.Pages > 0 {
			pages = strconv.Itoa(d.Pages)
		}
		if d.PagesRead > 0 {
			pagesRead = strconv.Itoa(d.PagesRead)
		}
		newDoc := "no"
		if d.New {
			newDoc = "yes"
		}
		vals := []string{d.SHA256, d.File, d.Kind, d.Council, d.GSSCode, d.Framework, d.InspectionStart,
			d.InspectionEnd, d.Published, d.PublishedRule, d.LeadInspector, d.Judgements, rec, pages, pagesRead,
			strconv.Itoa(d.Findings), strconv.Itoa(d.Review), d.Status, d.Reason, d.Extractor, newDoc}
		for i, v := range vals {
			vals[i] = table.Inert(v)
		}
		if err := cw.Write(vals); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
