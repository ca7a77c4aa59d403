package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/outputs/manifest"
)

// `run --documents` twice into one DIR: the first run reads the reports,
// the second reads nothing (its registry is the previous output's) and
// still reports their findings; the output may not lie in the documents.
func TestRunDocuments(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	docs := filepath.Join(dir, "downloads")
	for _, n := range []string{"oxfordshire_2018-05-22.pdf", "slough_2016-02-17.pdf"} {
		b, err := os.ReadFile(filepath.Join("../../fixtures/reports", n))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(docs, 0o755)
		os.WriteFile(filepath.Join(docs, n), b, 0o644)
	}
	out := filepath.Join(dir, "out")
	args := []string{"run", "--findings", "../../fixtures/findings", "--documents", docs, "--out", out, "--as-of", "2025-03-31",
		"--publisher", "Department for Education", "--contact", "Statistics team", "--contact-email", "stats@education.gov.uk"}
	code, stdout, stderr := oversight(t, args...)
	if code != 0 || !strings.Contains(stdout, "documents: 2 (2 read now, 0 known from earlier runs, 0 rejected)") {
		t.Fatalf("first run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	registry := filepath.Join(out, "documents", "registry.jsonl")
	before, err := os.ReadFile(registry)
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = oversight(t, args...)
	if code != 0 || !strings.Contains(stdout, "documents: 2 (0 read now, 2 known from earlier runs, 0 rejected)") {
		t.Fatalf("second run into the same DIR: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if after, _ := os.ReadFile(registry); !bytes.Equal(before, after) {
		t.Error("the registry changed on a run that read nothing")
	}
	m, err := manifest.Read(filepath.Join(out, manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Verify(out); err != nil {
		t.Fatal(err)
	}
	if len(m.Documents) != 2 || m.Documents[0].New || m.Inputs[len(m.Inputs)-1].Path != "documents/findings.csv" || m.Inputs[len(m.Inputs)-1].Accepted == 0 {
		t.Errorf("manifest: documents %+v, last input %+v", m.Documents, m.Inputs[len(m.Inputs)-1])
	}

	// The Cover names the publisher and contact; a one-off run has no next update.
	f, err := excelize.OpenFile(filepath.Join(out, "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Cover")
	var cover []string
	for _, r := range rows {
		if len(r) > 0 {
			cover = append(cover, r[0])
		}
	}
	text := strings.Join(cover, "\n")
	for _, want := range []string{"Published by\nDepartment for Education", "Contact\nStatistics team\nEmail: stats@education.gov.uk"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Cover lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Next update") {
		t.Errorf("a one-off run's Cover gives a next update:\n%s", text)
	}

	// Documents are inputs: the output may not lie among them.
	inside := filepath.Join(docs, "out")
	if code, _, stderr := oversight(t, "run", "--findings", "../../fixtures/findings", "--documents", docs, "--out", inside); code == 0 || !strings.Contains(stderr, "inside the input folder") {
		t.Errorf("--out inside --documents: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(inside); !os.IsNotExist(err) {
		t.Error("a refused run wrote into the documents folder")
	}
}

// The publishing flags and --documents are checked before anything is read.
func TestPublishingAndDocumentsFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--findings", "../../fixtures/findings", "--out", filepath.Join(dir, "a"), "--contact-email", "Stats <stats@education.gov.uk>"},
			`--contact-email "Stats <stats@education.gov.uk>" is not an email address`},
		{[]string{"councils", "--findings", "../../fixtures/findings", "--out", filepath.Join(dir, "b"), "--contact-email", "stats"},
			`--contact-email "stats" is not an email address (it has no @)`},
		{[]string{"research", "--findings", "../../fixtures/findings", "--out", filepath.Join(dir, "c"), "--council", "Medway", "--contact-email", "stats@localhost"},
			"is not a domain name"},
		{[]string{"run", "--job", "monthly", "--jobs", "../../fixtures/jobs/example.jobs", "--documents", "../../fixtures/reports"},
			"give --job and --jobs without --documents"},
		{[]string{"run", "--job", "monthly", "--jobs", "../../fixtures/jobs/example.jobs", "--publisher", "DfE"},
			"without --publisher, --contact and --contact-email"},
		{[]string{"run", "--out", filepath.Join(dir, "d")}, "--documents PATH..."},
	} {
		code, _, stderr := oversight(t, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, want 2 and %q:\n%s", tc.args, code, tc.want, stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused runs wrote %v", entries)
	}
}
