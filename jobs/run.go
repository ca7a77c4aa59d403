// Package jobs is what a run of oversight is and runs it: read and validate
// the findings, compute the metrics, write charts, datasets and the workbook
// into a staging folder, write the manifest, then publish the folder in one
// step. The scheduled monthly report, the councillor downloads and research
// runs are all built on Run.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract"
	"github.com/oversight/oversight/analysis/extract/pdftext"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/datasets"
	"github.com/oversight/oversight/outputs/extracted"
	"github.com/oversight/oversight/outputs/manifest"
	"github.com/oversight/oversight/outputs/pages"
	"github.com/oversight/oversight/outputs/publish"
	"github.com/oversight/oversight/outputs/summary"
	tbl "github.com/oversight/oversight/outputs/table"
	"github.com/oversight/oversight/outputs/workbook"
)

// Options describe one run.
type Options struct {
	Inputs []string
	Out    string    // output folder, replaced whole
	AsOf   dates.Day // 0 = today in Europe/London
	// AsAt is the last date a finding may be about (spec v3): 0 is AsOf.
	// An earlier day gives the view official "as at" statistics take
	// (Ofsted's outcomes as at 31 March, produced in the summer).
	AsAt dates.Day
	// CompareWith is the folder of the previous report its readers
	// received: what changed is said against it. "" compares with the
	// same inputs a month earlier (a scheduled job sets its previous
	// month's folder).
	CompareWith string
	Strict      bool // any rejected row fails the run
	Version     string
	Kind        string // monthly, research, councils; recorded in the manifest
	Job         string
	Workers     int
	Format      string // forces how CSV files are read (see intake.Options.Format)
	Title       string
	// Question, when not empty, makes this a research run: only the
	// findings that match it are used, and it is recorded in the manifest
	// and the workbook so the result can be cited.
	Question Question
	Logger   *slog.Logger
	// OnStage is called as each stage starts (progress, tests).
	OnStage func(stage string)
	// Progress, when set, receives progress for long runs (the councils
	// job's bar on a terminal, or its one-line summary).
	Progress io.Writer
	// Publishing is the publisher, contact and next scheduled update the
	// workbooks' Cover gives (from the jobs file, or flags).
	Publishing workbook.Publishing
	// Documents are documents to extract findings from (files and folders
	// of Ofsted reports and letters, news; see analysis/extract). Only
	// those the registry does not hold are read, but the findings of all
	// of them join the inputs as documents/findings.csv, and the
	// extraction's folder is published in the output as documents/.
	Documents []string
	// Registry is the registry of documents already read when it is kept
	// outside the output (a scheduled job's, in its root): it is saved
	// only once the run has published, so a failed run leaves it as it
	// was. "" keeps it in the output: the previous output's
	// documents/registry.jsonl is read.
	Registry string
	// PDF reads the documents' PDFs; nil: an engine is made for the run.
	PDF *pdftext.Engine
	// DocumentBudget is what one document may cost (zero fields: the
	// defaults, extract.DefaultBudget).
	DocumentBudget extract.Budget
	// Sizes are where the writers of large tables change method (zero:
	// their defaults). The values a reader sees do not depend on them
	// (the datasets' bytes neither; the workbook's zip chunks do); tests
	// make them small to take every path on a small input.
	Sizes Sizes
}

// Sizes are the row counts at which the report's writers of large tables
// change method.
type Sizes struct {
	// BigRows and ChunkRows: the workbook's large-sheet writer
	// (workbook.Options).
	BigRows, ChunkRows int
	// CSV: the datasets' parallel CSV writer.
	CSV tbl.CSVSizes
}

// Result is what a run produced.
type Result struct {
	Out      string
	Intake   *intake.Result
	Report   *metrics.Report
	Manifest *manifest.Manifest
	// Documents is the extraction of the run's documents (nil without).
	Documents *extract.Result
	// Charts are the report's charts as drawn, with what each shows.
	Charts charts.ReportCharts
}

// defaults fills in what a caller left unset.
func (opt *Options) defaults(kind string) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opt.AsOf == 0 {
		opt.AsOf = Today()
	}
	if opt.Kind == "" {
		opt.Kind = kind
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
}

// asAt is the run's as-at day: AsAt when given (never after AsOf), else AsOf.
func (opt *Options) asAt() dates.Day {
	if opt.AsAt == 0 || opt.AsAt > opt.AsOf {
		return opt.AsOf
	}
	return opt.AsAt
}

// asAtRecord is the manifest's as_at: blank when it is the as-of day.
func asAtRecord(opt Options) string {
	if opt.asAt() == opt.AsOf {
		return ""
	}
	return opt.asAt().String()
}

// comparedWith is the manifest's record of what changed was said against.
func comparedWith(r *metrics.Report) string {
	switch {
	case r.Since == nil:
		return ""
	case r.Since.Recomputed:
		return "the same inputs recomputed as of " + r.Since.AsOf.String()
	}
	return r.Since.From
}

// reportTitle names the report in changes.txt.
func reportTitle(opt Options) string {
	if opt.Title != "" {
		return opt.Title
	}
	return "children's social care in England"
}

// ErrRejected is returned by a strict run that found rejected rows.
var ErrRejected = errors.New("rows were rejected")

type timer struct {
	stages  []manifest.Stage
	mu      sync.Mutex
	onStage func(string)
	log     *slog.Logger
}

func (t *timer) run(name string, fn func() error) error {
	if t.onStage != nil {
		t.onStage(name)
	}
	start := time.Now()
	err := fn()
	d := time.Since(start)
	t.mu.Lock()
	t.stages = append(t.stages, manifest.Stage{Name: name, Seconds: round3(d.Seconds())})
	t.mu.Unlock()
	t.log.Debug("stage", "stage", name, "seconds", round3(d.Seconds()), "error", err)
	return err
}

func round3(s float64) float64 { return float64(int64(s*1000+0.5)) / 1000 }

// Run performs one run. On any error the previous output folder is left
// exactly as it was.
func Run(ctx context.Context, opt Options) (*Result, error) {
	opt.AsOf = AsOf(opt.AsOf, Today())
	opt.defaults("monthly")
	if opt.AsAt > opt.AsOf {
		return nil, fmt.Errorf("as at %s is after as of %s: a report cannot count what was not yet known; give an as-at day on or before the as-of day", opt.AsAt, opt.AsOf)
	}
	opt.AsAt = AsAt(opt.AsAt, opt.Question.To, opt.AsOf)
	ref := reference.Default()
	started := time.Now().UTC()
	t := &timer{onStage: opt.OnStage, log: opt.Logger}
	res := &Result{Out: opt.Out}

	var flt *filter
	if !opt.Question.Empty() {
		var err error
		if flt, err = opt.Question.compile(ref); err != nil {
			return nil, fmt.Errorf("research question: %w", err)
		}
	}
	stage, err := stageAndRead(ctx, opt, t, ref, res)
	if err != nil {
		if errors.Is(err, ErrRejected) {
			return res, err
		}
		return nil, err
	}
	defer stage.Abort()
	docs := res.Documents
	if err := computeWithChanges(ctx, opt, t, ref, res, flt); err != nil {
		return nil, err
	}
	if flt != nil {
		if err := answerQuestion(opt, ref, flt, res); err != nil {
			if errors.Is(err, ErrNothingMatches) {
				return res, err
			}
			return nil, err
		}
	}
	read, acc, rej, dup := res.Intake.Totals()
	rc, err := writeReport(ctx, opt, t, stage.Dir, res, newDocuments(docs, flt, res.Intake))
	if err != nil {
		return nil, err
	}

	m := &manifest.Manifest{
		Tool: "oversight", Version: opt.Version, Kind: opt.Kind, Job: opt.Job, AsOf: opt.AsOf.String(), AsAt: asAtRecord(opt), ComparedWith: comparedWith(res.Report),
		Question: opt.Question.Record(), Started: started, Inputs: res.Intake.Files, Notices: res.Intake.Notices,
		Totals: manifest.Totals{Read: read, Accepted: acc, Rejected: rej, Duplicates: dup}, Councils: len(res.Report.Councils),
	}
	if err := publishWithManifest(ctx, opt, t, stage, m, docs); err != nil {
		return nil, err
	}
	res.Manifest, res.Charts = m, rc
	opt.Logger.Info("report published", "out", opt.Out, "as_of", opt.AsOf.String(), "councils", len(res.Report.Councils))
	return res, saveRegistry(opt, docs)
}

// computeWithChanges computes the metrics into res.Report and, for a
// report (not a research question), what changed since the previous
// report: read back from its folder, or, without one, the same findings a
// month earlier, computed beside this month's metrics (both passes only
// read the findings and the reference list, and each takes one core).
// Comparisons (England, regions, neighbours) are over every finding; a
// question restricts what is listed, never what a median is over.
func computeWithChanges(ctx context.Context, opt Options, t *timer, ref *reference.List, res *Result, flt *filter) error {
	var scope map[int]bool
	if flt != nil {
		scope = flt.councils
	}
	var since *metrics.Snapshot
	var prevErr error
	prevDone := make(chan struct{})
	if flt != nil {
		close(prevDone)
	} else {
		stageName := "previous month"
		if opt.CompareWith != "" {
			stageName = "previous report"
		}
		go func() {
			defer close(prevDone)
			prevErr = t.run(stageName, func() error {
				var err error
				since, err = previousReport(ctx, opt, ref, res.Intake)
				return err
			})
		}()
	}
	var err error
	res.Report, err = computeMetrics(ctx, opt, t, ref, res.Intake, scope)
	<-prevDone
	if err != nil {
		return err
	}
	if prevErr != nil {
		return fmt.Errorf("what changed: %w", prevErr)
	}
	if since != nil {
		res.Report.CompareWith(since, res.Intake.Findings)
	}
	return nil
}

// answerQuestion keeps the findings and workforce rows a research
// question asks about, and answers it in the report.
func answerQuestion(opt Options, ref *reference.List, flt *filter, res *Result) error {
	before := flt.apply(res.Intake)
	if len(res.Intake.Findings) == 0 {
		return fmt.Errorf("%w (%s): none of the %d findings read does; widen the dates or check the names", ErrNothingMatches, opt.Question, before)
	}
	if err := res.Report.KeepWorkforce(flt.keepPoint); err != nil {
		return err
	}
	ms, areas := flt.asked()
	res.Report.Answer(opt.Question.group(ref, flt, opt.AsOf), flt.from, flt.to, ms, areas)
	opt.Logger.Info("research question", "question", opt.Question.String(), "findings", len(res.Intake.Findings), "of", before)
	return nil
}

// newDocuments are the documents read for the first time that the report
// lists: for a research question, as the Findings sheet, only those with a
// finding the question keeps.
func newDocuments(docs *extract.Result, flt *filter, in *intake.Result) []workbook.Document {
	if flt == nil || docs == nil {
		return reportDocuments(docs, nil)
	}
	answers := map[string]bool{}
	for i := range in.Findings {
		if sha := in.Findings[i].Document; sha != "" {
			answers[sha] = true
		}
	}
	return reportDocuments(docs, func(sha string) bool { return answers[sha] })
}

// writeReport writes the report into the staging folder dir: the charts
// first (the workbook places them), changes.txt, then the datasets and
// the workbook at once (they are independent), and the page last (it
// links to every file and says how big each is).
func writeReport(ctx context.Context, opt Options, t *timer, dir string, res *Result, newDocs []workbook.Document) (charts.ReportCharts, error) {
	var rc charts.ReportCharts
	err := t.run("charts", func() error {
		var err error
		rc, err = charts.WriteReport(ctx, filepath.Join(dir, "charts"), charts.ReportInput{
			Report: res.Report, Version: opt.Version, Question: opt.Question.Lines(),
		})
		return err
	})
	if err != nil {
		return rc, fmt.Errorf("charts: %w", err)
	}
	if res.Report.Since != nil {
		if err := os.WriteFile(filepath.Join(dir, summary.ChangesFile), []byte(summary.ChangesText(res.Report, reportTitle(opt))), 0o644); err != nil {
			return rc, fmt.Errorf("%s: %w", summary.ChangesFile, err)
		}
	}
	var wg sync.WaitGroup
	var dsErr, wbErr error
	wg.Add(2)
	go func() {
		defer wg.Done()
		dsErr = t.run("datasets", func() error {
			return datasets.WriteSized(ctx, filepath.Join(dir, "datasets"), res.Report, res.Intake, opt.Sizes.CSV)
		})
	}()
	go func() {
		defer wg.Done()
		wbErr = t.run("workbook", func() error { return writeWorkbook(ctx, opt, dir, res, rc, newDocs) })
	}()
	wg.Wait()
	if err := errors.Join(dsErr, wbErr); err != nil {
		return rc, err
	}
	if err := ctx.Err(); err != nil {
		return rc, err
	}
	if err := t.run("page", func() error { return writePage(dir, opt, res.Report, res.Intake, rc) }); err != nil {
		return rc, fmt.Errorf("page: %w", err)
	}
	return rc, nil
}

// writeWorkbook writes report.xlsx, excelize spilling large sheets inside
// the staging folder so that a killed run's spill files go with it.
func writeWorkbook(ctx context.Context, opt Options, dir string, res *Result, rc charts.ReportCharts, newDocs []workbook.Document) error {
	spill := filepath.Join(dir, ".spill")
	if err := os.Mkdir(spill, 0o700); err != nil {
		return err
	}
	defer os.RemoveAll(spill)
	return publish.WriteFile(filepath.Join(dir, "report.xlsx"), func(w io.Writer) error {
		return workbook.WriteReport(ctx, w, workbook.ReportInput{
			Title: opt.Title, Report: res.Report, Intake: res.Intake, Version: opt.Version,
			Question: opt.Question.Lines(), Charts: rc.All(), Documents: newDocs, Publishing: opt.Publishing, TmpDir: spill,
			BigRows: opt.Sizes.BigRows, ChunkRows: opt.Sizes.ChunkRows,
		})
	})
}

// writePage writes the run's index.html: the monthly report's page, or a
// research run's answer.
func writePage(dir string, opt Options, r *metrics.Report, in *intake.Result, rc charts.ReportCharts) error {
	if !opt.Question.Empty() {
		return pages.WriteResearch(dir, pages.ResearchInput{Report: r, Intake: in, Charts: rc, Version: opt.Version, Publishing: opt.Publishing,
			Question: opt.Question.Lines()})
	}
	return pages.WriteReport(dir, pages.ReportInput{Title: opt.Title, Report: r, Intake: in, Charts: rc, Version: opt.Version, Publishing: opt.Publishing,
		MainFindings: summary.MainFindings(r)})
}

// stageAndRead begins the run's staging folder and reads its inputs into
// res: the documents extracted into the staging folder first (when the run
// has any), then the findings files and the extracted findings, checked as
// a strict run requires. On error the staging folder is removed; res holds
// what was read (a strict run's rejects).
func stageAndRead(ctx context.Context, opt Options, t *timer, ref *reference.List, res *Result) (*publish.Staging, error) {
	stage, err := publish.Begin(opt.Out)
	if err != nil {
		return nil, err
	}
	docs, own, err := extractDocuments(ctx, opt, t, stage.Dir)
	if err != nil {
		stage.Abort()
		return nil, err
	}
	res.Documents = docs
	res.Intake, err = loadChecked(ctx, opt, t, ref, own)
	if err != nil {
		stage.Abort()
		return nil, err
	}
	return stage, nil
}

// published turns the official national and regional figures into the
// metrics' form; Inner and Outer London are parts of a region and left out.
func published(in *intake.Result) []metrics.Published {
	var out []metrics.Published
	for _, r := range in.References {
		if r.SubRegion {
			continue
		}
		out = append(out, metrics.Published{Region: r.Region, Date: r.Date, Measure: r.Measure, Value: r.Value, Release: r.Published})
	}
	return out
}

// publishWithManifest finishes a run: the manifest lists the documents
// extracted (if any) and lists and hashes every output in the staging
// folder, then the folder replaces the last one in a single step, unless the
// run was cancelled first.
func publishWithManifest(ctx context.Context, opt Options, t *timer, stage *publish.Staging, m *manifest.Manifest, docs *extract.Result) error {
	if docs != nil {
		m.Documents = extracted.ManifestDocuments(docs.Documents)
	}
	err := t.run("manifest", func() error {
		if err := m.AddOutputs(stage.Dir); err != nil {
			return err
		}
		m.Stages = t.stages
		m.Finished = time.Now().UTC()
		m.PeakRSS = peakRSS()
		return publish.WriteFile(filepath.Join(stage.Dir, manifest.Name), m.Write)
	})
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	if opt.OnStage != nil {
		opt.OnStage("publish")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return stage.Commit()
}
