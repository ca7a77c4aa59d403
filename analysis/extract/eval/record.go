package eval

import (
	"fmt"
	"io"
	"sort"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/inspections"
)

// RecordCheckCut applies the record check (docs/extraction.md "Grades
// checked against Ofsted's record") to a set's rows above the cut, as the
// extractor now applies it to grades the text reader reads, and prints
// what it holds back: wrong findings held (the precision it buys) and
// right ones held (the recall it costs), by measure and verdict. On first
// sight, whose extractors predate the check, this is its measure on text
// it was not written from.
func RecordCheckCut(w io.Writer, d *CutData, set string, rec *inspections.Record) {
	type tally struct{ right, wrong, rightHeld, wrongHeld, rightAgreed, wrongAgreed int }
	by := map[string]*tally{}
	get := func(k string) *tally {
		if by[k] == nil {
			by[k] = &tally{}
		}
		return by[k]
	}
	var held, passed []string
	for _, e := range d.Examples {
		if e.Set != set || !e.Above {
			continue
		}
		v := inspections.Unchecked
		var why string
		if e.Measure == "grade" {
			if dt, err := dates.Parse(e.Date); err == nil {
				c := rec.Check(e.Council, dt, e.Area, e.Value)
				v, why = c.Verdict, c.Reason(e.Council, e.Date)
			}
		}
		for _, k := range []string{"", e.Measure, "kind:" + e.Kind} {
			t := get(k)
			if e.Right {
				t.right++
			} else {
				t.wrong++
			}
			switch v {
			case inspections.Contradicted, inspections.Absent:
				if e.Right {
					t.rightHeld++
				} else {
					t.wrongHeld++
				}
			case inspections.Corroborated:
				if e.Right {
					t.rightAgreed++
				} else {
					t.wrongAgreed++
				}
			}
		}
		if v == inspections.Contradicted || v == inspections.Absent {
			label := "wrong"
			if e.Right {
				label = "RIGHT"
			}
			held = append(held, fmt.Sprintf("  %s %s %s: %s (%s)", label, e.Fold, e.Piece, e.What, why))
		} else if !e.Right && e.Measure == "grade" {
			passed = append(passed, fmt.Sprintf("  %s %s: %s [%s] (%s)", e.Fold, e.Piece, e.What, map[bool]string{true: "agrees", false: "unchecked"}[v == inspections.Corroborated], why))
		}
	}
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(w, "the record check on %s, rows above the cut\n", set)
	fmt.Fprintf(w, "%-24s %6s %6s %11s %11s %12s %12s %9s %9s\n", "measure or kind", "right", "wrong", "wrong held", "right held", "right agreed", "wrong agreed", "before", "after")
	for _, k := range keys {
		t := by[k]
		name := k
		if name == "" {
			name = "all"
		}
		fmt.Fprintf(w, "%-24s %6d %6d %11d %11d %12d %12d %9s %9s\n", name, t.right, t.wrong, t.wrongHeld, t.rightHeld, t.rightAgreed, t.wrongAgreed,
			pct(t.right, t.right+t.wrong), pct(t.right-t.rightHeld, t.right+t.wrong-t.rightHeld-t.wrongHeld))
	}
	sort.Strings(held)
	fmt.Fprintln(w, "held by the record:")
	for _, h := range held {
		fmt.Fprintln(w, h)
	}
	sort.Strings(passed)
	fmt.Fprintln(w, "wrong grades it lets through:")
	for _, h := range passed {
		fmt.Fprintln(w, h)
	}
}
