package pdftext

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oversight/oversight/analysis/extract/internal/hostile"
	"github.com/oversight/oversight/analysis/extract/internal/pdfgen"
)

// The fuzzing engine: one per fuzzing process, from the compiled code's
// cache (make test fills it), with small limits so a bad input costs
// little.
var (
	fuzzOnce   sync.Once
	fuzzEngine *Engine
)

// FuzzPDF reads any bytes as a PDF through PDFium within small limits:
// it never panics or hangs, fails only with the errors a caller turns
// into a document's row, in one line, and leaves the engine reading the
// next PDF.
func FuzzPDF(f *testing.F) {
	report, _ := os.ReadFile("../../../fixtures/reports/oxfordshire_2018-05-22.pdf")
	f.Add(report)
	small := pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "Inspection of Barnet"}}}, {Image: true}}, pdfgen.Options{})
	f.Add(small)
	f.Add(small[:len(small)/2])
	f.Add(pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "x"}}}}, pdfgen.Options{UserPassword: "pw"}))
	for _, gen := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return hostile.Bomb(b, 64<<20) },
		func(b *bytes.Buffer) error { return hostile.ManyPages(b, 3000) },
		func(b *bytes.Buffer) error { return hostile.XrefLoop(b) },
		func(b *bytes.Buffer) error { return hostile.PageTreeLoop(b) },
		func(b *bytes.Buffer) error { return hostile.DeepNesting(b, 10000) },
		func(b *bytes.Buffer) error { return hostile.HugeLength(b) },
	} {
		var b bytes.Buffer
		if err := gen(&b); err == nil {
			f.Add(b.Bytes())
		}
	}
	f.Add([]byte("%PDF-1.7\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzOnce.Do(func() { fuzzEngine = NewEngine(Options{Workers: 1, MemoryLimitMiB: 48}) })
		e := fuzzEngine
		d, err := e.Open(context.Background(), data, Limits{Time: 3 * time.Second})
		if err == nil {
			for n := 1; n <= min(d.NumPages(), 20) && err == nil; n++ {
				_, err = d.Page(context.Background(), n)
			}
			d.Close()
		}
		switch {
		case err == nil, errors.Is(err, ErrNotPDF), errors.Is(err, ErrEncrypted), errors.Is(err, ErrDamaged),
			errors.Is(err, ErrMemory), errors.Is(err, ErrTime), errors.Is(err, ErrBusy):
		default:
			t.Fatalf("an error that is no document's verdict: %v", err)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("an error of several lines: %v", err)
		}
		if err := e.health(); err != nil {
			t.Fatalf("the engine broke: %v", err)
		}
	})
}
