package jobs

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/extract/extracttest"
	"github.com/oversight/oversight/outputs/manifest"
	"github.com/oversight/oversight/outputs/workbook/workbooktest"
)

// Real Ofsted reports (fixtures/reports, with their licence line).
const reportsDir = "../fixtures/reports"

// copyReports copies the named reports into dir (made if need be).
func copyReports(t *testing.T, dir string, names ...string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(reportsDir, n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// downloads is a new folder of the named reports, and an output folder
// beside it.
func downloads(t *testing.T, names ...string) (docs, out string) {
	t.Helper()
	dir := t.TempDir()
	docs, out = filepath.Join(dir, "downloads"), filepath.Join(dir, "out")
	copyReports(t, docs, names...)
	return docs, out
}

// newDocumentsSheet is the report's New documents table: one row per
// document listed, by header.
func newDocumentsSheet(t *testing.T, path string) []map[string]string {
	t.Helper()
	_, body := tableAt(t, workbooktest.SheetRows(t, path, "New documents"), "File")
	if len(body) == 1 && body[0]["File"] == "No new documents" {
		return nil
	}
	return body
}

// listedFiles are the base names of the documents in rows (a sheet's or
// documents.csv's), sorted.
func listedFiles(rows []map[string]string, col string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, filepath.Base(r[col]))
	}
	sort.Strings(out)
	return out
}

// documentsCSV reads the output's documents/documents.csv by header.
func documentsCSV(t *testing.T, out string) []map[string]string {
	t.Helper()
	header, rows := readRows(t, filepath.Join(out, DocumentsDir, "documents.csv"))
	var body []map[string]string
	for _, r := range rows {
		m := map[string]string{}
		for i, h := range header {
			m[h] = r[i]
		}
		body = append(body, m)
	}
	return body
}

// A run given documents reads those the previous output has not read,
// uses the findings of all of them, and says which were new: in
// documents.csv, the manifest and the report's New documents sheet.
func TestRunDocumentsReadOnce(t *testing.T) {
	t.Parallel()
	docs, out := downloads(t, "oxfordshire_2018-05-22.pdf", "slough_2016-02-17.pdf")
	run := func() *Result {
		t.Helper()
		res, err := Run(context.Background(), Options{Inputs: []string{seeds}, Documents: []string{docs}, Out: out,
			AsOf: asOf("2025-03-31"), Version: "test", PDF: extracttest.Engine()})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	registry := filepath.Join(out, DocumentsDir, "registry.jsonl")

	first := run()
	if first.Documents.New != 2 {
		t.Fatalf("first run read %d documents, want 2", first.Documents.New)
	}
	for _, name := range []string{"findings.csv", "documents.csv", "review.csv", "registry.jsonl", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(out, DocumentsDir, name)); err != nil {
			t.Errorf("documents/%s: %v", name, err)
		}
	}
	// The extracted findings are an input like any other, named as the
	// output has them.
	m, err := manifest.Read(filepath.Join(out, manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Verify(out); err != nil {
		t.Fatal(err)
	}
	last := m.Inputs[len(m.Inputs)-1]
	if last.Path != "documents/findings.csv" || last.Accepted == 0 || last.Rejected != 0 {
		t.Fatalf("the extracted findings as an input: %+v", last)
	}
	if len(m.Documents) != 2 || !m.Documents[0].New || m.Documents[0].SHA256 == "" || m.Documents[0].Council == "" || m.Documents[0].Status != "ok" {
		t.Fatalf("manifest documents %+v", m.Documents)
	}
	fromDocs := 0
	for _, f := range first.Intake.Findings {
		if f.Document != "" {
			fromDocs++
		}
	}
	if fromDocs != last.Accepted {
		t.Fatalf("%d findings from documents used, %d accepted from documents/findings.csv", fromDocs, last.Accepted)
	}
	// Oxfordshire's 2018 report reaches the metrics (the seeds know nothing of it).
	c := readTable(t, filepath.Join(out, "datasets", "councils.csv"))
	check(t, "Oxfordshire grade", c["Oxfordshire"]["grade"], "good")
	check(t, "Slough grade", c["Slough"]["grade"], "inadequate")
	report := filepath.Join(out, "report.xlsx")
	if got := listedFiles(newDocumentsSheet(t, report), "File"); strings.Join(got, " ") != "oxfordshire_2018-05-22.pdf slough_2016-02-17.pdf" {
		t.Fatalf("New documents after the first run: %v", got)
	}
	checkInputsSheet(t, report, "documents/findings.csv")
	regBefore, err := os.ReadFile(registry)
	if err != nil {
		t.Fatal(err)
	}

	// The second run reads nothing, and its report still holds the findings.
	second := run()
	if second.Documents.New != 0 || second.Documents.Read != 0 {
		t.Fatalf("second run read %d documents (%d hashed), want none", second.Documents.New, second.Documents.Read)
	}
	for _, d := range documentsCSV(t, out) {
		if d["new"] != "no" {
			t.Errorf("documents.csv after the second run: %s new=%s", d["file"], d["new"])
		}
	}
	if regAfter, _ := os.ReadFile(registry); !bytes.Equal(regBefore, regAfter) {
		t.Error("the registry changed on a run that read nothing")
	}
	if len(second.Intake.Findings) != len(first.Intake.Findings) {
		t.Errorf("second run used %d findings, the first %d", len(second.Intake.Findings), len(first.Intake.Findings))
	}
	c = readTable(t, filepath.Join(out, "datasets", "councils.csv"))
	check(t, "Oxfordshire grade, second run", c["Oxfordshire"]["grade"], "good")
	if got := newDocumentsSheet(t, report); len(got) != 0 {
		t.Errorf("New documents after a run that read nothing: %v", got)
	}

	// A report added since is the only one read and the only one listed.
	copyReports(t, docs, "kent_2013-08-23.pdf")
	third := run()
	if third.Documents.New != 1 || len(third.Documents.Documents) != 3 {
		t.Fatalf("third run: %d new of %d", third.Documents.New, len(third.Documents.Documents))
	}
	if got := listedFiles(newDocumentsSheet(t, report), "File"); strings.Join(got, " ") != "kent_2013-08-23.pdf" {
		t.Fatalf("New documents after Kent's report was added: %v", got)
	}
	for _, d := range documentsCSV(t, out) {
		if want := map[bool]string{true: "yes", false: "no"}[strings.HasPrefix(filepath.Base(d["file"]), "kent")]; d["new"] != want {
			t.Errorf("documents.csv: %s new=%s, want %s", d["file"], d["new"], want)
		}
	}

	// A run stopped while it reads documents leaves the output as it was.
	copyReports(t, docs, "surrey_2015-08-03.pdf")
	before := hashTree(t, out)
	ctx, cancel := context.WithCancel(context.Background())
	_, err = Run(ctx, Options{Inputs: []string{seeds}, Documents: []string{docs}, Out: out, AsOf: asOf("2025-03-31"), PDF: extracttest.Engine(),
		OnStage: func(s string) {
			if s == "extract documents" {
				cancel()
			}
		}})
	cancel()
	if err == nil {
		t.Fatal("a run cancelled while extracting succeeded")
	}
	sameTree(t, "cancelled while extracting", before, hashTree(t, out))
}

// checkInputsSheet requires the report's Inputs sheet to list path.
func checkInputsSheet(t *testing.T, report, path string) {
	t.Helper()
	for _, r := range workbooktest.SheetRows(t, report, "Inputs") {
		for _, c := range r {
			if c == path {
				return
			}
		}
	}
	t.Errorf("the Inputs sheet does not list %s", path)
}

// A research run lists, among its new documents, only those with a finding
// the question keeps (as its Findings sheet); the manifest and
// documents.csv still have every one.
func TestResearchDocuments(t *testing.T) {
	t.Parallel()
	docs, out := downloads(t, "oxfordshire_2018-05-22.pdf", "slough_2016-02-17.pdf")
	res, err := Run(context.Background(), Options{Inputs: []string{seeds}, Documents: []string{docs}, Out: out, AsOf: asOf("2025-03-31"),
		Question: Question{Councils: []string{"Oxfordshire"}}, Kind: "research", PDF: extracttest.Engine()})
	if err != nil {
		t.Fatal(err)
	}
	if got := listedFiles(newDocumentsSheet(t, filepath.Join(out, "report.xlsx")), "File"); strings.Join(got, " ") != "oxfordshire_2018-05-22.pdf" {
		t.Errorf("New documents of a question about Oxfordshire: %v", got)
	}
	if len(res.Manifest.Documents) != 2 || len(documentsCSV(t, out)) != 2 {
		t.Errorf("manifest lists %d documents, documents.csv %d; want both", len(res.Manifest.Documents), len(documentsCSV(t, out)))
	}
	for _, f := range res.Intake.Findings {
		if f.Document == "" {
			t.Fatalf("a finding not from the documents answers a question about Oxfordshire: %+v", f)
		}
	}
}

// The councillor downloads take documents as a report does: their findings
// among the inputs, the extraction's folder in the output, the documents in
// the manifest.
func TestCouncilsDocuments(t *testing.T) {
	t.Parallel()
	docs, out := downloads(t, "oxfordshire_2018-05-22.pdf")
	res, err := CouncilsOf(context.Background(), Options{Inputs: []string{seeds}, Documents: []string{docs}, Out: out,
		AsOf: asOf("2025-03-31"), PDF: extracttest.Engine()}, []string{"Oxfordshire"})
	if err != nil {
		t.Fatal(err)
	}
	m := res.Manifest
	if len(m.Documents) != 1 || !m.Documents[0].New || m.Documents[0].Council != "Oxfordshire" {
		t.Fatalf("manifest documents %+v", m.Documents)
	}
	if last := m.Inputs[len(m.Inputs)-1]; last.Path != "documents/findings.csv" || last.Accepted == 0 {
		t.Fatalf("the extracted findings as an input: %+v", last)
	}
	if _, err := os.Stat(filepath.Join(out, DocumentsDir, "documents.csv")); err != nil {
		t.Fatal(err)
	}
	c := readTable(t, filepath.Join(out, "datasets", "councils.csv"))
	check(t, "Oxfordshire grade", c["Oxfordshire"]["grade"], "good")
}
