package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/oversight/oversight/analysis/official"
	"github.com/oversight/oversight/jobs"
)

func newLogger(format string, stderr io.Writer) (*slog.Logger, error) {
	switch format {
	case "", "text":
		return slog.New(slog.NewTextHandler(stderr, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(stderr, nil)), nil
	}
	return nil, usagef("--log-format %q: use text or json", format)
}

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	rf := addReportFlags(fs)
	timings := fs.Bool("timings", false, "print the seconds each stage took and the peak memory")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile (go tool pprof) to this file")
	memProfile := fs.String("memprofile", "", "write a heap profile taken after the run to this file")
	jobName := fs.String("job", "", "run this job of --jobs FILE now, into ROOT/<job>/<YYYY-MM>/")
	jobsFile := fs.String("jobs", "", "the jobs file --job is in (see the README's Scheduled reports)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: oversight run --findings PATH... [--documents PATH...] --out DIR [--as-of YYYY-MM-DD] [--as-at YYYY-MM-DD] [--compare-with DIR] [--strict] [--publisher NAME] [--contact NAME] [--contact-email ADDRESS]")
		fmt.Fprintln(stderr, "   or: oversight run --job NAME --jobs FILE [--as-of YYYY-MM-DD]")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args, stderr)
	if err != nil {
		return err
	}
	if *jobName != "" || *jobsFile != "" {
		if f := rf.jobOnly(pos); f != "" {
			return usagef("--job runs a job of its jobs file, which gives its inputs, documents, output and publisher: give --job and --jobs without %s", f)
		}
		return runJobFromFile(ctx, *jobName, *jobsFile, rf.asOf.day, *rf.logFormat, stdout, stderr)
	}
	opt, release, err := rf.options(ctx, pos, stderr)
	if err != nil {
		return err
	}
	defer release()
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	start := time.Now()
	res, err := runStoppable(ctx, opt, jobs.Run)
	if err != nil {
		return explain(err, res, stderr)
	}
	if *memProfile != "" {
		if err := writeHeapProfile(*memProfile); err != nil {
			return err
		}
	}
	m := res.Manifest
	fmt.Fprintf(stdout, "report as of %s written to %s in %.1f s: %d councils; %d rows read, %d accepted, %d rejected, %d duplicates\n",
		m.AsOf, opt.Out, time.Since(start).Seconds(), m.Councils, m.Totals.Read, m.Totals.Accepted, m.Totals.Rejected, m.Totals.Duplicates)
	printDocuments(stdout, res, opt.Out)
	if *timings {
		for _, st := range m.Stages {
			fmt.Fprintf(stdout, "  %-18s %7.3f s\n", st.Name, st.Seconds)
		}
		fmt.Fprintf(stdout, "  %-18s %7.3f s\n  %-18s %7.0f MB\n", "wall", time.Since(start).Seconds(), "peak memory (RSS)", float64(m.PeakRSS)/1e6)
	}
	if res.Intake.Rejected() {
		fmt.Fprintf(stdout, "rows left out are listed with their reasons in %s and on the workbook's Rejects sheet\n", filepath.Join(opt.Out, "datasets", "rejects.csv"))
	}
	return nil
}

func checkFormat(f string) error {
	if f == "" || f == "findings" || validKind(official.Kind(f)) {
		return nil
	}
	return usagef("--format %q: use findings, %s", f, kindList())
}

func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	runtime.GC()
	return pprof.WriteHeapProfile(f)
}
