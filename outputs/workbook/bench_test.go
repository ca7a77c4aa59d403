package workbook

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/fixtures/synth"
)

// BenchmarkWriteReport1M writes the report workbook for a million
// synthetic findings (the Findings sheet goes through the parallel
// writer). cpu-s/op is less sensitive than wall time to other work on a
// shared machine.
func BenchmarkWriteReport1M(b *testing.B) {
	dir := os.Getenv("OVERSIGHT_BENCH_SYNTH")
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "synth")
		if _, err := synth.WriteFiles(context.Background(), dir, synth.Options{Rows: 1000000, Seed: 1, Bad: 1000, Duplicates: 5000, JSONLShare: 1.0 / 11}); err != nil {
			b.Fatal(err)
		}
	}
	ref := reference.Default()
	in, err := intake.Load(context.Background(), []string{filepath.Join(dir, "findings.csv"), filepath.Join(dir, "findings.jsonl")}, intake.Options{Ref: ref})
	if err != nil {
		b.Fatal(err)
	}
	r, err := metrics.Compute(context.Background(), in.Findings, ref, day("2026-01-01"))
	if err != nil {
		b.Fatal(err)
	}
	tmp := b.TempDir()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if err := WriteReport(context.Background(), io.Discard, ReportInput{Report: r, Intake: in, Version: "bench", TmpDir: tmp}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
