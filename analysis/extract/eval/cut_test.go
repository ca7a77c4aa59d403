package eval

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/text"
)

func TestLabelRows(t *testing.T) {
	d := func(s string) dates.Date { return mustDate(t, s) }
	facts := []NewsFact{
		{Council: "Kent", Measure: "grade", Value: "good", Area: "overall", Qualifier: "exact", Date: d("2019-07")},
		{Council: "Kent", Measure: "grade", Value: "inadequate", Area: "overall", Qualifier: "exact", Date: d("2014"), Status: StatusIgnore},
		{Council: "Kent", Measure: "visit", Value: "focused", Qualifier: "exact", Status: StatusReview},
	}
	row := func(date, measure, value string, review bool) newsRow {
		r := newsRow{council: "Kent", measure: measure, date: d(date), hasDate: true, review: review}
		r.value, r.area, r.scope, r.qual = normValues(measure, value, "", "", "")
		return r
	}
	rows := []newsRow{
		row("2019-07-15", "grade", "good", true),  // a review row: the above row takes the fact first
		row("2019-07-15", "grade", "good", false), // right
		row("2014-03", "grade", "inadequate", false),
		row("2018", "grade", "good", false),          // the key dates it 2019-07
		row("2020-01", "visit", "focused", false),    // a review fact above the cut is wrong
		row("2019-07", "grade", "outstanding", true), // not in the key
	}
	got := labelRows(facts, rows)
	want := []int{0, 1, -1, 0, 0, 0}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d (%s): label %d, want %d", i, rows[i], got[i], want[i])
		}
	}
}

func TestFitCutLearnsASeparatingFeature(t *testing.T) {
	var xs [][]float64
	var ys []bool
	for i := 0; i < 200; i++ {
		f := float64(i % 2)
		noise := float64(i%7) / 7
		xs = append(xs, []float64{1, f, noise})
		ys = append(ys, f == 1 && i%10 != 1) // with the feature, right four times in five
	}
	w := FitCut(xs, ys)
	if w[1] <= 1 {
		t.Fatalf("weight of the separating feature %v, want well above 0", w[1])
	}
	m := text.CutModel{Weights: w}
	if hi, lo := m.Probability([]float64{1, 1, 0.5}), m.Probability([]float64{1, 0, 0.5}); hi < 0.65 || lo > 0.2 {
		t.Fatalf("probabilities %.2f and %.2f, want above 0.65 (four in five, shrunk by the penalty) and below 0.2", hi, lo)
	}
	again := FitCut(xs, ys)
	for i := range w {
		if w[i] != again[i] {
			t.Fatalf("the fit is not deterministic: %v then %v", w, again)
		}
	}
}

// The cut's labels must be the scorer's: on the development data the rows
// the rules put above the cut label as the scorer counts them. Needs the
// texts (make eval-news); held-out pieces must never be among the examples.
func TestCutLabelsAreTheScorers(t *testing.T) {
	dir := os.Getenv("OVERSIGHT_NEWS_TEXTS")
	if dir == "" {
		t.Skip("OVERSIGHT_NEWS_TEXTS is not set (the news texts are not in the repository)")
	}
	opts := NewsOptions{Texts: dir, Key: "../../../fixtures/news/key.csv", Pieces: "../../../fixtures/news/pieces.csv", SkipHeldOut: true}
	ctx := context.Background()
	d, err := RunCut(ctx, opts, "testdata/cut-first-sight.csv", 0.95, "", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	res, err := RunNews(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	pieces, err := ReadNewsPieces(opts.Pieces)
	if err != nil {
		t.Fatal(err)
	}
	held := map[string]bool{}
	for _, p := range pieces {
		held[p.Name] = p.HeldOut != ""
	}
	for _, e := range d.Examples {
		if held[e.Piece] {
			t.Fatalf("held-out piece %s is among the examples", e.Piece)
		}
	}
	got := d.Score(SetNow, nil, -1)[""]
	want := res.Slices[0].AboveTotal()
	if got.TP != want.TP || got.FP != want.FP || got.FN != want.FN {
		t.Fatalf("the cut's labels score the rules %d-%d-%d above the cut, the scorer %d-%d-%d", got.TP, got.FP, got.FN, want.TP, want.FP, want.FN)
	}
}
