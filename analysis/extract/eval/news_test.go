package eval

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/fixtures/golden"
)

// newsFixture is a three-piece news set written for this test
// (testdata/news): a graded article, an undated one in held-out slice 1
// and a figures piece that came in slice 2 and is now development data
// (held_out blank, slice 2). Its key is wrong on purpose in two places, so
// that both kinds of error are counted: it leaves out the children-in-care
// grade the article states (a false positive) and adds a leadership grade
// the article never gives (a miss).
func newsFixture() NewsOptions {
	dir := filepath.Join("testdata", "news")
	// The texts are written for the test, their grades invented: Ofsted's
	// record (which would hold them for review) is not what is tested here.
	o := NewsOptions{Texts: filepath.Join(dir, "texts"), Key: filepath.Join(dir, "key.csv"), Pieces: filepath.Join(dir, "pieces.csv")}
	o.Extract.NoRecordCheck = true
	return o
}

func TestNewsScoring(t *testing.T) {
	res, err := RunNews(context.Background(), newsFixture())
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res.Print(&out, 20)
	t.Log("\n" + out.String())
	if len(res.Slices) != 2 {
		t.Fatalf("%d slices, want the development data and held-out slice 1", len(res.Slices))
	}
	for _, c := range []struct {
		slice      int
		measure    string
		withReview bool
		tp, fp, fn int
	}{
		{0, "grade", false, 2, 1, 1},
		{1, "grade", false, 0, 0, 0}, // an undated grade belongs in review.csv
		{1, "grade", true, 1, 0, 0},
		{0, "caseload", false, 1, 0, 0},
		{0, "vacancy_rate", false, 1, 0, 0}, // the national 16% is not Suffolk's
	} {
		s := res.Slices[c.slice]
		m := s.Above[c.measure]
		if c.withReview {
			m = s.WithReview[c.measure]
		}
		if m.TP != c.tp || m.FP != c.fp || m.FN != c.fn {
			t.Errorf("%s %s (review rows %v): tp/fp/fn %d/%d/%d, want %d/%d/%d", s.Name, c.measure, c.withReview, m.TP, m.FP, m.FN, c.tp, c.fp, c.fn)
		}
	}
	// The development data's parts: the development set and the seen
	// slice 2, each with its own total.
	dev := res.Slices[0]
	if len(dev.Parts) != 2 || dev.Parts[0].Name != "development set" || dev.Parts[1].Name != "slice 2 (seen)" {
		t.Fatalf("development data parts = %+v, want the development set and slice 2 (seen)", dev.Parts)
	}
	if p := dev.Parts[1]; p.Pieces != 1 || p.Above.TP != 2 || p.Above.FP != 0 || p.Above.FN != 0 {
		t.Errorf("slice 2 (seen): %d pieces, above the cut %d/%d/%d, want 1 piece, 2/0/0", p.Pieces, p.Above.TP, p.Above.FP, p.Above.FN)
	}
	if k := dev.ByKindReview["news"]; k == nil || k.TP == 0 {
		t.Errorf("no with-review tally by kind: %+v", dev.ByKindReview)
	}
	for _, want := range []string{"held-out slice 1", "by the slice the pieces came in", "with review rows by kind of document",
		"kinds that fail (a fact missed above the cut): areas-in-sentences", "not in the key"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the printout lacks %q", want)
		}
	}

	// Leaving the held-out slices out scores the development set alone.
	opts := newsFixture()
	opts.SkipHeldOut = true
	res, err = RunNews(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Slices[1:] {
		if s.Pieces != 0 {
			t.Errorf("%s scored %d pieces with SkipHeldOut", s.Name, s.Pieces)
		}
	}
}

func TestNewsWithoutTexts(t *testing.T) {
	opts := newsFixture()
	opts.Texts = filepath.Join(t.TempDir(), "absent")
	_, err := RunNews(context.Background(), opts)
	if !errors.Is(err, ErrNoTexts) {
		t.Fatalf("err = %v, want ErrNoTexts", err)
	}
	if !strings.Contains(err.Error(), "OVERSIGHT_NEWS_TEXTS") {
		t.Errorf("the error does not say how to get the texts: %v", err)
	}
}

// TestNewsKey checks the repository's key and piece list without the texts:
// every row parses, names a known piece and a council of the reference list.
func TestNewsKey(t *testing.T) {
	dir := filepath.Join(root, "fixtures", "news")
	pieces, err := ReadNewsPieces(filepath.Join(dir, "pieces.csv"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := ReadNewsKey(filepath.Join(dir, "key.csv"), reference.Default())
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, p := range pieces {
		if known[p.Name] {
			t.Errorf("piece %s is listed twice", p.Name)
		}
		known[p.Name] = true
	}
	for _, k := range key {
		if !known[k.Piece] {
			t.Errorf("key line %d: piece %s is not in pieces.csv", k.Line, k.Piece)
		}
	}
	if len(pieces) < 50 {
		t.Errorf("%d pieces, want at least 50", len(pieces))
	}
}

// TestOwnWordsSet scores the own-words news set (fixtures/news/own:
// 120 pieces written for this project in the genre's ways, with real
// councils' grades, visits and figures) against its key, with Ofsted's
// record as the pipeline reads it, and keeps the printed scores as a
// golden file: any change of a finding on these texts shows here (go
// test -update rewrites it).
func TestOwnWordsSet(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "fixtures", "news", "own")
	res, err := RunNews(context.Background(), NewsOptions{Texts: filepath.Join(dir, "texts"), Key: filepath.Join(dir, "key.csv"), Pieces: filepath.Join(dir, "pieces.csv")})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res.Print(&out, 0)
	golden.Check(t, filepath.Join("testdata", "own-words.golden"), out.Bytes())
}
