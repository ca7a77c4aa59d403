package metrics

import (
	"context"
	"os"
	"testing"

	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/reference"
)

// BenchmarkCompute reduces the bundled real data (about 10,000 findings),
// or the findings in $OVERSIGHT_BENCH_FINDINGS (a file or folder, such as
// make bench's synthetic million), as of one date.
func BenchmarkCompute(b *testing.B) {
	paths := []string{"../../fixtures/findings", "../../fixtures/real"}
	if p := os.Getenv("OVERSIGHT_BENCH_FINDINGS"); p != "" {
		paths = []string{p}
	}
	ref := reference.Default()
	in, err := intake.Load(context.Background(), paths, intake.Options{Ref: ref})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(in.Findings)), "findings")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Compute(context.Background(), in.Findings, ref, day("2026-12-01")); err != nil {
			b.Fatal(err)
		}
	}
}
