package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/oversight/oversight/analysis/extract"
	"github.com/oversight/oversight/analysis/extract/pdftext"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/outputs/extracted"
	"github.com/oversight/oversight/outputs/publish"
)

// cmdExtract reads Ofsted reports and letters and articles into findings,
// each document within its budget, into an output folder it holds the
// lock on.
func cmdExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	out := fs.String("out", "", "output folder for findings.csv, documents.csv, review.csv and the registry: new, empty or an earlier output of oversight; replaced whole and atomically")
	registry := fs.String("registry", "", "file of documents already read, outside --out (default: registry.jsonl in the output folder)")
	replace := fs.Bool("replace", false, "replace --out even if it holds files oversight did not write (never when it holds or lies inside an input)")
	wait := fs.Bool("wait", false, "if another run is writing --out, wait for it to finish instead of failing")
	threshold := fs.Float64("threshold", extract.DefaultThreshold, "confidence below which a finding goes to review.csv")
	workers := fs.Int("workers", 0, "documents read at once (default: one per CPU)")
	cache := fs.String("pdf-cache", "", "folder for PDFium's compiled code (default: the user's cache folder; \"off\" to compile every run)")
	def := extract.DefaultBudget()
	docTime := fs.Duration("doc-time", def.Time, "the time one document may take to read, all of it")
	docMemory := sizeFlag(fs, "doc-memory", int64(def.MemoryMiB)<<20, "the memory the PDF engine may use for one document (it also bounds an HTML page's elements)")
	docPages := fs.Int("doc-pages", def.Pages, "the most pages a PDF may have")
	docText := fs.Int("doc-text", def.Text, "the most characters of text one document may hold")
	docSize := sizeFlag(fs, "doc-size", def.FileBytes, "the largest file read")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: oversight extract PATH... --out DIR [--threshold 0.8] [--registry FILE] [--replace] [--wait] [--doc-time 30s] [--doc-memory 256MiB] ...")
		fmt.Fprintln(stderr, "Reads Ofsted reports and letters (PDF) and articles (HTML, text) in the files and folders given.")
		fmt.Fprintln(stderr, "Each document is read within a budget (--doc-*): one over it is a rejected row saying which, and the run goes on.")
		fs.PrintDefaults()
	}
	paths, err := parse(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("give the documents to read: files or folders")
	}
	if *out == "" {
		return usagef("give the output folder: --out DIR")
	}
	if *docTime <= 0 || *docPages <= 0 || *docText <= 0 || *docMemory.n < 1<<20 || *docSize.n <= 0 {
		return usagef("--doc-time, --doc-memory (at least 1MiB), --doc-pages, --doc-text and --doc-size must be more than 0")
	}
	budget := extract.Budget{Time: *docTime, MemoryMiB: int(*docMemory.n >> 20), Pages: *docPages, Text: *docText, FileBytes: *docSize.n}
	if *threshold < findings.ReviewConfidence || *threshold > 1 {
		return usagef("--threshold %v: give a confidence from %v to 1 (the findings contract refuses extracted findings below %v)", *threshold, findings.ReviewConfidence, findings.ReviewConfidence)
	}
	log, err := newLogger(*logFormat, stderr)
	if err != nil {
		return err
	}
	reg, own, err := registryPath(*out, *registry, paths)
	if err != nil {
		return err
	}
	lock, err := lockOut(ctx, *out, paths, *replace, *wait, log)
	if err != nil {
		return err
	}
	defer lock.Release()
	opt := extract.Options{Paths: paths, Registry: reg, Skip: []string{reg}, Threshold: *threshold, Workers: *workers, Budget: budget}
	return extractTo(ctx, opt, *cache, *out, own, log, stdout)
}

// extractTo reads the documents with a PDF engine of the run's own (its
// compiled code cached in cache), then writes the output folder out, and
// the registry when it is kept outside it (not own). A stopped run leaves
// the previous output unchanged.
func extractTo(ctx context.Context, opt extract.Options, cache, out string, own bool, log *slog.Logger, stdout io.Writer) error {
	start := time.Now()
	engine := pdftext.NewEngine(pdftext.Options{Workers: opt.Workers, CacheDir: cache, MemoryLimitMiB: opt.Budget.MemoryMiB})
	defer engine.Close()
	opt.PDF = engine
	opt.Progress = func(d extract.Document) {
		// A document cut short by a stop is not a rejected document.
		if d.Status == extract.StatusRejected && ctx.Err() == nil {
			log.Warn("document rejected", "file", d.File, "reason", d.Reason)
		}
	}
	res, err := extract.Run(ctx, opt)
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("%w; the previous output is unchanged (%s)", errStopped, out)
	}
	if err != nil {
		return err
	}
	if err := extracted.Write(out, res, extracted.Options{Version: version, Started: start}); err != nil {
		return err
	}
	if !own {
		if err := extracted.SaveRegistry(opt.Registry, res); err != nil {
			return err
		}
	}
	printExtract(stdout, res, out)
	log.Info("extract finished", "documents", len(res.Documents), "new", res.New, "findings", len(res.Findings),
		"review", len(res.Review), "seconds", time.Since(start).Round(time.Millisecond).Seconds())
	return nil
}

// printExtract summarises a run: documents by kind and status, rows
// written, and each rejected document with its reason.
func printExtract(w io.Writer, res *extract.Result, out string) {
	type key struct{ kind, status string }
	counts := map[key]int{}
	for _, d := range res.Documents {
		counts[key{d.Kind, d.Status}]++
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].kind != keys[j].kind {
			return keys[i].kind < keys[j].kind
		}
		return keys[i].status < keys[j].status
	})
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "kind\tstatus\tdocuments\t")
	for _, k := range keys {
		fmt.Fprintf(tw, "%s\t%s\t%d\t\n", k.kind, k.status, counts[k])
	}
	tw.Flush()
	fmt.Fprintf(w, "%d documents (%d read now, %d known from the registry, %d copies of another): %d findings, %d for review\n",
		len(res.Documents), res.New, len(res.Documents)-res.New-res.Duplicates, res.Duplicates, len(res.Findings), len(res.Review))
	for _, d := range res.Documents {
		if d.Status == extract.StatusRejected {
			fmt.Fprintf(w, "rejected %s: %s\n", d.File, d.Reason)
		}
	}
	fmt.Fprintf(w, "written to %s: %s, %s, %s\n", out, extracted.FindingsFile, extracted.DocumentsFile, extracted.ReviewFile)
}

// size is a flag of a byte count written as a person writes it (64MiB).
type size struct{ n *int64 }

func (s size) String() string {
	if s.n == nil {
		return ""
	}
	return extract.Size(*s.n)
}

func (s size) Set(v string) error {
	n, err := extract.ParseSize(v)
	if err != nil {
		return err
	}
	*s.n = n
	return nil
}

func sizeFlag(fs *flag.FlagSet, name string, def int64, usage string) size {
	s := size{n: new(int64)}
	*s.n = def
	fs.Var(s, name, usage+" (as 64MiB, 1GiB)")
	return s
}

// registryPath is the registry extract reads and writes: given, or the one
// in the output folder (own: Write writes it with the folder). A given file
// may not be elsewhere inside the output folder (the folder is replaced
// whole, so it would be deleted, then written back as a file the folder's
// manifest does not list), nor one of the inputs.
func registryPath(out, given string, inputs []string) (path string, own bool, err error) {
	def := filepath.Join(out, extracted.RegistryFile)
	if given == "" || publish.SamePath(given, def) {
		return def, true, nil
	}
	if err := publish.CheckOutFile(given, inputs); err != nil {
		return "", false, err
	}
	if publish.Inside(given, out) {
		return "", false, usagef("--registry %s is inside the output folder %s, which is replaced whole: leave --registry out to keep the registry there (%s), or give a file outside it", given, out, def)
	}
	return given, false, nil
}
