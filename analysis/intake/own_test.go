package intake

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A run's own findings file (extracted from documents into its staging
// folder) is read as findings even when --format forces another kind on the
// user's files, and is reported under the name it has in the output.
func TestOwnFiles(t *testing.T) {
	dir := t.TempDir()
	staged := filepath.Join(dir, ".out.tmp-1-ab", "documents", "findings.csv")
	if err := os.MkdirAll(filepath.Dir(staged), 0o755); err != nil {
		t.Fatal(err)
	}
	rows := "council,date,measure,value\nMedway,2019-08-01,grade,inadequate\nNowhere,2019-08-01,grade,good\n"
	if err := os.WriteFile(staged, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	own := []OwnFile{{Path: staged, Name: "documents/findings.csv"}}
	for _, tc := range []struct {
		name   string
		paths  []string
		format string
		files  int
	}{
		{"after the inputs", []string{"testdata/mixed/a_utf8.csv"}, "", 2},
		{"whatever --format says", []string{"testdata/mixed/a_utf8.csv"}, "csww", 2},
		{"alone", nil, "csww", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Load(context.Background(), tc.paths, Options{Own: own, Format: tc.format})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Files) != tc.files {
				t.Fatalf("%d files, want %d: %+v", len(res.Files), tc.files, res.Files)
			}
			f := res.Files[len(res.Files)-1]
			if f.Path != "documents/findings.csv" || f.Error != "" || f.Read != 2 || f.Accepted != 1 || f.Rejected != 1 {
				t.Errorf("own file reported as %+v", f)
			}
			for _, r := range res.Rejects {
				if strings.Contains(r.Reason, staged) {
					t.Errorf("a reject names the staging path: %s", r.Reason)
				}
			}
		})
	}

	// A file-level error names the file as the output has it.
	if err := os.WriteFile(staged, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Load(context.Background(), nil, Options{Own: own})
	if err != nil {
		t.Fatal(err)
	}
	if e := res.Files[0].Error; e == "" || strings.Contains(e, staged) || !strings.Contains(e, "documents/findings.csv") {
		t.Errorf("error %q: want it to name documents/findings.csv, not the staging path", e)
	}
}
