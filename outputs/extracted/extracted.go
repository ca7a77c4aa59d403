// Package extracted writes an extraction's output folder: findings.csv,
// review.csv and documents.csv from an analysis/extract Result, the
// registry of documents read, and a manifest.json that marks the folder as
// this program's output (so a later extract into it is recognised, and a
// folder of someone's files is not). The folder is replaced whole in one
// step (outputs/publish); text is made inert for spreadsheets.
package extracted

import (
	"encoding/csv"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/oversight/oversight/analysis/extract"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/outputs/manifest"
	"github.com/oversight/oversight/outputs/publish"
	"github.com/oversight/oversight/outputs/table"
)

// Files in the folder Write publishes.
const (
	FindingsFile  = "findings.csv"
	DocumentsFile = "documents.csv"
	ReviewFile    = "review.csv"
	// RegistryFile is the registry of documents read: the next run over
	// the same files reads it (extract.Options.Registry) and reads none of
	// them again.
	RegistryFile = "registry.jsonl"
)

// Kind is the manifest's kind for an extraction's folder.
const Kind = "extract"

// FindingsColumns are findings.csv's columns: the contract's (v2), in its
// order, which is extract.Row.Values's.
var FindingsColumns = findings.ColumnNames[:]

// ReviewColumns are review.csv's: the contract's, then why the row needs a
// person and the file it came from. Copy a row into a findings file to
// accept it (the two extra columns are ignored there with a notice).
var ReviewColumns = append(append([]string{}, FindingsColumns...), "reason", "file")

// DocumentsColumns are documents.csv's.
var DocumentsColumns = []string{"sha256", "file", "kind", "council", "gss_code", "framework", "inspection_start",
	"inspection_end", "published", "published_rule", "lead_inspector", "judgements", "recommendations", "pages",
	"pages_read", "findings", "review", "status", "reason", "extractor", "new"}

// Options are what the manifest records beside the result.
type Options struct {
	Version string    // the program's version
	Started time.Time // when the run began; zero: when Write began
	// NoRegistry leaves the registry out of the folder, for a caller that
	// keeps it elsewhere and saves it itself (SaveRegistry): a scheduled
	// job keeps one in its root rather than a copy in every month.
	NoRegistry bool
}

// Write publishes the result as the folder dir, replacing it whole in one
// step: findings.csv, review.csv, documents.csv, the registry
// (RegistryFile, unless opt.NoRegistry) and manifest.json (kind "extract", the documents with
// their SHA-256, every file written with its checksum and size). Whether
// dir may be replaced is the caller's to check first (publish.CheckOut).
func Write(dir string, res *extract.Result, opt Options) error {
	if opt.Started.IsZero() {
		opt.Started = time.Now()
	}
	st, err := publish.Begin(dir)
	if err != nil {
		return err
	}
	defer st.Abort()
	type file struct {
		name  string
		write func(io.Writer) error
	}
	files := []file{
		{FindingsFile, func(w io.Writer) error { return writeRows(w, FindingsColumns, res.Findings) }},
		{ReviewFile, func(w io.Writer) error { return writeRows(w, ReviewColumns, res.Review) }},
		{DocumentsFile, func(w io.Writer) error { return writeDocuments(w, res.Documents) }},
	}
	if !opt.NoRegistry {
		files = append(files, file{RegistryFile, func(w io.Writer) error { return extract.WriteRegistry(w, res) }})
	}
	for _, f := range files {
		if err := publish.WriteFile(filepath.Join(st.Dir, f.name), f.write); err != nil {
			return err
		}
	}
	m := newManifest(res, opt)
	if err := m.AddOutputs(st.Dir); err != nil {
		return err
	}
	m.Finished = time.Now().UTC()
	if err := publish.WriteFile(filepath.Join(st.Dir, manifest.Name), m.Write); err != nil {
		return err
	}
	return st.Commit()
}

func newManifest(res *extract.Result, opt Options) *manifest.Extraction {
	m := &manifest.Extraction{Tool: publish.ManifestTool, Version: opt.Version, Kind: Kind, Extractor: extract.Version,
		Started: opt.Started.UTC(), Inputs: ManifestDocuments(res.Documents)}
	for _, d := range res.Documents {
		if d.Status == extract.StatusRejected {
			m.Totals.Rejected++
		}
	}
	m.Totals.Documents, m.Totals.New, m.Totals.Duplicates = len(res.Documents), res.New, res.Duplicates
	m.Totals.Findings, m.Totals.Review = len(res.Findings), len(res.Review)
	return m
}

// ManifestDocuments are the documents as a manifest lists them (an
// extraction's inputs; a report's documents), never nil.
func ManifestDocuments(docs []extract.Document) []manifest.Document {
	out := make([]manifest.Document, 0, len(docs))
	for _, d := range docs {
		out = append(out, manifest.Document{Path: d.File, Kind: d.Kind, Council: d.Council, Status: d.Status,
			SHA256: d.SHA256, Bytes: d.Bytes, New: d.New})
	}
	return out
}

// SaveRegistry writes the registry alone, atomically, for a caller that
// keeps it outside the output folder (--registry FILE, a job's root).
func SaveRegistry(path string, res *extract.Result) error {
	return publish.File(path, func(w io.Writer) error { return extract.WriteRegistry(w, res) })
}

// rowValues is a row's cells in FindingsColumns order, text made inert for
// spreadsheets.
func rowValues(r extract.Row) []string {
	vals := r.Values()
	for i, v := range vals {
		vals[i] = text(v)
	}
	return vals
}

// text is a cell as written: valid UTF-8 (extraction's cells are; a file
// name need not be, and is shown with U+FFFD for the bytes that are not)
// and inert for spreadsheets.
func text(v string) string {
	return table.Inert(strings.ToValidUTF8(v, "\uFFFD"))
}

func writeRows(w io.Writer, cols []string, rows []extract.Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(cols); err != nil {
		return err
	}
	for _, r := range rows {
		vals := rowValues(r)
		if len(cols) > len(FindingsColumns) {
			vals = append(vals, text(r.Reason), text(r.File))
		}
		if err := cw.Write(vals); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeDocuments(w io.Writer, docs []extract.Document) error {
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
			vals[i] = text(v)
		}
		if err := cw.Write(vals); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
