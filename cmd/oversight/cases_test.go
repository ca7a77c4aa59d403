package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/oversight/oversight/fixtures/golden"
)

// TestCases runs the command-line cases: each folder under testdata/cases
// holds a command line in `cmd` (the arguments after `oversight`, split at
// spaces; $OUT is a fresh folder for outputs), its input files, and what it must give: `stdout`, `stderr`,
// `exit` (the exit code) and, under `out/`, every file it writes into $OUT.
// The command runs in the case's folder, so paths print as written; in
// what it prints, $OUT, $CASE (the case's folder made absolute) and $REPO
// (the module's) stand for those folders. `schedule --check` counts from
// Sunday 15 June 2025, 12:00 UTC.
//
//	go test ./cmd/oversight -run TestCases -update   # rewrite the expected files
//
// Review what -update changed (git diff) before committing it.
func TestCases(t *testing.T) {
	cmds, err := filepath.Glob(filepath.Join("testdata", "cases", "*", "cmd"))
	if err != nil || len(cmds) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	fixed := time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
	defer func(old func() time.Time) { now = old }(now)
	now = func() time.Time { return fixed }
	for _, cmd := range cmds {
		dir, err := filepath.Abs(filepath.Dir(cmd))
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(dir), func(t *testing.T) { runCase(t, dir, repo) })
	}
}

func runCase(t *testing.T, dir, repo string) {
	line, err := os.ReadFile(filepath.Join(dir, "cmd"))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	args := strings.Fields(strings.ReplaceAll(string(line), "$OUT", out))
	t.Chdir(dir) // not parallel: the working folder is the process's
	code, stdout, stderr := oversight(t, args...)
	clean := func(s string) string {
		for _, r := range []struct{ path, name string }{{out, "$OUT"}, {dir, "$CASE"}, {repo, "$REPO"}} {
			s = strings.ReplaceAll(s, r.path, r.name)
		}
		return s
	}
	got := map[string][]byte{
		"stdout": []byte(clean(stdout)),
		"stderr": []byte(clean(stderr)),
		"exit":   []byte(fmt.Sprintln(code)),
	}
	err = filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		b, err := os.ReadFile(path)
		got[filepath.Join("out", rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	if golden.Updating() {
		if err := os.RemoveAll(filepath.Join(dir, "out")); err != nil {
			t.Fatal(err)
		}
		for name, b := range got {
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := map[string]bool{"stdout": true, "stderr": true, "exit": true}
	filepath.WalkDir(filepath.Join(dir, "out"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			want[rel] = true
		}
		return nil
	})
	var names []string
	for name := range want {
		names = append(names, name)
	}
	for name := range got {
		if !want[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		w, err := os.ReadFile(filepath.Join(dir, name))
		g, made := got[name]
		switch {
		case err != nil && made:
			t.Errorf("%s: written but not expected (run with -update to take it)", name)
		case !made:
			t.Errorf("%s: expected but not written", name)
		case !bytes.Equal(g, w):
			t.Errorf("%s differs (run with -update to take the new one)\n--- got\n%s\n--- want\n%s", name, g, w)
		}
	}
}
