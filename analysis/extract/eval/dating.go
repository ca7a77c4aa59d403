package eval

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/reference"
)

// Dating a corroborated grade by the record (docs/extraction.md): the
// development data read with extract.Options.DateByRecord off and on, and
// first sight (slices 1-6 as their first-score extractors wrote them) with
// no check, the check, and the check with the dating applied to their rows
// as the extractor now applies them; each scored above the cut by the
// key's matching, under the strict scorer (the key as it is) and under a
// lenient one that also accepts, for a grade the key dates by a recorded
// inspection's publication day, that inspection's first day.

// RunRow is one row of an extraction run: a candidate and whether it
// stands above the cut.
type RunRow struct {
	C     evidence.Candidate
	Above bool
}

// datingVariant is one way of reading a set: its rows by piece.
type datingVariant struct {
	name string
	rows map[string][]RunRow
}

// rowsByPiece is a run's rows by piece (the text's file name).
func rowsByPiece(res *extract.Result) map[string][]RunRow {
	out := map[string][]RunRow{}
	for _, r := range res.Findings {
		p := strings.TrimSuffix(filepath.Base(r.File), filepath.Ext(r.File))
		out[p] = append(out[p], RunRow{r.Candidate, true})
	}
	for _, r := range res.Review {
		p := strings.TrimSuffix(filepath.Base(r.File), filepath.Ext(r.File))
		out[p] = append(out[p], RunRow{r.Candidate, false})
	}
	return out
}

// ReadRunRows reads an extractor's findings.csv (above the cut) and
// review.csv rows from dir, by piece, for the pieces wanted (by source).
func ReadRunRows(dir string, want func(source string) (string, bool)) (map[string][]RunRow, error) {
	got := map[string][]RunRow{}
	for _, f := range []struct {
		name  string
		above bool
	}{{"findings.csv", true}, {"review.csv", false}} {
		rows, err := readCSV(filepath.Join(dir, f.name))
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			piece, ok := want(r["source"])
			if !ok {
				continue
			}
			conf, _ := strconv.ParseFloat(r["confidence"], 64)
			c := evidence.Candidate{Council: r["council"], Date: r["date"], Published: r["published"],
				Measure: r["measure"], Value: r["value"], Area: r["area"], Scope: r["scope"], Qualifier: r["qualifier"],
				SourceType: r["source_type"], Note: r["note"], Quote: r["quote"], Confidence: conf}
			if !f.above {
				c.Review = r["reason"]
				if c.Review == "" {
					c.Review = "in review"
				}
			}
			got[piece] = append(got[piece], RunRow{c, f.above})
		}
	}
	return got, nil
}

// applyRecord applies the record check (and with date, the dating) to a
// run's rows as the extractor applies it: a row the check holds leaves the
// cut.
func applyRecord(in map[string][]RunRow, rec *inspections.Record, date bool) map[string][]RunRow {
	out := map[string][]RunRow{}
	for p, cs := range in {
		for _, c := range cs {
			x := c.C
			extract.CheckRecord(rec, &x, date)
			out[p] = append(out[p], RunRow{x, c.Above && x.Review == ""})
		}
	}
	return out
}

// datingScore is one variant's score of one set under one scorer: above
// the cut, and each expected fact's matching row (by piece and fact
// index) for the diff.
type datingScore struct {
	tp, fp, fn int
	by         map[string]*[3]int // measure, "kind:K", "structure:S" -> tp, fp, fn
	matched    map[string]map[int]string
	wrong      map[string][]string
	allTP      int // expected facts matched by a row above the cut or in review
}

// matchFunc says whether a row's date stands for a fact's.
type matchFunc func(r newsRow, f NewsFact) bool

func strictMatch(r newsRow, f NewsFact) bool { return dateMatches(r.date, f.Date) }

// lenientMatch also accepts, for a grade the key dates by the day a
// recorded inspection of the council was published, that inspection's
// first day: both name one event, and findings v3 date a judgement by its
// first day.
func lenientMatch(rec *inspections.Record) matchFunc {
	return func(r newsRow, f NewsFact) bool {
		if dateMatches(r.date, f.Date) {
			return true
		}
		if f.Measure != "grade" || f.Date.Prec != dates.PrecDay || r.date.Prec != dates.PrecDay {
			return false
		}
		for _, name := range strings.Split(f.Council, "|") {
			for _, x := range rec.Inspections(name) {
				if x.Published == f.Date.Day && x.Inspected == r.date.Day {
					return true
				}
			}
		}
		return false
	}
}

// sameInspectionMatch is broader, for information only: for a grade, a row
// dated by a recorded inspection's first day also matches a key date whose
// period (a day, a month, a year) holds that inspection's publication day.
func sameInspectionMatch(rec *inspections.Record) matchFunc {
	return func(r newsRow, f NewsFact) bool {
		if dateMatches(r.date, f.Date) {
			return true
		}
		if f.Measure != "grade" || f.Date.IsZero() || r.date.Prec != dates.PrecDay {
			return false
		}
		for _, name := range strings.Split(f.Council, "|") {
			for _, x := range rec.Inspections(name) {
				if x.Inspected == r.date.Day && x.Published >= f.Date.Day && x.Published <= f.Date.End() {
					return true
				}
			}
		}
		return false
	}
}

// labelWith labels the rows as labelRows says, dates matched by match,
// and gives the key fact each right row takes (-1 for none).
func labelWith(facts []NewsFact, rows []newsRow, match matchFunc) ([]int, []int) {
	out := make([]int, len(rows))
	fact := make([]int, len(rows))
	taken := make([]bool, len(facts))
	for pass := 0; pass < 2; pass++ {
		for j, r := range rows {
			if r.review != (pass == 1) {
				continue
			}
			hit, ignored := -1, false
			for i, f := range facts {
				if !f.sameFacts(r) {
					continue
				}
				switch {
				case f.Status == StatusIgnore:
					if f.Date.IsZero() || match(r, f) {
						ignored = true
					}
				case f.Status == StatusExpected && !taken[i] && match(r, f):
					if hit < 0 {
						hit = i
					}
				}
			}
			fact[j] = hit
			switch {
			case hit >= 0:
				taken[hit] = true
				out[j] = 1
			case ignored:
				out[j] = -1
			}
		}
	}
	return out, fact
}

func scoreDating(pieces []NewsPiece, facts map[string][]NewsFact, rows map[string][]RunRow, ref *reference.List, match matchFunc) *datingScore {
	s := &datingScore{by: map[string]*[3]int{}, matched: map[string]map[int]string{}, wrong: map[string][]string{}}
	add := func(keys []string, i int) {
		for _, k := range keys {
			if s.by[k] == nil {
				s.by[k] = &[3]int{}
			}
			s.by[k][i]++
		}
	}
	for _, p := range pieces {
		rs, idx := scoredRows(rows[p.Name], ref, held)
		labels, fact := labelWith(facts[p.Name], rs, match)
		s.matched[p.Name] = map[int]string{}
		for j, r := range rs {
			if labels[j] == 1 {
				s.allTP++
			}
			c := rows[p.Name][idx[j]]
			if !c.Above {
				continue
			}
			keys := []string{r.measure, "kind:" + p.Kind}
			switch labels[j] {
			case 1:
				s.tp++
				f := facts[p.Name][fact[j]]
				add(append(keys, "structure:"+f.Structure), 0)
				s.matched[p.Name][fact[j]] = r.String() + " — " + c.C.Note
			case 0:
				s.fp++
				add(keys, 1)
				s.wrong[p.Name] = append(s.wrong[p.Name], r.String()+" — "+c.C.Note)
			}
		}
		for i, f := range facts[p.Name] {
			if f.Status != StatusExpected {
				continue
			}
			if _, ok := s.matched[p.Name][i]; !ok {
				s.fn++
				add([]string{f.Measure, "kind:" + p.Kind, "structure:" + f.Structure}, 2)
			}
		}
	}
	return s
}

// DatingOptions are RecordDating's inputs.
type DatingOptions struct {
	News NewsOptions
	// FirstSight maps a slice to the folder its first-score extractor
	// wrote (findings.csv, review.csv); none: first sight is not scored.
	FirstSight map[string]string
	Record     *inspections.Record // nil: the embedded record
	NoDev      bool                // RecordPromote: first sight only
}

// devSet is the news set's development pieces opened for a study of the
// record; held-out pieces are never read.
type devSet struct {
	rec      *inspections.Record
	eo       extract.Options // the development texts, read with the record check
	pieces   []NewsPiece     // by name
	bySource map[string]NewsPiece
	facts    map[string][]NewsFact // the key, by development piece
}

func openDevSet(o DatingOptions) (*devSet, error) {
	eo, all, key, err := openNewsSet(o.News)
	if err != nil {
		return nil, err
	}
	d := &devSet{rec: o.Record, bySource: map[string]NewsPiece{}, facts: map[string][]NewsFact{}}
	if d.rec == nil {
		d.rec = inspections.DefaultRecord()
	}
	eo.Record, eo.NoRecordCheck = d.rec, false
	eo.Paths = nil
	byName := map[string]NewsPiece{}
	for _, p := range all {
		byName[p.Name] = p
		if p.HeldOut != "" {
			continue // never read
		}
		d.pieces = append(d.pieces, p)
		d.bySource[p.Source] = p
		eo.Paths = append(eo.Paths, filepath.Join(o.News.Texts, p.Name+".txt"))
	}
	sort.Slice(d.pieces, func(i, j int) bool { return d.pieces[i].Name < d.pieces[j].Name })
	for _, k := range key {
		if p, ok := byName[k.Piece]; ok && p.HeldOut == "" {
			d.facts[k.Piece] = append(d.facts[k.Piece], k)
		}
	}
	d.eo = eo
	return d, nil
}

// firstSight reads each slice's first-score run (dirs: slice -> folder)
// for that slice's development pieces: the pieces, by name, and their rows.
func (d *devSet) firstSight(dirs map[string]string) ([]NewsPiece, map[string][]RunRow, error) {
	var pieces []NewsPiece
	rows := map[string][]RunRow{}
	for s, dir := range dirs {
		got, err := ReadRunRows(dir, func(src string) (string, bool) {
			p, ok := d.bySource[src]
			return p.Name, ok && p.Slice == s
		})
		if err != nil {
			return nil, nil, fmt.Errorf("first sight of slice %s: %w", s, err)
		}
		for p, cs := range got {
			rows[p] = cs
		}
		for _, p := range d.pieces {
			if p.Slice == s {
				pieces = append(pieces, p)
			}
		}
	}
	sort.Slice(pieces, func(i, j int) bool { return pieces[i].Name < pieces[j].Name })
	return pieces, rows, nil
}

// RecordDating prints the measurement: for each set and scorer, the
// variants' scores above the cut and the facts the dating gains and loses
// (with the row's note, which says how it was dated). Held-out pieces are
// never read.
func RecordDating(ctx context.Context, w io.Writer, o DatingOptions) error {
	ds, err := openDevSet(o)
	if err != nil {
		return err
	}
	rec, eo, dev, facts := ds.rec, ds.eo, ds.pieces, ds.facts
	run := func(date bool) (map[string][]RunRow, error) {
		x := eo
		x.DateByRecord = date
		res, err := extract.Run(ctx, x)
		if err != nil {
			return nil, err
		}
		return rowsByPiece(res), nil
	}
	before, err := run(false)
	if err != nil {
		return err
	}
	after, err := run(true)
	if err != nil {
		return err
	}
	sets := []struct {
		name     string
		pieces   []NewsPiece
		variants []datingVariant
	}{{fmt.Sprintf("development data (the rules now, %d pieces)", len(dev)), dev, []datingVariant{{"the check", before}, {"the check, dated by the record", after}}}}
	if len(o.FirstSight) > 0 {
		fsPieces, raw, err := ds.firstSight(o.FirstSight)
		if err != nil {
			return err
		}
		sets = append(sets, struct {
			name     string
			pieces   []NewsPiece
			variants []datingVariant
		}{"first sight (slices 1-6 under their first-score extractors)", fsPieces, []datingVariant{
			{"no check", raw}, {"the check", applyRecord(raw, rec, false)}, {"the check, dated by the record", applyRecord(raw, rec, true)}}})
	}
	for _, sc := range []struct {
		name  string
		match matchFunc
	}{{"STRICT scorer (the key as it is)", strictMatch}, {"LENIENT scorer (a grade keyed by a recorded inspection's publication day also matched by its first day)", lenientMatch(rec)},
		{"SAME-INSPECTION scorer, for information (a grade keyed by a day, month or year holding a recorded inspection's publication day also matched by its first day)", sameInspectionMatch(rec)}} {
		for _, set := range sets {
			fmt.Fprintf(w, "\n== %s, %s\n", set.name, sc.name)
			var scores []*datingScore
			for _, v := range set.variants {
				s := scoreDating(set.pieces, facts, v.rows, eo.Ref, sc.match)
				scores = append(scores, s)
				fmt.Fprintf(w, "%-32s above the cut %d-%d-%d (%s / %s); facts found with review rows %d\n", v.name, s.tp, s.fp, s.fn, pct(s.tp, s.tp+s.fp), pct(s.tp, s.tp+s.fn), s.allTP)
				var keys []string
				for k := range s.by {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					t := s.by[k]
					fmt.Fprintf(w, "    %-40s %d-%d-%d\n", k, t[0], t[1], t[2])
				}
			}
			a, b := scores[len(scores)-2], scores[len(scores)-1]
			fmt.Fprintln(w, "facts gained above the cut by the dating (row as dated, its note):")
			diff(w, set.pieces, facts, b, a)
			fmt.Fprintln(w, "facts lost above the cut by the dating (the row before, its note):")
			diff(w, set.pieces, facts, a, b)
			if sc.name[0] == 'S' {
				fmt.Fprintln(w, "wrong rows above the cut after the dating:")
				for _, p := range set.pieces {
					for _, r := range b.wrong[p.Name] {
						fmt.Fprintf(w, "  %s %s: %s\n", foldName(p), p.Name, r)
					}
				}
			}
		}
	}
	return nil
}

// diff prints the expected facts matched in a and not in b.
func diff(w io.Writer, pieces []NewsPiece, facts map[string][]NewsFact, a, b *datingScore) {
	for _, p := range pieces {
		for i, f := range facts[p.Name] {
			row, ok := a.matched[p.Name][i]
			if !ok {
				continue
			}
			if _, ok := b.matched[p.Name][i]; ok {
				continue
			}
			fmt.Fprintf(w, "  %s %s [%s, %s] key %s %s %s %s: %s\n", foldName(p), p.Name, p.Kind, f.Structure, f.Council, f.Date, f.Measure, f.Value+" "+f.Area, row)
		}
	}
}
