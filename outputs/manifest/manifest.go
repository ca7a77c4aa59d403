// Package manifest describes a run: what went in (each file with its
// checksum and row accounting), what came out (each file with its checksum
// and size), the as-of date, the version, and how long each stage took.
// An extraction's folder has its own (Extraction): documents in, findings
// out. Both mark the folder as this program's output (outputs/publish's
// CheckOut reads their tool and outputs).
package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/oversight/oversight/analysis/intake"
)

// Name is the manifest's file name in an output folder.
const Name = "manifest.json"

// Output is one file written.
type Output struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// Stage is one step of the run and its wall time.
type Stage struct {
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
}

// Totals sum the per-file accounting.
type Totals struct {
	Read       int `json:"rows_read"`
	Accepted   int `json:"rows_accepted"`
	Rejected   int `json:"rows_rejected"`
	Duplicates int `json:"rows_duplicate"`
}

// Manifest is manifest.json.
type Manifest struct {
	Tool    string `json:"tool"`
	Version string `json:"version"`
	Kind    string `json:"kind"`
	Job     string `json:"job,omitempty"`
	AsOf    string `json:"as_of"`
	// AsAt is the last date a finding may be about, when earlier than
	// AsOf (spec v3).
	AsAt string `json:"as_at,omitempty"`
	// ComparedWith says what "what changed" compares with: the previous
	// report's folder, or "recomputed as of DAY".
	ComparedWith string              `json:"compared_with,omitempty"`
	Question     map[string][]string `json:"question,omitempty"`
	Started      time.Time           `json:"started"`
	Finished     time.Time           `json:"finished"`
	Inputs       []intake.FileReport `json:"inputs"`
	// Documents are the documents the run extracted findings from (its
	// documents/ folder), each with its SHA-256 and whether this run read
	// it (new) or knew it from the registry of documents already read.
	Documents []Document `json:"documents,omitempty"`
	Totals    Totals     `json:"totals"`
	Notices   []string   `json:"notices,omitempty"`
	Councils  int        `json:"councils"`
	Outputs   []Output   `json:"outputs"`
	Stages    []Stage    `json:"stages"`
	PeakRSS   int64      `json:"peak_rss_bytes,omitempty"`
}

// AddOutputs hashes every file under dir (except the manifest itself).
func (m *Manifest) AddOutputs(dir string) error {
	var err error
	m.Outputs, err = ListOutputs(dir)
	return err
}

// ListOutputs hashes every file under dir (except the manifest itself), in
// path order.
func ListOutputs(dir string) ([]Output, error) {
	var outs []Output
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		if rel == Name {
			return nil
		}
		sum, n, err := HashFile(path)
		if err != nil {
			return err
		}
		outs = append(outs, Output{Path: filepath.ToSlash(rel), SHA256: sum, Bytes: n})
		return nil
	})
	sort.Slice(outs, func(i, j int) bool { return outs[i].Path < outs[j].Path })
	return outs, err
}

// HashFile returns a file's sha256 and size.
func HashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("hash %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// Write writes the manifest as indented JSON.
func (m *Manifest) Write(w io.Writer) error { return writeJSON(w, m) }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Extraction is manifest.json of an extraction's output folder (kind
// "extract"): the documents read instead of findings files, what they
// gave, and the files written. Read (into a Manifest) and Verify work on
// it too: the common fields have the same names.
type Extraction struct {
	Tool      string    `json:"tool"`
	Version   string    `json:"version"`
	Kind      string    `json:"kind"`
	Extractor string    `json:"extractor"` // the extractor's version, which the registry is keyed by
	Started   time.Time `json:"started"`
	Finished  time.Time `json:"finished"`
	// Inputs are the documents, one per file, in path order.
	Inputs  []Document       `json:"inputs"`
	Totals  ExtractionTotals `json:"totals"`
	Outputs []Output         `json:"outputs"`
}

// Document is one file an extraction looked at.
type Document struct {
	Path    string `json:"path"`
	Kind    string `json:"kind"`
	Council string `json:"council,omitempty"`
	Status  string `json:"status"`
	SHA256  string `json:"sha256,omitempty"` // blank when the file could not be read
	Bytes   int64  `json:"bytes"`
	New     bool   `json:"new"` // read in this run, not known from the registry
}

// ExtractionTotals count an extraction's documents and rows.
type ExtractionTotals struct {
	Documents  int `json:"documents"`
	New        int `json:"documents_new"`
	Duplicates int `json:"documents_duplicate"`
	Rejected   int `json:"documents_rejected"`
	Findings   int `json:"findings"`
	Review     int `json:"review"`
}

// AddOutputs hashes every file under dir (except the manifest itself).
func (m *Extraction) AddOutputs(dir string) error {
	var err error
	m.Outputs, err = ListOutputs(dir)
	return err
}

// Write writes the manifest as indented JSON.
func (m *Extraction) Write(w io.Writer) error { return writeJSON(w, m) }

// Verify checks that every output listed is present with its checksum.
func (m *Extraction) Verify(dir string) error { return verify(dir, m.Outputs) }

// ReadExtraction loads an extraction's manifest.
func ReadExtraction(path string) (*Extraction, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m Extraction
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return &m, nil
}

// Read loads a manifest.
func Read(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return &m, nil
}

// Verify checks that every output listed is present with its checksum: an
// output folder is whole when this passes.
func (m *Manifest) Verify(dir string) error { return verify(dir, m.Outputs) }

func verify(dir string, outputs []Output) error {
	for _, o := range outputs {
		sum, n, err := HashFile(filepath.Join(dir, filepath.FromSlash(o.Path)))
		if err != nil {
			return err
		}
		if sum != o.SHA256 || n != o.Bytes {
			return fmt.Errorf("%s: checksum or size differs from the manifest", o.Path)
		}
	}
	return nil
}
