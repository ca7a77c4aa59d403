package table

import (
	"context"
	"reflect"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
)

// The open-data writers read the snapshot tables from their gota frames:
// every cell read back from a frame must be the cell the schema gives for
// the row, codes, blanks and dates at their precision included.
func TestFramesHoldWhatTheRowsHold(t *testing.T) {
	ref := reference.Default()
	in, err := intake.Load(context.Background(), []string{"../../fixtures/findings", "../../fixtures/real"}, intake.Options{Ref: ref})
	if err != nil {
		t.Fatal(err)
	}
	codes, blanks := 0, 0
	for _, tc := range []struct {
		asOf  string
		scope map[int]bool
	}{{"2019-01-01", nil}, {"2024-06-30", nil}, {"2026-12-01", nil}, {"2026-12-01", map[int]bool{3: true, 80: true}}} {
		d, err := dates.Parse(tc.asOf)
		if err != nil {
			t.Fatal(err)
		}
		r, err := metrics.Compute(context.Background(), in.Findings, ref, d.Day, metrics.Options{Councils: tc.scope})
		if err != nil {
			t.Fatal(err)
		}
		check := func(name string, want, got Table, err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(want.Columns(), got.Columns()) || want.Len() != got.Len() {
				t.Fatalf("as of %s %s: columns or length differ", tc.asOf, name)
			}
			w, g := make([]Cell, len(want.Columns())), make([]Cell, len(want.Columns()))
			for i := 0; i < want.Len(); i++ {
				want.Row(i, w)
				got.Row(i, g)
				for j := range w {
					if w[j] != g[j] {
						t.Fatalf("as of %s %s row %d %s: frame gives %+v, schema %+v", tc.asOf, name, i+1, want.Columns()[j].Name, g[j], w[j])
					}
					if w[j].Code != NoCode {
						codes++
					} else if w[j].Blank {
						blanks++
					}
				}
			}
		}
		frames, err := r.Frames()
		if err != nil {
			t.Fatal(err)
		}
		f1, err := FromFrame("councils", metrics.CouncilColumns, frames.Councils)
		check("councils", FromColumns("councils", metrics.CouncilColumns, r.Listed), f1, err)
		f2, err := FromFrame("regions", metrics.RegionColumns, frames.Regions)
		check("regions", FromColumns("regions", metrics.RegionColumns, r.RegionRows), f2, err)
		f3, err := FromFrame("by_grade", metrics.ByGradeColumns, frames.ByGrade)
		check("by_grade", FromColumns("by_grade", metrics.ByGradeColumns, r.ByGradeRows), f3, err)
		f4, err := FromFrame("transitions", metrics.TransitionColumns, frames.Transitions)
		check("transitions", FromColumns("transitions", metrics.TransitionColumns, r.TransitionRows), f4, err)
		// A sheet's subset of the columns, in another order.
		sub := []metrics.Column[*metrics.Council]{metrics.CouncilColumns[5], metrics.CouncilColumns[0]}
		f5, err := FromFrame("some", sub, frames.Councils)
		check("some councils' columns", FromColumns("some", sub, r.Listed), f5, err)
	}
	if codes == 0 || blanks == 0 {
		t.Errorf("%d code cells and %d blank cells: the fixtures no longer test them", codes, blanks)
	}
}
