// Command oversight is the analytics job about English councils' children's
// social care: it reads findings, computes metrics per council, region and
// England, and writes workbooks, CSV datasets and PNG charts.
//
//	oversight run --findings PATH... --out DIR [--as-of YYYY-MM-DD] [--strict]
//	oversight validate PATH... [--json]
//
// Run `oversight help` for every command.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// version is set at build time: -ldflags "-X main.version=..."
var version = "dev"

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(Main(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// tuneGC trades memory for speed: a run's live heap is mostly the findings
// themselves, so collecting at every doubling (the default) spends half the
// time of a million-row load in the collector. Collect at five times the live
// heap instead, but more eagerly as the heap nears 900 MiB, so memory stays
// bounded: a large run's heap grows to that limit, which is its peak memory
// (1.1 million findings: under 1 GB of RSS for 5% more CPU than at 1.25
// GiB; docs/performance.md). GOGC and GOMEMLIMIT still override.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(900 << 20)
	}
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// exitError carries an exit code without a message of its own (the command
// has already said what went wrong).
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"run", "run a report on findings into an output folder (or a job from a jobs file)", cmdRun},
		{"validate", "check findings files without writing outputs; exit 1 when any row is rejected", cmdValidate},
		{"research", "a one-off report restricted to councils, regions, dates, measures or areas", cmdResearch},
		{"councils", "write one workbook and three charts per council, for councillors", cmdCouncils},
		{"schedule", "run the jobs of a jobs file on their cron schedules until SIGINT/SIGTERM", cmdSchedule},
		{"backfill", "rebuild a job's monthly reports for a range of past months, as of each month's first day", cmdBackfill},
		{"import", "convert official Ofsted and DfE files into findings", cmdImport},
		{"extract", "read Ofsted reports and letters (PDF) and articles (HTML, text) into findings", cmdExtract},
		{"eval", "score extraction against truth.csv (Ofsted reports) and seeds.csv (seed documents)", cmdEval},
		{"fixtures", "write synthetic findings for benchmarks and tests (fixtures synth)", cmdFixtures},
		{"version", "print the version", func(_ context.Context, _ []string, stdout, _ io.Writer) error {
			fmt.Fprintln(stdout, "oversight", version)
			return nil
		}},
	}
}

// Main runs the command line and returns the exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		var ue *usageError
		var ee *exitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.code
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "oversight %s: %v\nRun `oversight %s -h` for its options.\n", c.name, err, c.name)
			return 2
		default:
			fmt.Fprintf(stderr, "oversight %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "oversight: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "oversight: children's social care findings in, council, region and England metrics out.")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `oversight COMMAND -h` for a command's options.")
}
