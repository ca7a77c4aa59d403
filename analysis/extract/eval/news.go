package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract"
	"github.com/oversight/oversight/analysis/reference"
)

// News scoring: the text reader on real news articles, council papers,
// press releases and FOI answers (issue 20). The texts are not in the
// repository (their words are others'); fixtures/news holds their
// addresses (pieces.csv) and a key of the facts each states (key.csv),
// written by hand from reading them. NewsOptions.Texts names the folder
// holding one PIECE.txt per row of pieces.csv.

// NewsOptions say where the texts and the key are.
type NewsOptions struct {
	Texts  string // folder of PIECE.txt files
	Key    string // key.csv
	Pieces string // pieces.csv
	// SkipHeldOut leaves the held-out slice unscored (while writing
	// rules, so its texts stay unseen).
	SkipHeldOut bool
	// Extract are the pipeline's options (Paths is set here).
	Extract extract.Options
}

// ErrNoTexts is returned when the texts folder is not there.
var ErrNoTexts = errors.New("the news texts are not here")

// Key statuses: a fact the extractor must put in findings.csv; one the text
// states but does not complete (no date for it, say), which belongs in
// review.csv; one not scored either way (the key's writer could not tell
// what a careful reader would record).
const (
	StatusExpected = ""
	StatusReview   = "review"
	StatusIgnore   = "ignore"
)

// NewsPiece is one row of pieces.csv.
type NewsPiece struct {
	Name, Source, Kind, Year, Published string
	// HeldOut names the held-out slice the piece belongs to, scored
	// apart ("" for development data); pieces.csv's held_out column:
	// "yes" is slice 1.
	HeldOut string
	// Slice is when the piece was keyed (pieces.csv's slice column): ""
	// with the development set, else the held-out slice it came in. A
	// slice whose first score has been taken and whose misses prompted
	// rules is development data (held_out blank) that keeps its slice.
	Slice string
	Tags  []string
}

// NewsFact is one row of key.csv, normalised for matching.
type NewsFact struct {
	Line      int
	Piece     string
	Council   string // reference-list name(s)
	Date      dates.Date
	Published string
	Measure   string
	Value     string
	Area      string
	Scope     string
	Qualifier string
	Status    string
	Structure string
	raw       string
}

// NewsTally is true positives, false positives and misses.
type NewsTally = Measure

// NewsSlice is the score of one part of the set (development or held-out).
type NewsSlice struct {
	Name   string
	Pieces int
	// Parts are the slices the pieces came in (development data holds the
	// development set and the held-out slices already seen), each with its
	// total above the cut and with review rows.
	Parts []*NewsPart
	// Above scores findings.csv only; WithReview counts review.csv rows as
	// well (as if an analyst accepted each one), against every fact the
	// texts state (the key's review rows too).
	Above, WithReview map[string]*NewsTally
	// ByKind is Above by the kind of document (news, council-paper, ...);
	// ByKindReview is WithReview by kind.
	ByKind, ByKindReview map[string]*NewsTally
	// ByStructure counts each expected fact by how the text states it:
	// [0] facts, [1] found above the cut, [2] found with review rows.
	ByStructure map[string]*[3]int
	// Published counts the true positives whose published date equals the
	// key's (of those the key dates).
	PublishedRight, PublishedKeyed int
	// NoCouncil counts review rows without a council (national figures and
	// the like), which are not scored.
	NoCouncil int
	Misses    []string
	Wrong     []string
	// Right are the findings.csv rows that state a fact of the key, with
	// the rule that dated them (for studying what the rules get right).
	Right []string
	// ReviewWrong are review rows that state no fact of the key.
	ReviewWrong []string
	// Unfound are the facts (a review fact too) in neither file.
	Unfound []string
}

// NewsPart is one slice's share of a part of the set.
type NewsPart struct {
	Name              string
	slice             string // the label it came in ("" for the development set)
	Pieces            int
	Above, WithReview NewsTally
}

// NewsResult is the development data and each held-out slice.
type NewsResult struct {
	Slices  []*NewsSlice
	Missing []string // pieces whose text is not in the folder
	Extract *extract.Result
}

// ReadNewsPieces reads pieces.csv.
func ReadNewsPieces(path string) ([]NewsPiece, error) {
	rows, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	var out []NewsPiece
	for i, r := range rows {
		p := NewsPiece{Name: r["piece"], Source: r["source"], Kind: r["kind"], Year: r["year"], Published: r["published"],
			HeldOut: strings.TrimSpace(r["held_out"]), Slice: strings.TrimSpace(r["slice"])}
		if p.HeldOut == "yes" {
			p.HeldOut = "1"
		}
		if p.Slice == "" {
			p.Slice = p.HeldOut
		}
		if p.Name == "" || p.Source == "" || p.Kind == "" {
			return nil, fmt.Errorf("%s line %d: piece, source and kind are required", path, i+2)
		}
		for _, t := range strings.Split(r["tags"], ";") {
			if t = strings.TrimSpace(t); t != "" {
				p.Tags = append(p.Tags, t)
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// ReadNewsKey reads key.csv, resolving each council through ref.
func ReadNewsKey(path string, ref *reference.List) ([]NewsFact, error) {
	rows, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	var out []NewsFact
	for i, r := range rows {
		line := i + 2
		f := NewsFact{Line: line, Piece: r["piece"], Published: r["published"], Measure: r["measure"],
			Status: r["status"], Structure: r["structure"]}
		switch f.Status {
		case StatusExpected, StatusReview, StatusIgnore:
		default:
			return nil, fmt.Errorf("%s line %d: status %q is not blank, review or ignore", path, line, f.Status)
		}
		if r["date"] != "" {
			d, err := dates.Parse(r["date"])
			if err != nil {
				return nil, fmt.Errorf("%s line %d: date: %v", path, line, err)
			}
			f.Date = d
		} else if f.Status == StatusExpected {
			return nil, fmt.Errorf("%s line %d: a fact expected in findings.csv needs its date (a fact the text does not date has status review)", path, line)
		}
		c := councilKey(ref, r["council"])
		if c == "" {
			return nil, fmt.Errorf("%s line %d: council %q is not in the reference list", path, line, r["council"])
		}
		f.Council = c
		f.Value, f.Area, f.Scope, f.Qualifier = normValues(f.Measure, r["value"], r["area"], r["scope"], r["qualifier"])
		if !isScored(f.Measure) {
			return nil, fmt.Errorf("%s line %d: measure %q is not one of %s", path, line, f.Measure, strings.Join(ScoredMeasures, ", "))
		}
		f.raw = strings.TrimSpace(strings.Join([]string{r["council"], orDash(r["date"]), f.Measure, r["value"]}, " "))
		for _, kv := range [][2]string{{"area", f.Area}, {"scope", f.Scope}} {
			if kv[1] != "" && kv[1] != "overall" {
				f.raw += " " + kv[0] + "=" + kv[1]
			}
		}
		if f.Qualifier != "exact" {
			f.raw += " qualifier=" + f.Qualifier
		}
		out = append(out, f)
	}
	return out, nil
}

func orDash(s string) string {
	if s == "" {
		return "undated"
	}
	return s
}

func isScored(m string) bool {
	for _, s := range ScoredMeasures {
		if s == m {
			return true
		}
	}
	return false
}

// councilKey is the name a council is compared by: the reference list's
// name, whatever form (alias, code) the text or key used.
func councilKey(ref *reference.List, s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	cs := ref.Candidates(s)
	if len(cs) == 0 {
		return ""
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	sort.Strings(names)
	return strings.Join(names, "|")
}

// normValues puts a finding's value, area, scope and qualifier in one
// form: grades in the contract's words, numbers without their per cent
// sign, overall as a grade's default area, exact as the default qualifier.
func normValues(measure, value, area, scope, qualifier string) (string, string, string, string) {
	v := strings.ToLower(strings.Join(strings.Fields(value), " "))
	switch measure {
	case "grade":
		if strings.HasPrefix(v, "requires improvement") || v == "ri" {
			v = "requires improvement"
		}
		if area == "" {
			area = "overall"
		}
	case "visit":
	default:
		if n, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(v, ",", ""), "%"), 64); err == nil {
			v = strconv.FormatFloat(n, 'f', -1, 64)
		}
		area = ""
	}
	scope = strings.ToLower(strings.TrimSpace(scope))
	if scope == "council" {
		scope = ""
	}
	if qualifier == "" {
		qualifier = "exact"
	}
	return v, area, scope, qualifier
}

// newsRow is a pipeline row normalised like a fact.
type newsRow struct {
	piece   string
	council string
	date    dates.Date
	hasDate bool
	pub     string
	measure string
	value   string
	area    string
	scope   string
	qual    string
	quote   string
	reason  string
	note    string
	review  bool
}

func (r newsRow) String() string {
	d := "undated"
	if r.hasDate {
		d = r.date.String()
	}
	s := fmt.Sprintf("%s %s %s %s", r.council, d, r.measure, r.value)
	if r.area != "" && r.area != "overall" {
		s += " area=" + r.area
	}
	if r.scope != "" {
		s += " scope=" + r.scope
	}
	if r.qual != "exact" {
		s += " qualifier=" + r.qual
	}
	return s
}

func (f NewsFact) sameFacts(r newsRow) bool {
	return f.Council == r.council && f.Measure == r.measure && f.Value == r.value && f.Area == r.area &&
		f.Scope == r.scope && f.Qualifier == r.qual
}

// openNewsSet checks the texts' folder and reads the pieces and the key,
// with the extraction options they are read with.
func openNewsSet(opts NewsOptions) (extract.Options, []NewsPiece, []NewsFact, error) {
	o := opts.Extract
	if info, err := os.Stat(opts.Texts); opts.Texts == "" || err != nil || !info.IsDir() {
		return o, nil, nil, fmt.Errorf("%w: %q is not a folder.\nThe texts of the development set are not kept in the repository (their words are the publishers'). "+
			"To score: save the text of each address in %s as PIECE.txt (PIECE from its piece column), "+
			"first line \"Source: <address>\", the article's own words after it, in one folder, "+
			"and point OVERSIGHT_NEWS_TEXTS at it (make eval-news OVERSIGHT_NEWS_TEXTS=/path/to/folder)", ErrNoTexts, opts.Texts, opts.Pieces)
	}
	if o.Ref == nil {
		o.Ref = reference.Default()
	}
	pieces, err := ReadNewsPieces(opts.Pieces)
	if err != nil {
		return o, nil, nil, err
	}
	key, err := ReadNewsKey(opts.Key, o.Ref)
	return o, pieces, key, err
}

// RunNews extracts every piece's text through the pipeline and scores it.
func RunNews(ctx context.Context, opts NewsOptions) (*NewsResult, error) {
	o, pieces, key, err := openNewsSet(opts)
	if err != nil {
		return nil, err
	}
	known := map[string]NewsPiece{}
	for _, p := range pieces {
		known[p.Name] = p
	}
	for _, k := range key {
		if _, ok := known[k.Piece]; !ok {
			return nil, fmt.Errorf("%s line %d: piece %q is not in %s", opts.Key, k.Line, k.Piece, opts.Pieces)
		}
	}
	out := &NewsResult{}
	o.Paths = nil
	present := map[string]bool{}
	for _, p := range pieces {
		if p.HeldOut != "" && opts.SkipHeldOut {
			continue
		}
		path := filepath.Join(opts.Texts, p.Name+".txt")
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			out.Missing = append(out.Missing, p.Name)
			continue
		}
		present[p.Name] = true
		o.Paths = append(o.Paths, path)
	}
	if len(o.Paths) == 0 {
		return nil, fmt.Errorf("%w: %s holds none of the %d pieces of %s", ErrNoTexts, opts.Texts, len(pieces), opts.Pieces)
	}
	res, err := extract.Run(ctx, o)
	if err != nil {
		return nil, err
	}
	out.Extract = res
	rows := map[string][]newsRow{}
	add := func(r extract.Row, review bool) {
		piece := strings.TrimSuffix(filepath.Base(r.File), filepath.Ext(r.File))
		if !isScored(r.Measure) {
			return
		}
		nr := newsRow{piece: piece, council: councilKey(o.Ref, r.Council), pub: r.Published, measure: r.Measure,
			quote: r.Quote, reason: r.Reason, note: r.Note, review: review}
		nr.value, nr.area, nr.scope, nr.qual = normValues(r.Measure, r.Value, r.Area, r.Scope, r.Qualifier)
		if d, err := dates.Parse(r.Date); err == nil && r.Date != "" {
			nr.date, nr.hasDate = d, true
		}
		rows[piece] = append(rows[piece], nr)
	}
	for _, r := range res.Findings {
		add(r, false)
	}
	for _, r := range res.Review {
		add(r, true)
	}
	names := []string{""}
	for _, p := range pieces {
		if !slices.Contains(names, p.HeldOut) {
			names = append(names, p.HeldOut)
		}
	}
	sort.Slice(names[1:], func(i, j int) bool { return sliceLess(names[1+i], names[1+j]) })
	for _, held := range names {
		name := "development data"
		if held != "" {
			name = "held-out slice " + held
		}
		s := newSlice(name)
		parts := map[string]*NewsPart{}
		for _, p := range pieces {
			if p.HeldOut != held || !present[p.Name] {
				continue
			}
			s.Pieces++
			var facts []NewsFact
			for _, k := range key {
				if k.Piece == p.Name {
					facts = append(facts, k)
				}
			}
			// The piece alone, for its slice's line.
			one := newSlice("")
			one.score(p, facts, rows[p.Name])
			s.score(p, facts, rows[p.Name])
			part := parts[p.Slice]
			if part == nil {
				pn := "development set"
				if p.Slice != "" {
					pn = "slice " + p.Slice
					if held == "" {
						pn += " (seen)"
					}
				}
				part = &NewsPart{Name: pn, slice: p.Slice, Above: NewsTally{Name: pn}, WithReview: NewsTally{Name: pn}}
				parts[p.Slice] = part
				s.Parts = append(s.Parts, part)
			}
			part.Pieces++
			a, w := one.AboveTotal(), one.WithReviewTotal()
			part.Above.TP += a.TP
			part.Above.FP += a.FP
			part.Above.FN += a.FN
			part.WithReview.TP += w.TP
			part.WithReview.FP += w.FP
			part.WithReview.FN += w.FN
		}
		sort.SliceStable(s.Parts, func(i, j int) bool { return sliceLess(s.Parts[i].slice, s.Parts[j].slice) })
		out.Slices = append(out.Slices, s)
	}
	return out, nil
}

func newSlice(name string) *NewsSlice {
	s := &NewsSlice{Name: name, Above: map[string]*NewsTally{}, WithReview: map[string]*NewsTally{},
		ByKind: map[string]*NewsTally{}, ByKindReview: map[string]*NewsTally{}, ByStructure: map[string]*[3]int{}}
	for _, m := range ScoredMeasures {
		s.Above[m] = &NewsTally{Name: m}
		s.WithReview[m] = &NewsTally{Name: m}
	}
	return s
}

// score matches one piece's rows against its facts.
func (s *NewsSlice) score(p NewsPiece, facts []NewsFact, rows []newsRow) {
	kind := s.ByKind[p.Kind]
	if kind == nil {
		kind = &NewsTally{Name: p.Kind}
		s.ByKind[p.Kind] = kind
	}
	kindR := s.ByKindReview[p.Kind]
	if kindR == nil {
		kindR = &NewsTally{Name: p.Kind}
		s.ByKindReview[p.Kind] = kindR
	}
	foundAbove := make([]bool, len(facts))
	foundAny := make([]bool, len(facts))
	// Above the cut: a finding is right when it states an expected fact,
	// date included; one that dates a fact the text leaves undated is wrong.
	for _, r := range rows {
		if r.review {
			continue
		}
		t := s.Above[r.measure]
		hit, ignored, why := -1, false, "not in the key"
		for i, f := range facts {
			if !f.sameFacts(r) {
				continue
			}
			switch {
			case f.Status == StatusIgnore:
				if f.Date.IsZero() || dateMatches(r.date, f.Date) {
					ignored = true
				}
			case f.Status == StatusReview:
				why = "the text does not date this fact: it belongs in review"
			case foundAbove[i]:
			case dateMatches(r.date, f.Date):
				hit = i
			default:
				why = "the key dates it " + f.Date.String()
			}
			if hit >= 0 {
				break
			}
		}
		switch {
		case hit >= 0:
			foundAbove[hit] = true
			t.TP++
			kind.TP++
			s.Right = append(s.Right, fmt.Sprintf("%s: findings.csv has %s [%s]", p.Name, r, r.note))
			if facts[hit].Published != "" {
				s.PublishedKeyed++
				if r.pub == facts[hit].Published {
					s.PublishedRight++
				}
			}
		case ignored:
		default:
			t.FP++
			kind.FP++
			s.Wrong = append(s.Wrong, fmt.Sprintf("%s: findings.csv has %s (%s; rule: %s): %q", p.Name, r, why, r.note, r.quote))
		}
	}
	// With review rows: every fact the text states, found in either file
	// (a review row without a date matches a fact of any date: the analyst
	// dates it from the quote). The findings go first, so an undated review
	// row cannot take the fact a dated finding states.
	ordered := make([]newsRow, 0, len(rows))
	for _, r := range rows {
		if !r.review {
			ordered = append(ordered, r)
		}
	}
	for _, r := range rows {
		if r.review {
			ordered = append(ordered, r)
		}
	}
	for _, r := range ordered {
		if r.council == "" {
			if r.review {
				s.NoCouncil++
			}
			continue
		}
		t := s.WithReview[r.measure]
		hit, ignored, again := -1, false, false
		for i, f := range facts {
			if !f.sameFacts(r) {
				continue
			}
			dated := !r.hasDate || f.Date.IsZero() || dateMatches(r.date, f.Date)
			if f.Status == StatusIgnore {
				ignored = ignored || dated
				continue
			}
			if dated && foundAny[i] && r.review {
				again = true // a review row repeating a fact already found
			}
			if !foundAny[i] && dated {
				// A fact of the row's own date before one the key leaves
				// undated, which a dated row only stands in for.
				if hit < 0 || (facts[hit].Date.IsZero() && !f.Date.IsZero()) {
					hit = i
				}
				if !f.Date.IsZero() || !r.hasDate {
					break
				}
			}
		}
		switch {
		case hit >= 0:
			foundAny[hit] = true
			t.TP++
			kindR.TP++
		case ignored, again:
		default:
			t.FP++
			kindR.FP++
			if r.review {
				s.ReviewWrong = append(s.ReviewWrong, fmt.Sprintf("%s: review.csv has %s (%s): %q", p.Name, r, r.reason, r.quote))
			}
		}
	}
	for i, f := range facts {
		if f.Status == StatusIgnore {
			continue
		}
		if !foundAny[i] {
			s.WithReview[f.Measure].FN++
			kindR.FN++
			s.Unfound = append(s.Unfound, fmt.Sprintf("%s: key line %d (%s, %s): %s", p.Name, f.Line, f.Structure, statusName(f.Status), f.raw))
		}
		if f.Status != StatusExpected {
			continue
		}
		st := s.ByStructure[f.Structure]
		if st == nil {
			st = &[3]int{}
			s.ByStructure[f.Structure] = st
		}
		st[0]++
		if foundAbove[i] {
			st[1]++
		}
		if foundAny[i] {
			st[2]++
		}
		if !foundAbove[i] {
			s.Above[f.Measure].FN++
			kind.FN++
			where := "nowhere"
			if foundAny[i] {
				where = "only in review.csv"
			}
			s.Misses = append(s.Misses, fmt.Sprintf("%s: missed key line %d (%s, %s): %s", p.Name, f.Line, f.Structure, where, f.raw))
		}
	}
}

func statusName(s string) string {
	if s == StatusExpected {
		return "expected in findings"
	}
	return "expected in review"
}

// Total sums the measures of a table.
func newsTotal(m map[string]*NewsTally) NewsTally {
	t := NewsTally{Name: "grades, visits, figures"}
	for _, name := range ScoredMeasures {
		x := m[name]
		t.TP += x.TP
		t.FP += x.FP
		t.FN += x.FN
	}
	return t
}

// AboveTotal is the slice's score above the cut for grades, visits and
// figures together.
func (s *NewsSlice) AboveTotal() NewsTally { return newsTotal(s.Above) }

// WithReviewTotal is the slice's score with review rows.
func (s *NewsSlice) WithReviewTotal() NewsTally { return newsTotal(s.WithReview) }

func pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(d))
}

func tallyLine(w io.Writer, m NewsTally) {
	fmt.Fprintf(w, "%-26s %4d %4d %4d %9s %7s\n", m.Name, m.TP, m.FP, m.FN, pct(m.TP, m.TP+m.FP), pct(m.TP, m.TP+m.FN))
}

// Print writes each slice's tables: by measure above the cut and with
// review rows, by kind of document, by the structure that states each
// fact, then what was missed and what was wrong.
func (r *NewsResult) Print(w io.Writer, details int) {
	if len(r.Missing) > 0 {
		fmt.Fprintf(w, "texts missing from the folder (not scored): %s\n\n", strings.Join(r.Missing, ", "))
	}
	for _, s := range r.Slices {
		if s.Pieces == 0 {
			continue
		}
		fmt.Fprintf(w, "== %s: %d pieces\n", s.Name, s.Pieces)
		if len(s.Parts) > 1 {
			fmt.Fprintf(w, "grades, visits and figures by the slice the pieces came in\n%-26s %6s %28s %28s\n", "slice", "pieces", "above the cut (tp fp fn p r)", "with review (tp fp fn p r)")
			for _, part := range s.Parts {
				a, v := part.Above, part.WithReview
				fmt.Fprintf(w, "%-26s %6d %4d %4d %4d %6s %6s %4d %4d %4d %6s %6s\n", part.Name, part.Pieces,
					a.TP, a.FP, a.FN, pct(a.TP, a.TP+a.FP), pct(a.TP, a.TP+a.FN), v.TP, v.FP, v.FN, pct(v.TP, v.TP+v.FP), pct(v.TP, v.TP+v.FN))
			}
			fmt.Fprintln(w)
		}
		for _, part := range []struct {
			title string
			m     map[string]*NewsTally
			total NewsTally
		}{{"above the cut (findings.csv)", s.Above, s.AboveTotal()}, {"with review rows (findings.csv and review.csv; every fact the texts state)", s.WithReview, s.WithReviewTotal()}} {
			fmt.Fprintf(w, "%s\n%-26s %4s %4s %4s %9s %7s\n", part.title, "measure", "tp", "fp", "fn", "precision", "recall")
			for _, name := range ScoredMeasures {
				if x := part.m[name]; x.TP+x.FP+x.FN > 0 {
					tallyLine(w, *x)
				}
			}
			tallyLine(w, part.total)
			fmt.Fprintln(w)
		}
		var kinds []string
		for k := range s.ByKind {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		for i, part := range []struct {
			title string
			m     map[string]*NewsTally
		}{{"above the cut by kind of document", s.ByKind}, {"with review rows by kind of document", s.ByKindReview}} {
			if i > 0 {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "%s\n%-26s %4s %4s %4s %9s %7s\n", part.title, "kind", "tp", "fp", "fn", "precision", "recall")
			for _, k := range kinds {
				tallyLine(w, *part.m[k])
			}
		}
		fmt.Fprintf(w, "\nexpected facts by how the text states them\n%-26s %5s %7s %12s\n", "structure", "facts", "above", "with review")
		var structs []string
		for k := range s.ByStructure {
			structs = append(structs, k)
		}
		sort.Strings(structs)
		var failing []string
		for _, k := range structs {
			x := s.ByStructure[k]
			fmt.Fprintf(w, "%-26s %5d %7s %12s\n", k, x[0], pct(x[1], x[0]), pct(x[2], x[0]))
			if x[1] < x[0] {
				failing = append(failing, k)
			}
		}
		if len(failing) > 0 {
			fmt.Fprintf(w, "kinds that fail (a fact missed above the cut): %s\n", strings.Join(failing, ", "))
		}
		fmt.Fprintf(w, "published right on %d of the %d true positives the key dates; %d review rows name no council (not scored)\n", s.PublishedRight, s.PublishedKeyed, s.NoCouncil)
		for _, list := range []struct {
			name  string
			items []string
		}{{"wrong above the cut", s.Wrong}, {"missed above the cut", s.Misses}, {"review rows stating no fact of the key", s.ReviewWrong}, {"in neither findings.csv nor review.csv", s.Unfound}} {
			if len(list.items) == 0 {
				continue
			}
			fmt.Fprintf(w, "\n%s: %d\n", list.name, len(list.items))
			for i, m := range list.items {
				if i == details {
					fmt.Fprintf(w, "  ... %d more\n", len(list.items)-details)
					break
				}
				fmt.Fprintf(w, "  %s\n", m)
			}
		}
		fmt.Fprintln(w)
	}
}

// sliceLess orders slice labels as numbers ("2" before "10"), the
// development set ("") first.
func sliceLess(a, b string) bool {
	na, ea := strconv.Atoi(a)
	nb, eb := strconv.Atoi(b)
	switch {
	case a == "" || b == "":
		return a == "" && b != ""
	case ea == nil && eb == nil:
		return na < nb
	}
	return a < b
}
