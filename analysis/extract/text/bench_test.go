package text

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/oversight/oversight/analysis/reference"
)

// BenchmarkExtract reads every test document (and the seed documents when
// present) once per iteration.
func BenchmarkExtract(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "docs", "*.*"))
	seeds, _ := filepath.Glob(filepath.Join(seedDocs, "*.txt"))
	var docs []Doc
	t := &testing.T{}
	for _, p := range append(paths, seeds...) {
		if n := docName(p); filepath.Ext(p) == ".want" || filepath.Ext(p) == ".golden" || n == "" {
			continue
		}
		docs = append(docs, loadDoc(t, p))
	}
	ref := reference.Default()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := Extract(context.Background(), d, ref); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(docs)), "docs/op")
}

// FuzzExtract feeds arbitrary bytes as text and as HTML: Extract must not
// panic, and every candidate it returns must keep the quote rules.
func FuzzExtract(f *testing.F) {
	f.Add([]byte("Medway was rated 'inadequate' last month; caseloads of over 40."), false)
	f.Add([]byte("<html><head><meta property=\"article:published_time\" content=\"2019-02-30\"></head><body><p>Leeds"), true)
	f.Add([]byte("Dear Sir\n\nMonitoring visit to Torbay children's services\n\n•\n"), false)
	f.Add([]byte("\xff\xfe 12/13/2019 from 39% to"), false)
	ref := reference.Default()
	f.Fuzz(func(t *testing.T, raw []byte, html bool) {
		name := "doc.txt"
		if html {
			name = "doc.html"
		}
		res, err := Extract(context.Background(), Doc{File: name, Raw: raw}, ref)
		if err != nil {
			return
		}
		for _, c := range res.Candidates {
			if len([]rune(c.Quote)) > 300 {
				t.Fatalf("quote of %d characters", len([]rune(c.Quote)))
			}
			if c.Review == "" && (c.Council == "" || c.Date == "") {
				t.Fatalf("finding without council or date: %+v", c)
			}
		}
	})
}
