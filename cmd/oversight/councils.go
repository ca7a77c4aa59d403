package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/oversight/oversight/jobs"
)

func cmdCouncils(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("councils", flag.ContinueOnError)
	var inputs, councils multi
	fs.Var(&inputs, "findings", "findings files or folders (CSV, JSON Lines, XLSX); several may follow")
	out := fs.String("out", "", "output folder; replaced whole and atomically")
	var asOf dayFlag
	fs.Var(&asOf, "as-of", "report date YYYY-MM-DD (default: today, Europe/London); findings dated later are left out")
	strict := fs.Bool("strict", false, "fail, publishing nothing, if any row is rejected")
	fs.Var(&councils, "council", "build only this council's files, by name or code (several may follow, or repeat the flag); the medians still cover every council")
	workers := fs.Int("workers", 0, "councils built at once (default: one per CPU); results do not depend on it")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	format := fs.String("format", "", "read every CSV as this kind: findings, csww, ofsted-outcomes or ofsted-scrape (default: tell by the header)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: oversight councils --findings PATH... --out DIR [--as-of YYYY-MM-DD] [--strict] [--council NAME]...")
		fmt.Fprintln(stderr, "Writes one workbook per council (DIR/councils/<name>.xlsx) and its caseload and vacancy charts (DIR/charts/).")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args, stderr)
	if err != nil {
		return err
	}
	inputs = append(inputs, pos...)
	if len(inputs) == 0 {
		return usagef("give the findings to read: --findings PATH...")
	}
	if *out == "" {
		return usagef("give the output folder: --out DIR")
	}
	log, err := newLogger(*logFormat, stderr)
	if err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	start := time.Now()
	res, err := jobs.CouncilsOf(ctx, jobs.Options{
		Inputs: inputs, Out: *out, AsOf: asOf.day, Strict: *strict, Version: version, Workers: *workers, Logger: log, Format: *format,
		Progress: stderr,
	}, councils)
	if err != nil {
		if errors.Is(err, jobs.ErrRejected) && res != nil && res.Intake != nil {
			printRejects(stderr, res.Intake, 10)
		}
		return err
	}
	m := res.Manifest
	fmt.Fprintf(stdout, "councillor workbooks as of %s written to %s in %.1f s: %d councils; %d rows read, %d accepted, %d rejected, %d duplicates\n",
		m.AsOf, filepath.Join(*out, jobs.CouncilsDir), time.Since(start).Seconds(), m.Councils, m.Totals.Read, m.Totals.Accepted, m.Totals.Rejected, m.Totals.Duplicates)
	return nil
}
