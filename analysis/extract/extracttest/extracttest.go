// Package extracttest makes documents for the tests of extraction and of
// what writes its results (outputs/extracted): an ILACS report as a PDF
// and a folder of good and bad documents, and one PDF engine for a test
// binary. It is exported, like httptest, because outputs/ may not import
// analysis/extract/internal, where the PDF writer lives.
package extracttest

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/oversight/oversight/analysis/extract/internal/pdfgen"
	"github.com/oversight/oversight/analysis/extract/pdftext"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/reference"
)

var (
	engineOnce sync.Once
	engine     *pdftext.Engine
)

// Engine is one PDF engine for the whole test binary (PDFium is compiled
// once); Main closes it.
func Engine() *pdftext.Engine {
	engineOnce.Do(func() { engine = pdftext.NewEngine(pdftext.Options{Workers: 2}) })
	return engine
}

// Main runs the tests, closes the engine and exits: a package's TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if engine != nil {
		engine.Close()
	}
	os.Exit(code)
}

// ILACSReport is a two-page ILACS report as a PDF, the council named in
// its title: five judgements (one wrapped over two lines), inspection
// dates, the lead inspector and two recommendations.
func ILACSReport(title string) []byte {
	pages := pdfgen.ILACS(title)
	pages[0].Texts = append(pages[0].Texts, pdfgen.Text{X: 72, Y: 440, S: "Leaders have improved services for children since the last inspection in this area."})
	pages[1].Texts = append(pages[1].Texts,
		pdfgen.Text{X: 72, Y: 180, S: "The experiences and progress of children who need help and"},
		pdfgen.Text{X: 72, Y: 194, S: "protection: requires improvement to be good"})
	return pdfgen.PDF(pages, pdfgen.Options{})
}

// WriteFile writes data to dir/name, making the folders on the way, and
// returns the path.
func WriteFile(t testing.TB, dir, name string, data []byte) string {
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

// MixedFiles are the files MixedFolder writes that extraction reads (the
// hidden one is not), by name, with what extraction makes of each.
var MixedFiles = map[string]struct{ Status, Kind, Reason string }{
	"wigan_2023-01-10.pdf":      {"ok", "report", ""},
	"zz-copy-of-wigan.pdf":      {"rejected", "report", "same SHA-256"},
	"two-councils.pdf":          {"rejected", "report", "names two councils"},
	"no-council.pdf":            {"rejected", "report", "no council"},
	"encrypted.pdf":             {"rejected", "pdf", "encrypted"},
	"scan.pdf":                  {"rejected", "pdf", "image-only"},
	"report-not-found.pdf":      {"rejected", "html", `web page titled "Report not found`},
	"garbage.pdf":               {"rejected", "unreadable", "not a PDF"},
	"sheet.xlsx":                {"rejected", "other", "not a PDF, HTML or text file"},
	"2022-11-20_no-council.txt": {"rejected", "news", "no council"},
}

// MixedFolder writes a folder of good and bad documents into dir: a Wigan
// ILACS report and a copy of it, reports naming two councils and none, an
// encrypted PDF, a scan, an error page saved as .pdf, junk named .pdf, a
// spreadsheet, a news item naming no council, and a hidden file.
func MixedFolder(t testing.TB, dir string) {
	t.Helper()
	WriteFile(t, dir, "reports/wigan_2023-01-10.pdf", ILACSReport("Inspection of Wigan local authority"))
	WriteFile(t, dir, "reports/zz-copy-of-wigan.pdf", ILACSReport("Inspection of Wigan local authority"))
	WriteFile(t, dir, "reports/two-councils.pdf", ILACSReport("Inspection of Barnet and Enfield local authority"))
	WriteFile(t, dir, "reports/no-council.pdf", ILACSReport("Inspection of Atlantis local authority"))
	WriteFile(t, dir, "reports/encrypted.pdf", pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "Inspection of Barnet"}}}}, pdfgen.Options{UserPassword: "pw"}))
	WriteFile(t, dir, "reports/scan.pdf", pdfgen.PDF([]pdfgen.Page{{Image: true}, {Image: true}}, pdfgen.Options{}))
	WriteFile(t, dir, "reports/report-not-found.pdf", []byte("<!DOCTYPE html>\n<html><head><title>Report not found - Find an Inspection Report - Ofsted</title></head><body></body></html>"))
	WriteFile(t, dir, "reports/garbage.pdf", []byte("\x00\x01binary junk"))
	WriteFile(t, dir, "reports/sheet.xlsx", []byte("PK\x03\x04 not a document we read"))
	WriteFile(t, dir, "news/2022-11-20_no-council.txt", []byte("Social workers across the country say caseloads are too high.\n"))
	WriteFile(t, dir, "news/.hidden.txt", []byte("never read"))
}

// Record is a record of Ofsted's judgements made of rows as record.csv
// writes them (council,inspected,published,area,grade), resolved against
// the embedded reference list.
func Record(t testing.TB, rows string) *inspections.Record {
	t.Helper()
	rec, err := inspections.ParseRecord(strings.NewReader(inspections.RecordHeader+"\n"+strings.TrimLeft(rows, "\n")), reference.Default())
	if err != nil {
		t.Fatal(err)
	}
	return rec
}
