package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/oversight/oversight/outputs/manifest"
	"github.com/oversight/oversight/outputs/publish"
)

// copySeeds puts a copy of the seed findings at path.
func copySeeds(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile("../../fixtures/findings/seeds.csv")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustExist(t *testing.T, path, what string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%s: %s is gone: %v", what, path, err)
	}
}

// Issue 10, case 1: --out must never delete what a user owns. A folder that
// is, contains or lies inside an input is refused before anything is read;
// so is an existing folder that is not an earlier output of this program,
// unless --replace says so. The same for every command that writes a
// folder: extract's inputs are documents (the copy of seeds.csv is one it
// rejects, but reads).
func TestOutNeverDeletesInputsOrUserFiles(t *testing.T) {
	t.Parallel()
	question := map[string][]string{
		"run":      nil,
		"councils": {"--council", "Medway"},
		"research": {"--council", "Medway"},
	}
	for _, cmd := range []string{"run", "councils", "research", "extract"} {
		t.Run(cmd, func(t *testing.T) {
			base := func(input, out string, extra ...string) []string {
				if cmd == "extract" {
					return append([]string{cmd, input, "--out", out}, extra...)
				}
				args := append([]string{cmd, "--findings", input, "--out", out, "--as-of", "2025-03-31"}, question[cmd]...)
				return append(args, extra...)
			}
			dir := t.TempDir()

			// DIR is the input folder.
			d := filepath.Join(dir, "d")
			copySeeds(t, filepath.Join(d, "seeds.csv"))
			code, _, stderr := oversight(t, base(d, d)...)
			mustExist(t, filepath.Join(d, "seeds.csv"), "--out is the input folder")
			if code == 0 || !strings.Contains(stderr, "input") {
				t.Errorf("--out is the input folder: exit %d, %s", code, stderr)
			}

			// DIR contains an input file.
			in := filepath.Join(dir, "e", "sub", "seeds.csv")
			copySeeds(t, in)
			code, _, stderr = oversight(t, base(in, filepath.Join(dir, "e"))...)
			mustExist(t, in, "--out contains the input")
			if code == 0 || !strings.Contains(stderr, "input") {
				t.Errorf("--out contains the input: exit %d, %s", code, stderr)
			}

			// DIR lies inside an input folder: the next run would read this
			// run's outputs as findings.
			code, _, stderr = oversight(t, base(d, filepath.Join(d, "report"))...)
			if code == 0 || !strings.Contains(stderr, "input") {
				t.Errorf("--out inside the input folder: exit %d, %s", code, stderr)
			}
			if _, err := os.Stat(filepath.Join(d, "report")); err == nil {
				t.Errorf("--out inside the input folder was written")
			}

			// DIR is a user's folder with their files: refused, even with
			// --replace when it holds an input, and replaced only with
			// --replace otherwise.
			docs := filepath.Join(dir, "Documents")
			os.MkdirAll(docs, 0o755)
			os.WriteFile(filepath.Join(docs, "thesis.docx"), []byte("years of work"), 0o644)
			code, _, stderr = oversight(t, base(d, docs)...)
			mustExist(t, filepath.Join(docs, "thesis.docx"), "--out is a user's folder")
			if code == 0 || !strings.Contains(stderr, "thesis.docx") || !strings.Contains(stderr, "--replace") {
				t.Errorf("--out is a user's folder: exit %d, %s", code, stderr)
			}
			code, _, stderr = oversight(t, base(d, d, "--replace")...)
			mustExist(t, filepath.Join(d, "seeds.csv"), "--replace on the input folder")
			if code == 0 {
				t.Errorf("--replace let the input folder be replaced: %s", stderr)
			}
			if code, _, stderr = oversight(t, base(d, docs, "--replace")...); code != 0 {
				t.Fatalf("--replace: exit %d %s", code, stderr)
			}
			mustExist(t, filepath.Join(docs, "manifest.json"), "--replace")

			// An earlier output (its manifest says so) is replaced freely;
			// the same folder with a file the user added is not.
			if code, _, stderr = oversight(t, base(d, docs)...); code != 0 {
				t.Fatalf("replacing an earlier output: exit %d %s", code, stderr)
			}
			os.WriteFile(filepath.Join(docs, "my notes.txt"), []byte("mine"), 0o644)
			code, _, stderr = oversight(t, base(d, docs)...)
			mustExist(t, filepath.Join(docs, "my notes.txt"), "a file added to an earlier output")
			if code == 0 || !strings.Contains(stderr, "my notes.txt") {
				t.Errorf("a file added to an earlier output: exit %d, %s", code, stderr)
			}

			// An empty folder and a new one are fine.
			empty := filepath.Join(dir, "empty")
			os.MkdirAll(empty, 0o755)
			if code, _, stderr = oversight(t, base(d, empty)...); code != 0 {
				t.Fatalf("empty folder: exit %d %s", code, stderr)
			}
		})
	}
}

// import writes a file: never over the file it converts.
func TestImportNeverOverwritesItsInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "csww.csv")
	before, err := os.ReadFile("../../analysis/official/testdata/csww_indicators_2017_to_2025_excerpt.csv")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(in, before, 0o644)
	for _, args := range [][]string{
		{"import", "auto", in, "--out", in},
		{"import", "auto", in, "--out", filepath.Join(dir, "f.csv"), "--references", filepath.Join(dir, ".", "csww.csv")},
	} {
		code, _, stderr := oversight(t, args...)
		after, _ := os.ReadFile(in)
		if code == 0 || string(after) != string(before) || !strings.Contains(stderr, "is the input") {
			t.Errorf("%v: exit %d, input changed %v: %s", args, code, string(after) != string(before), stderr)
		}
	}
}

// waitFor polls until cond holds or the deadline passes.
func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// staging reports whether a run is writing into out (its hidden staging
// folder exists beside it).
func staging(out string) bool {
	m, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".tmp-*"))
	return len(m) > 0
}

// holdLocked starts a process and stops it (SIGSTOP) while it holds the
// lock file lockFile and ready() holds, so a test can race it without
// depending on how long it takes; one that finishes before it is caught is
// started again. SIGCONT lets it go on.
func holdLocked(t *testing.T, what, lockFile string, ready func() bool, start func() *exec.Cmd) *exec.Cmd {
	t.Helper()
	for attempt := 0; attempt < 5; attempt++ {
		cmd := start()
		pid := cmd.Process.Pid
		waitFor(t, what+" to take its lock", time.Minute, func() bool {
			_, err := os.Stat(lockFile)
			return (err == nil && ready()) || !running(pid)
		})
		cmd.Process.Signal(syscall.SIGSTOP)
		waitFor(t, what+" to stop", time.Minute, func() bool { return !running(pid) })
		if b, err := os.ReadFile(lockFile); err == nil && strings.HasPrefix(string(b), strconv.Itoa(pid)+"\n") && ready() {
			return cmd
		}
		t.Logf("%s finished before it could be held: again", what)
		cmd.Process.Signal(syscall.SIGCONT)
		cmd.Wait()
	}
	t.Fatalf("could not catch %s holding its lock", what)
	return nil
}

// running reports whether process pid is running: not stopped, and not
// ended and waiting to be reaped.
func running(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// The state follows the command name, which is in parentheses.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 || i+2 >= len(b) {
		return false
	}
	switch b[i+2] {
	case 'T', 't', 'Z', 'X':
		return false
	}
	return true
}

// refusedAtOnce runs second, a command into the folder that first, held,
// is writing: it must fail at once, naming the holder (its process id and
// command) and --wait. Then first goes on, and must end well.
func refusedAtOnce(t *testing.T, command string, first, second *exec.Cmd) {
	t.Helper()
	began := time.Now()
	b, err := second.CombinedOutput()
	took := time.Since(began)
	first.Process.Signal(syscall.SIGCONT)
	if err := first.Wait(); err != nil {
		t.Fatalf("first %s: %v %s", command, err, first.Stderr)
	}
	if err == nil {
		t.Fatalf("a second %s into the same folder exited 0: %s", command, b)
	}
	pid := strconv.Itoa(first.Process.Pid)
	if msg := string(b); !strings.Contains(msg, "process "+pid+" (oversight "+command+" ") || !strings.Contains(msg, "--wait") {
		t.Errorf("the refusal must name the holder (pid %s, its command) and --wait: %s", pid, msg)
	}
	if took > 5*time.Second {
		t.Errorf("the second %s took %v to refuse; it must fail at once", command, took)
	}
}

// waitsForHolder: second, started with --wait (its stderr in secondErr)
// while first, held, writes into the same folder, must say it is waiting
// and not end while first is held; once first goes on, both must end well.
func waitsForHolder(t *testing.T, command string, first, second *exec.Cmd, secondErr *lockedBuffer) {
	t.Helper()
	secondDone := make(chan error, 1)
	go func() { secondDone <- second.Wait() }()
	waitFor(t, "the --wait "+command+" to say it is waiting", time.Minute, func() bool { return strings.Contains(secondErr.String(), "waiting") })
	select {
	case err := <-secondDone:
		t.Fatalf("the --wait %s ended while the first held the folder: %v %s", command, err, secondErr)
	default:
	}
	first.Process.Signal(syscall.SIGCONT)
	if err := first.Wait(); err != nil {
		t.Fatalf("first %s: %v %s", command, err, first.Stderr)
	}
	if err := <-secondDone; err != nil {
		t.Fatalf("--wait %s: %v %s", command, err, secondErr)
	}
}

// Issue 10, case 3: two runs into one DIR. The second fails at once naming
// the holder, or with --wait waits for it; before, both exited 0 and the
// last silently won. The first is held (SIGSTOP) while it writes, so the
// test does not depend on how long a run takes.
func TestSecondRunIntoOneDirFailsOrWaits(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	run := func(asOf string, extra ...string) (*exec.Cmd, *lockedBuffer) {
		cmd := oversightCmd(t, append([]string{"run", "--findings", "../../fixtures/findings", "--out", out, "--as-of", asOf}, extra...)...)
		e := &lockedBuffer{}
		cmd.Stdout, cmd.Stderr = io.Discard, e
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, e
	}
	holdFirst := func(asOf string) *exec.Cmd {
		return holdLocked(t, "the first run", publish.DirLockPath(out), func() bool { return staging(out) }, func() *exec.Cmd {
			cmd, _ := run(asOf)
			return cmd
		})
	}

	refusedAtOnce(t, "run", holdFirst("2025-01-01"), oversightCmd(t, "run", "--findings", "../../fixtures/findings", "--out", out, "--as-of", "2025-02-01"))
	m, err := manifest.Read(filepath.Join(out, manifest.Name))
	if err != nil || m.AsOf != "2025-01-01" {
		t.Fatalf("the first run's output must stand: %v %+v", err, m)
	}

	// With --wait the second run waits for the first, then publishes.
	first := holdFirst("2025-03-01")
	second, secondErr := run("2025-04-01", "--wait")
	waitsForHolder(t, "run", first, second, secondErr)
	if m, err = manifest.Read(filepath.Join(out, manifest.Name)); err != nil || m.AsOf != "2025-04-01" {
		t.Fatalf("after --wait the waiting run's output is published: %v %+v", err, m)
	}
	if err := m.Verify(out); err != nil {
		t.Fatal(err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".out*")); len(leftovers) > 0 {
		t.Errorf("left beside the output: %v", leftovers)
	}
}

// fixtures synth writes findings.csv into its folder: never over a user's.
func TestSynthNeverOverwritesUserFindings(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mine := filepath.Join(dir, "findings.csv")
	copySeeds(t, mine)
	before, _ := os.ReadFile(mine)
	args := []string{"fixtures", "synth", "--rows", "100", "--out", dir}
	code, _, stderr := oversight(t, args...)
	if after, _ := os.ReadFile(mine); code == 0 || string(after) != string(before) || !strings.Contains(stderr, "--replace") {
		t.Fatalf("exit %d, changed %v: %s", code, string(after) != string(before), stderr)
	}
	if code, _, stderr = oversight(t, append(args, "--replace")...); code != 0 {
		t.Fatalf("--replace: %d %s", code, stderr)
	}
	// An earlier synth's files are written over freely.
	if code, _, stderr = oversight(t, args...); code != 0 {
		t.Fatalf("over an earlier synth: %d %s", code, stderr)
	}
}
