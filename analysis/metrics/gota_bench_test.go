package metrics

import (
	"context"
	"os"
	"runtime"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/reference"
)

// What gota costs, measured where the package comment says it is and is not
// used. The findings are the bundled real data, or those in
// $OVERSIGHT_BENCH_FINDINGS (make bench's synthetic 1.1 million:
// go test -run '^$' -bench Gota -benchtime 1x ./analysis/metrics).

func benchFindings(b *testing.B) ([]findings.Finding, *reference.List) {
	b.Helper()
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
	return in.Findings, ref
}

// findingsFrame is the findings that count loaded into a gota dataframe, as
// the per-council reduction would need them: eight columns, built from
// slices (gota's fastest way in, faster than LoadRecords).
func findingsFrame(fs []findings.Finding, ref *reference.List) dataframe.DataFrame {
	n := len(fs)
	council, date, measure, scope, qualifier, source, published := make([]string, n), make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	value := make([]float64, n)
	for i := range fs {
		f := &fs[i]
		council[i] = ref.Councils[f.Council].Name
		date[i] = f.Date.String()
		measure[i] = f.Measure.String()
		scope[i] = f.Scope
		qualifier[i] = f.Qualifier.String()
		source[i] = f.SourceType.String()
		published[i] = f.Known().String()
		value[i] = f.Value
	}
	return dataframe.New(series.New(council, series.String, "council"), series.New(date, series.String, "date"),
		series.New(measure, series.String, "measure"), series.New(value, series.Float, "value"),
		series.New(scope, series.String, "scope"), series.New(qualifier, series.String, "qualifier"),
		series.New(source, series.String, "source_type"), series.New(published, series.String, "published"))
}

func liveHeap() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / (1 << 20)
}

// BenchmarkGotaFindingsFrame loads the findings into a frame; live-MB is
// what the frame holds.
func BenchmarkGotaFindingsFrame(b *testing.B) {
	fs, ref := benchFindings(b)
	before := liveHeap()
	var df dataframe.DataFrame
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		df = findingsFrame(fs, ref)
	}
	b.StopTimer()
	b.ReportMetric(liveHeap()-before, "live-MB")
	runtime.KeepAlive(df)
	runtime.KeepAlive(fs)
}

// BenchmarkGotaFindingsGroupBy is the reduction's first step in gota: the
// findings grouped by council and measure, counted and averaged.
func BenchmarkGotaFindingsGroupBy(b *testing.B) {
	fs, ref := benchFindings(b)
	df := findingsFrame(fs, ref)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g := df.GroupBy("council", "measure")
		if g.Err != nil {
			b.Fatal(g.Err)
		}
		if agg := g.Aggregation([]dataframe.AggregationType{dataframe.Aggregation_COUNT, dataframe.Aggregation_MEAN}, []string{"value", "value"}); agg.Err != nil {
			b.Fatal(agg.Err)
		}
	}
}

// BenchmarkGotaSnapshotFrames builds the frames the open-data writers read
// (councils, regions, by grade, transitions) and counts the regions from
// the councils' frame, for one report.
func BenchmarkGotaSnapshotFrames(b *testing.B) {
	fs, ref := benchFindings(b)
	r, err := Compute(context.Background(), fs, ref, day("2026-12-01"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("frames", func(b *testing.B) {
		for b.Loop() {
			for _, err := range []error{
				frameErr(Frame(CouncilColumns, r.Listed)), frameErr(Frame(RegionColumns, r.RegionRows)),
				frameErr(Frame(ByGradeColumns, r.ByGradeRows)), frameErr(Frame(TransitionColumns, r.TransitionRows)),
			} {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	all, err := Frame(CouncilColumns, r.Listed)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("regions counted", func(b *testing.B) {
		for b.Loop() {
			r.regionRows(all, false)
		}
	})
}

func frameErr(_ dataframe.DataFrame, err error) error { return err }

// BenchmarkGotaWorkforceFrame is the frame of the workforce series that
// Compute built until it was found that nothing read it.
func BenchmarkGotaWorkforceFrame(b *testing.B) {
	fs, ref := benchFindings(b)
	r, err := Compute(context.Background(), fs, ref, day("2026-12-01"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(r.WorkforceRows)), "rows")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Frame(WorkforceColumns, r.WorkforceRows); err != nil {
			b.Fatal(err)
		}
	}
}
