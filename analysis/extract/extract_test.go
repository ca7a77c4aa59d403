package extract

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/oversight/oversight/analysis/extract/internal/pdfgen"
	"github.com/oversight/oversight/analysis/extract/pdftext"
	"github.com/oversight/oversight/analysis/intake"
)

var (
	engineOnce sync.Once
	testEngine *pdftext.Engine
)

func engine() *pdftext.Engine {
	engineOnce.Do(func() { testEngine = pdftext.NewEngine(pdftext.Options{Workers: 2}) })
	return testEngine
}

func TestMain(m *testing.M) {
	code := m.Run()
	if testEngine != nil {
		testEngine.Close()
	}
	os.Exit(code)
}

// ilacsReport is an ILACS report as a PDF, the council named in its title.
func ilacsReport(title string) []byte {
	t := func(x, y float64, s string) pdfgen.Text { return pdfgen.Text{X: x, Y: y, S: s} }
	return pdfgen.PDF([]pdfgen.Page{
		{Texts: []pdfgen.Text{
			t(72, 100, title),
			t(72, 120, "children's services"),
			t(72, 150, "Inspection dates: 7 to 18 November 2022"),
			t(72, 170, "Lead inspector: Jane Doe, His Majesty's Inspector"),
			t(77, 210, "Judgement"), t(304, 210, "Grade"),
			t(77, 240, "The impact of leaders on social work"),
			t(77, 254, "practice with children and families"), t(304, 240, "Good"),
			t(77, 280, "The experiences and progress of"),
			t(77, 294, "children who need help and protection"), t(304, 280, "Requires improvement to be good"),
			t(77, 320, "The experiences and progress of"),
			t(77, 334, "children in care"), t(304, 320, "Good"),
			t(77, 360, "The experiences and progress of care"),
			t(77, 374, "leavers"), t(304, 360, "Outstanding"),
			t(77, 400, "Overall effectiveness"), t(304, 400, "Good"),
			t(72, 440, "Leaders have improved services for children since the last inspection in this area."),
		}},
		{Texts: []pdfgen.Text{
			t(72, 100, "What needs to improve?"),
			t(72, 125, "- The timeliness of strategy meetings."),
			t(72, 145, "- Management oversight of casework in the assessment service."),
			t(72, 180, "The experiences and progress of children who need help and"),
			t(72, 194, "protection: requires improvement to be good"),
		}},
	}, pdfgen.Options{})
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// TestDocuments runs a folder of good and bad documents: every file is a
// row in documents.csv with its status and reason, nothing stops, and the
// good ones give findings that a run reads back without a reject.
func TestDocuments(t *testing.T) {
	in := t.TempDir()
	write(t, in, "reports/wigan_2023-01-10.pdf", ilacsReport("Inspection of Wigan local authority"))
	write(t, in, "reports/zz-copy-of-wigan.pdf", ilacsReport("Inspection of Wigan local authority"))
	write(t, in, "reports/two-councils.pdf", ilacsReport("Inspection of Barnet and Enfield local authority"))
	write(t, in, "reports/no-council.pdf", ilacsReport("Inspection of Atlantis local authority"))
	write(t, in, "reports/encrypted.pdf", pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "Inspection of Barnet"}}}}, pdfgen.Options{UserPassword: "pw"}))
	write(t, in, "reports/scan.pdf", pdfgen.PDF([]pdfgen.Page{{Image: true}, {Image: true}}, pdfgen.Options{}))
	write(t, in, "reports/report-not-found.pdf", []byte("<!DOCTYPE html>\n<html><head><title>Report not found - Find an Inspection Report - Ofsted</title></head><body></body></html>"))
	write(t, in, "reports/garbage.pdf", []byte("\x00\x01binary junk"))
	write(t, in, "reports/sheet.xlsx", []byte("PK\x03\x04 not a document we read"))
	write(t, in, "news/2022-11-20_no-council.txt", []byte("Social workers across the country say caseloads are too high.\n"))
	write(t, in, "news/.hidden.txt", []byte("never read"))
	out := filepath.Join(t.TempDir(), "extracted")

	res, err := Run(context.Background(), Options{Paths: []string{in}, PDF: engine()})
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(out, res); err != nil {
		t.Fatal(err)
	}
	docs := map[string]map[string]string{}
	for _, d := range readCSV(t, filepath.Join(out, DocumentsFile)) {
		docs[filepath.Base(d["file"])] = d
	}
	if len(docs) != 10 {
		t.Errorf("documents.csv has %d rows, want 10 (the hidden file skipped): %v", len(docs), docs)
	}
	expect := map[string]struct{ status, kind, reason string }{
		"wigan_2023-01-10.pdf":      {StatusOK, "report", ""},
		"zz-copy-of-wigan.pdf":      {StatusRejected, "report", "same SHA-256"},
		"two-councils.pdf":          {StatusRejected, "report", "names two councils"},
		"no-council.pdf":            {StatusRejected, "report", "no council"},
		"encrypted.pdf":             {StatusRejected, "pdf", "encrypted"},
		"scan.pdf":                  {StatusRejected, "pdf", "image-only"},
		"report-not-found.pdf":      {StatusRejected, "html", `web page titled "Report not found`},
		"garbage.pdf":               {StatusRejected, "unreadable", "not a PDF"},
		"sheet.xlsx":                {StatusRejected, "other", "not a PDF, HTML or text file"},
		"2022-11-20_no-council.txt": {StatusRejected, "news", "no council"},
	}
	for name, want := range expect {
		d, ok := docs[name]
		if !ok {
			t.Errorf("%s: no row", name)
			continue
		}
		if d["status"] != want.status || d["kind"] != want.kind || !strings.Contains(d["reason"], want.reason) {
			t.Errorf("%s: status %q kind %q reason %q; want %q %q reason with %q", name, d["status"], d["kind"], d["reason"], want.status, want.kind, want.reason)
		}
	}
	w := docs["wigan_2023-01-10.pdf"]
	for col, want := range map[string]string{"council": "Wigan", "gss_code": "E08000010", "framework": "ILACS-standard",
		"inspection_start": "2022-11-07", "inspection_end": "2022-11-18", "published": "2023-01-10", "published_rule": "file-name",
		"lead_inspector": "Jane Doe", "recommendations": "2", "pages": "2", "new": "yes"} {
		if w[col] != want {
			t.Errorf("wigan %s = %q, want %q", col, w[col], want)
		}
	}

	rows := readCSV(t, filepath.Join(out, FindingsFile))
	var grades []string
	for _, r := range rows {
		if r["document"] != w["sha256"] || r["extractor"] != Version || r["quote"] == "" || r["page"] == "" || r["confidence"] == "" {
			t.Errorf("finding without provenance: %v", r)
		}
		if r["measure"] == "grade" {
			grades = append(grades, r["area"]+"="+r["value"])
		}
	}
	if got := strings.Join(grades, " "); got != "leadership=good help_and_protection=requires improvement children_in_care=good care_leavers=outstanding overall=good" {
		t.Errorf("grades: %s", got)
	}
	// The findings read back through the contract's reader without a reject.
	loaded, err := intake.Load(context.Background(), []string{filepath.Join(out, FindingsFile)}, intake.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if read, acc, rej, _ := loaded.Totals(); read != len(rows) || rej != 0 || acc == 0 {
		t.Errorf("intake read %d rows, accepted %d, rejected %d; want all %d accepted", read, acc, rej, len(rows))
	}
	// Documents without a council put what they found in review.
	for _, r := range readCSV(t, filepath.Join(out, ReviewFile)) {
		if r["reason"] == "" {
			t.Errorf("review row without a reason: %v", r)
		}
	}
}

// TestSecondRunReadsNothing: a second run over the same files reads no
// file (not even to hash it) and writes the same findings; a changed file
// is read again, alone.
func TestSecondRunReadsNothing(t *testing.T) {
	in := t.TempDir()
	a := write(t, in, "wigan_2023-01-10.pdf", ilacsReport("Inspection of Wigan local authority"))
	write(t, in, "barnet_2023-02-01.pdf", ilacsReport("Inspection of Barnet local authority"))
	out := filepath.Join(t.TempDir(), "out")
	opts := Options{Paths: []string{in}, Registry: filepath.Join(out, RegistryFile), PDF: engine()}

	first, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if first.Read != 2 || first.New != 2 {
		t.Fatalf("first run read %d, new %d; want 2 and 2", first.Read, first.New)
	}
	if err := Write(out, first); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(out, FindingsFile))

	second, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if second.Read != 0 || second.New != 0 {
		t.Errorf("second run read %d files, %d new; want none", second.Read, second.New)
	}
	if err := Write(out, second); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(out, FindingsFile))
	if !bytes.Equal(before, after) {
		t.Error("findings.csv differs on the second run")
	}

	// A changed file is read again; the other is not.
	if err := os.WriteFile(a, ilacsReport("Inspection of Bolton local authority"), 0o644); err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(time.Hour)
	os.Chtimes(a, future, future)
	third, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if third.Read != 1 || third.New != 1 {
		t.Errorf("third run read %d, new %d; want 1 and 1 (the changed file)", third.Read, third.New)
	}
	councils := map[string]bool{}
	for _, d := range third.Documents {
		councils[d.Council] = true
	}
	if !councils["Bolton"] || !councils["Barnet"] || councils["Wigan"] {
		t.Errorf("councils after the change: %v", councils)
	}
}

func TestRunErrors(t *testing.T) {
	if _, err := Run(context.Background(), Options{}); err == nil {
		t.Error("no paths: no error")
	}
	if _, err := Run(context.Background(), Options{Paths: []string{filepath.Join(t.TempDir(), "missing")}}); err == nil {
		t.Error("a missing folder: no error")
	}
	dir := t.TempDir()
	write(t, dir, "a.txt", []byte("Barnet council said caseloads were 20 in 2022."))
	reg := write(t, dir, "registry.jsonl", []byte("{not json\n"))
	if _, err := Run(context.Background(), Options{Paths: []string{filepath.Join(dir, "a.txt")}, Registry: reg}); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("a broken registry: err = %v, want one naming its line", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, Options{Paths: []string{filepath.Join(dir, "a.txt")}, PDF: engine()}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

// TestSkipOutputFolder: an output folder inside the input folder is not
// read as documents.
func TestSkipOutputFolder(t *testing.T) {
	in := t.TempDir()
	write(t, in, "wigan_2023-01-10.pdf", ilacsReport("Inspection of Wigan local authority"))
	out := filepath.Join(in, "extracted")
	for i := 0; i < 2; i++ {
		res, err := Run(context.Background(), Options{Paths: []string{in}, Skip: []string{out}, Registry: filepath.Join(out, RegistryFile), PDF: engine()})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Documents) != 1 {
			t.Fatalf("run %d: %d documents, want 1: %+v", i+1, len(res.Documents), res.Documents)
		}
		if err := Write(out, res); err != nil {
			t.Fatal(err)
		}
	}
}
