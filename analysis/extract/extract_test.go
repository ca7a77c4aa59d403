package extract

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/oversight/oversight/analysis/extract/extracttest"
	"github.com/oversight/oversight/analysis/findings"
)

var engine = extracttest.Engine

func TestMain(m *testing.M) { extracttest.Main(m) }

var (
	ilacsReport = extracttest.ILACSReport
	write       = extracttest.WriteFile
)

// TestDocuments runs a folder of good and bad documents: every file is a
// document with its status and reason, nothing stops, and the good ones
// give findings with their provenance. (outputs/extracted's tests check
// the same run as written: documents.csv, findings.csv read back through
// the contract's reader, review.csv.)
func TestDocuments(t *testing.T) {
	in := t.TempDir()
	extracttest.MixedFolder(t, in)
	res, err := Run(context.Background(), Options{Paths: []string{in}, PDF: engine()})
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]Document{}
	for _, d := range res.Documents {
		docs[filepath.Base(d.File)] = d
	}
	if len(res.Documents) != 10 || len(docs) != 10 {
		t.Errorf("%d documents, want 10 (the hidden file skipped): %v", len(res.Documents), docs)
	}
	for name, want := range extracttest.MixedFiles {
		d, ok := docs[name]
		if !ok {
			t.Errorf("%s: no row", name)
			continue
		}
		if d.Status != want.Status || d.Kind != want.Kind || !strings.Contains(d.Reason, want.Reason) {
			t.Errorf("%s: status %q kind %q reason %q; want %q %q reason with %q", name, d.Status, d.Kind, d.Reason, want.Status, want.Kind, want.Reason)
		}
		if d.Extractor != Version || d.Bytes == 0 {
			t.Errorf("%s: extractor %q, %d bytes", name, d.Extractor, d.Bytes)
		}
	}
	w := docs["wigan_2023-01-10.pdf"]
	rec := -1
	if w.Recommendations != nil {
		rec = *w.Recommendations
	}
	for _, c := range []struct{ col, got, want string }{
		{"council", w.Council, "Wigan"}, {"gss_code", w.GSSCode, "E08000010"}, {"framework", w.Framework, "ILACS-standard"},
		{"inspection_start", w.InspectionStart, "2022-11-07"}, {"inspection_end", w.InspectionEnd, "2022-11-18"},
		{"published", w.Published, "2023-01-10"}, {"published_rule", w.PublishedRule, "file-name"},
		{"lead_inspector", w.LeadInspector, "Jane Doe"}, {"recommendations", strconv.Itoa(rec), "2"},
		{"pages", strconv.Itoa(w.Pages), "2"}, {"new", strconv.FormatBool(w.New), "true"},
	} {
		if c.got != c.want {
			t.Errorf("wigan %s = %q, want %q", c.col, c.got, c.want)
		}
	}
	if len(w.SHA256) != 64 || docs["zz-copy-of-wigan.pdf"].SHA256 != w.SHA256 {
		t.Errorf("wigan sha256 %q, its copy's %q", w.SHA256, docs["zz-copy-of-wigan.pdf"].SHA256)
	}

	var grades []string
	for _, r := range res.Findings {
		if r.Document != w.SHA256 || r.Extractor != Version || r.Quote == "" || r.Page <= 0 || r.Confidence <= 0 {
			t.Errorf("finding without provenance: %+v", r)
		}
		if r.Measure == "grade" {
			grades = append(grades, r.Area+"="+r.Value)
		}
		// Values are the contract's columns, in its order.
		v := r.Values()
		if len(v) != len(findings.ColumnNames) || v[findings.ColCouncil] != r.Council || v[findings.ColMeasure] != r.Measure {
			t.Errorf("Values() = %q for %+v", v, r)
		}
	}
	if got := strings.Join(grades, " "); got != "leadership=good help_and_protection=requires improvement children_in_care=good care_leavers=outstanding overall=good" {
		t.Errorf("grades: %s", got)
	}
	// Documents without a council put what they found in review.
	for _, r := range res.Review {
		if r.Reason == "" {
			t.Errorf("review row without a reason: %+v", r)
		}
	}
}

// saveRegistry writes the registry res leaves to path, as a writer of the
// output folder would.
func saveRegistry(t *testing.T, path string, res *Result) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteRegistry(&b, res); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSecondRunReadsNothing: a second run with the first's registry reads
// no file (not even to hash it) and gives the same findings; a changed
// file is read again, alone. (outputs/extracted's tests do the same with
// the registry in the output folder.)
func TestSecondRunReadsNothing(t *testing.T) {
	in := t.TempDir()
	a := write(t, in, "wigan_2023-01-10.pdf", ilacsReport("Inspection of Wigan local authority"))
	write(t, in, "barnet_2023-02-01.pdf", ilacsReport("Inspection of Barnet local authority"))
	reg := filepath.Join(t.TempDir(), "registry.jsonl")
	opts := Options{Paths: []string{in}, Registry: reg, PDF: engine()}

	first, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if first.Read != 2 || first.New != 2 {
		t.Fatalf("first run read %d, new %d; want 2 and 2", first.Read, first.New)
	}
	saveRegistry(t, reg, first)

	second, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if second.Read != 0 || second.New != 0 {
		t.Errorf("second run read %d files, %d new; want none", second.Read, second.New)
	}
	if !reflect.DeepEqual(first.Findings, second.Findings) || !reflect.DeepEqual(first.Review, second.Review) {
		t.Error("the second run's rows differ from the first's")
	}
	for i, d := range second.Documents {
		f := first.Documents[i]
		f.New = false
		if !reflect.DeepEqual(d, f) {
			t.Errorf("document %d differs on the second run:\n%+v\n%+v", i, d, f)
		}
	}
	saveRegistry(t, reg, second)

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

// A named pipe, given by name or in a folder, is a row saying what it is,
// at once: reading it would wait for a writer for ever.
func TestNamedPipe(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "report.pdf")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	for _, paths := range [][]string{{pipe}, {dir}} {
		done := make(chan *Result, 1)
		go func() {
			res, err := Run(context.Background(), Options{Paths: paths, PDF: extracttest.Engine()})
			if err != nil {
				t.Error(err)
			}
			done <- res
		}()
		select {
		case res := <-done:
			if res == nil || len(res.Documents) != 1 || !strings.Contains(res.Documents[0].Reason, "named pipe") {
				t.Errorf("a named pipe (%s): %+v", paths[0], res)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("a named pipe hung extraction")
		}
	}
}
