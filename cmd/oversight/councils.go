package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/oversight/oversight/jobs"
)

func cmdCouncils(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("councils", flag.ContinueOnError)
	rf := addReportFlags(fs)
	var councils multi
	fs.Var(&councils, "council", "build only this council's files, by name or code (several may follow, or repeat the flag); the medians still cover every council")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: oversight councils --findings PATH... [--documents PATH...] --out DIR [--as-of YYYY-MM-DD] [--as-at YYYY-MM-DD] [--strict] [--council NAME]... [--publisher NAME] [--contact NAME] [--contact-email ADDRESS]")
		fmt.Fprintln(stderr, "Writes one workbook per council (DIR/councils/<name>.xlsx) and its charts (DIR/charts/): caseload and vacancy rate over time, and beside its statistical neighbours.")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args, stderr)
	if err != nil {
		return err
	}
	opt, release, err := rf.options(ctx, pos, stderr)
	if err != nil {
		return err
	}
	defer release()
	opt.Progress = stderr
	start := time.Now()
	res, err := runStoppable(ctx, opt, func(ctx context.Context, opt jobs.Options) (*jobs.Result, error) {
		return jobs.CouncilsOf(ctx, opt, councils)
	})
	if err != nil {
		return explain(err, res, stderr)
	}
	m := res.Manifest
	fmt.Fprintf(stdout, "councillor workbooks as of %s written to %s in %.1f s: %d councils; %d rows read, %d accepted, %d rejected, %d duplicates\n",
		m.AsOf, filepath.Join(opt.Out, jobs.CouncilsDir), time.Since(start).Seconds(), m.Councils, m.Totals.Read, m.Totals.Accepted, m.Totals.Rejected, m.Totals.Duplicates)
	printDocuments(stdout, res, opt.Out)
	return nil
}
