package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/oversight/oversight/analysis/official"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/outputs/publish"
)

// cmdImport converts official Ofsted and DfE files into findings: each
// file converted, then joined (workforce releases merged, grades redated),
// then written.
func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	out := fs.String("out", "", "findings CSV to write (replaced atomically)")
	refs := fs.String("references", "", "also write the national and regional figures to this CSV (reference figures for a run)")
	visitsOnly := fs.Bool("visits-only", false, "keep only visits (drop a file's grades, e.g. when another file imported gives the same inspections)")
	inspections := fs.String("inspection-dates", "", "documents.csv of `oversight extract`: the reports' own inspection and publication days, for Ofsted files that give only one of them")
	var after, released dayFlag
	fs.Var(&after, "after", "keep only findings published after YYYY-MM-DD (e.g. scrape reports newer than Ofsted's own files)")
	fs.Var(&released, "released", "release day YYYY-MM-DD of a workforce file whose release is not in the built-in table (or to correct it)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: oversight import KIND FILE... --out FILE.csv [--references FILE.csv] [--visits-only] [--after YYYY-MM-DD] [--released YYYY-MM-DD] [--inspection-dates documents.csv]\n")
		fmt.Fprintf(stderr, "KIND is one of: %s (or auto, to tell by each file's header)\n", kindList())
		fmt.Fprintf(stderr, "Several workforce files are several releases: each figure is kept from the first release that gives it, a later different value as a revision.\n")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("give the kind and at least one file")
	}
	kind := official.Kind(pos[0])
	if kind == "auto" {
		kind = ""
	} else if !validKind(kind) {
		return usagef("kind %q: use one of %s, or auto", pos[0], kindList())
	}
	if *out == "" {
		return usagef("give the findings file to write: --out FILE.csv")
	}
	for _, o := range []string{*out, *refs} {
		if o == "" {
			continue
		}
		if err := publish.CheckOutFile(o, pos[1:]); err != nil {
			return err
		}
	}
	if *refs != "" && *refs == *out {
		return usagef("--out and --references name the same file")
	}
	var results []*official.Result
	for _, path := range pos[1:] {
		res, err := convertFile(ctx, kind, path, official.Options{VisitsOnly: *visitsOnly, After: after.day, Released: released.day}, stdout)
		if err != nil {
			return err
		}
		results = append(results, res)
	}
	var known []official.Inspection
	if *inspections != "" {
		if known, err = readInspectionDates(*inspections, stdout); err != nil {
			return err
		}
	}
	j, err := official.Join(results, known, reference.Default())
	if err != nil {
		return err
	}
	return writeImport(j, *out, *refs, stdout)
}

// convertFile converts one official file and says what became of its
// rows.
func convertFile(ctx context.Context, kind official.Kind, path string, opt official.Options, stdout io.Writer) (*official.Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	res, err := official.ConvertWith(ctx, kind, path, f, opt)
	f.Close()
	if err != nil {
		return nil, err
	}
	st := res.Stats
	fmt.Fprintf(stdout, "%s: %s (%s): %d rows read, %d findings, %d reference figures", path, res.Kind, res.Layout, st.RowsRead, len(res.Records), len(res.References))
	if res.Kind == official.CSWW {
		fmt.Fprintf(stdout, "; reporting year %d release, published %s", res.Release.Year, res.Release.Day)
		if !res.Release.Confirmed {
			fmt.Fprint(stdout, " (release day not confirmed)")
		}
	}
	if len(st.Coded) > 0 {
		fmt.Fprintf(stdout, "; status codes kept as findings %s", counts(st.Coded))
	}
	if len(st.Suppressed) > 0 {
		fmt.Fprintf(stdout, "; suppressed cells %s", counts(st.Suppressed))
	}
	if len(st.SkippedBy) > 0 {
		fmt.Fprintf(stdout, "; skipped %s", counts(st.SkippedBy))
	}
	fmt.Fprintln(stdout)
	return res, nil
}

// readInspectionDates reads the reports' own inspection and publication
// days from documents.csv of oversight extract.
func readInspectionDates(path string, stdout io.Writer) ([]official.Inspection, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	known, err := official.ReadInspections(f, path)
	f.Close()
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "%s: %d reports with their inspection and publication days\n", path, len(known))
	return known, nil
}

// writeImport says how the files were joined (releases merged, findings
// redated) and writes the findings to out and the reference figures to
// refs ("": not written).
func writeImport(j *official.Joined, out, refs string, stdout io.Writer) error {
	recs, references := j.Records, j.References
	if j.Releases > 1 {
		st := j.Merge
		fmt.Fprintf(stdout, "%d workforce releases merged: %d figures from the first release that gives them, %d revised by a later release (kept as revisions), %d repeated unchanged (left out); reference figures %d, %d revised, %d repeated\n",
			len(st.Releases), st.Kept, st.Revised, st.Repeated, st.RefKept, st.RefRevised, st.RefRepeated)
	}
	if msg := redateMessage(j.Redate); msg != "" {
		fmt.Fprintln(stdout, msg)
	}
	if err := publish.File(out, func(w io.Writer) error { return official.WriteCSV(w, recs) }); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d findings to %s\n", len(recs), out)
	if refs != "" {
		if err := publish.File(refs, func(w io.Writer) error { return official.WriteReferencesCSV(w, references) }); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %d reference figures to %s\n", len(references), refs)
	} else if len(references) > 0 {
		fmt.Fprintf(stdout, "%d national and regional figures not written (use --references FILE.csv to keep them)\n", len(references))
	}
	return nil
}

func validKind(k official.Kind) bool {
	for _, x := range official.Kinds() {
		if x == k {
			return true
		}
	}
	return false
}

func kindList() string {
	var names []string
	for _, k := range official.Kinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

func counts(m map[string]int) string {
	var parts []string
	for _, k := range official.SortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

// redateMessage says what Redate did, naming only what happened.
func redateMessage(st official.RedateStats) string {
	var parts []string
	if st.Redated > 0 {
		parts = append(parts, fmt.Sprintf("%d dated by the inspection's first day from another source", st.Redated))
	}
	if st.Undated > 0 {
		parts = append(parts, fmt.Sprintf("%d still dated by the report's publication day (no source gives the inspection's)", st.Undated))
	}
	if st.Published > 0 {
		parts = append(parts, fmt.Sprintf("%d given their publication day from another source", st.Published))
	}
	if st.Unpublished > 0 {
		parts = append(parts, fmt.Sprintf("%d with no publication day in any source (known from their date)", st.Unpublished))
	}
	if len(parts) == 0 {
		return ""
	}
	return "grades and visits: " + strings.Join(parts, "; ")
}
