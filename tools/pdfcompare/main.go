// Command pdfcompare measures PDF text readers against poppler's
// `pdftotext -layout` on a folder of PDFs: how many of the reference's
// words each reader gives (and how many it adds), how many grade words it
// keeps, and the time per report. It is how the project chose its reader
// (docs/extraction.md); it is a module of its own so the readers it
// compares are not dependencies of oversight.
//
//	cd tools/pdfcompare && go run . -dir ../../../shared/data/ofsted-reports/reports
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	dpdf "github.com/dslipak/pdf"
	lpdf "github.com/ledongthuc/pdf"
	papi "github.com/pdfcpu/pdfcpu/pkg/api"

	"github.com/oversight/oversight/analysis/extract/pdftext"
)

type reader struct {
	name string
	read func(data []byte) (string, error)
}

func main() {
	dir := flag.String("dir", "../../../shared/data/ofsted-reports/reports", "folder of PDFs")
	n := flag.Int("n", 0, "read only the first n files (0: all)")
	only := flag.String("only", "", "comma-separated readers to run (default: all)")
	flag.Parse()
	files, _ := filepath.Glob(filepath.Join(*dir, "*.pdf"))
	sort.Strings(files)
	var pdfs []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err == nil && pdftext.IsPDF(b) {
			pdfs = append(pdfs, f)
		}
	}
	if *n > 0 && *n < len(pdfs) {
		pdfs = pdfs[:*n]
	}
	engine := pdftext.NewEngine(pdftext.Options{Workers: 1})
	defer engine.Close()
	start := time.Now()
	warm, _ := os.ReadFile(pdfs[0])
	engine.Read(context.Background(), warm) // compile (or load from the cache) before timing
	fmt.Printf("PDFium start-up (WebAssembly compile or cache load): %s\n", time.Since(start).Round(time.Millisecond))

	readers := []reader{
		{"pdfium (oversight pdftext)", func(b []byte) (string, error) {
			d, err := engine.Read(context.Background(), b)
			if err != nil {
				return "", err
			}
			return strings.Join(d.Texts(), "\n"), nil
		}},
		{"ledongthuc/pdf", func(b []byte) (string, error) {
			return plainText(func() (io.Reader, error) {
				r, err := lpdf.NewReader(bytes.NewReader(b), int64(len(b)))
				if err != nil {
					return nil, err
				}
				return r.GetPlainText()
			})
		}},
		{"dslipak/pdf", func(b []byte) (string, error) {
			return plainText(func() (io.Reader, error) {
				r, err := dpdf.NewReader(bytes.NewReader(b), int64(len(b)))
				if err != nil {
					return nil, err
				}
				return r.GetPlainText()
			})
		}},
		{"pdfcpu (content streams)", func(b []byte) (string, error) {
			var sb strings.Builder
			err := papi.ExtractContent(bytes.NewReader(b), nil, func(r io.Reader, _ int) error {
				c, err := io.ReadAll(r)
				sb.Write(c)
				return err
			}, nil)
			return sb.String(), err
		}},
	}
	if *only != "" {
		var keep []reader
		for _, r := range readers {
			first := strings.FieldsFunc(r.name, func(c rune) bool { return c == ' ' || c == '/' })[0]
			if strings.Contains(*only, first) {
				keep = append(keep, r)
			}
		}
		readers = keep
	}

	refs := make([]string, len(pdfs))
	var refTime time.Duration
	for i, f := range pdfs {
		t0 := time.Now()
		out, err := exec.Command("pdftotext", "-layout", f, "-").Output()
		refTime += time.Since(t0)
		if err != nil {
			fmt.Fprintf(os.Stderr, "pdftotext %s: %v\n", f, err)
		}
		refs[i] = string(out)
	}
	fmt.Printf("%d PDFs; reference: poppler pdftotext -layout, %.0f ms per report (a process per file)\n\n", len(pdfs), ms(refTime)/float64(len(pdfs)))
	fmt.Printf("%-28s %6s %9s %9s %11s %13s %12s %12s\n", "reader", "failed", "recall", "precision", "worst recall", "reports <99%", "grade words", "ms/report")
	for _, r := range readers {
		var sumR, sumP, worst float64 = 0, 0, 1
		var failed, below, gradeRef, gradeGot int
		var took time.Duration
		for i, f := range pdfs {
			b, _ := os.ReadFile(f)
			t0 := time.Now()
			text, err := r.read(b)
			took += time.Since(t0)
			if err != nil {
				failed++
				worst = 0
				continue
			}
			p, rc := overlap(words(text), words(refs[i]))
			sumP += p
			sumR += rc
			worst = min(worst, rc)
			if rc < 0.99 {
				below++
			}
			gr, gg := gradeWords(refs[i]), gradeWords(text)
			gradeRef += gr
			gradeGot += min(gg, gr)
		}
		ok := float64(len(pdfs) - failed)
		fmt.Printf("%-28s %6d %8.2f%% %8.2f%% %10.1f%% %13d %6d/%-5d %12.0f\n", r.name, failed, 100*sumR/ok, 100*sumP/ok, 100*worst, below, gradeGot, gradeRef, ms(took)/float64(len(pdfs)))
	}
}

// plainText reads what open gives, turning a reader's panic (both rsc.io/pdf
// forks panic on some files) into an error.
func plainText(open func() (io.Reader, error)) (s string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	rd, err := open()
	if err != nil {
		return "", err
	}
	out, err := io.ReadAll(rd)
	return string(out), err
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func words(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		m[w]++
	}
	return m
}

// overlap is the share of got's words in ref (precision) and of ref's in
// got (recall), counting repeats.
func overlap(got, ref map[string]int) (precision, recall float64) {
	var tp, ng, nr int
	for w, n := range got {
		ng += n
		tp += min(n, ref[w])
	}
	for _, n := range ref {
		nr += n
	}
	if ng == 0 || nr == 0 {
		return 0, 0
	}
	return float64(tp) / float64(ng), float64(tp) / float64(nr)
}

var gradeRE = regexp.MustCompile(`(?i)\b(outstanding|good|inadequate|requires?\s+improvement)\b`)

// gradeWords counts the grade words in s: what a reader must not lose.
func gradeWords(s string) int { return len(gradeRE.FindAllString(s, -1)) }
