package text

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

const (
	// seedDocs is /work/shared/seeds seen from this package's directory.
	seedDocs = "../../../../shared/seeds"
	// seedKey is the hand-keyed answer key for the seed documents.
	seedKey = "../../../fixtures/findings/seeds.csv"
)

// scored are the measures the bar applies to: grades, visits and
// figures. Themes are scored and reported, not held to it.
var scored = []string{"grade", "visit", "caseload", "vacancy_rate", "agency_rate", "turnover_rate", "social_workers", "recommendations"}

var seedID = regexp.MustCompile(`\bseed (\d{3}_[0-9a-f]{16})\b`)

// keyRow is one row of the answer key, parsed by the contract's parser.
type keyRow struct {
	doc  string // seed id
	line int
	f    findings.Finding
}

// readKey parses seeds.csv with the same parser that reads findings files.
func readKey(t *testing.T, p *findings.Parser) []keyRow {
	t.Helper()
	fh, err := os.Open(seedKey)
	if err != nil {
		t.Fatalf("open %s: %v", seedKey, err)
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	header, err := r.Read()
	if err != nil {
		t.Fatalf("%s: %v", seedKey, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	var out []keyRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", seedKey, err)
		}
		line, _ := r.FieldPos(0)
		var raw findings.Raw
		for c, name := range findings.ColumnNames {
			if i, ok := col[name]; ok {
				raw[c] = rec[i]
			}
		}
		f, err := p.Parse(&raw)
		if err != nil {
			t.Fatalf("%s line %d: %v", seedKey, line, err)
		}
		m := seedID.FindStringSubmatch(raw[findings.ColSource])
		if m == nil {
			t.Fatalf("%s line %d: source names no seed", seedKey, line)
		}
		out = append(out, keyRow{doc: m[1], line: line, f: f})
	}
	return out
}

// toRaw writes a candidate as a findings row, as the pipeline will.
func toRaw(c evidence.Candidate) findings.Raw {
	var r findings.Raw
	r[findings.ColCouncil] = c.Council
	r[findings.ColDate] = c.Date
	r[findings.ColMeasure] = c.Measure
	r[findings.ColValue] = c.Value
	r[findings.ColArea] = c.Area
	r[findings.ColScope] = c.Scope
	r[findings.ColQualifier] = c.Qualifier
	r[findings.ColPolarity] = c.Polarity
	r[findings.ColSource] = c.Source
	r[findings.ColSourceType] = c.SourceType
	r[findings.ColNote] = c.Note
	return r
}

// dateMatches is the matching rule for dates: the extracted date must be
// at least as precise as the key's and fall within the key's period, so
// "2018-06" matches a key of "2018", "2019" does not match "2019-04".
func dateMatches(got, key dates.Date) bool {
	return got.Prec <= key.Prec && got.Day >= key.Day && got.End() <= key.End()
}

// sameFinding is the matching rule: same council (after resolution), measure
// and value (numbers equal, grades and visits by kind, theme labels as the
// contract compares them), the same area, scope, qualifier and polarity, and
// a date equal at the key's precision.
func sameFinding(got, key findings.Finding) bool {
	return got.Council == key.Council && got.Measure == key.Measure && got.Value == key.Value && got.Label == key.Label &&
		got.Area == key.Area && got.Scope == key.Scope && got.Qualifier == key.Qualifier && got.Polarity == key.Polarity &&
		dateMatches(got.Date, key.Date)
}

type tally struct{ tp, fp, fn int }

func (t tally) precision() float64 {
	if t.tp+t.fp == 0 {
		return 1
	}
	return float64(t.tp) / float64(t.tp+t.fp)
}

func (t tally) recall() float64 {
	if t.tp+t.fn == 0 {
		return 1
	}
	return float64(t.tp) / float64(t.tp+t.fn)
}

// seedRun extracts every seed document and scores what reaches findings
// (no review reason, confidence at least ReviewBelow) against the key.
type seedRun struct {
	byMeasure map[string]*tally
	themesAll tally // every theme candidate, findings and review
	misses    []string
	extras    []string
}

func runSeeds(t *testing.T) seedRun {
	t.Helper()
	if _, err := os.Stat(seedDocs); err != nil {
		t.Skipf("seed documents not available (%v)", err)
	}
	ref := reference.Default()
	p := findings.NewParser(ref)
	key := readKey(t, p)
	paths, err := filepath.Glob(filepath.Join(seedDocs, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seed documents in %s", seedDocs)
	}
	run := seedRun{byMeasure: map[string]*tally{}}
	for _, m := range append(append([]string{}, scored...), "theme") {
		run.byMeasure[m] = &tally{}
	}
	for _, path := range paths {
		id := strings.TrimSuffix(filepath.Base(path), ".txt")
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Extract(context.Background(), Doc{File: path, Raw: raw}, ref)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		var keyRows []keyRow
		for _, k := range key {
			if k.doc == id {
				keyRows = append(keyRows, k)
			}
		}
		usedAll := make([]bool, len(keyRows))
		used := make([]bool, len(keyRows))
		for _, c := range res.Candidates {
			r := toRaw(c)
			reviewed := c.Review != "" || c.Confidence < ReviewBelow
			if c.Review == "" {
				// What goes to findings must pass the contract's parser.
				if _, err := p.Parse(&r); err != nil {
					t.Errorf("%s: candidate %s %s %q does not parse: %v", id, c.Council, c.Measure, c.Value, err)
					continue
				}
			}
			f, err := p.Parse(&r)
			if err != nil {
				continue // a review candidate without a date or council
			}
			match := func(u []bool) bool {
				for i, k := range keyRows {
					if !u[i] && sameFinding(f, k.f) {
						u[i] = true
						return true
					}
				}
				return false
			}
			if c.Measure == "theme" {
				if match(usedAll) {
					run.themesAll.tp++
				} else {
					run.themesAll.fp++
				}
			}
			if reviewed {
				continue
			}
			tl := run.byMeasure[c.Measure]
			if match(used) {
				tl.tp++
			} else {
				tl.fp++
				if c.Measure != "theme" {
					run.extras = append(run.extras, fmt.Sprintf("%s: %s %s %s=%s area=%s scope=%s qual=%s (%q)", id, c.Council, c.Date, c.Measure, c.Value, c.Area, c.Scope, c.Qualifier, c.Quote))
				}
			}
		}
		for i, k := range keyRows {
			if k.f.Measure == findings.Theme && !usedAll[i] {
				run.themesAll.fn++
			}
			if used[i] {
				continue
			}
			run.byMeasure[k.f.Measure.String()].fn++
			if k.f.Measure != findings.Theme {
				run.misses = append(run.misses, fmt.Sprintf("%s line %d: %s %s %s %s area=%s scope=%s qual=%s", id, k.line, ref.Councils[k.f.Council].Name, k.f.Date, k.f.Measure, k.f.ValueText(), k.f.Area, k.f.Scope, k.f.Qualifier))
			}
		}
	}
	return run
}

// TestSeedScores holds extraction to the bar on the five seed
// documents: for grades, visits and figures together, precision of at
// least 90% and recall of at least 80% against the answer key, counting
// only what goes to findings. It prints the table per measure, themes
// included (reported, not held to the bar: labels are judgement calls).
func TestSeedScores(t *testing.T) {
	run := runSeeds(t)
	var total tally
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-16s %4s %4s %4s %9s %7s\n", "measure", "tp", "fp", "fn", "precision", "recall")
	for _, m := range append(append([]string{}, scored...), "theme") {
		tl := run.byMeasure[m]
		if m != "theme" {
			total.tp += tl.tp
			total.fp += tl.fp
			total.fn += tl.fn
		}
		fmt.Fprintf(&b, "%-16s %4d %4d %4d %8.0f%% %6.0f%%\n", m, tl.tp, tl.fp, tl.fn, 100*tl.precision(), 100*tl.recall())
	}
	fmt.Fprintf(&b, "%-16s %4d %4d %4d %8.0f%% %6.0f%%\n", "scored total", total.tp, total.fp, total.fn, 100*total.precision(), 100*total.recall())
	ta := run.themesAll
	fmt.Fprintf(&b, "%-16s %4d %4d %4d %8.0f%% %6.0f%%\n", "theme (+review)", ta.tp, ta.fp, ta.fn, 100*ta.precision(), 100*ta.recall())
	t.Log(b.String())
	sort.Strings(run.misses)
	for _, m := range run.misses {
		t.Logf("missed: %s", m)
	}
	for _, e := range run.extras {
		t.Logf("not in the key: %s", e)
	}
	if total.precision() < 0.9 {
		t.Errorf("precision %.0f%% for grades, visits and figures; want at least 90%%", 100*total.precision())
	}
	if total.recall() < 0.8 {
		t.Errorf("recall %.0f%% for grades, visits and figures; want at least 80%%", 100*total.recall())
	}
}
