package pdftext

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/oversight/oversight/analysis/extract/internal/pdfgen"
)

// chars lays out s as PDFium would report it: characters 6 points wide on a
// baseline, generated spaces without width, "\r\n" at the end.
func chars(x, top float64, s string) []Char {
	var out []Char
	for _, r := range s {
		out = append(out, Char{R: r, Left: x, Right: x + 5, Bottom: 842 - top - 10, Top: 842 - top})
		x += 6
	}
	return append(out, Char{R: '\r', Left: x, Right: x, Bottom: 842 - top - 10, Top: 842 - top}, Char{R: '\n'})
}

func TestBuildPage(t *testing.T) {
	var cs []Char
	cs = append(cs, chars(72, 100, "Judgement")...)
	cs = cs[:len(cs)-2] // same line: the grade column after a wide gap
	cs = append(cs, chars(300, 100, "Grade")...)
	cs = append(cs, chars(72, 120, "Overall   effectiveness")...)
	cs = append(cs, chars(72, 140, "   ")...) // a line of spaces only
	p, visible := BuildPage(1, 595, 842, cs)
	if len(p.Lines) != 2 {
		t.Fatalf("lines = %d, want 2: %+v", len(p.Lines), p.Lines)
	}
	if got := p.Lines[0].Spans; len(got) != 2 || got[0].Text != "Judgement" || got[1].Text != "Grade" || got[1].X0 != 300 {
		t.Errorf("first line spans = %+v, want Judgement and Grade at 300", got)
	}
	if got := p.Lines[1].Text(); got != "Overall effectiveness" {
		t.Errorf("spaces not folded: %q", got)
	}
	if p.Lines[0].Top != 100-10+10 && p.Lines[0].Top != 100 {
		t.Errorf("top = %v, want 100 (from the page's top)", p.Lines[0].Top)
	}
	if want := len("JudgementGradeOveralleffectiveness"); visible != want {
		t.Errorf("visible = %d, want %d", visible, want)
	}
	if got, want := p.Text(), "Judgement   Grade\nOverall effectiveness"; got != want {
		t.Errorf("Text() = %q, want %q", got, want)
	}
}

func TestIsPDF(t *testing.T) {
	for s, want := range map[string]bool{"%PDF-1.4\n": true, "\n\n%PDF-1.7": true, "<!DOCTYPE html>": false, "": false} {
		if IsPDF([]byte(s)) != want {
			t.Errorf("IsPDF(%q) = %v", s, !want)
		}
	}
}

// engine is shared by the tests: compiling PDFium takes seconds.
var (
	engineOnce sync.Once
	testEngine *Engine
)

func engine(t *testing.T) *Engine {
	t.Helper()
	engineOnce.Do(func() { testEngine = NewEngine(Options{Workers: 2}) })
	return testEngine
}

func TestMain(m *testing.M) {
	code := m.Run()
	if testEngine != nil {
		testEngine.Close()
	}
	os.Exit(code)
}

func TestReadText(t *testing.T) {
	pdf := pdfgen.PDF([]pdfgen.Page{
		{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "Inspection of Barnet local authority"}, {X: 72, Y: 120, S: "Judgement"}, {X: 300, Y: 120, S: "Grade"}}},
		{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "Page two (with brackets)"}}},
	}, pdfgen.Options{})
	doc, err := engine(t).Read(context.Background(), pdf)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 2 {
		t.Fatalf("pages = %d", len(doc.Pages))
	}
	var got [][]string
	for _, l := range doc.Pages[0].Lines {
		var spans []string
		for _, s := range l.Spans {
			spans = append(spans, s.Text)
		}
		got = append(got, spans)
	}
	want := [][]string{{"Inspection of Barnet local authority"}, {"Judgement", "Grade"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("page 1 = %q, want %q", got, want)
	}
	if l := doc.Pages[0].Lines[1]; l.Top < 105 || l.Top > 120 || l.Spans[1].X0 < 299 || l.Spans[1].X0 > 302 {
		t.Errorf("positions: top %.1f (want just above the baseline at 120), Grade at %.1f (want 300)", l.Top, l.Spans[1].X0)
	}
	if got := doc.Texts()[1]; got != "Page two (with brackets)" {
		t.Errorf("page 2 = %q", got)
	}
	if doc.Chars == 0 {
		t.Error("Chars = 0 for a PDF with text")
	}
}

func TestPagesOnDemand(t *testing.T) {
	pages := make([]pdfgen.Page, 5)
	for i := range pages {
		pages[i] = pdfgen.Page{Texts: []pdfgen.Text{{X: 72, Y: 100, S: strings.Repeat("x", i+1)}}}
	}
	d, err := engine(t).Open(context.Background(), pdfgen.PDF(pages, pdfgen.Options{}), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.NumPages() != 5 {
		t.Fatalf("NumPages = %d", d.NumPages())
	}
	p, err := d.Page(context.Background(), 4)
	if err != nil {
		t.Fatal(err)
	}
	if p.Text() != "xxxx" || d.PagesRead() != 1 {
		t.Errorf("page 4 = %q after reading %d pages; want xxxx after 1", p.Text(), d.PagesRead())
	}
	if _, err := d.Page(context.Background(), 6); err == nil {
		t.Error("page 6 of 5: no error")
	}
}

func TestBadPDFs(t *testing.T) {
	ctx := context.Background()
	e := engine(t)
	if _, err := e.Read(ctx, []byte("<!DOCTYPE html><html><title>Report not found</title></html>")); !errors.Is(err, ErrNotPDF) {
		t.Errorf("HTML: err = %v, want ErrNotPDF", err)
	}
	enc := pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "secret"}}}}, pdfgen.Options{UserPassword: "secret"})
	if _, err := e.Read(ctx, enc); !errors.Is(err, ErrEncrypted) {
		t.Errorf("encrypted: err = %v, want ErrEncrypted", err)
	}
	if _, err := e.Read(ctx, []byte("%PDF-1.4\nthis is not a PDF body at all\n")); !errors.Is(err, ErrDamaged) {
		t.Errorf("damaged: err = %v, want ErrDamaged", err)
	}
	scan, err := e.Read(ctx, pdfgen.PDF([]pdfgen.Page{{Image: true}}, pdfgen.Options{}))
	if err != nil {
		t.Fatalf("image-only: %v", err)
	}
	if scan.Chars != 0 {
		t.Errorf("image-only PDF has %d characters, want 0", scan.Chars)
	}
	// After all that, the engine still reads a good PDF.
	good := pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "still working"}}}}, pdfgen.Options{})
	if doc, err := e.Read(ctx, good); err != nil || doc.Texts()[0] != "still working" {
		t.Errorf("after bad PDFs: %v %v", doc, err)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	good := pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "x"}}}}, pdfgen.Options{})
	if _, err := engine(t).Read(ctx, good); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestRealReport reads a real Ofsted report from the fixtures.
func TestRealReport(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "fixtures", "reports", "oxfordshire_2018-05-22.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := engine(t).Read(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	text := doc.Texts()[0]
	for _, want := range []string{"Oxfordshire County Council", "Inspection dates: 16 April to 20 April 2018", "Requires improvement to"} {
		if !strings.Contains(text, want) {
			t.Errorf("page 1 lacks %q:\n%s", want, text)
		}
	}
}
