package publish_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oversight/oversight/outputs/manifest"
	"github.com/oversight/oversight/outputs/publish"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// earlierOutput writes a folder as a run leaves it: files, then a manifest
// (outputs/manifest's own) listing them.
func earlierOutput(t *testing.T, dir string) {
	t.Helper()
	writeFile(t, filepath.Join(dir, "report.xlsx"), "workbook")
	writeFile(t, filepath.Join(dir, "datasets", "councils.csv"), "a,b\n")
	m := &manifest.Manifest{Tool: "oversight"}
	if err := m.AddOutputs(dir); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := m.Write(f); err != nil {
		t.Fatal(err)
	}
}

func TestCheckOut(t *testing.T) {
	if manifest.Name != publish.ManifestName {
		t.Fatalf("publish looks for %s, runs write %s", publish.ManifestName, manifest.Name)
	}
	root := t.TempDir()
	in := filepath.Join(root, "in")
	writeFile(t, filepath.Join(in, "a.csv"), "x")
	docs := filepath.Join(root, "docs")
	writeFile(t, filepath.Join(docs, "letter.odt"), "mine")
	prev := filepath.Join(root, "prev")
	earlierOutput(t, prev)
	edited := filepath.Join(root, "edited")
	earlierOutput(t, edited)
	writeFile(t, filepath.Join(edited, "report.xlsx"), "workbook, with my changes")
	fileOut := filepath.Join(root, "file")
	writeFile(t, fileOut, "x")
	link := filepath.Join(root, "link")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(root, "empty"), 0o755)

	tests := []struct {
		name        string
		out         string
		inputs      []string
		replace     bool
		want        string // "" = allowed
		replaceable bool
	}{
		{"new folder", filepath.Join(root, "new"), []string{in}, false, "", false},
		{"empty folder", filepath.Join(root, "empty"), []string{in}, false, "", false},
		{"earlier output", prev, []string{in}, false, "", false},
		{"earlier output, trailing slash", prev + "/", []string{in}, false, "", false},
		{"is the input", in, []string{in}, true, "is the input", false},
		{"is the input, other spelling", in + "/./", []string{filepath.Join(in, "..", "in")}, true, "is the input", false},
		{"contains the input file", root, []string{filepath.Join(in, "a.csv")}, true, "contains the input", false},
		{"inside the input", filepath.Join(in, "out"), []string{in}, true, "inside the input folder", false},
		{"inside the input through a link", filepath.Join(link, "out"), []string{in}, true, "inside the input folder", false},
		{"is the input file", filepath.Join(in, "a.csv"), []string{filepath.Join(in, "a.csv")}, true, "is the input", false},
		{"a user's folder", docs, []string{in}, false, `"letter.odt"`, true},
		{"a user's folder, --replace", docs, []string{in}, true, "", false},
		{"an edited earlier output", edited, []string{in}, false, "changed or added", true},
		{"a file", fileOut, []string{in}, true, "is a file", false},
		{"a symbolic link", link, []string{filepath.Join(root, "elsewhere.csv")}, true, "symbolic link", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := publish.CheckOut(tt.out, tt.inputs, tt.replace)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var oe *publish.OutError
			if !errors.As(err, &oe) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an OutError containing %q", err, tt.want)
			}
			if oe.Replaceable != tt.replaceable {
				t.Errorf("replaceable %v, want %v", oe.Replaceable, tt.replaceable)
			}
		})
	}
	// Nothing was touched.
	for _, p := range []string{filepath.Join(in, "a.csv"), filepath.Join(docs, "letter.odt"), filepath.Join(prev, "report.xlsx")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("CheckOut changed the file system: %v", err)
		}
	}
}

func TestCheckOutRelativePaths(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "a.csv"), "x")
	wd, _ := os.Getwd()
	if err := os.Chdir(root); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	if err := publish.CheckOut(".", []string{"a.csv"}, true); err == nil || !strings.Contains(err.Error(), "contains the input") {
		t.Fatalf("--out . with ./a.csv as input: %v", err)
	}
	if err := publish.CheckOut("out", []string{"."}, true); err == nil || !strings.Contains(err.Error(), "inside the input") {
		t.Fatalf("--out out with . as input: %v", err)
	}
}

// A big folder of someone's files (a home folder) is refused without
// walking all of it.
func TestCheckOutBigFolder(t *testing.T) {
	docs := t.TempDir()
	for i := 0; i < 1200; i++ {
		writeFile(t, filepath.Join(docs, "d", strings.Repeat("x", i%7+1)+itoa(i)), "x")
	}
	err := publish.CheckOut(docs, nil, false)
	if err == nil || !strings.Contains(err.Error(), "more than 1000 files") {
		t.Fatalf("%v", err)
	}
}

func itoa(i int) string { return fmt.Sprint(i) }

func TestSamePathAndInside(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	writeFile(t, filepath.Join(out, "registry.jsonl"), "x")
	link := filepath.Join(root, "link")
	if err := os.Symlink(out, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		p, dir       string
		same, inside bool
	}{
		{filepath.Join(out, "registry.jsonl"), filepath.Join(out, "registry.jsonl"), true, false},
		{filepath.Join(out, "sub", "..", "registry.jsonl"), filepath.Join(link, "registry.jsonl"), true, false},
		{filepath.Join(link, "other.jsonl"), out, false, true},
		{filepath.Join(out, "new", "deep.jsonl"), out + "/", false, true},
		{out, out, true, false},
		{filepath.Join(root, "outside.jsonl"), out, false, false},
		{filepath.Join(root, "out2", "a"), out, false, false},
	}
	for _, tt := range tests {
		if got := publish.SamePath(tt.p, tt.dir); got != tt.same {
			t.Errorf("SamePath(%s, %s) = %v", tt.p, tt.dir, got)
		}
		if got := publish.Inside(tt.p, tt.dir); got != tt.inside {
			t.Errorf("Inside(%s, %s) = %v", tt.p, tt.dir, got)
		}
	}
}
