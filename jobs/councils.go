package jobs

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/datasets"
	"github.com/oversight/oversight/outputs/manifest"
	"github.com/oversight/oversight/outputs/pages"
	"github.com/oversight/oversight/outputs/publish"
	tbl "github.com/oversight/oversight/outputs/table"
	"github.com/oversight/oversight/outputs/workbook"
)

// Councillor downloads: where each council's files go in the output folder.
const (
	CouncilsDir   = "councils"  // councils/<slug>.xlsx and councils/index.csv
	CouncilsIndex = "index.csv" // la_name, codes, region and each council's files
	ChartsDir     = "charts"    // every chart of a run
)

// CouncilFiles are one council's files, relative to the output folder: its
// workbook and its charts (charts.CouncilFiles).
type CouncilFiles struct {
	Slug     string
	Workbook string
	Charts   []charts.CouncilFile // File relative to the output folder
}

// councilFiles names each council's files through table.Slug (so no name can
// leave its folder); a slug two councils share gets each one's DfE code.
func councilFiles(cs []*metrics.Council) []CouncilFiles {
	count := map[string]int{}
	for _, c := range cs {
		count[tbl.Slug(c.Ref.Name)]++
	}
	out := make([]CouncilFiles, len(cs))
	for i, c := range cs {
		s := tbl.Slug(c.Ref.Name)
		if count[s] > 1 {
			s = tbl.Slug(c.Ref.Name + " " + c.Ref.DfE)
		}
		out[i] = CouncilFiles{Slug: s, Workbook: CouncilsDir + "/" + s + ".xlsx"}
		for _, f := range charts.CouncilFiles(s) {
			out[i].Charts = append(out[i].Charts, charts.CouncilFile{Column: f.Column, File: ChartsDir + "/" + f.File})
		}
	}
	return out
}

// Councils writes the councillor downloads: for every council existing on
// the as-of date, councils/<slug>.xlsx (see workbook.WriteCouncillor) and
// its charts (see charts.Council): charts/<slug>_caseload.png,
// charts/<slug>_vacancy_rate.png and charts/<slug>_neighbours.png;
// then councils/index.csv, datasets/councils.csv (as a monthly report's) and
// manifest.json. It reads and validates as Run does, and publishes the whole
// folder in one step, so a failed run leaves the previous one untouched.
// Workbooks are built by opt.Workers goroutines; the output does not depend on
// their number.
func Councils(ctx context.Context, opt Options) (*Result, error) {
	return CouncilsOf(ctx, opt, nil)
}

// CouncilsOf is Councils for the councils named (names or codes as people
// write them; each must exist on the as-of date), or all when names is
// empty. The metrics, and so every median, still cover every council.
func CouncilsOf(ctx context.Context, opt Options, names []string) (*Result, error) {
	if !opt.Question.Empty() {
		return nil, errors.New("a councils job takes no research question; name councils to build only some")
	}
	opt.defaults("councils")
	ref := reference.Default()
	only, err := resolveCouncils(ref, names, opt.AsOf)
	if err != nil {
		return nil, err
	}
	started := time.Now()
	t := &timer{onStage: opt.OnStage, log: opt.Logger}
	res := &Result{Out: opt.Out}
	stage, err := stageAndRead(ctx, opt, t, ref, res)
	if err != nil {
		return res, err
	}
	defer stage.Abort()
	docs := res.Documents
	if res.Report, err = computeMetrics(ctx, opt, t, ref, res.Intake, nil); err != nil {
		return nil, err
	}
	selected, files := selectCouncils(res.Report.Councils, only)
	// What changed since the previous report, on each council's page.
	since, err := previousReport(ctx, opt, ref, res.Intake)
	if err != nil {
		return nil, fmt.Errorf("what changed: %w", err)
	}
	res.Report.CompareWith(since, res.Intake.Findings)
	// What Ofsted said about each council, known on the report date: on
	// its workbook and its page.
	known := inspections.Known(res.Intake.Findings, ref, res.Report.AsOf, nil)
	site := pages.NewCouncils(pages.CouncilsInput{Report: res.Report, Version: opt.Version, Publishing: opt.Publishing})
	err = t.run("councils", func() error {
		return writeCouncils(ctx, stage.Dir, opt, res, selected, files, started, site, known)
	})
	if err != nil {
		return nil, fmt.Errorf("councils: %w", err)
	}
	err = t.run("datasets", func() error { return writeCouncilLists(stage.Dir, res.Report, selected, files, site) })
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	read, acc, rej, dup := res.Intake.Totals()
	m := &manifest.Manifest{
		Tool: "oversight", Version: opt.Version, Kind: opt.Kind, Job: opt.Job, AsOf: opt.AsOf.String(),
		Started: started.UTC(), Inputs: res.Intake.Files, Notices: res.Intake.Notices,
		Totals: manifest.Totals{Read: read, Accepted: acc, Rejected: rej, Duplicates: dup}, Councils: len(selected),
	}
	if err := publishWithManifest(ctx, opt, t, stage, m, docs); err != nil {
		return nil, err
	}
	res.Manifest = m
	opt.Logger.Info("councillor workbooks published", "out", opt.Out, "as_of", opt.AsOf.String(), "councils", len(selected),
		"seconds", round3(time.Since(started).Seconds()))
	return res, saveRegistry(opt, docs)
}

// selectCouncils are the councils to build (all when only is nil) and
// their files. File names come from every council, so a council's files
// are named the same whichever councils are built.
func selectCouncils(all []*metrics.Council, only map[int]bool) ([]*metrics.Council, []CouncilFiles) {
	var selected []*metrics.Council
	var files []CouncilFiles
	for i, f := range councilFiles(all) {
		if only == nil || only[all[i].Ref.Index] {
			selected = append(selected, all[i])
			files = append(files, f)
		}
	}
	return selected, files
}

// writeCouncilLists writes what lists the councils built: councils/index.csv,
// datasets/councils.csv (as a monthly report's) and the site's index page.
func writeCouncilLists(dir string, r *metrics.Report, selected []*metrics.Council, files []CouncilFiles, site *pages.Councils) error {
	if err := writeCouncilIndex(filepath.Join(dir, CouncilsDir, CouncilsIndex), r, selected, files); err != nil {
		return err
	}
	if err := datasets.WriteCouncils(filepath.Join(dir, "datasets"), r); err != nil {
		return err
	}
	slugs := make([]string, len(files))
	for i, f := range files {
		slugs[i] = f.Slug
	}
	return site.WriteIndex(dir, selected, slugs)
}

// previousReport is the report what changed is said against: the folder
// --compare-with names (a scheduled job's previous month), or the same
// inputs a month earlier, recomputed.
func previousReport(ctx context.Context, opt Options, ref *reference.List, in *intake.Result) (*metrics.Snapshot, error) {
	if opt.CompareWith != "" {
		since, err := ReadSnapshot(opt.CompareWith)
		if err == nil && since.AsOf >= opt.AsOf {
			err = fmt.Errorf("the report to compare with (%s) is as of %s, not before this one's %s", opt.CompareWith, dates.Date{Day: since.AsOf}, dates.Date{Day: opt.AsOf})
		}
		return since, err
	}
	prevDay := metrics.PreviousMonth(opt.AsOf)
	previous, err := metrics.Compute(ctx, in.Findings, ref, prevDay, metrics.Options{Published: published(in), AsAt: min(opt.asAt(), prevDay)})
	if err != nil {
		return nil, err
	}
	return metrics.SnapshotOf(previous), nil
}

// loadChecked reads and validates the inputs as Run does, then own (the
// findings extracted from the run's documents); a strict run fails on any
// rejected row or file.
func loadChecked(ctx context.Context, opt Options, t *timer, ref *reference.List, own []intake.OwnFile) (*intake.Result, error) {
	var in *intake.Result
	err := t.run("read and validate", func() error {
		var err error
		in, err = intake.Load(ctx, opt.Inputs, intake.Options{Ref: ref, Workers: opt.Workers, Format: opt.Format, Own: own})
		return err
	})
	if err != nil {
		return nil, err
	}
	read, acc, rej, dup := in.Totals()
	opt.Logger.Info("findings read", "rows", read, "accepted", acc, "rejected", rej, "duplicates", dup, "files", len(in.Files))
	if opt.Strict && in.Rejected() {
		return in, fmt.Errorf("%w: %d rows and %d files rejected; --strict publishes nothing (run `oversight validate` to see them)",
			ErrRejected, rej, in.FileErrors())
	}
	return in, nil
}

// computeMetrics computes the metrics as Run does, with the official
// national and regional figures among the inputs.
func computeMetrics(ctx context.Context, opt Options, t *timer, ref *reference.List, in *intake.Result, scope map[int]bool) (*metrics.Report, error) {
	var r *metrics.Report
	err := t.run("metrics", func() error {
		var err error
		r, err = metrics.Compute(ctx, in.Findings, ref, opt.AsOf, metrics.Options{Published: published(in), Councils: scope, AsAt: opt.AsAt})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	return r, nil
}

// resolveCouncils finds the councils named, each as it was on day; nil when
// none is named.
func resolveCouncils(ref *reference.List, names []string, day dates.Day) (map[int]bool, error) {
	if len(names) == 0 {
		return nil, nil
	}
	out := map[int]bool{}
	var problems []string
	for _, name := range names {
		var found []*reference.Council
		cands := ref.Candidates(name)
		for _, c := range cands {
			if c.ExistsOn(day) {
				found = append(found, c)
			}
		}
		switch {
		case len(found) == 1:
			out[found[0].Index] = true
		case len(cands) == 0:
			_, err := ref.Resolve(name, day, day)
			problems = append(problems, err.Error())
		case len(found) == 0:
			problems = append(problems, fmt.Sprintf("council %q did not exist on %s", name, day))
		default:
			problems = append(problems, fmt.Sprintf("council %q is ambiguous on %s; use its DfE or GSS code", name, day))
		}
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	return out, nil
}

// writeCouncils builds every council's charts and workbook with a pool of
// opt.Workers goroutines, each writing its council's own files.
func writeCouncils(ctx context.Context, dir string, opt Options, res *Result, cs []*metrics.Council, files []CouncilFiles, started time.Time, site *pages.Councils,
	known []inspections.Council) error {
	for _, sub := range []string{CouncilsDir, ChartsDir} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	spill := filepath.Join(dir, ".spill")
	if err := os.Mkdir(spill, 0o700); err != nil {
		return err
	}
	defer os.RemoveAll(spill)

	// Each council's findings that count on the report date, in input
	// order (what its metrics count), and what Ofsted said about it.
	in, r := res.Intake, res.Report
	said := map[int]*inspections.Council{}
	for i := range known {
		said[known[i].Council.Index] = &known[i]
	}
	pos := make(map[int]int, len(cs))
	for i, c := range cs {
		pos[c.Ref.Index] = i
	}
	byCouncil := make([][]findings.Finding, len(cs))
	for i := range in.Findings {
		f := &in.Findings[i]
		if j, ok := pos[int(f.Council)]; ok && metrics.Counts(f, r.AsOf, r.AsAt) {
			byCouncil[j] = append(byCouncil[j], *f)
		}
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	bar := newProgress(opt.Progress, len(cs), started)
	work := make(chan int)
	errs := make([]error, len(cs))
	var wg sync.WaitGroup
	for w := 0; w < min(opt.Workers, max(len(cs), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if ctx.Err() != nil {
					errs[i] = ctx.Err()
					continue
				}
				err := writeCouncil(ctx, dir, spill, cs[i], files[i], r, in, byCouncil[i], said[cs[i].Ref.Index], opt, site)
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", cs[i].Ref.Name, err)
					cancel()
					continue
				}
				bar.step()
			}
		}()
	}
	for i := range cs {
		work <- i
	}
	close(work)
	wg.Wait()
	if err := firstError(errs); err != nil {
		bar.abort()
		return err
	}
	bar.finish(len(cs))
	return nil
}

// firstError is the first real error: cancellation follows it.
func firstError(errs []error) error {
	var cancelled error
	for _, e := range errs {
		if e == nil {
			continue
		}
		if !errors.Is(e, context.Canceled) {
			return e
		}
		cancelled = e
	}
	return cancelled
}

// writeCouncil draws one council's charts and writes them and its workbook.
func writeCouncil(ctx context.Context, dir, spill string, c *metrics.Council, files CouncilFiles, r *metrics.Report, in *intake.Result,
	fs []findings.Finding, said *inspections.Council, opt Options, site *pages.Councils) error {
	drawn, err := charts.Council(ctx, filepath.Join(dir, ChartsDir), files.Slug, charts.CouncilInput{Report: r, Council: c, Version: opt.Version})
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err = publish.WriteFile(filepath.Join(dir, filepath.FromSlash(files.Workbook)), func(w io.Writer) error {
		return workbook.WriteCouncillor(ctx, w, workbook.CouncillorInput{
			Report: r, Council: c, Findings: fs, Intake: in, Version: opt.Version, Charts: drawn, Publishing: opt.Publishing, TmpDir: spill, Said: said,
		})
	})
	if err != nil {
		return err
	}
	return site.WriteCouncil(dir, pages.CouncilEntry{Council: c, Slug: files.Slug, Charts: drawn, Said: said})
}

// writeCouncilIndex lists each council with its files.
func writeCouncilIndex(path string, r *metrics.Report, cs []*metrics.Council, files []CouncilFiles) error {
	return publish.WriteFile(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		header := []string{"la_name", "new_la_code", "old_la_code", "region_name", "file"}
		for _, f := range charts.CouncilFiles("") {
			header = append(header, f.Column)
		}
		cw.Write(header)
		for i, c := range cs {
			row := []string{tbl.Inert(c.Ref.Name), c.Ref.CodeOn(r.AsOf), c.Ref.DfE, c.Ref.Region, files[i].Workbook}
			for _, f := range files[i].Charts {
				row = append(row, f.File)
			}
			cw.Write(row)
		}
		cw.Flush()
		return cw.Error()
	})
}

// progress shows how many councils are done: a bar redrawn in place on a
// terminal, else one line at the end.
type progress struct {
	w     io.Writer
	tty   bool
	total int
	start time.Time
	mu    sync.Mutex
	done  int
	drawn time.Time
}

func newProgress(w io.Writer, total int, start time.Time) *progress {
	return &progress{w: w, tty: isTerminal(w), total: total, start: start}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progress) step() {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if p.tty && (p.done == p.total || time.Since(p.drawn) >= 100*time.Millisecond) {
		p.drawn = time.Now()
		io.WriteString(p.w, progressBar(p.done, p.total, time.Since(p.start)))
	}
}

func (p *progress) finish(n int) {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	elapsed := time.Since(p.start)
	if p.tty {
		io.WriteString(p.w, progressBar(p.done, p.total, elapsed)+"\n")
		return
	}
	fmt.Fprintf(p.w, "councils: %d workbooks and %d charts written in %.1f s\n", n, len(charts.CouncilFiles(""))*n, elapsed.Seconds())
}

// abort ends a bar left part-drawn, so what follows starts on its own line.
func (p *progress) abort() {
	if p == nil || p.w == nil || !p.tty {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.drawn.IsZero() {
		io.WriteString(p.w, "\n")
	}
}

// progressBar is one line that redraws itself: "\rcouncils [=====>    ] 87/153  2.1 s".
func progressBar(done, total int, elapsed time.Duration) string {
	const width = 30
	filled := width
	if total > 0 {
		filled = done * width / total
	}
	bar := strings.Repeat("=", filled)
	if filled < width {
		bar += ">" + strings.Repeat(" ", width-filled-1)
	}
	return fmt.Sprintf("\rcouncils [%s] %*d/%d %5.1f s", bar, len(fmt.Sprint(total)), done, total, elapsed.Seconds())
}
