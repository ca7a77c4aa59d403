// Package extract is the extraction stage: it reads source documents
// (Ofsted reports and letters as PDF, news articles and council pages as
// HTML or text) and proposes findings in the contract (spec/findings.md v2),
// each with the document's SHA-256, page and words.
//
// One call does it all, for the command line and for scheduled jobs alike:
//
//	res, err := extract.Run(ctx, extract.Options{
//		Paths:    []string{"downloads/ofsted"}, // files and folders
//		Registry: "jobs/monthly/documents.jsonl", // documents already read
//	})
//	// res.Documents: one row per file (kind, council, dates, status, reason)
//	// res.Findings:  candidates at or above the threshold that validate
//	// res.Review:    the others, each with the reason it needs a person
//	// res.New:       how many documents were read this time
//
// Writing them is not analysis: outputs/extracted publishes the folder
// (findings.csv, documents.csv, review.csv, the registry, manifest.json).
// This package gives what that needs: each Row's values in the contract's
// column order (Row.Values) and the registry's encoding (WriteRegistry),
// whose format is the extractor's own.
//
// A document whose SHA-256 (and this extractor's version) is in the
// registry is not read again: its rows come from the registry, so every run
// gives the whole set and a second run over the same folder reads nothing.
// A file whose path, size and modification time match the registry is not
// even hashed. Bad documents (not a PDF, encrypted, image-only, an error
// page saved as .pdf, no council, two councils that cannot be told apart,
// over the document budget) are a document row with the reason, and so is
// every path that is not a file to read (a named pipe, a broken link, a
// folder it cannot list); nothing else stops the run. Only the PDF engine
// failing stops it (Run returns the error), and then nothing is recorded
// about any document: a broken engine is no verdict on them.
package extract

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/pdftext"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/reference"
)

// Version names this extractor in findings (the contract's extractor
// column) and in the registry: a new version reads every document again.
// Change it whenever a rule changes what is extracted.
const Version = "oversight-extract 1.1"

// DefaultThreshold is the confidence below which a candidate goes to
// review.csv instead of findings.csv: the findings contract's own cut
// (findings.ReviewConfidence), below which the parser refuses an extracted
// finding. A higher threshold is stricter; a lower one cannot be used.
const DefaultThreshold = findings.ReviewConfidence

// Options configure Run.
type Options struct {
	Paths []string // files and folders (read recursively, in sorted order)
	// Registry is the file of documents already read ("" for none). Run
	// only reads it; WriteRegistry encodes the one the result leaves
	// (outputs/extracted writes it).
	Registry string
	// Skip are paths not to read (the output folder when it lies inside
	// an input folder).
	Skip []string
	// Threshold is the confidence below which a candidate goes to review;
	// 0 means DefaultThreshold.
	Threshold float64
	// Workers is how many documents are read at once; 0 means the number
	// of CPUs.
	Workers int
	// Budget is what one document may cost; zero fields take the defaults
	// (DefaultBudget).
	Budget Budget
	Ref    *reference.List // nil: the embedded list
	// PDF reads PDFs; nil: an engine is made for the run and closed after.
	// (Its memory per document is the Budget's, whatever the engine's own
	// default.)
	PDF *pdftext.Engine
	// Progress, when set, is called after each document (from one
	// goroutine at a time).
	Progress func(Document)
	// Record is Ofsted's record of judgements that grades read by the text
	// reader are checked against (nil: the embedded one); NoRecordCheck
	// turns the check off (to measure it).
	Record        *inspections.Record
	NoRecordCheck bool
	// DateByRecord dates a grade the record corroborates by the
	// inspection's first day where the record knows it, with the record's
	// publication day (docs/extraction.md "Dating a corroborated grade by
	// the record"). Off by default: measured, it did not pay.
	DateByRecord bool
}

// Document is one file's row in documents.csv.
type Document struct {
	SHA256 string `json:"sha256"`
	File   string `json:"file"`
	Kind   string `json:"kind"` // report, letter, news, other, pdf, html, text, unreadable, folder
	// What it is about.
	Council         string `json:"council,omitempty"`
	GSSCode         string `json:"gss_code,omitempty"`
	Framework       string `json:"framework,omitempty"`
	InspectionStart string `json:"inspection_start,omitempty"`
	InspectionEnd   string `json:"inspection_end,omitempty"`
	Published       string `json:"published,omitempty"`
	PublishedRule   string `json:"published_rule,omitempty"`
	LeadInspector   string `json:"lead_inspector,omitempty"`
	// Judgements lists every judgement as the report states it, those
	// without a contract area too ("LSCB: good").
	Judgements      string `json:"judgements,omitempty"`
	Recommendations *int   `json:"recommendations,omitempty"`
	Pages           int    `json:"pages,omitempty"`
	PagesRead       int    `json:"pages_read,omitempty"`
	Findings        int    `json:"findings"`
	Review          int    `json:"review"`
	Status          string `json:"status"` // ok, rejected
	Reason          string `json:"reason,omitempty"`
	Extractor       string `json:"extractor"`
	// New is set when the document was read in this run (not in the
	// registry already).
	New bool `json:"-"`
	// Bytes is the file's size when it was looked at (for the output's
	// manifest; the registry keeps its own).
	Bytes int64 `json:"-"`
}

// Statuses.
const (
	StatusOK       = "ok"
	StatusRejected = "rejected"
)

// Row is one candidate finding with where it came from, as written to
// findings.csv or review.csv.
type Row struct {
	evidence.Candidate
	Document  string `json:"document"` // SHA-256
	File      string `json:"file"`
	Extractor string `json:"extractor"`
	// Reason says why a review row needs a person.
	Reason string `json:"reason,omitempty"`
}

// Values are the row's cells in the contract's column order
// (findings.ColumnNames), as findings.csv has them: the confidence with two
// decimals, page and confidence blank when unknown. The text is as
// extracted; making it safe for a spreadsheet is the writer's business.
func (r Row) Values() []string {
	conf := ""
	if r.Confidence > 0 {
		conf = strconv.FormatFloat(r.Confidence, 'f', 2, 64)
	}
	page := ""
	if r.Page > 0 {
		page = strconv.Itoa(r.Page)
	}
	return []string{r.Council, r.Date, r.Published, r.Measure, r.Value, r.Area, r.Scope, r.Qualifier, r.Polarity,
		r.Source, r.SourceType, r.Note, r.Document, page, r.Quote, r.Extractor, conf}
}

// Result is what Run found.
type Result struct {
	Documents []Document // one per file, in path order
	Findings  []Row
	Review    []Row
	// New counts the documents read in this run; the others came from the
	// registry or are copies of another file (Duplicates).
	New        int
	Duplicates int
	// Read counts the files whose bytes were read (hashed) in this run: 0
	// on a second run over unchanged files.
	Read int
	// registry holds every entry to save: this run's and the ones kept.
	registry []entry
}

// Run reads every file under opts.Paths. It fails only when it cannot work
// at all (a path that does not exist, a cancelled context, a registry it
// cannot read, a PDF engine that cannot start or stops working); a
// document it cannot read is a row with the reason.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if err := opts.defaults(); err != nil {
		return nil, err
	}
	budget := opts.Budget.withDefaults()
	reg, err := loadRegistry(opts.Registry)
	if err != nil {
		return nil, err
	}
	files, err := walk(opts.Paths, opts.Skip)
	if err != nil {
		return nil, err
	}
	engine := opts.PDF
	if engine == nil {
		engine = pdftext.NewEngine(pdftext.Options{Workers: opts.Workers, MemoryLimitMiB: budget.MemoryMiB})
		defer engine.Close()
	}
	results, err := readAll(ctx, opts, budget, reg, engine, files)
	if err != nil {
		return nil, err
	}
	return collect(results, reg), nil
}

// defaults checks the options and fills in what was left unset.
func (opts *Options) defaults() error {
	if len(opts.Paths) == 0 {
		return errors.New("extract: no files or folders given")
	}
	if opts.Threshold <= 0 {
		opts.Threshold = DefaultThreshold
	}
	if opts.Threshold < findings.ReviewConfidence || opts.Threshold > 1 {
		return fmt.Errorf("extract: threshold %v: give a confidence from %v to 1 (the findings contract refuses extracted findings below %v)",
			opts.Threshold, findings.ReviewConfidence, findings.ReviewConfidence)
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.Ref == nil {
		opts.Ref = reference.Default()
	}
	return nil
}

// readAll reads the files on opts.Workers goroutines, each document's
// result in the files' order. A failing engine stops the run: no more
// documents are started, and nothing is recorded.
func readAll(ctx context.Context, opts Options, budget Budget, reg *registry, engine *pdftext.Engine, files []item) ([]docResult, error) {
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	type job struct {
		i  int
		it item
	}
	results := make([]docResult, len(files))
	jobs := make(chan job)
	textSlots := make(chan struct{}, opts.Workers)
	record := opts.Record
	if record == nil && !opts.NoRecordCheck {
		record = inspections.DefaultRecord()
	}
	if opts.NoRecordCheck {
		record = nil
	}
	var wg sync.WaitGroup
	var progressMu sync.Mutex
	for w := 0; w < opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := &extractor{ref: opts.Ref, pdf: engine, threshold: opts.Threshold, reg: reg, budget: budget, textSlots: textSlots, record: record, dateByRecord: record != nil && opts.DateByRecord}
			for j := range jobs {
				r := x.document(ctx, j.it)
				results[j.i] = r
				if r.fatal != nil {
					stop(r.fatal)
					continue
				}
				if opts.Progress != nil {
					progressMu.Lock()
					opts.Progress(r.doc)
					progressMu.Unlock()
				}
			}
		}()
	}
feed:
	for i, f := range files {
		select {
		case jobs <- job{i, f}:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	for _, r := range results {
		if r.fatal != nil && !errors.Is(r.fatal, context.Canceled) {
			return nil, fmt.Errorf("extract: %w; nothing was recorded about the documents, which are read again next run", r.fatal)
		}
	}
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return results, nil
}

// collect is the run's result: each document once (a copy of one already
// listed is a rejected row saying so), with its findings and review rows,
// and the registry of every document read, those read before and not given
// this time included.
func collect(results []docResult, reg *registry) *Result {
	res := &Result{}
	seen := map[string]Document{} // sha256 -> the first file with it
	kept := map[string]bool{}
	for _, r := range results {
		d := r.doc
		if r.read {
			res.Read++
		}
		if d.SHA256 != "" {
			if first, dup := seen[d.SHA256]; dup {
				// The copy says what the first was and that it was read once.
				why := "the same file as " + first.File + " (same SHA-256): read once"
				if first.Reason != "" {
					why = first.Reason + "; " + why
				}
				res.Documents = append(res.Documents, Document{SHA256: d.SHA256, File: d.File, Kind: first.Kind,
					Status: StatusRejected, Reason: oneLine(why), Extractor: Version, New: d.New, Bytes: d.Bytes})
				res.Duplicates++
				continue
			}
			seen[d.SHA256] = d
		}
		if d.New {
			res.New++
		}
		res.Documents = append(res.Documents, d)
		res.Findings = append(res.Findings, r.findings...)
		res.Review = append(res.Review, r.review...)
		if d.SHA256 != "" && !r.transient {
			res.registry = append(res.registry, entry{SHA256: d.SHA256, Extractor: Version, File: d.File,
				Size: r.size, ModTime: r.modTime, Doc: d, Findings: r.findings, Review: r.review, Over: r.over, Limit: r.limit, Record: r.record})
			kept[d.SHA256] = true
		}
	}
	// Documents read before and not given this time stay in the registry.
	for _, e := range reg.entries {
		if !kept[e.SHA256] && e.Extractor == Version {
			res.registry = append(res.registry, e)
			kept[e.SHA256] = true
		}
	}
	return res
}

type docResult struct {
	doc              Document
	findings, review []Row
	size             int64
	modTime          time.Time
	read             bool // the file's bytes were read
	// over is the budget the document went over ("" for none) and limit
	// that budget's value then, for the registry.
	over  string
	limit int64
	// record is the record check the text reader's rows went through
	// (recordOff or a record's ID); "" for a document it did not read.
	record string
	// transient: not read this time for a reason that is not the
	// document's; not remembered.
	transient bool
	// fatal is the engine failing or the run stopping: Run returns it.
	fatal error
}

// sortRows orders rows by file, then page, then as extracted.
func sortRows(rows []Row) {
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].File != rows[j].File {
			return rows[i].File < rows[j].File
		}
		return rows[i].Page < rows[j].Page
	})
}
