package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
)

func cmdValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the result as JSON (every file and every reject)")
	show := fs.Int("show", 20, "how many rejects to print")
	workers := fs.Int("workers", 0, "parsing goroutines (default: one per CPU)")
	format := fs.String("format", "", "read every CSV as this kind: findings, csww, ofsted-outcomes or ofsted-scrape (default: tell by the header)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: oversight validate PATH... [--json] [--show N]")
		fs.PrintDefaults()
	}
	paths, err := parse(fs, args, stderr)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("give the findings files or folders to check")
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	res, err := intake.Load(ctx, paths, intake.Options{Workers: *workers, Format: *format})
	if err != nil {
		return stoppedErr(ctx, err)
	}
	if *asJSON {
		if err := writeValidateJSON(stdout, res); err != nil {
			return err
		}
	} else {
		printFiles(stdout, res)
		printRejects(stdout, res, *show)
	}
	if res.Rejected() {
		return &exitError{1}
	}
	return nil
}

func printFiles(w io.Writer, res *intake.Result) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "file\tformat\tread\taccepted\trejected\tduplicates\t")
	for _, f := range res.Files {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t\n", f.Path, f.Format, f.Read, f.Accepted, f.Rejected, f.Duplicates)
	}
	read, acc, rej, dup := res.Totals()
	fmt.Fprintf(tw, "all files\t\t%d\t%d\t%d\t%d\t\n", read, acc, rej, dup)
	tw.Flush()
	fmt.Fprintf(w, "read = accepted + rejected + duplicates: %d = %d + %d + %d\n", read, acc, rej, dup)
	for _, f := range res.Files {
		if f.Error != "" {
			fmt.Fprintf(w, "%s: REJECTED WHOLE: %s\n", f.Path, f.Error)
		}
		for _, n := range f.Notices {
			fmt.Fprintf(w, "%s: note: %s\n", f.Path, n)
		}
	}
	for _, n := range res.Notices {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

func printRejects(w io.Writer, res *intake.Result, n int) {
	rows := 0
	for _, r := range res.Rejects {
		if r.Line > 0 {
			rows++
		}
	}
	if rows == 0 {
		return
	}
	fmt.Fprintf(w, "\n%d rows rejected", rows)
	if rows > n {
		fmt.Fprintf(w, " (first %d shown)", n)
	}
	fmt.Fprintln(w, ":")
	shown := 0
	for _, r := range res.Rejects {
		if r.Line == 0 {
			continue
		}
		if shown == n {
			break
		}
		fmt.Fprintf(w, "%s:%d: %s\n", res.Files[r.File].Path, r.Line, r.Reason)
		shown++
	}
}

type jsonReject struct {
	File   string            `json:"file"`
	Line   int32             `json:"line"`
	Values map[string]string `json:"values,omitempty"`
	Reason string            `json:"reason"`
}

func writeValidateJSON(w io.Writer, res *intake.Result) error {
	read, acc, rej, dup := res.Totals()
	out := struct {
		OK      bool                `json:"ok"`
		Files   []intake.FileReport `json:"files"`
		Totals  map[string]int      `json:"totals"`
		Notices []string            `json:"notices,omitempty"`
		Rejects []jsonReject        `json:"rejects"`
	}{
		OK: !res.Rejected(), Files: res.Files, Notices: res.Notices, Rejects: []jsonReject{},
		Totals: map[string]int{"rows_read": read, "rows_accepted": acc, "rows_rejected": rej, "rows_duplicate": dup},
	}
	for _, r := range res.Rejects {
		jr := jsonReject{File: filepath.ToSlash(res.Files[r.File].Path), Line: r.Line, Reason: r.Reason}
		for c, name := range findings.ColumnNames {
			if r.Raw[c] != "" {
				if jr.Values == nil {
					jr.Values = map[string]string{}
				}
				jr.Values[name] = r.Raw[c]
			}
		}
		out.Rejects = append(out.Rejects, jr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
