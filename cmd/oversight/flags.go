package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract"
	"github.com/oversight/oversight/jobs"
	"github.com/oversight/oversight/outputs/publish"
	"github.com/oversight/oversight/outputs/workbook"
)

// multi is a flag that takes one or more values: "--findings a.csv b.csv"
// or "--findings a.csv --findings b.csv".
type multi []string

func (m *multi) String() string     { return strings.Join(*m, " ") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

// parse parses flags that may come before, between or after positional
// arguments. Values following a multi flag belong to it until the next flag.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) (positional []string, err error) {
	fs.SetOutput(stderr)
	var expanded []string
	var current string // the multi flag collecting values
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			name := strings.TrimLeft(a, "-")
			name, _, hasValue := strings.Cut(name, "=")
			current = ""
			f := fs.Lookup(name)
			if f == nil {
				expanded = append(expanded, a) // let flag report it
				continue
			}
			if _, ok := f.Value.(*multi); ok && !hasValue {
				current = name
				continue
			}
			expanded = append(expanded, a)
			if !hasValue && !isBool(f) && i+1 < len(args) {
				expanded = append(expanded, args[i+1])
				i++
			}
			continue
		}
		if current != "" {
			expanded = append(expanded, "--"+current+"="+a)
			continue
		}
		positional = append(positional, a)
	}
	if err := fs.Parse(expanded); err != nil {
		if err == flag.ErrHelp {
			return nil, &exitError{0}
		}
		return nil, usagef("%v", err)
	}
	return positional, nil
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// dayFlag reads a YYYY-MM-DD date.
type dayFlag struct{ day dates.Day }

func (d *dayFlag) String() string {
	if d.day == 0 {
		return ""
	}
	return d.day.String()
}

func (d *dayFlag) Set(v string) error {
	p, err := dates.Parse(v)
	if err != nil {
		return err
	}
	if p.Prec != dates.PrecDay {
		return fmt.Errorf("give a full date, YYYY-MM-DD")
	}
	d.day = p.Day
	return nil
}

// reportFlags are the flags of every command that makes a report: run,
// research and councils.
type reportFlags struct {
	inputs    multi
	documents multi
	out       *string
	asOf      dayFlag
	asAt      dayFlag
	compare   *string
	strict    *bool
	workers   *int
	logFormat *string
	format    *string
	replace   *bool
	wait      *bool
	// What the workbooks' Cover says about who publishes them.
	publisher, contact, contactEmail *string
}

// jobOnly says which of the flags a run of a jobs file's job may not take
// (its jobs file gives them), or "".
func (r *reportFlags) jobOnly(pos []string) string {
	switch {
	case len(r.inputs)+len(pos) > 0:
		return "--findings"
	case *r.out != "":
		return "--out"
	case len(r.documents) > 0:
		return "--documents"
	case *r.publisher != "" || *r.contact != "" || *r.contactEmail != "":
		return "--publisher, --contact and --contact-email"
	case *r.compare != "":
		return "--compare-with (a job compares with its previous month)"
	}
	return ""
}

func addReportFlags(fs *flag.FlagSet) *reportFlags {
	r := &reportFlags{}
	fs.Var(&r.inputs, "findings", "findings files or folders (CSV, JSON Lines, XLSX); several may follow")
	fs.Var(&r.documents, "documents", "documents to extract findings from (Ofsted reports and letters as PDF, news as HTML or text; files or folders); several may follow. Only those the previous output at --out has not read are read")
	r.out = fs.String("out", "", "output folder: new, empty or an earlier output of oversight; replaced whole and atomically")
	r.wait = fs.Bool("wait", false, "if another run is writing --out, wait for it to finish instead of failing")
	r.replace = fs.Bool("replace", false, "replace --out even if it holds files oversight did not write (never when it holds or lies inside an input)")
	fs.Var(&r.asOf, "as-of", "report date YYYY-MM-DD (default: today, Europe/London): only findings published by then count, as the report could have been made that day")
	fs.Var(&r.asAt, "as-at", "the last date YYYY-MM-DD findings may be about (default: the as-of date); with a later --as-of, the view official statistics take (Ofsted's outcomes as at 31 March, as known in July)")
	r.compare = fs.String("compare-with", "", "an earlier report folder of oversight: say what changed since that report (default: the same inputs a month earlier)")
	r.strict = fs.Bool("strict", false, "fail, publishing nothing, if any row is rejected")
	r.workers = fs.Int("workers", 0, "goroutines for the parallel stages (default: one per CPU); results do not depend on it")
	r.logFormat = fs.String("log-format", "text", "log format: text or json")
	r.format = fs.String("format", "", "read every CSV as this kind: findings, csww, ofsted-outcomes or ofsted-scrape (default: tell by the header)")
	r.publisher = fs.String("publisher", "", "who publishes the workbooks, for their Cover (\"Department for Education\")")
	r.contact = fs.String("contact", "", "who answers questions about them, for the Cover (a name or team)")
	r.contactEmail = fs.String("contact-email", "", "the contact's email address, for the Cover")
	return r
}

// options checks the flags once parsed (positional arguments are more
// findings), checks and locks the output folder, and makes the run's
// options. release unlocks the folder; call it when the run is over.
func (r *reportFlags) options(ctx context.Context, pos []string, stderr io.Writer) (opt jobs.Options, release func(), err error) {
	inputs := append(append([]string(nil), r.inputs...), pos...)
	if len(inputs)+len(r.documents) == 0 {
		return opt, nil, usagef("give the findings to read: --findings PATH... (or documents to extract them from: --documents PATH...)")
	}
	if *r.out == "" {
		return opt, nil, usagef("give the output folder: --out DIR")
	}
	if *r.contactEmail != "" {
		if err := jobs.CheckEmail(*r.contactEmail); err != nil {
			return opt, nil, usagef("--contact-email %v", err)
		}
	}
	log, err := newLogger(*r.logFormat, stderr)
	if err != nil {
		return opt, nil, err
	}
	if err := checkFormat(*r.format); err != nil {
		return opt, nil, err
	}
	// Documents are inputs too: the output may not hold or lie in them.
	lock, err := lockOut(ctx, *r.out, append(append([]string(nil), inputs...), r.documents...), *r.replace, *r.wait, log)
	if err != nil {
		return opt, nil, err
	}
	if r.asAt.day != 0 && r.asOf.day != 0 && r.asAt.day > r.asOf.day {
		return opt, nil, usagef("--as-at %s is after --as-of %s: a report cannot count what was not yet known; give an as-at day on or before the as-of day", r.asAt.day, r.asOf.day)
	}
	if *r.compare != "" {
		if st, err := os.Stat(*r.compare); err != nil || !st.IsDir() {
			return opt, nil, usagef("--compare-with %s: give the folder of an earlier report of oversight", *r.compare)
		}
	}
	opt = jobs.Options{Inputs: inputs, Documents: r.documents, Out: *r.out, AsOf: r.asOf.day, AsAt: r.asAt.day, CompareWith: *r.compare, Strict: *r.strict, Version: version,
		Workers: *r.workers, Logger: log, Format: *r.format, Publishing: workbook.Publishing{
			Publisher: *r.publisher, Contact: workbook.Contact{Name: *r.contact, Email: *r.contactEmail}},
	}
	if sizesHook != nil {
		opt.Sizes = sizesHook()
	}
	return opt, func() { lock.Release() }, nil
}

// sizesHook is nil except in the package's test binary run as oversight
// (see hooks_test.go): the process tests make the large-table writers'
// sizes small, so a run of a few thousand findings takes every path.
var sizesHook func() jobs.Sizes

// lockOut checks the output folder before anything is read (a run must
// never delete its own inputs or a folder of someone's files), then locks
// it for the whole run, so two runs into one folder never race; the check
// is made again under the lock, as the folder may have changed while
// waiting.
func lockOut(ctx context.Context, out string, inputs []string, replace, wait bool, log *slog.Logger) (*publish.Lock, error) {
	if err := publish.CheckOut(out, inputs, replace); err != nil {
		return nil, err
	}
	lock, err := publish.LockDir(ctx, out, wait, func(held *publish.LockedError) {
		log.Info("waiting: another run is writing the output folder", "out", out, "holder", held.Who(), "lock", held.Path)
	})
	var held *publish.LockedError
	if err != nil && ctx.Err() != nil {
		return nil, fmt.Errorf("%w while waiting for the other run; the previous output is unchanged (%s)", errStopped, out)
	}
	if errors.As(err, &held) {
		return nil, fmt.Errorf("output folder %s is being written by %s (lock file %s); wait for it to finish, or add --wait to wait for it", out, held.Who(), held.Path)
	}
	if err != nil {
		return nil, err
	}
	if err := publish.CheckOut(out, inputs, replace); err != nil {
		lock.Release()
		return nil, err
	}
	return lock, nil
}

// printDocuments says what a run did with its documents, if it had any.
func printDocuments(w io.Writer, res *jobs.Result, out string) {
	d := res.Documents
	if d == nil {
		return
	}
	rejected := 0
	for _, doc := range d.Documents {
		if doc.Status == extract.StatusRejected {
			rejected++
		}
	}
	fmt.Fprintf(w, "documents: %d (%d read now, %d known from earlier runs, %d rejected): %d findings, %d for review, in %s\n",
		len(d.Documents), d.New, len(d.Documents)-d.New-d.Duplicates, rejected, len(d.Findings), len(d.Review), filepath.Join(out, jobs.DocumentsDir))
}

// explain adds what a failed run can show: the first rejects of a strict run.
func explain(err error, res *jobs.Result, stderr io.Writer) error {
	if errors.Is(err, jobs.ErrRejected) && res != nil && res.Intake != nil {
		printRejects(stderr, res.Intake, 10)
	}
	return err
}
