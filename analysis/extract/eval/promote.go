package eval

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/reference"
)

// The record lifting held grades (docs/extraction.md): for each set, the
// held grades with a council and a date that Ofsted's record corroborates,
// by the kind of reason they were held for, and what putting each kind
// above the cut would do under the strict scorer (the key as it is).

// HoldKind is the kind of a review reason: the first reason the rules
// gave (the record's word, appended after "; ", is not the hold), by
// the table of phrases the text reader's reasons start with.
func HoldKind(review string) string {
	first, _, _ := strings.Cut(review, "; ")
	for _, k := range holdKinds {
		if strings.Contains(first, k.phrase) {
			return k.kind
		}
	}
	if strings.HasPrefix(first, "Ofsted's record") || strings.HasPrefix(first, "no inspection of") {
		return "record"
	}
	return "other"
}

var holdKinds = []struct{ phrase, kind string }{
	{"names several councils", "council doubt"},
	{"names no council and the document names several", "council doubt"},
	{"dated by the sentence before", "date doubt"},
	{"dates no inspection or report", "date doubt"},
	{"the only inspection the article dates is", "date doubt"},
	{"dates more than one inspection", "date doubt"},
	{"the grade's sentence gives a time", "date doubt"},
	{"the grade's sentence speaks of another time", "date doubt"},
	{"the date is in another clause", "date doubt"},
	{"the date heads another clause", "date doubt"},
	{"another judgement nearer to the date", "judgement nearer"},
	{"an earlier grade whose date", "earlier grade"},
	{"describes the council's standing", "standing"},
	{"taken only by being named near", "area nearness"},
	{"judgement areas", "area doubt"},
	{"an area the sentence names only as", "area doubt"},
	{"two different grades", "area doubt"},
	{"before the single inspection framework", "area doubt"},
	{"April 2026", "area doubt"},
	{"a plan, an aim", "plan"},
	{"does not validate", "validation"},
}

// promoteCand is one held, corroborated grade.
type promoteCand struct {
	piece, kind, what string
}

// RecordPromote prints the measurement. Held-out pieces are never read.
func RecordPromote(ctx context.Context, w io.Writer, o DatingOptions) error {
	ds, err := openDevSet(o)
	if err != nil {
		return err
	}
	rec, eo, dev, facts := ds.rec, ds.eo, ds.pieces, ds.facts
	type set struct {
		name   string
		pieces []NewsPiece
		rows   map[string][]RunRow
	}
	var sets []set
	if len(o.FirstSight) > 0 {
		fsPieces, raw, err := ds.firstSight(o.FirstSight)
		if err != nil {
			return err
		}
		sets = append(sets, set{"first sight (slices 1-6 under their first-score extractors, the check applied)", fsPieces, applyRecord(raw, rec, false)})
	}
	if !o.NoDev {
		res, err := extract.Run(ctx, eo)
		if err != nil {
			return err
		}
		sets = append(sets, set{fmt.Sprintf("development data (the rules now, %d pieces)", len(dev)), dev, rowsByPiece(res)})
	}
	for _, s := range sets {
		// The held grades the record corroborates, by kind; and every held
		// grade with a council and a date by the record's verdict (chance
		// agreement is the question: a school's "good" may be the council's).
		kinds := map[string]int{}
		verdicts := map[inspections.Verdict]int{}
		held, dated := 0, 0
		for _, cs := range s.rows {
			for _, c := range cs {
				if c.Above || c.C.Measure != "grade" {
					continue
				}
				held++
				if v, ok := heldVerdict(rec, c); ok {
					dated++
					verdicts[v]++
				}
				if k, ok := corroboratedHold(rec, c); ok {
					kinds[k]++
				}
			}
		}
		base := scoreDating(s.pieces, facts, s.rows, eo.Ref, strictMatch)
		fmt.Fprintf(w, "\n== %s, strict scorer\n", s.name)
		fmt.Fprintf(w, "above the cut %d-%d-%d (%s / %s); held grades %d, with a council and a date %d: corroborated %d, contradicted %d, no inspection near %d, unchecked %d\n",
			base.tp, base.fp, base.fn, pct(base.tp, base.tp+base.fp), pct(base.tp, base.tp+base.fn), held, dated,
			verdicts[inspections.Corroborated], verdicts[inspections.Contradicted], verdicts[inspections.Absent], verdicts[inspections.Unchecked])
		names := make([]string, 0, len(kinds)+1)
		for k := range kinds {
			names = append(names, k)
		}
		sort.Strings(names)
		names = append(names, "ALL")
		fmt.Fprintf(w, "%-16s %6s %7s %7s %7s %14s\n", "hold kind", "rows", "gained", "wrong+", "prec", "above after")
		for _, k := range names {
			lift := func(kind string) bool { return k == "ALL" || kind == k }
			rows := promote(rec, s.rows, lift)
			a := scoreDating(s.pieces, facts, rows, eo.Ref, strictMatch)
			n := kinds[k]
			if k == "ALL" {
				n = sum(kinds)
			}
			fmt.Fprintf(w, "%-16s %6d %7d %7d %7s %14s\n", k, n, a.tp-base.tp, a.fp-base.fp, pct(a.tp-base.tp, a.tp-base.tp+a.fp-base.fp),
				fmt.Sprintf("%d-%d-%d %s/%s", a.tp, a.fp, a.fn, pct(a.tp, a.tp+a.fp), pct(a.tp, a.tp+a.fn)))
		}
		// Every held grade with a council and a date put above the cut, each
		// labelled by the strict scorer, by the record's verdict: how often
		// the record agrees with a held grade that is right, and with one
		// that is wrong.
		// Rows the record check itself held are left out: never corroborated.
		everyDated := func(c RunRow) bool {
			_, ok := heldVerdict(rec, c)
			return ok && HoldKind(c.C.Review) != "record"
		}
		labels := labelLifted(s.pieces, facts, s.rows, eo.Ref, everyDated)
		type vk struct {
			v     inspections.Verdict
			label string
		}
		cross := map[vk]int{}
		for _, p := range s.pieces {
			for j, c := range s.rows[p.Name] {
				if l, ok := labels[p.Name][j]; ok {
					v, _ := heldVerdict(rec, c)
					cross[vk{v, l}]++
				}
			}
		}
		fmt.Fprintln(w, "every grade the rules held with a council and a date (not those the record check held), put above the cut, by the record's verdict (RIGHT / WRONG / neither):")
		for _, v := range []struct {
			v    inspections.Verdict
			name string
		}{{inspections.Corroborated, "corroborated"}, {inspections.Contradicted, "contradicted"}, {inspections.Absent, "no inspection near"}, {inspections.Unchecked, "unchecked"}} {
			fmt.Fprintf(w, "  %-20s %d / %d / %d\n", v.name, cross[vk{v.v, "RIGHT"}], cross[vk{v.v, "WRONG"}], cross[vk{v.v, "neither"}])
		}
		fmt.Fprintln(w, "every held grade the record corroborates, all lifted (RIGHT: a fact the key expects not found above the cut before; WRONG: a wrong finding above the cut; neither: a fact the key ignores):")
		labels = labelLifted(s.pieces, facts, s.rows, eo.Ref, func(c RunRow) bool { _, ok := corroboratedHold(rec, c); return ok })
		for _, p := range s.pieces {
			for j, c := range s.rows[p.Name] {
				l, ok := labels[p.Name][j]
				if !ok {
					continue
				}
				k, _ := corroboratedHold(rec, c)
				r, _ := cutRow(c.C, eo.Ref)
				fmt.Fprintf(w, "  %-7s [%s] %s %s %s: %s\n", l, k, foldName(p), p.Name, r.String(), c.C.Review)
			}
		}
	}
	return nil
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// heldVerdict is the record's verdict on a held grade with a council and
// a date.
func heldVerdict(rec *inspections.Record, c RunRow) (inspections.Verdict, bool) {
	if c.Above || c.C.Measure != "grade" || c.C.Council == "" || c.C.Date == "" {
		return 0, false
	}
	d, err := dates.Parse(c.C.Date)
	if err != nil {
		return 0, false
	}
	return rec.Check(c.C.Council, d, c.C.Area, c.C.Value).Verdict, true
}

// corroboratedHold says whether a held grade has a council and a date the
// record corroborates, and the kind of its hold.
func corroboratedHold(rec *inspections.Record, c RunRow) (string, bool) {
	if v, ok := heldVerdict(rec, c); !ok || v != inspections.Corroborated {
		return "", false
	}
	return HoldKind(c.C.Review), true
}

// promote puts above the cut the held, corroborated grades whose hold
// kind lift accepts.
func promote(rec *inspections.Record, in map[string][]RunRow, lift func(string) bool) map[string][]RunRow {
	out := map[string][]RunRow{}
	for p, cs := range in {
		for _, c := range cs {
			if k, ok := corroboratedHold(rec, c); ok && lift(k) {
				c.Above = true
			}
			out[p] = append(out[p], c)
		}
	}
	return out
}

// labelLifted puts above the cut the held rows lift accepts and labels
// each of them (by piece and row index) under the strict scorer: RIGHT
// when it takes a fact the key expects that nothing above the cut took,
// WRONG when it takes none, neither when it states a fact the key ignores.
func labelLifted(pieces []NewsPiece, facts map[string][]NewsFact, in map[string][]RunRow, ref *reference.List, lift func(RunRow) bool) map[string]map[int]string {
	out := map[string]map[int]string{}
	for _, p := range pieces {
		out[p.Name] = map[int]string{}
		rs, idx := scoredRows(in[p.Name], ref, func(c RunRow) bool { return !c.Above && !lift(c) })
		got, _ := labelWith(facts[p.Name], rs, strictMatch)
		for n, j := range idx {
			c := in[p.Name][j]
			if c.Above || !lift(c) {
				continue
			}
			out[p.Name][j] = map[int]string{1: "RIGHT", 0: "WRONG", -1: "neither"}[got[n]]
		}
	}
	return out
}
