// Package eval scores extraction against answer keys, through the same
// pipeline users run (extract.Run), so the numbers are what users get:
//
//   - the Ofsted report corpus against its truth.csv, field by field
//     (council, framework, dates, every grade, recommendations, lead
//     inspector), for reports of every framework;
//   - the seed documents (news and a letter) against the hand-keyed
//     fixtures/findings/seeds.csv, precision and recall per measure.
//
// `make eval` prints both as one table; the tests hold the corpus to it.
package eval

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract"
	"github.com/oversight/oversight/analysis/extract/report"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// Options say where the answer keys are.
type Options struct {
	// Reports is the corpus folder: truth.csv and the reports, in a reports/
	// folder or beside it ("" to skip).
	Reports string
	// Seeds is the folder of seed documents and SeedKey their answer key
	// ("" to skip).
	Seeds, SeedKey string
	// Extract are the pipeline's options (Paths is set here).
	Extract extract.Options
}

// Field is one line of the reports table.
type Field struct {
	Name                                  string
	Truth, Correct, Wrong, Missing, Extra int
	// Corrected counts cells where truth.csv is wrong and the report says
	// otherwise (KnownTruthErrors): scored as the report says.
	Corrected int
}

// Accuracy is correct over the cells truth.csv fills.
func (f Field) Accuracy() float64 {
	if f.Truth == 0 {
		return 1
	}
	return float64(f.Correct) / float64(f.Truth)
}

// Measure is one line of the seeds table.
type Measure struct {
	Name       string
	TP, FP, FN int
}

func (m Measure) Precision() float64 {
	if m.TP+m.FP == 0 {
		return 1
	}
	return float64(m.TP) / float64(m.TP+m.FP)
}

func (m Measure) Recall() float64 {
	if m.TP+m.FN == 0 {
		return 1
	}
	return float64(m.TP) / float64(m.TP+m.FN)
}

// Result is both tables and every difference.
type Result struct {
	Reports   int // truth rows scored
	Fields    []Field
	Misses    []string // file, field, truth, got
	Corrected []string // truth.csv errors, with the report's words
	Seeds     []Measure
	// SeedsBelowCut is the scored total counting, as well, the review rows
	// held back only by the contract's confidence cut: how much of the
	// seeds' recall the cut costs.
	SeedsBelowCut Measure
	SeedMisses    []string
	Extract       *extract.Result
}

// ScoredMeasures are the seed measures the bar applies to.
var ScoredMeasures = []string{"grade", "visit", "caseload", "vacancy_rate", "agency_rate", "turnover_rate", "social_workers", "recommendations"}

// TruthError is a cell of truth.csv that the report contradicts.
type TruthError struct {
	File, Field, Truth, Report, Quote string
}

// KnownTruthErrors are the cells of truth.csv found wrong by reading the
// report (truth.csv says its recommendation counts were checked by eye on
// about 30 reports only).
var KnownTruthErrors = []TruthError{
	{File: "hammersmith-and-fulham_2016-03-29.pdf", Field: "recommendations_count", Truth: "5", Report: "6",
		Quote: "Recommendations: 1. Collate information drawn from return home interviews ... 6. Improve the quality of the minority of pathway plans that are not yet good (page 8: six numbered recommendations)"},
}

// Run extracts the corpus and the seeds in one pipeline run and scores
// both.
func Run(ctx context.Context, opts Options) (*Result, error) {
	o := opts.Extract
	o.Paths = nil
	if opts.Reports != "" {
		dir := filepath.Join(opts.Reports, "reports")
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			dir = opts.Reports
			o.Skip = append(o.Skip, filepath.Join(dir, "truth.csv"), filepath.Join(dir, "README.md"))
		}
		o.Paths = append(o.Paths, dir)
	}
	if opts.Seeds != "" {
		o.Paths = append(o.Paths, opts.Seeds)
	}
	if o.Ref == nil {
		o.Ref = reference.Default()
	}
	res, err := extract.Run(ctx, o)
	if err != nil {
		return nil, err
	}
	out := &Result{Extract: res}
	if opts.Reports != "" {
		if err := out.scoreReports(filepath.Join(opts.Reports, "truth.csv"), res); err != nil {
			return nil, err
		}
	}
	if opts.Seeds != "" {
		if err := out.scoreSeeds(opts.Seeds, opts.SeedKey, res, o.Ref); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// reportFields are truth.csv's columns that are scored, in table order.
var reportFields = []string{"council", "framework", "inspection_start", "inspection_end", "published",
	"overall", "leadership", "help_and_protection", "children_in_care", "care_leavers", "children_in_care_and_care_leavers",
	"sif_help_and_protection", "sif_children_in_care_and_permanence", "sif_adoption", "sif_care_leavers", "sif_leadership",
	"lscb", "recommendations_count", "lead_inspector", "not a PDF: rejected"}

// sifArea maps truth.csv's SIF columns to the contract areas SIF grades are
// written for.
var sifArea = map[string]string{"sif_help_and_protection": "help_and_protection", "sif_children_in_care_and_permanence": "children_in_care",
	"sif_adoption": "adoption", "sif_care_leavers": "care_leavers", "sif_leadership": "leadership"}

// truthFramework is truth.csv's name for a framework.
func truthFramework(f string) string {
	switch f {
	case report.TLAC:
		return "other: TLAC (inspection of looked after children services)"
	case report.LSCBReview:
		return "other: LSCB review (standalone)"
	}
	return f
}

func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s is empty", path)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			if i < len(r) {
				m[strings.ToLower(strings.TrimSpace(h))] = r[i]
			}
		}
		out = append(out, m)
	}
	return out, nil
}

var judgementRE = regexp.MustCompile(`([a-z_]+): ([a-z ]+)`)

// got is what the pipeline gives for one report, in truth.csv's terms:
// grades from the findings users get (and from the document row for what
// has no finding: the LSCB's grade, "not judged").
func got(d extract.Document, rows []extract.Row) map[string]string {
	g := map[string]string{
		"council": d.GSSCode, "framework": truthFramework(d.Framework), "inspection_start": d.InspectionStart,
		"inspection_end": d.InspectionEnd, "published": d.Published, "lead_inspector": d.LeadInspector,
	}
	if d.Recommendations != nil {
		g["recommendations_count"] = strconv.Itoa(*d.Recommendations)
	}
	sif := strings.HasPrefix(d.Framework, "SIF")
	for _, r := range rows {
		if r.Measure != "grade" {
			continue
		}
		key := r.Area
		if sif {
			for k, a := range sifArea {
				if a == r.Area {
					key = k
				}
			}
		}
		g[key] = r.Value
	}
	for _, m := range judgementRE.FindAllStringSubmatch(d.Judgements, -1) {
		key, val := m[1], m[2]
		if sif {
			if _, ok := sifArea["sif_"+key]; ok {
				key = "sif_" + key
			} else if key == "children_in_care" {
				key = "sif_children_in_care_and_permanence"
			}
		}
		// TLAC's overall effectiveness and leadership are no grades (a
		// targeted inspection): documents.csv keeps them, truth.csv lists
		// them under overall and leadership.
		if k, ok := strings.CutPrefix(key, "tlac_"); ok && (k == "overall" || k == "leadership") {
			g[k] = val
		}
		if key == "lscb" || val == "not judged" {
			g[key] = val
		}
	}
	return g
}

func (out *Result) scoreReports(truthPath string, res *extract.Result) error {
	truth, err := readCSV(truthPath)
	if err != nil {
		return err
	}
	byBase := map[string]extract.Document{}
	rowsBy := map[string][]extract.Row{}
	for _, d := range res.Documents {
		byBase[filepath.Base(d.File)] = d
	}
	for _, r := range res.Findings {
		rowsBy[filepath.Base(r.File)] = append(rowsBy[filepath.Base(r.File)], r)
	}
	fields := map[string]*Field{}
	for _, f := range reportFields {
		fields[f] = &Field{Name: f}
	}
	corrections := map[[2]string]TruthError{}
	for _, e := range KnownTruthErrors {
		corrections[[2]string{e.File, e.Field}] = e
	}
	for _, t := range truth {
		file := t["file"]
		d, ok := byBase[file]
		out.Reports++
		if t["status"] == "UNREADABLE" {
			f := fields["not a PDF: rejected"]
			f.Truth++
			if ok && d.Status == extract.StatusRejected && d.Reason != "" {
				f.Correct++
			} else {
				f.Missing++
				out.Misses = append(out.Misses, fmt.Sprintf("%s: not a PDF, want a rejected row with its reason", file))
			}
			continue
		}
		g := map[string]string{}
		if ok {
			g = got(d, rowsBy[file])
		}
		t["council"] = t["gss_code"]
		for _, name := range reportFields[:len(reportFields)-1] {
			f := fields[name]
			want, have := t[name], g[name]
			if e, ok := corrections[[2]string{file, name}]; ok && want == e.Truth && have == e.Report {
				f.Truth++
				f.Correct++
				f.Corrected++
				out.Corrected = append(out.Corrected, fmt.Sprintf("%s %s: truth.csv %q, the report %q: %s", file, name, e.Truth, e.Report, e.Quote))
				continue
			}
			switch {
			case want == "" && have == "":
				continue
			case want == "":
				f.Extra++
			case want == have:
				f.Truth++
				f.Correct++
				continue
			case have == "":
				f.Truth++
				f.Missing++
			default:
				f.Truth++
				f.Wrong++
			}
			out.Misses = append(out.Misses, fmt.Sprintf("%s %s: truth %q, extracted %q", file, name, want, have))
		}
	}
	for _, name := range reportFields {
		out.Fields = append(out.Fields, *fields[name])
	}
	sort.Strings(out.Misses)
	return nil
}

var seedIDRE = regexp.MustCompile(`\bseed (\d{3}_[0-9a-f]{16})\b`)

type keyRow struct {
	doc  string
	line int
	f    findings.Finding
}

// dateMatches is the text reader's matching rule (analysis/extract/text's
// seeds test): the extracted date is at least as precise as the key's and
// within its period.
func dateMatches(got, key dates.Date) bool {
	return got.Prec <= key.Prec && got.Day >= key.Day && got.End() <= key.End()
}

func sameFinding(got, key findings.Finding) bool {
	return got.Council == key.Council && got.Measure == key.Measure && got.Value == key.Value && got.Label == key.Label &&
		got.Area == key.Area && got.Scope == key.Scope && got.Qualifier == key.Qualifier && got.Polarity == key.Polarity &&
		dateMatches(got.Date, key.Date)
}

func (out *Result) scoreSeeds(dir, keyPath string, res *extract.Result, ref *reference.List) error {
	p := findings.NewParser(ref)
	rows, err := readCSV(keyPath)
	if err != nil {
		return err
	}
	var key []keyRow
	for i, r := range rows {
		var raw findings.Raw
		for c, name := range findings.ColumnNames {
			raw[c] = r[name]
		}
		f, err := p.Parse(&raw)
		if err != nil {
			return fmt.Errorf("%s line %d: %v", keyPath, i+2, err)
		}
		m := seedIDRE.FindStringSubmatch(raw[findings.ColSource])
		if m == nil {
			return fmt.Errorf("%s line %d: its source names no seed document", keyPath, i+2)
		}
		key = append(key, keyRow{doc: m[1], line: i + 2, f: f})
	}
	tallies := map[string]*Measure{}
	for _, m := range append(append([]string{}, ScoredMeasures...), "theme") {
		tallies[m] = &Measure{Name: m}
	}
	used := make([]bool, len(key))
	absDir, _ := filepath.Abs(dir)
	inSeeds := func(file string) (string, bool) {
		a, _ := filepath.Abs(file)
		if filepath.Dir(a) != absDir {
			return "", false
		}
		return strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)), true
	}
	for _, r := range res.Findings {
		id, ok := inSeeds(r.File)
		if !ok {
			continue
		}
		raw := extract.ToRaw(r)
		f, err := p.Parse(&raw)
		if err != nil {
			continue
		}
		t, ok := tallies[r.Measure]
		if !ok {
			continue
		}
		matched := false
		for i, k := range key {
			if !used[i] && k.doc == id && sameFinding(f, k.f) {
				used[i], matched = true, true
				break
			}
		}
		if matched {
			t.TP++
		} else {
			t.FP++
			if r.Measure != "theme" {
				out.SeedMisses = append(out.SeedMisses, fmt.Sprintf("%s: not in the key: %s %s %s %s area=%s scope=%s qualifier=%s", id, r.Council, r.Date, r.Measure, r.Value, r.Area, r.Scope, r.Qualifier))
			}
		}
	}
	// The review rows held back by the confidence cut alone, scored as if
	// accepted.
	below := out.ScoredTotalOf(tallies)
	below.Name = "grades, visits, figures with review rows under the cut"
	usedBelow := append([]bool{}, used...)
	for _, r := range res.Review {
		id, ok := inSeeds(r.File)
		if !ok || !strings.Contains(r.Reason, "confidence") || r.Measure == "theme" {
			continue
		}
		r.Confidence = 1
		raw := extract.ToRaw(r)
		f, err := p.Parse(&raw)
		if err != nil {
			continue
		}
		matched := false
		for i, k := range key {
			if !usedBelow[i] && k.doc == id && sameFinding(f, k.f) {
				usedBelow[i], matched = true, true
				break
			}
		}
		if matched {
			below.TP++
		} else {
			below.FP++
		}
	}
	for i, k := range key {
		if !usedBelow[i] && k.f.Measure != findings.Theme {
			below.FN++
		}
	}
	out.SeedsBelowCut = below

	for i, k := range key {
		if used[i] {
			continue
		}
		tallies[k.f.Measure.String()].FN++
		if k.f.Measure != findings.Theme {
			out.SeedMisses = append(out.SeedMisses, fmt.Sprintf("%s: missed key line %d: %s %s %s %s area=%s scope=%s qualifier=%s", k.doc, k.line, ref.Councils[k.f.Council].Name, k.f.Date, k.f.Measure, k.f.ValueText(), k.f.Area, k.f.Scope, k.f.Qualifier))
		}
	}
	for _, m := range append(append([]string{}, ScoredMeasures...), "theme") {
		out.Seeds = append(out.Seeds, *tallies[m])
	}
	sort.Strings(out.SeedMisses)
	return nil
}

// ScoredTotal sums the seeds measures the bar applies to.
func (out *Result) ScoredTotal() Measure {
	t := Measure{Name: "grades, visits, figures"}
	for _, m := range out.Seeds {
		if m.Name == "theme" {
			continue
		}
		t.TP += m.TP
		t.FP += m.FP
		t.FN += m.FN
	}
	return t
}

// ScoredTotalOf sums the scored measures' true and false positives so far
// (the false negatives are counted by the caller).
func (out *Result) ScoredTotalOf(tallies map[string]*Measure) Measure {
	var t Measure
	for _, m := range ScoredMeasures {
		t.TP += tallies[m].TP
		t.FP += tallies[m].FP
	}
	return t
}

// Print writes the one table: reports by field, then seeds by measure,
// then what differs.
func (out *Result) Print(w io.Writer, details int) {
	if len(out.Fields) > 0 {
		fmt.Fprintf(w, "Ofsted reports against truth.csv (%d files)\n", out.Reports)
		fmt.Fprintf(w, "%-38s %6s %8s %6s %8s %6s %9s\n", "field", "truth", "correct", "wrong", "missing", "extra", "accuracy")
		for _, f := range out.Fields {
			fmt.Fprintf(w, "%-38s %6d %8d %6d %8d %6d %8.1f%%\n", f.Name, f.Truth, f.Correct, f.Wrong, f.Missing, f.Extra, 100*f.Accuracy())
		}
	}
	if len(out.Seeds) > 0 {
		fmt.Fprintf(w, "\nSeed documents against seeds.csv (findings.csv only)\n")
		fmt.Fprintf(w, "%-38s %6s %8s %6s %9s %7s\n", "measure", "tp", "fp", "fn", "precision", "recall")
		for _, m := range out.Seeds {
			fmt.Fprintf(w, "%-38s %6d %8d %6d %8.0f%% %6.0f%%\n", m.Name, m.TP, m.FP, m.FN, 100*m.Precision(), 100*m.Recall())
		}
		t := out.ScoredTotal()
		fmt.Fprintf(w, "%-38s %6d %8d %6d %8.0f%% %6.0f%%\n", t.Name, t.TP, t.FP, t.FN, 100*t.Precision(), 100*t.Recall())
		b := out.SeedsBelowCut
		fmt.Fprintf(w, "(%s: %d %d %d, %.0f%% %.0f%%)\n", b.Name, b.TP, b.FP, b.FN, 100*b.Precision(), 100*b.Recall())
	}
	if len(out.Corrected) > 0 {
		fmt.Fprintf(w, "\ntruth.csv corrected by the report's own words:\n")
		for _, c := range out.Corrected {
			fmt.Fprintf(w, "  %s\n", c)
		}
	}
	for _, list := range []struct {
		name  string
		items []string
	}{{"reports", out.Misses}, {"seeds", out.SeedMisses}} {
		if len(list.items) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s: %d differences\n", list.name, len(list.items))
		for i, m := range list.items {
			if i == details {
				fmt.Fprintf(w, "  ... %d more\n", len(list.items)-details)
				break
			}
			fmt.Fprintf(w, "  %s\n", m)
		}
	}
}
