package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/oversight/oversight/analysis/official"
	"github.com/oversight/oversight/outputs/publish"
)

func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	out := fs.String("out", "", "findings CSV to write (replaced atomically)")
	refs := fs.String("references", "", "also write the national and regional figures to this CSV (reference figures for a run)")
	visitsOnly := fs.Bool("visits-only", false, "keep only visits (for Ofsted files that date inspections by inspection date only)")
	var after dayFlag
	fs.Var(&after, "after", "keep only findings dated after YYYY-MM-DD (e.g. scrape reports newer than Ofsted's own files)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: oversight import KIND FILE... --out FILE.csv [--references FILE.csv] [--visits-only] [--after YYYY-MM-DD]\n")
		fmt.Fprintf(stderr, "KIND is one of: %s (or auto, to tell by each file's header)\n", kindList())
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
	var recs []official.Record
	var references []official.Reference
	for _, path := range pos[1:] {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		res, err := official.ConvertWith(ctx, kind, path, f, official.Options{VisitsOnly: *visitsOnly, After: after.day})
		f.Close()
		if err != nil {
			return err
		}
		st := res.Stats
		fmt.Fprintf(stdout, "%s: %s (%s): %d rows read, %d findings, %d reference figures", path, res.Kind, res.Layout, st.RowsRead, len(res.Records), len(res.References))
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
		recs = append(recs, res.Records...)
		references = append(references, res.References...)
	}
	if err := publish.File(*out, func(w io.Writer) error { return official.WriteCSV(w, recs) }); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d findings to %s\n", len(recs), *out)
	if *refs != "" {
		if err := publish.File(*refs, func(w io.Writer) error { return official.WriteReferencesCSV(w, references) }); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %d reference figures to %s\n", len(references), *refs)
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
