package eval

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"go/format"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/text"
	"github.com/oversight/oversight/analysis/reference"
)

// The measured cut (docs/extraction.md "A measured cut"): every dated
// candidate the text reader makes on the development data (findings.csv
// and review.csv rows naming a council), its features (text.CutFeatures)
// and its label by the scorer's own matching, a logistic model fitted by
// gradient descent, and leave-one-slice-out scores. Held-out pieces are
// never read here, whatever the options say.

// Example sets: the rules as they are now on the development data, and
// "first sight": the rules as they stood when a slice was keyed, on that
// slice (the errors rules make on text they have not seen).
const (
	SetNow        = "now"
	SetFirstSight = "first sight"
)

// CutExample is one candidate with its features and label.
type CutExample struct {
	Set, Fold, Piece, Kind, Measure string
	Above                           bool // the rules put it in findings.csv
	Right                           bool // it states an expected fact of the key, date included
	X                               []float64
	// What is a finding, for study only: never written to the table.
	What, Note, Quote string
	// The candidate's fields, for the record check (RecordCheckCut).
	Council, Date, Area, Value string
}

// CutData are the examples and, per set and fold, the expected facts (the
// recall's denominators) by measure and kind.
type CutData struct {
	Examples []CutExample
	// Expected[set][fold] counts expected facts as "measure" and
	// "kind:KIND" keys and "" for the total.
	Expected map[string]map[string]map[string]int
}

func foldName(p NewsPiece) string {
	if p.Slice == "" {
		return "development set"
	}
	return "slice " + p.Slice
}

// CollectCut runs the reader on the development pieces and reads, for
// each folder in firstSight (slice -> folder holding findings.csv and
// review.csv written by the extractor as it stood when that slice was
// keyed), that run's rows as first-sight examples. Pieces with a held_out
// label are left out.
func CollectCut(ctx context.Context, opts NewsOptions, firstSight map[string]string) (*CutData, error) {
	o, pieces, key, err := openNewsSet(opts)
	if err != nil {
		return nil, err
	}
	dev := map[string]NewsPiece{}
	bySource := map[string]NewsPiece{}
	o.Paths = nil
	for _, p := range pieces {
		if p.HeldOut != "" {
			continue
		}
		dev[p.Name] = p
		bySource[p.Source] = p
		path := filepath.Join(opts.Texts, p.Name+".txt")
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("the measured cut needs every development text: %w", err)
		}
		o.Paths = append(o.Paths, path)
	}
	facts := map[string][]NewsFact{}
	for _, k := range key {
		if _, ok := dev[k.Piece]; ok {
			facts[k.Piece] = append(facts[k.Piece], k)
		}
	}
	res, err := extract.Run(ctx, o)
	if err != nil {
		return nil, err
	}
	out := &CutData{Expected: map[string]map[string]map[string]int{}}
	docs := map[string]*text.CutDoc{}
	docFor := func(piece string) (*text.CutDoc, error) {
		if d, ok := docs[piece]; ok {
			return d, nil
		}
		b, err := os.ReadFile(filepath.Join(opts.Texts, piece+".txt"))
		if err != nil {
			return nil, err
		}
		d := text.NewCutDoc(string(b), o.Ref)
		docs[piece] = d
		return d, nil
	}
	byPiece := rowsByPiece(res)
	add := func(set string, p NewsPiece, cs []RunRow) error {
		d, err := docFor(p.Name)
		if err != nil {
			return err
		}
		rows, idx := scoredRows(cs, o.Ref, held)
		labels := labelRows(facts[p.Name], rows)
		for i, j := range idx {
			c := cs[j]
			if labels[i] < 0 {
				continue
			}
			out.Examples = append(out.Examples, CutExample{Set: set, Fold: foldName(p), Piece: p.Name, Kind: p.Kind,
				Measure: c.C.Measure, Above: c.Above, Right: labels[i] == 1, X: text.CutFeatures(c.C, d),
				What: rows[i].String(), Note: c.C.Note, Quote: c.C.Quote,
				Council: c.C.Council, Date: c.C.Date, Area: c.C.Area, Value: c.C.Value})
		}
		return nil
	}
	count := func(set string, p NewsPiece) {
		if out.Expected[set] == nil {
			out.Expected[set] = map[string]map[string]int{}
		}
		f := out.Expected[set][foldName(p)]
		if f == nil {
			f = map[string]int{}
			out.Expected[set][foldName(p)] = f
		}
		for _, k := range facts[p.Name] {
			if k.Status == StatusExpected {
				f[""]++
				f[k.Measure]++
				f["kind:"+p.Kind]++
			}
		}
	}
	names := make([]string, 0, len(dev))
	for n := range dev {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := add(SetNow, dev[n], byPiece[n]); err != nil {
			return nil, err
		}
		count(SetNow, dev[n])
	}
	slicesIn := make([]string, 0, len(firstSight))
	for s := range firstSight {
		slicesIn = append(slicesIn, s)
	}
	sort.Strings(slicesIn)
	for _, s := range slicesIn {
		dir := firstSight[s]
		got, err := ReadRunRows(dir, func(source string) (string, bool) {
			p, ok := bySource[source]
			return p.Name, ok && p.Slice == s
		})
		if err != nil {
			return nil, fmt.Errorf("first sight of slice %s: %w", s, err)
		}
		for _, n := range names {
			if dev[n].Slice != s {
				continue
			}
			if err := add(SetFirstSight, dev[n], got[n]); err != nil {
				return nil, err
			}
			count(SetFirstSight, dev[n])
		}
	}
	return out, nil
}

// held is a row's own placing: in review.csv when the rules put it there.
func held(c RunRow) bool { return !c.Above }

// scoredRows are the rows of cs the scorer reads (cutRow), each in review
// when inReview says so, and each one's index in cs.
func scoredRows(cs []RunRow, ref *reference.List, inReview func(RunRow) bool) ([]newsRow, []int) {
	var rows []newsRow
	var idx []int
	for j, c := range cs {
		r, ok := cutRow(c.C, ref)
		if !ok {
			continue
		}
		r.review = inReview(c)
		rows = append(rows, r)
		idx = append(idx, j)
	}
	return rows, idx
}

// cutRow is a candidate as the scorer sees it; false for one that cannot
// go above the cut at all (no council, no date, a measure not scored).
func cutRow(c evidence.Candidate, ref *reference.List) (newsRow, bool) {
	if !isScored(c.Measure) || c.Council == "" || c.Date == "" {
		return newsRow{}, false
	}
	d, err := dates.Parse(c.Date)
	if err != nil {
		return newsRow{}, false
	}
	r := newsRow{council: councilKey(ref, c.Council), measure: c.Measure, date: d, hasDate: true}
	r.value, r.area, r.scope, r.qual = normValues(c.Measure, c.Value, c.Area, c.Scope, c.Qualifier)
	return r, r.council != ""
}

// labelRows labels each row as the scorer would if it stood above the
// cut: 1 right (an expected fact, date included, not already taken), 0
// wrong, -1 not counted (it states an ignore fact). Rows the rules put
// above take their facts first.
func labelRows(facts []NewsFact, rows []newsRow) []int {
	out, _ := labelWith(facts, rows, strictMatch)
	return out
}

// FitCut fits a logistic model with an L2 penalty by full-batch gradient
// descent from zero (deterministic: the same examples give the same
// weights).
func FitCut(xs [][]float64, ys []bool) []float64 {
	if len(xs) == 0 {
		return nil
	}
	const (
		steps  = 4000
		rate   = 0.3
		lambda = 0.01 // per example; not on the intercept
	)
	n, k := float64(len(xs)), len(xs[0])
	w := make([]float64, k)
	g := make([]float64, k)
	for s := 0; s < steps; s++ {
		clear(g)
		for i, x := range xs {
			z := 0.0
			for j, v := range x {
				z += w[j] * v
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if ys[i] {
				y = 1
			}
			for j, v := range x {
				g[j] += (p - y) * v
			}
		}
		for j := range w {
			d := g[j] / n
			if j > 0 {
				d += lambda * w[j]
			}
			w[j] -= rate * d
		}
	}
	for j := range w {
		w[j] = math.Round(w[j]*1e4) / 1e4
	}
	return w
}

// Folds are the development data's slices, each left out in turn.
var Folds = []string{"development set", "slice 1", "slice 2", "slice 3", "slice 4", "slice 5", "slice 6"}

// OutOfFold gives each example the probability of a model fitted on the
// examples of every other fold (of the sets named; every set when none is).
func (d *CutData) OutOfFold(sets ...string) []float64 {
	p := make([]float64, len(d.Examples))
	for _, f := range Folds {
		var xs [][]float64
		var ys []bool
		for _, e := range d.Examples {
			if e.Fold != f && (len(sets) == 0 || slices.Contains(sets, e.Set)) {
				xs = append(xs, e.X)
				ys = append(ys, e.Right)
			}
		}
		m := text.CutModel{Weights: FitCut(xs, ys)}
		for i, e := range d.Examples {
			if e.Fold == f {
				p[i] = m.Probability(e.X)
			}
		}
	}
	return p
}

// Fit is the model fitted on every example.
func (d *CutData) Fit() []float64 {
	xs := make([][]float64, len(d.Examples))
	ys := make([]bool, len(d.Examples))
	for i, e := range d.Examples {
		xs[i], ys[i] = e.X, e.Right
	}
	return FitCut(xs, ys)
}

// CutScore is tp, fp and fn above the cut for one group.
type CutScore struct{ TP, FP, FN int }

func (s CutScore) String() string {
	return fmt.Sprintf("%d-%d-%d %s / %s", s.TP, s.FP, s.FN, pct(s.TP, s.TP+s.FP), pct(s.TP, s.TP+s.FN))
}

// Score is a set's score above the cut by group ("" total, measures,
// "kind:KIND"), with the rules alone (threshold < 0) or with the rules and
// the model's probability p at or above the threshold.
func (d *CutData) Score(set string, p []float64, threshold float64) map[string]CutScore {
	out := map[string]CutScore{}
	for _, f := range d.Expected[set] {
		for g, n := range f {
			s := out[g]
			s.FN += n
			out[g] = s
		}
	}
	for i, e := range d.Examples {
		if e.Set != set || !e.Above || (threshold >= 0 && p[i] < threshold) {
			continue
		}
		for _, g := range []string{"", e.Measure, "kind:" + e.Kind} {
			s := out[g]
			if e.Right {
				s.TP++
				s.FN--
			} else {
				s.FP++
			}
			out[g] = s
		}
	}
	return out
}

// ChooseThreshold is the lowest threshold (in hundredths) at which the
// set's pooled out-of-fold precision above the cut reaches target while
// keeping at least a tenth of the rules' right findings (a cut that keeps
// one finding proves nothing), with the precision reached; the best
// precision's threshold under the same floor when none does.
func (d *CutData) ChooseThreshold(set string, p []float64, target float64) (float64, bool) {
	bestT, bestP := 0.0, -1.0
	floor := d.Score(set, p, -1)[""].TP / 10
	for t := 0; t <= 99; t++ {
		th := float64(t) / 100
		s := d.Score(set, p, th)[""]
		if s.TP+s.FP == 0 || s.TP < floor {
			continue
		}
		prec := float64(s.TP) / float64(s.TP+s.FP)
		if prec >= target {
			return th, true
		}
		if prec > bestP {
			bestT, bestP = th, prec
		}
	}
	return bestT, false
}

// PrintCut writes the out-of-fold table: for each set, the rules alone
// and the rules with the model at the threshold, overall, by measure and
// by kind.
func PrintCut(w io.Writer, d *CutData, p []float64, threshold float64) {
	fmt.Fprintf(w, "== the measured cut: leave-one-slice-out (folds: %s), threshold %.2f\n", strings.Join(Folds, ", "), threshold)
	fmt.Fprintf(w, "examples: %d (right %d); above the cut by the rules: tp-fp-fn precision / recall\n", len(d.Examples), countRight(d.Examples))
	for _, set := range []string{SetFirstSight, SetNow} {
		if d.Expected[set] == nil {
			continue
		}
		rules, model := d.Score(set, p, -1), d.Score(set, p, threshold)
		var groups []string
		for g := range rules {
			groups = append(groups, g)
		}
		sort.Slice(groups, func(i, j int) bool {
			ki, kj := strings.HasPrefix(groups[i], "kind:"), strings.HasPrefix(groups[j], "kind:")
			if ki != kj {
				return !ki
			}
			return groups[i] < groups[j]
		})
		title := "the rules now, on the development data (written from all of it)"
		if set == SetFirstSight {
			title = "first sight: each slice under the rules as they stood when it was keyed"
		}
		fmt.Fprintf(w, "%s\n%-26s %-24s %-24s\n", title, "group", "rules alone", "rules and model (out of fold)")
		for _, g := range groups {
			name := g
			if name == "" {
				name = "grades, visits, figures"
			}
			if rules[g].TP+rules[g].FP+rules[g].FN == 0 {
				continue
			}
			fmt.Fprintf(w, "%-26s %-24s %-24s\n", name, rules[g], model[g])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "first sight by fold\n%-26s %-24s %-24s\n", "fold", "rules alone", "rules and model (out of fold)")
	for _, f := range Folds {
		if d.Expected[SetFirstSight][f] == nil {
			continue
		}
		fmt.Fprintf(w, "%-26s %-24s %-24s\n", f, d.scoreFold(SetFirstSight, f, p, -1), d.scoreFold(SetFirstSight, f, p, threshold))
	}
	fmt.Fprintln(w)
	for _, set := range []string{SetFirstSight, SetNow} {
		fmt.Fprintf(w, "%s: out-of-fold AUC among the rows the rules put above the cut %s\n", set, d.AUC(set, p))
	}
	fmt.Fprintf(w, "out-of-fold precision / recall above the cut (rules and model) by threshold\n%-10s %-24s %-24s\n", "threshold", SetFirstSight, SetNow)
	for _, t := range []float64{0, 0.5, 0.7, 0.8, 0.85, 0.9, 0.92, 0.94, 0.96, 0.97, 0.98, 0.99} {
		fmt.Fprintf(w, "%-10.2f %-24s %-24s\n", t, d.Score(SetFirstSight, p, t)[""], d.Score(SetNow, p, t)[""])
	}
	fmt.Fprintln(w)
}

func countRight(es []CutExample) int {
	n := 0
	for _, e := range es {
		if e.Right {
			n++
		}
	}
	return n
}

// WriteCutTable writes the first-sight examples' features and labels as
// CSV (numbers only: no words of the texts), so the refit needs no old
// extractor.
func WriteCutTable(w io.Writer, d *CutData) error {
	cw := csv.NewWriter(w)
	head := append([]string{"fold", "piece", "kind", "measure", "above", "right"}, text.CutFeatureNames...)
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, e := range d.Examples {
		if e.Set != SetFirstSight {
			continue
		}
		row := []string{e.Fold, e.Piece, e.Kind, e.Measure, strconv.FormatBool(e.Above), strconv.FormatBool(e.Right)}
		for _, v := range e.X {
			row = append(row, strconv.FormatFloat(v, 'g', -1, 64))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadCutTable adds the first-sight examples of a table WriteCutTable
// wrote, with the expected-fact counts of their slices from the key.
func (d *CutData) ReadCutTable(path string, opts NewsOptions) error {
	rows, err := readCSV(path)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return errors.New(path + ": no examples")
	}
	for i, r := range rows {
		e := CutExample{Set: SetFirstSight, Fold: r["fold"], Piece: r["piece"], Kind: r["kind"], Measure: r["measure"],
			Above: r["above"] == "true", Right: r["right"] == "true"}
		for _, n := range text.CutFeatureNames {
			v, err := strconv.ParseFloat(r[n], 64)
			if err != nil {
				return fmt.Errorf("%s line %d: feature %q: %v", path, i+2, n, err)
			}
			e.X = append(e.X, v)
		}
		d.Examples = append(d.Examples, e)
	}
	ref := opts.Extract.Ref
	if ref == nil {
		ref = reference.Default()
	}
	pieces, err := ReadNewsPieces(opts.Pieces)
	if err != nil {
		return err
	}
	key, err := ReadNewsKey(opts.Key, ref)
	if err != nil {
		return err
	}
	folds := map[string]bool{}
	for _, r := range rows {
		folds[r["fold"]] = true
	}
	byName := map[string]NewsPiece{}
	for _, p := range pieces {
		if p.HeldOut == "" && folds[foldName(p)] {
			byName[p.Name] = p
		}
	}
	if d.Expected[SetFirstSight] == nil {
		d.Expected[SetFirstSight] = map[string]map[string]int{}
	}
	for _, k := range key {
		p, ok := byName[k.Piece]
		if !ok || k.Status != StatusExpected {
			continue
		}
		f := d.Expected[SetFirstSight][foldName(p)]
		if f == nil {
			f = map[string]int{}
			d.Expected[SetFirstSight][foldName(p)] = f
		}
		f[""]++
		f[k.Measure]++
		f["kind:"+p.Kind]++
	}
	return nil
}

// CutModelSource is the Go file holding a fitted model
// (analysis/extract/text/cut_model.go).
func CutModelSource(m text.CutModel) ([]byte, error) {
	var b strings.Builder
	b.WriteString("// Code generated by go run ./analysis/extract/eval/cutfit; DO NOT EDIT.\n\npackage text\n\n")
	b.WriteString("// cutModel is the measured cut's model, fitted on the development data\n// (docs/extraction.md \"A measured cut\").\nvar cutModel = CutModel{\n\tWeights: []float64{\n")
	for i, n := range text.CutFeatureNames {
		fmt.Fprintf(&b, "\t\t%s, // %s\n", strconv.FormatFloat(m.Weights[i], 'f', -1, 64), n)
	}
	fmt.Fprintf(&b, "\t},\n\tThreshold: %s,\n}\n", strconv.FormatFloat(m.Threshold, 'f', -1, 64))
	return format.Source([]byte(b.String()))
}

// AUC is the chance that a right row above the cut has a higher
// probability than a wrong one ("-" with no wrong or no right row).
func (d *CutData) AUC(set string, p []float64) string {
	var right, wrong []float64
	for i, e := range d.Examples {
		if e.Set != set || !e.Above {
			continue
		}
		if e.Right {
			right = append(right, p[i])
		} else {
			wrong = append(wrong, p[i])
		}
	}
	if len(right) == 0 || len(wrong) == 0 {
		return fmt.Sprintf("- (%d right, %d wrong)", len(right), len(wrong))
	}
	n := 0.0
	for _, r := range right {
		for _, w := range wrong {
			switch {
			case r > w:
				n++
			case r == w:
				n += 0.5
			}
		}
	}
	return fmt.Sprintf("%.2f (%d right, %d wrong)", n/float64(len(right)*len(wrong)), len(right), len(wrong))
}

// RunCut collects the development data's examples (held-out pieces left
// out), adds the first-sight table, and prints the leave-one-slice-out
// table at the threshold that reaches target precision on first sight (or
// the best one). trainOn limits the fitting to one set ("" for both).
func RunCut(ctx context.Context, opts NewsOptions, table string, target float64, trainOn string, w io.Writer) (*CutData, error) {
	d, err := CollectCut(ctx, opts, nil)
	if err != nil {
		return nil, err
	}
	if err := d.ReadCutTable(table, opts); err != nil {
		return nil, err
	}
	var p []float64
	if trainOn == "" {
		p = d.OutOfFold()
	} else {
		p = d.OutOfFold(trainOn)
	}
	th, ok := d.ChooseThreshold(SetFirstSight, p, target)
	if !ok {
		fmt.Fprintf(w, "no threshold reaches %.0f%% out-of-fold precision above the cut on first sight; the table is at the best precision's threshold\n", 100*target)
	}
	PrintCut(w, d, p, th)
	return d, nil
}

func (d *CutData) scoreFold(set, fold string, p []float64, threshold float64) CutScore {
	s := CutScore{FN: d.Expected[set][fold][""]}
	for i, e := range d.Examples {
		if e.Set != set || e.Fold != fold || !e.Above || (threshold >= 0 && p[i] < threshold) {
			continue
		}
		if e.Right {
			s.TP++
			s.FN--
		} else {
			s.FP++
		}
	}
	return s
}
