package hostile

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// The corpus runs only when asked (`make hostile`): it builds the binary,
// writes gigabyte bombs and runs each case for up to two minutes.
//
//	OVERSIGHT_HOSTILE=1              run it
//	OVERSIGHT_HOSTILE_BIN=path       the binary to run (default: built from ../../../../cmd/oversight)
//	OVERSIGHT_HOSTILE_REPORT=file    write the table there (Markdown)
//	OVERSIGHT_HOSTILE_ONLY=a,b       only these cases
const (
	limitPeakKB = 1536 * 1024 // 1.5 GB
	limitWall   = 2 * time.Minute
)

type outcome struct {
	name, category string
	wall           time.Duration
	peakKB         int64
	code           int
	rows           string // what documents.csv said of the case's files
	problems       []string
}

func TestCorpus(t *testing.T) {
	if os.Getenv("OVERSIGHT_HOSTILE") == "" {
		t.Skip("the hostile corpus runs with OVERSIGHT_HOSTILE=1 (make hostile)")
	}
	bin := os.Getenv("OVERSIGHT_HOSTILE_BIN")
	if bin == "" {
		bin = filepath.Join(t.TempDir(), "oversight")
		build := exec.Command("go", "build", "-o", bin, "../../../../cmd/oversight")
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
	}
	bin, _ = filepath.Abs(bin)
	only := map[string]bool{}
	for _, n := range strings.Split(os.Getenv("OVERSIGHT_HOSTILE_ONLY"), ",") {
		if n != "" {
			only[n] = true
		}
	}
	// Not t.TempDir: its parent is private, and some cases run as
	// another user.
	root, err := os.MkdirTemp("", "hostile-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	os.Chmod(root, 0o755)
	cache := filepath.Join(root, "pdfium-cache")
	h := &harness{t: t, bin: bin, cache: cache}
	// Compile PDFium once, so cases measure reading, not compiling (one
	// case measures a cold cache on purpose).
	warm := h.extract(context.Background(), runOpts{args: []string{writeTemp(t, root, "warm.pdf", ILACS()), "--out", filepath.Join(root, "warm-out")}})
	t.Logf("warm-up (compiles PDFium into the cache): %v, %d MB peak, exit %d", warm.wall.Round(100*time.Millisecond), warm.peakKB>>10, warm.code)

	var results []outcome
	for _, c := range Corpus() {
		if len(only) > 0 && !only[c.Name] {
			continue
		}
		dir := filepath.Join(root, c.Name)
		os.MkdirAll(dir, 0o755)
		results = append(results, h.documentCase(c, dir))
		os.RemoveAll(dir)
	}
	for _, rc := range runCases() {
		if len(only) > 0 && !only[rc.name] {
			continue
		}
		dir := filepath.Join(root, rc.name)
		os.MkdirAll(dir, 0o755)
		o := rc.run(h, dir)
		o.name, o.category = rc.name, "run"
		results = append(results, o)
		os.RemoveAll(dir)
	}
	report := table(results)
	if p := os.Getenv("OVERSIGHT_HOSTILE_REPORT"); p != "" {
		os.WriteFile(p, []byte(report), 0o644)
	}
	fmt.Println(report)
	for _, r := range results {
		for _, p := range r.problems {
			t.Errorf("%s: %s", r.name, p)
		}
	}
}

type harness struct {
	t     *testing.T
	bin   string
	cache string
}

type runOpts struct {
	args   []string
	cache  string // "" for the shared one
	asUser int
	env    []string
}

type run struct {
	code           int
	stdout, stderr string
	wall           time.Duration
	peakKB         int64
	timedOut       bool
}

// extract runs the binary's extract under /usr/bin/time, stopping it after
// two and a half minutes.
func (h *harness) extract(ctx context.Context, o runOpts) run {
	cmd := h.command(ctx, "extract", o)
	return h.finish(cmd)
}

func (h *harness) command(ctx context.Context, sub string, o runOpts) *exec.Cmd {
	cache := o.cache
	if cache == "" {
		cache = h.cache
	}
	timeFile := filepath.Join(os.TempDir(), fmt.Sprintf("hostile-time-%d-%d", os.Getpid(), time.Now().UnixNano()))
	args := []string{"-f", "%e %M", "-o", timeFile}
	if o.asUser != 0 {
		args = append(args, "setpriv", fmt.Sprintf("--reuid=%d", o.asUser), fmt.Sprintf("--regid=%d", o.asUser), "--clear-groups")
	}
	args = append(args, h.bin, sub)
	args = append(args, o.args...)
	if sub == "extract" {
		args = append(args, "--pdf-cache", cache)
	}
	cmd := exec.CommandContext(ctx, "/usr/bin/time", args...)
	cmd.Env = append(os.Environ(), o.env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.Stdout, cmd.Stderr = &bytes.Buffer{}, &bytes.Buffer{}
	cmd.Env = append(cmd.Env, "HOSTILE_TIME_FILE="+timeFile)
	return cmd
}

func (h *harness) finish(cmd *exec.Cmd) run {
	timeFile := ""
	for _, e := range cmd.Env {
		if v, ok := strings.CutPrefix(e, "HOSTILE_TIME_FILE="); ok {
			timeFile = v
		}
	}
	var r run
	start := time.Now()
	if cmd.Process == nil {
		if err := cmd.Start(); err != nil {
			r.code, r.stderr = -1, err.Error()
			return r
		}
	}
	timer := time.AfterFunc(150*time.Second, func() {
		r.timedOut = true
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	})
	cmd.Wait()
	timer.Stop()
	r.wall = time.Since(start)
	r.code = cmd.ProcessState.ExitCode()
	r.stdout, r.stderr = cmd.Stdout.(*bytes.Buffer).String(), cmd.Stderr.(*bytes.Buffer).String()
	if b, err := os.ReadFile(timeFile); err == nil {
		// "Command exited with non-zero status N" may come first.
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		f := strings.Fields(lines[len(lines)-1])
		if len(f) == 2 {
			if s, err := strconv.ParseFloat(f[0], 64); err == nil {
				r.wall = time.Duration(s * float64(time.Second))
			}
			r.peakKB, _ = strconv.ParseInt(f[1], 10, 64)
		}
		os.Remove(timeFile)
	}
	if r.timedOut {
		r.code = -1
	}
	return r
}

// documentCase builds a case, runs extract on it, checks what it wrote,
// then runs it again into the same folder (the registry read back).
func (h *harness) documentCase(c Case, dir string) outcome {
	o := outcome{name: c.Name, category: c.Category}
	in, err := c.Build(dir)
	if err != nil {
		o.problems = append(o.problems, "build: "+err.Error())
		return o
	}
	out := filepath.Join(dir, "out")
	cache := ""
	if in.AsUser != 0 {
		os.Chmod(dir, 0o777)
		cache = filepath.Join(dir, "cache")
		os.MkdirAll(cache, 0o755)
		os.Chown(cache, in.AsUser, in.AsUser)
		// Its own cache, warmed by a run as that user.
		h.extract(context.Background(), runOpts{args: []string{writeTemp(h.t, dir, "warm.pdf", ILACS()), "--out", filepath.Join(dir, "warm")}, cache: cache, asUser: in.AsUser})
	}
	args := append(append(append([]string{}, in.Paths...), "--out", out), in.Args...)
	r := h.extract(context.Background(), runOpts{args: args, cache: cache, asUser: in.AsUser})
	o.wall, o.peakKB, o.code = r.wall, r.peakKB, r.code
	o.problems = append(o.problems, limits(r)...)
	if r.code != 0 {
		o.problems = append(o.problems, fmt.Sprintf("exit %d: %s", r.code, firstLine(r.stderr)))
		o.rows = firstLine(r.stderr)
		return o
	}
	rows, problems := checkOutput(h, out, in.Want)
	o.rows = rows
	o.problems = append(o.problems, problems...)
	again := h.extract(context.Background(), runOpts{args: args, cache: cache, asUser: in.AsUser})
	if again.code != 0 {
		o.problems = append(o.problems, fmt.Sprintf("second run into the same folder: exit %d: %s", again.code, firstLine(again.stderr)))
	} else if !strings.Contains(again.stdout, "(0 read now") {
		o.problems = append(o.problems, "second run read documents again: "+firstMatching(again.stdout, "documents ("))
	}
	o.problems = append(o.problems, limits(again)...)
	return o
}

func limits(r run) []string {
	var p []string
	if r.timedOut {
		p = append(p, "still running after 150 s: killed")
	}
	if r.wall > limitWall {
		p = append(p, fmt.Sprintf("took %v, over two minutes", r.wall.Round(time.Second)))
	}
	if r.peakKB > limitPeakKB {
		p = append(p, fmt.Sprintf("peaked at %d MB, over 1.5 GB", r.peakKB>>10))
	}
	return p
}

// checkOutput reads documents.csv, findings.csv and review.csv: the rows
// wanted are there, reasons are one line, every cell is UTF-8 and within a
// spreadsheet cell, and findings.csv passes oversight validate.
func checkOutput(h *harness, out string, want []Want) (string, []string) {
	var problems []string
	docs, err := readCSV(filepath.Join(out, "documents.csv"))
	if err != nil {
		return "", []string{err.Error()}
	}
	col := map[string]int{}
	for i, c := range docs[0] {
		col[c] = i
	}
	byFile := map[string][]string{}
	var summary []string
	for _, row := range docs[1:] {
		f := strings.TrimPrefix(row[col["file"]], "'")
		// documents.csv shows a name's bytes that are not UTF-8 as U+FFFD.
		byFile[f] = row
		reason := row[col["reason"]]
		if strings.ContainsAny(reason, "\r\n") {
			problems = append(problems, fmt.Sprintf("%s: reason of more than one line (%d lines)", filepath.Base(f), strings.Count(reason, "\n")+1))
		}
		if n := utf8.RuneCountInString(reason); n > 1000 {
			problems = append(problems, fmt.Sprintf("%s: reason of %d characters", filepath.Base(f), n))
		}
	}
	for _, w := range want {
		row, ok := byFile[strings.ToValidUTF8(w.File, "\uFFFD")]
		if !ok {
			problems = append(problems, fmt.Sprintf("no row for %q", w.File))
			summary = append(summary, fmt.Sprintf("%s: no row", filepath.Base(w.File)))
			continue
		}
		status, reason := row[col["status"]], row[col["reason"]]
		summary = append(summary, fmt.Sprintf("%s: %s %s", strings.ToValidUTF8(filepath.Base(w.File), "?"), status, clipTo(reason, 90)))
		if w.Status != "" && status != w.Status {
			problems = append(problems, fmt.Sprintf("%s: status %s, want %s (%s)", filepath.Base(w.File), status, w.Status, clipTo(reason, 200)))
		}
		if w.Reason != "" && !strings.Contains(strings.ToLower(reason), strings.ToLower(w.Reason)) {
			problems = append(problems, fmt.Sprintf("%s: reason %q lacks %q", filepath.Base(w.File), clipTo(reason, 200), w.Reason))
		}
	}
	for _, name := range []string{"documents.csv", "findings.csv", "review.csv"} {
		rows, err := readCSV(filepath.Join(out, name))
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		for i, row := range rows {
			for _, cell := range row {
				if !utf8.ValidString(cell) {
					problems = append(problems, fmt.Sprintf("%s line %d: a cell that is not UTF-8", name, i+1))
				}
				if n := utf8.RuneCountInString(cell); n > 32000 {
					problems = append(problems, fmt.Sprintf("%s line %d: a cell of %d characters", name, i+1, n))
				}
			}
		}
		if name == "findings.csv" && len(rows) > 1 {
			cmd := exec.Command(h.bin, "validate", filepath.Join(out, name))
			if b, err := cmd.CombinedOutput(); err != nil {
				problems = append(problems, "oversight validate findings.csv: "+firstMatching(string(b), "rejected")+" "+err.Error())
			}
		}
	}
	if st, err := os.Stat(filepath.Join(out, "registry.jsonl")); err == nil && st.Size() > 64<<20 {
		problems = append(problems, fmt.Sprintf("registry.jsonl is %d MB", st.Size()>>20))
	}
	return strings.Join(summary, "; "), problems
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Base(path), err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: empty", filepath.Base(path))
	}
	return rows, nil
}

func writeTemp(t *testing.T, dir, name string, data []byte) string {
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return clipTo(s, 200)
}

func firstMatching(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return clipTo(l, 200)
		}
	}
	return ""
}

func clipTo(s string, n int) string {
	s = strings.ToValidUTF8(s, "?")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// table is the outcomes as a Markdown table.
func table(rs []outcome) string {
	var b strings.Builder
	fmt.Fprintln(&b, "| case | category | time | peak | exit | outcome | documents.csv |")
	fmt.Fprintln(&b, "|---|---|---|---|---|---|---|")
	for _, r := range rs {
		verdict := "holds"
		if len(r.problems) > 0 {
			verdict = "FAILS: " + strings.Join(r.problems, "; ")
		}
		fmt.Fprintf(&b, "| %s | %s | %.1f s | %d MB | %d | %s | %s |\n", r.name, r.category, r.wall.Seconds(), r.peakKB>>10, r.code,
			strings.ReplaceAll(clipTo(verdict, 400), "|", "/"), strings.ReplaceAll(strings.ReplaceAll(r.rows, "|", "/"), "\n", " "))
	}
	return b.String()
}

type runCase struct {
	name string
	run  func(h *harness, dir string) outcome
}

// runCases are the cases about the run rather than a document: a damaged
// cache, an engine that cannot start, a kill, a full disk, two runs at
// once, registries from before.
func runCases() []runCase {
	return []runCase{
		{"cache-cut-in-half", func(h *harness, dir string) outcome {
			cache := filepath.Join(dir, "cache")
			report := writeTemp(h.t, dir, "wigan_2023-01-10.pdf", ILACS())
			first := h.extract(context.Background(), runOpts{args: []string{report, "--out", filepath.Join(dir, "out0")}, cache: cache})
			if first.code != 0 {
				return outcome{problems: []string{"the run that fills the cache: " + firstLine(first.stderr)}}
			}
			files := cacheFiles(cache)
			if len(files) == 0 {
				return outcome{problems: []string{"no compiled code in the cache"}}
			}
			for _, f := range files {
				st, _ := os.Stat(f)
				os.Truncate(f, st.Size()/2)
			}
			out := filepath.Join(dir, "out")
			r := h.extract(context.Background(), runOpts{args: []string{report, "--out", out}, cache: cache})
			o := outcome{wall: r.wall, peakKB: r.peakKB, code: r.code, problems: limits(r)}
			if r.code != 0 {
				o.problems = append(o.problems, "exit "+strconv.Itoa(r.code)+": "+firstLine(r.stderr))
				return o
			}
			rows, p := checkOutput(h, out, []Want{{report, "ok", ""}})
			o.rows, o.problems = rows, append(o.problems, p...)
			for _, f := range cacheFiles(cache) {
				if st, _ := os.Stat(f); st != nil && st.Size() < 1<<20 {
					o.problems = append(o.problems, "the cache was not written again whole")
				}
			}
			return o
		}},
		{"engine-cannot-start", func(h *harness, dir string) outcome {
			// 4 MiB is less than PDFium needs to start: the engine fails,
			// and that is no verdict on the documents.
			report := writeTemp(h.t, dir, "wigan_2023-01-10.pdf", ILACS())
			letter := writeTemp(h.t, dir, "2023-03-03_letter.txt", []byte(NewsText()))
			out := filepath.Join(dir, "out")
			r := h.extract(context.Background(), runOpts{args: []string{report, letter, "--out", out, "--doc-memory", "4MiB"}})
			o := outcome{wall: r.wall, peakKB: r.peakKB, code: r.code, problems: limits(r), rows: firstLine(r.stderr)}
			if r.code == 0 {
				o.problems = append(o.problems, "exit 0 though PDFium could not start")
			}
			if _, err := os.Stat(out); err == nil {
				o.problems = append(o.problems, "wrote the output folder (and its registry)")
			}
			// Then with memory enough, the report is read: nothing was remembered.
			again := h.extract(context.Background(), runOpts{args: []string{report, letter, "--out", out}})
			if again.code != 0 || !strings.Contains(again.stdout, "(2 read now") {
				o.problems = append(o.problems, "the next run: "+firstMatching(again.stdout, "documents (")+firstLine(again.stderr))
			}
			return o
		}},
		{"kill-9-mid-run", func(h *harness, dir string) outcome {
			in := filepath.Join(dir, "in")
			os.MkdirAll(in, 0o755)
			writeTemp(h.t, in, "wigan_2023-01-10.pdf", ILACS())
			out := filepath.Join(dir, "out")
			first := h.extract(context.Background(), runOpts{args: []string{in, "--out", out}})
			if first.code != 0 {
				return outcome{problems: []string{"first run: " + firstLine(first.stderr)}}
			}
			before, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
			f, _ := os.Create(filepath.Join(in, "slow.pdf"))
			BombPages(f, 250, 100<<20)
			f.Close()
			cmd := h.command(context.Background(), "extract", runOpts{args: []string{in, "--out", out}})
			cmd.Start()
			time.Sleep(3 * time.Second)
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			cmd.Wait()
			o := outcome{}
			after, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
			if !bytes.Equal(before, after) {
				o.problems = append(o.problems, "the output changed under a kill")
			}
			r := h.extract(context.Background(), runOpts{args: []string{in, "--out", out}})
			o.wall, o.peakKB, o.code = r.wall, r.peakKB, r.code
			o.problems = append(o.problems, limits(r)...)
			if r.code != 0 {
				o.problems = append(o.problems, "the run after the kill: "+firstLine(r.stderr))
			} else {
				rows, p := checkOutput(h, out, []Want{{filepath.Join(in, "slow.pdf"), "rejected", "longer than"}})
				o.rows, o.problems = rows, append(o.problems, p...)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".out*")); len(left) > 0 {
				o.problems = append(o.problems, fmt.Sprintf("left beside the output: %v", left))
			}
			return o
		}},
		{"full-disk-output", func(h *harness, dir string) outcome {
			full := filepath.Join(dir, "full")
			os.MkdirAll(full, 0o755)
			if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", full).Run(); err != nil {
				return outcome{rows: "skipped: cannot mount a tmpfs here (" + err.Error() + ")"}
			}
			defer exec.Command("umount", full).Run()
			fill(full)
			in := filepath.Join(dir, "in")
			os.MkdirAll(in, 0o755)
			writeTemp(h.t, in, "wigan_2023-01-10.pdf", ILACS())
			writeTemp(h.t, in, "2023-03-03_letter.txt", []byte(NewsText()))
			out := filepath.Join(full, "out")
			r := h.extract(context.Background(), runOpts{args: []string{in, "--out", out}})
			o := outcome{wall: r.wall, peakKB: r.peakKB, code: r.code, problems: limits(r), rows: firstLine(r.stderr)}
			if r.code == 0 {
				o.problems = append(o.problems, "exit 0 on a full disk")
			}
			if !strings.Contains(r.stderr, "no space left") {
				o.problems = append(o.problems, "the message does not say the disk is full: "+firstLine(r.stderr))
			}
			if entries, _ := os.ReadDir(full); len(entries) > 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				o.problems = append(o.problems, "left on the full disk: "+strings.Join(names, " "))
			}
			return o
		}},
		{"full-disk-cache", func(h *harness, dir string) outcome {
			full := filepath.Join(dir, "full")
			os.MkdirAll(full, 0o755)
			if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", full).Run(); err != nil {
				return outcome{rows: "skipped: cannot mount a tmpfs here (" + err.Error() + ")"}
			}
			defer exec.Command("umount", full).Run()
			report := writeTemp(h.t, dir, "wigan_2023-01-10.pdf", ILACS())
			out := filepath.Join(dir, "out")
			r := h.extract(context.Background(), runOpts{args: []string{report, "--out", out}, cache: filepath.Join(full, "cache")})
			o := outcome{wall: r.wall, peakKB: r.peakKB, code: r.code, problems: limits(r)}
			if r.code != 0 {
				o.problems = append(o.problems, "exit "+strconv.Itoa(r.code)+": "+firstLine(r.stderr))
				return o
			}
			rows, p := checkOutput(h, out, []Want{{report, "ok", ""}})
			o.rows, o.problems = rows, append(o.problems, p...)
			return o
		}},
		{"two-extracts-one-folder", func(h *harness, dir string) outcome {
			in := filepath.Join(dir, "in")
			os.MkdirAll(in, 0o755)
			writeTemp(h.t, in, "wigan_2023-01-10.pdf", ILACS())
			f, _ := os.Create(filepath.Join(in, "slow.pdf"))
			BombPages(f, 20, 100<<20)
			f.Close()
			out := filepath.Join(dir, "out")
			a := h.command(context.Background(), "extract", runOpts{args: []string{in, "--out", out}})
			b := h.command(context.Background(), "extract", runOpts{args: []string{in, "--out", out}})
			a.Start()
			time.Sleep(300 * time.Millisecond)
			rb := h.finish(b)
			ra := h.finish(a)
			o := outcome{wall: max(ra.wall, rb.wall), peakKB: max(ra.peakKB, rb.peakKB), code: ra.code, problems: append(limits(ra), limits(rb)...)}
			o.rows = fmt.Sprintf("first exit %d, second exit %d: %s", ra.code, rb.code, firstLine(rb.stderr))
			if ra.code != 0 {
				o.problems = append(o.problems, "the first: "+firstLine(ra.stderr))
			}
			if rb.code == 0 || !strings.Contains(rb.stderr, "being written by") {
				o.problems = append(o.problems, "the second was not refused naming the first")
			}
			return o
		}},
		{"two-extracts-cold-cache", func(h *harness, dir string) outcome {
			cache := filepath.Join(dir, "cache")
			in := filepath.Join(dir, "in")
			os.MkdirAll(in, 0o755)
			report := writeTemp(h.t, in, "wigan_2023-01-10.pdf", ILACS())
			a := h.command(context.Background(), "extract", runOpts{args: []string{in, "--out", filepath.Join(dir, "a")}, cache: cache})
			b := h.command(context.Background(), "extract", runOpts{args: []string{in, "--out", filepath.Join(dir, "b")}, cache: cache})
			a.Start()
			b.Start()
			ra, rb := h.finish(a), h.finish(b)
			o := outcome{wall: max(ra.wall, rb.wall), peakKB: max(ra.peakKB, rb.peakKB), code: max(ra.code, rb.code), problems: append(limits(ra), limits(rb)...)}
			for i, r := range []run{ra, rb} {
				if r.code != 0 {
					o.problems = append(o.problems, fmt.Sprintf("run %d: %s", i+1, firstLine(r.stderr)))
				}
			}
			for _, out := range []string{"a", "b"} {
				rows, p := checkOutput(h, filepath.Join(dir, out), []Want{{report, "ok", ""}})
				o.rows += out + ": " + rows + " "
				o.problems = append(o.problems, p...)
			}
			return o
		}},
		{"registry-90MB-line", func(h *harness, dir string) outcome {
			// A registry written by the version before bounded cells: one
			// line of 90 MB. It must still be read.
			letter := writeTemp(h.t, dir, "2023-03-03_letter.txt", []byte(NewsText()))
			out := filepath.Join(dir, "out")
			reg := filepath.Join(dir, "registry.jsonl")
			first := h.extract(context.Background(), runOpts{args: []string{letter, "--out", out, "--registry", reg}})
			if first.code != 0 {
				return outcome{problems: []string{"first run: " + firstLine(first.stderr)}}
			}
			line := `{"sha256":"` + strings.Repeat("0", 64) + `","extractor":"oversight-extract 1.0","file":"/old.txt","size":1,"mtime":"2020-01-01T00:00:00Z","document":{"sha256":"x","file":"/old.txt","kind":"news","findings":0,"review":0,"status":"ok","extractor":"oversight-extract 1.0","reason":"` + strings.Repeat("x", 90<<20) + `"}}` + "\n"
			old, _ := os.ReadFile(reg)
			os.WriteFile(reg, append([]byte(line), old...), 0o644)
			r := h.extract(context.Background(), runOpts{args: []string{letter, "--out", out, "--registry", reg}})
			o := outcome{wall: r.wall, peakKB: r.peakKB, code: r.code, problems: limits(r), rows: firstMatching(r.stdout, "documents (") + firstLine(r.stderr)}
			if r.code != 0 {
				o.problems = append(o.problems, "exit "+strconv.Itoa(r.code)+": "+firstLine(r.stderr))
			}
			return o
		}},
		{"registry-garbage", func(h *harness, dir string) outcome {
			letter := writeTemp(h.t, dir, "2023-03-03_letter.txt", []byte(NewsText()))
			out := filepath.Join(dir, "out")
			reg := filepath.Join(dir, "registry.jsonl")
			h.extract(context.Background(), runOpts{args: []string{letter, "--out", out, "--registry", reg}})
			f, _ := os.OpenFile(reg, os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString("{\"sha256\": \"cut here")
			f.Close()
			r := h.extract(context.Background(), runOpts{args: []string{letter, "--out", out, "--registry", reg}})
			o := outcome{wall: r.wall, peakKB: r.peakKB, code: r.code, problems: limits(r), rows: firstLine(r.stderr)}
			if r.code == 0 || !strings.Contains(r.stderr, "line 2") {
				o.problems = append(o.problems, "a damaged registry not named with its line: "+firstLine(r.stderr))
			}
			return o
		}},
	}
}

// cacheFiles are the compiled modules in a PDFium cache folder.
func cacheFiles(dir string) []string {
	var out []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() && info.Size() > 1<<20 {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// fill writes a file into dir until the disk is full.
func fill(dir string) {
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		return
	}
	defer f.Close()
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); err != nil {
			return
		}
	}
}

var _ = io.Discard
