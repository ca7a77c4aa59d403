package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExtractCommand runs `oversight extract` on the fixture reports, then
// again (nothing read), then `oversight run` on what it wrote: documents
// in, findings out, a report made from them.
func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "extracted")
	code, stdout, stderr := oversight(t, "extract", "../../fixtures/reports", "--out", out)
	if code != 0 {
		t.Fatalf("extract: exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"11 documents (11 read now, 0 known from the registry, 0 copies of another)",
		"rejected ../../fixtures/reports/birmingham_2012-10-19.pdf: named .pdf but it is a web page",
		"rejected ../../fixtures/reports/README.md", "rejected ../../fixtures/reports/truth.csv"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("extract output lacks %q:\n%s", want, stdout)
		}
	}
	for _, f := range []string{"findings.csv", "documents.csv", "review.csv", "registry.jsonl"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	code, stdout, _ = oversight(t, "extract", "../../fixtures/reports", "--out", out)
	if code != 0 || !strings.Contains(stdout, "(0 read now, 11 known from the registry") {
		t.Errorf("second extract: exit %d\n%s", code, stdout)
	}
	code, stdout, stderr = oversight(t, "run", "--findings", filepath.Join(out, "findings.csv"), "--out", filepath.Join(dir, "report"), "--as-of", "2026-09-01")
	if code != 0 {
		t.Fatalf("run on extracted findings: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if code, _, stderr := oversight(t, "extract", "../../fixtures/reports"); code != 2 || !strings.Contains(stderr, "--out") {
		t.Errorf("no --out: exit %d, %s", code, stderr)
	}
	if code, _, stderr := oversight(t, "extract", "--out", out, "--threshold", "2", "x"); code != 2 || !strings.Contains(stderr, "threshold") {
		t.Errorf("bad threshold: exit %d, %s", code, stderr)
	}
}
