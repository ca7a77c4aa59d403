package extracted

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/extract"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/extracttest"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/outputs/manifest"
	"github.com/oversight/oversight/outputs/publish"
)

var engine = extracttest.Engine

func TestMain(m *testing.M) { extracttest.Main(m) }

func readCSV(t *testing.T, path string) (header []string, rows []map[string]string) {
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
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		rows = append(rows, m)
	}
	return recs[0], rows
}

func run(t *testing.T, opts extract.Options) *extract.Result {
	t.Helper()
	opts.PDF = engine()
	res, err := extract.Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestDocuments writes a folder of good and bad documents: every file is a
// row in documents.csv with its status and reason, the good ones give
// findings that the contract's reader reads back without a reject, and the
// manifest marks the folder as an earlier output of oversight.
func TestDocuments(t *testing.T) {
	in := t.TempDir()
	extracttest.MixedFolder(t, in)
	out := filepath.Join(t.TempDir(), "extracted")
	res := run(t, extract.Options{Paths: []string{in}})
	if err := Write(out, res, Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}

	header, rows := readCSV(t, filepath.Join(out, DocumentsFile))
	if !reflect.DeepEqual(header, DocumentsColumns) {
		t.Errorf("documents.csv header %q", header)
	}
	docs := map[string]map[string]string{}
	for _, d := range rows {
		docs[filepath.Base(d["file"])] = d
	}
	if len(rows) != 10 || len(docs) != 10 {
		t.Errorf("documents.csv has %d rows, want 10 (the hidden file skipped): %v", len(rows), docs)
	}
	for name, want := range extracttest.MixedFiles {
		d, ok := docs[name]
		if !ok {
			t.Errorf("%s: no row", name)
			continue
		}
		if d["status"] != want.Status || d["kind"] != want.Kind || !strings.Contains(d["reason"], want.Reason) {
			t.Errorf("%s: status %q kind %q reason %q; want %q %q reason with %q", name, d["status"], d["kind"], d["reason"], want.Status, want.Kind, want.Reason)
		}
	}
	w := docs["wigan_2023-01-10.pdf"]
	for col, want := range map[string]string{"council": "Wigan", "gss_code": "E08000010", "framework": "ILACS-standard",
		"inspection_start": "2022-11-07", "inspection_end": "2022-11-18", "published": "2023-01-10", "published_rule": "file-name",
		"lead_inspector": "Jane Doe", "recommendations": "2", "pages": "2", "new": "yes", "extractor": extract.Version} {
		if w[col] != want {
			t.Errorf("wigan %s = %q, want %q", col, w[col], want)
		}
	}

	header, rows = readCSV(t, filepath.Join(out, FindingsFile))
	if !reflect.DeepEqual(header, FindingsColumns) || len(rows) != len(res.Findings) {
		t.Errorf("findings.csv: header %q, %d rows for %d findings", header, len(rows), len(res.Findings))
	}
	var grades []string
	for _, r := range rows {
		if r["document"] != w["sha256"] || r["extractor"] != extract.Version || r["quote"] == "" || r["page"] == "" || r["confidence"] == "" {
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
	header, rows = readCSV(t, filepath.Join(out, ReviewFile))
	if !reflect.DeepEqual(header, ReviewColumns) || len(rows) != len(res.Review) || len(rows) == 0 {
		t.Errorf("review.csv: header %q, %d rows for %d review rows", header, len(rows), len(res.Review))
	}
	for _, r := range rows {
		if r["reason"] == "" || r["file"] == "" {
			t.Errorf("review row without a reason or file: %v", r)
		}
	}

	checkManifest(t, out, res)
}

// checkManifest: manifest.json lists every document with its SHA-256 and
// size and every file written with its checksum, verifies, and makes the
// folder one CheckOut lets a later run replace.
func checkManifest(t *testing.T, out string, res *extract.Result) {
	t.Helper()
	m, err := manifest.ReadExtraction(filepath.Join(out, manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Verify(out); err != nil {
		t.Error(err)
	}
	if m.Tool != "oversight" || m.Kind != "extract" || m.Version != "test" || m.Extractor != extract.Version || m.Started.IsZero() || m.Finished.Before(m.Started) {
		t.Errorf("manifest: tool %q kind %q version %q extractor %q, %v to %v", m.Tool, m.Kind, m.Version, m.Extractor, m.Started, m.Finished)
	}
	if len(m.Inputs) != len(res.Documents) {
		t.Fatalf("manifest lists %d documents, the run had %d", len(m.Inputs), len(res.Documents))
	}
	for i, d := range res.Documents {
		in := m.Inputs[i]
		info, err := os.Stat(d.File)
		if err != nil {
			t.Fatal(err)
		}
		if in.Path != d.File || in.SHA256 != d.SHA256 || in.Kind != d.Kind || in.Status != d.Status || in.Bytes != info.Size() || in.New != d.New {
			t.Errorf("manifest input %+v for document %s (%d bytes, sha256 %s)", in, d.File, info.Size(), d.SHA256)
		}
	}
	if m.Totals.Documents != len(res.Documents) || m.Totals.New != res.New || m.Totals.Findings != len(res.Findings) || m.Totals.Review != len(res.Review) {
		t.Errorf("manifest totals %+v", m.Totals)
	}
	var paths []string
	for _, o := range m.Outputs {
		paths = append(paths, o.Path)
	}
	if got := strings.Join(paths, " "); got != "documents.csv findings.csv registry.jsonl review.csv" {
		t.Errorf("manifest outputs: %s", got)
	}
	// Read as a report's manifest, the common fields are there too.
	if rm, err := manifest.Read(filepath.Join(out, manifest.Name)); err != nil || rm.Tool != "oversight" || rm.Kind != Kind || len(rm.Outputs) != 4 {
		t.Errorf("manifest.Read: %v %+v", err, rm)
	}
	if err := publish.CheckOut(out, nil, false); err != nil {
		t.Errorf("an extraction's folder is not recognised as an earlier output: %v", err)
	}
}

// TestFormulaSafe: text that a spreadsheet would run as a formula is
// written inert in every file.
func TestFormulaSafe(t *testing.T) {
	evil := "=HYPERLINK(\"http://x\",\"y\")"
	res := &extract.Result{
		Documents: []extract.Document{{File: "+docs/a.txt", Kind: "news", Council: "@Barnet", Status: extract.StatusRejected, Reason: evil}},
		Findings:  []extract.Row{{Candidate: evidence.Candidate{Council: "Barnet", Quote: evil, Note: "-1+1"}, File: "a.txt"}},
		Review:    []extract.Row{{Candidate: evidence.Candidate{Quote: "ok"}, Reason: evil, File: "=a.txt"}},
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := Write(out, res, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{FindingsFile, ReviewFile, DocumentsFile} {
		_, rows := readCSV(t, filepath.Join(out, f))
		if len(rows) != 1 {
			t.Fatalf("%s: %d rows", f, len(rows))
		}
		for col, v := range rows[0] {
			if v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
				t.Errorf("%s %s = %q: a formula", f, col, v)
			}
		}
	}
	_, rows := readCSV(t, filepath.Join(out, FindingsFile))
	if rows[0]["quote"] != "'"+evil {
		t.Errorf("quote written %q", rows[0]["quote"])
	}
}

// TestSecondRunReadsNothing: a second run over the same files, with the
// registry in the output folder, reads no file (not even to hash it) and
// writes the same findings; a changed file is read again, alone.
func TestSecondRunReadsNothing(t *testing.T) {
	in := t.TempDir()
	a := extracttest.WriteFile(t, in, "wigan_2023-01-10.pdf", extracttest.ILACSReport("Inspection of Wigan local authority"))
	extracttest.WriteFile(t, in, "barnet_2023-02-01.pdf", extracttest.ILACSReport("Inspection of Barnet local authority"))
	out := filepath.Join(t.TempDir(), "out")
	opts := extract.Options{Paths: []string{in}, Registry: filepath.Join(out, RegistryFile)}

	first := run(t, opts)
	if first.Read != 2 || first.New != 2 {
		t.Fatalf("first run read %d, new %d; want 2 and 2", first.Read, first.New)
	}
	if err := Write(out, first, Options{}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(out, FindingsFile))

	second := run(t, opts)
	if second.Read != 0 || second.New != 0 {
		t.Errorf("second run read %d files, %d new; want none", second.Read, second.New)
	}
	if err := Write(out, second, Options{}); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(out, FindingsFile))
	if len(before) == 0 || !bytes.Equal(before, after) {
		t.Error("findings.csv differs on the second run")
	}

	// A changed file is read again; the other is not.
	if err := os.WriteFile(a, extracttest.ILACSReport("Inspection of Bolton local authority"), 0o644); err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(time.Hour)
	os.Chtimes(a, future, future)
	third := run(t, opts)
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

// TestSaveRegistry: a registry kept outside the output folder serves the
// next run as the one inside does.
func TestSaveRegistry(t *testing.T) {
	in := t.TempDir()
	extracttest.WriteFile(t, in, "wigan_2023-01-10.pdf", extracttest.ILACSReport("Inspection of Wigan local authority"))
	reg := filepath.Join(t.TempDir(), "jobs", "documents.jsonl")
	first := run(t, extract.Options{Paths: []string{in}, Registry: reg})
	if err := SaveRegistry(reg, first); err != nil {
		t.Fatal(err)
	}
	inside, outside := new(bytes.Buffer), new(bytes.Buffer)
	extract.WriteRegistry(inside, first)
	b, _ := os.ReadFile(reg)
	outside.Write(b)
	if inside.Len() == 0 || !bytes.Equal(inside.Bytes(), outside.Bytes()) {
		t.Errorf("SaveRegistry wrote %d bytes, WriteRegistry %d", outside.Len(), inside.Len())
	}
	if second := run(t, extract.Options{Paths: []string{in}, Registry: reg}); second.Read != 0 || len(second.Findings) != len(first.Findings) {
		t.Errorf("with the saved registry: read %d, %d findings (first %d)", second.Read, len(second.Findings), len(first.Findings))
	}
}

// TestSkipOutputFolder: an output folder inside the input folder, given
// as a path to skip, is not read as documents. (The command refuses such a
// folder; a library caller may still lay out its folders so.)
func TestSkipOutputFolder(t *testing.T) {
	in := t.TempDir()
	extracttest.WriteFile(t, in, "wigan_2023-01-10.pdf", extracttest.ILACSReport("Inspection of Wigan local authority"))
	out := filepath.Join(in, "extracted")
	for i := 0; i < 2; i++ {
		res := run(t, extract.Options{Paths: []string{in}, Skip: []string{out}, Registry: filepath.Join(out, RegistryFile)})
		if len(res.Documents) != 1 {
			t.Fatalf("run %d: %d documents, want 1: %+v", i+1, len(res.Documents), res.Documents)
		}
		if err := Write(out, res, Options{}); err != nil {
			t.Fatal(err)
		}
	}
}

// Issue 22, case 5, as written: hostile text (bytes that are not UTF-8 in
// an HTML title and in file names, control characters, UTF-16) gives
// files whose every cell is UTF-8, and a findings.csv the contract's
// reader takes without a reject (before: the title's byte went raw into
// source, and oversight validate refused the line).
func TestHostileTextWritten(t *testing.T) {
	const news = "Ofsted has rated Barnet Council's children's services good, following an inspection in January 2023, the council said on 3 March 2023."
	page := func(title string) []byte {
		return []byte("<!DOCTYPE html><html><head><title>" + title + "</title></head><body><article><h1>" + title +
			"</h1><p>" + news + "</p></article></body></html>")
	}
	text := "Barnet children's services rated good by Ofsted\n\n" + news + "\n"
	utf16 := []byte{0xff, 0xfe}
	for _, r := range text {
		utf16 = append(utf16, byte(r), byte(r>>8)) // ASCII only
	}
	in := t.TempDir()
	extracttest.WriteFile(t, in, "2023-03-03_barnet.html", page("Barnet’s \xff children's services rated good by Ofsted"))
	extracttest.WriteFile(t, in, "2023-03-03_controls.html", page("Barnet\x00 children's\x01\x1b services rated good by Ofsted"))
	extracttest.WriteFile(t, in, "2023-03-03_utf16.txt", utf16)
	extracttest.WriteFile(t, in, "2023-03-03_bad-\xff-name.txt", []byte(text+"\nThe council added a line.\n"))
	extracttest.WriteFile(t, in, "2023-03-03_new\nline.txt", []byte(text+"\nAnother line.\n"))
	// The grades are invented: Ofsted's record would hold them for review.
	res := run(t, extract.Options{Paths: []string{in}, NoRecordCheck: true})
	out := filepath.Join(t.TempDir(), "out")
	if err := Write(out, res, Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{FindingsFile, ReviewFile, DocumentsFile} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(b) {
			t.Errorf("%s is not UTF-8", f)
		}
	}
	_, rows := readCSV(t, filepath.Join(out, FindingsFile))
	if len(rows) == 0 {
		t.Fatal("no findings written: the test needs some")
	}
	loaded, err := intake.Load(context.Background(), []string{filepath.Join(out, FindingsFile)}, intake.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if read, _, rej, _ := loaded.Totals(); rej != 0 || read != len(rows) {
		t.Errorf("intake read %d rows of %d, rejected %d: %+v", read, len(rows), rej, loaded.Files)
	}
}
