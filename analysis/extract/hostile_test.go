package extract

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/extract/internal/hostile"
	"github.com/oversight/oversight/analysis/findings"
)

// Issue 22's cases at the package's door. The whole corpus, large files
// and the binary included, is internal/hostile's (make hostile).

func runOn(t *testing.T, opts Options) *Result {
	t.Helper()
	if opts.PDF == nil {
		opts.PDF = engine()
	}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func byFile(res *Result) map[string]Document {
	m := map[string]Document{}
	for _, d := range res.Documents {
		m[d.File] = d
	}
	return m
}

// Case 5: text in UTF-16 with a byte-order mark, or in Windows-1252, is
// decoded by intake's rules and says so (before: a UTF-16 text was "no
// council named in the text").
func TestTextEncodings(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"2023-03-03_utf16le.txt": hostile.UTF16(hostile.NewsText(), false),
		"2023-03-03_utf16be.txt": hostile.UTF16(hostile.NewsText(), true),
		"2023-03-03_1252.txt":    hostile.Windows1252(hostile.NewsTitle + "\n\nSocial workers in Barnet\u2019s children\u2019s services held an average of 17 cases each in February 2023, the council said on 3 March 2023.\n"),
		"2023-03-03_utf16.html":  hostile.UTF16(string(hostile.NewsHTML([]byte("Barnet caseloads fall"))), false),
	}
	notices := map[string]string{"2023-03-03_utf16le.txt": "UTF-16LE", "2023-03-03_utf16be.txt": "UTF-16BE",
		"2023-03-03_1252.txt": "Windows-1252", "2023-03-03_utf16.html": "UTF-16LE"}
	for name, data := range files {
		write(t, dir, name, data)
	}
	res := runOn(t, Options{Paths: []string{dir}})
	docs := byFile(res)
	for name := range files {
		d := docs[filepath.Join(dir, name)]
		if d.Status != StatusOK || d.Council != "Barnet" || !strings.Contains(d.Reason, notices[name]) {
			t.Errorf("%s: status %s, council %q, reason %q; want ok, Barnet, a notice naming %s", name, d.Status, d.Council, d.Reason, notices[name])
		}
	}
	found := 0
	for _, r := range append(res.Findings, res.Review...) {
		if strings.Contains(r.Quote, "Barnet\u2019s") {
			found++
		}
	}
	if found == 0 {
		t.Error("no finding quotes the Windows-1252 text's curly apostrophe decoded")
	}
}

// Case 5: an invalid UTF-8 byte in an HTML <title> (the findings' source),
// NUL and control characters in a text: every cell extraction writes is
// UTF-8 and passes the contract's checks (before: the byte was copied raw
// into source, and oversight validate refused the line).
func TestCellsAreText(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "2023-03-03_barnet.html", hostile.NewsHTML([]byte("Barnet \xff\xfe caseloads fall")))
	write(t, dir, "2023-03-03_controls.html", hostile.NewsHTML([]byte("Barnet\x00 caseloads\x01\x1b fall")))
	write(t, dir, "2023-03-03_controls.txt", []byte(hostile.NewsTitle+"\x00\x01\n\n"+strings.Replace(hostile.NewsSentence, "caseload", "case\x1bload", 1)+"\x7f\n"))
	res := runOn(t, Options{Paths: []string{dir}})
	if len(res.Findings)+len(res.Review) < 3 {
		t.Fatalf("%d findings and %d for review: the test needs rows from each document", len(res.Findings), len(res.Review))
	}
	for _, rows := range [][]Row{res.Findings, res.Review} {
		for _, r := range rows {
			for i, v := range r.Values() {
				if !utf8.ValidString(v) {
					t.Errorf("%s: %s is not UTF-8: %q", filepath.Base(r.File), findings.ColumnNames[i], v)
				}
				if strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f }) {
					t.Errorf("%s: %s holds a control character: %q", filepath.Base(r.File), findings.ColumnNames[i], v)
				}
			}
		}
	}
	for _, d := range res.Documents {
		if d.Status != StatusOK {
			t.Errorf("%s: %s %s", filepath.Base(d.File), d.Status, d.Reason)
		}
	}
}

// Case 4: every path given or found has a row: a named pipe named .pdf
// (in a folder and given by name), a socket, a link to a device, a link to
// a letter outside the folder (read), a broken link, links in a loop, a
// link to a folder, a folder named .pdf, an empty folder given (before:
// none of them had a row, and the letter behind the link was never read).
func TestEveryPathHasARow(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "in")
	os.MkdirAll(in, 0o755)
	letter := write(t, filepath.Join(root, "elsewhere"), "2023-03-03_letter.txt", []byte(hostile.NewsText()))
	mk := func(err error) {
		if err != nil {
			t.Skip("cannot make this here:", err)
		}
	}
	mk(syscall.Mkfifo(filepath.Join(in, "pipe.pdf"), 0o644))
	pipe := filepath.Join(root, "given.pdf")
	mk(syscall.Mkfifo(pipe, 0o644))
	l, err := net.Listen("unix", filepath.Join(in, "socket.pdf"))
	mk(err)
	l.(*net.UnixListener).SetUnlinkOnClose(false)
	l.Close()
	mk(os.Symlink("/dev/zero", filepath.Join(in, "zero.txt")))
	mk(os.Symlink(letter, filepath.Join(in, "letter.txt")))
	mk(os.Symlink(filepath.Join(root, "nowhere.pdf"), filepath.Join(in, "gone.pdf")))
	mk(os.Symlink(filepath.Join(in, "loop-b.pdf"), filepath.Join(in, "loop-a.pdf")))
	mk(os.Symlink(filepath.Join(in, "loop-a.pdf"), filepath.Join(in, "loop-b.pdf")))
	mk(os.Symlink(root, filepath.Join(in, "up")))
	mk(os.MkdirAll(filepath.Join(in, "folder.pdf"), 0o755))
	empty := filepath.Join(root, "empty")
	mk(os.MkdirAll(empty, 0o755))

	done := make(chan *Result, 1)
	go func() {
		res, err := Run(context.Background(), Options{Paths: []string{in, pipe, empty}, PDF: engine()})
		if err != nil {
			t.Error(err)
		}
		done <- res
	}()
	var res *Result
	select {
	case res = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("extraction hung on the folder")
	}
	if res == nil {
		return
	}
	docs := byFile(res)
	for name, want := range map[string]string{
		"in/pipe.pdf": "named pipe", "given.pdf": "named pipe", "in/socket.pdf": "socket", "in/zero.txt": "device",
		"in/gone.pdf": "broken symbolic link", "in/loop-a.pdf": "loop", "in/loop-b.pdf": "loop", "in/up": "link to a folder",
		"in/folder.pdf": "folder", "empty": "no documents",
	} {
		d, ok := docs[filepath.Join(root, name)]
		if !ok {
			t.Errorf("%s: no row", name)
			continue
		}
		if d.Status != StatusRejected || !strings.Contains(d.Reason, want) {
			t.Errorf("%s: %s %q; want rejected saying %q", name, d.Status, d.Reason, want)
		}
	}
	if d := docs[filepath.Join(in, "letter.txt")]; d.Status != StatusOK || d.Council != "Barnet" {
		t.Errorf("the letter behind the link: %+v", d)
	}
	if len(res.Documents) != 11 {
		t.Errorf("%d rows, want 11", len(res.Documents))
	}
}

// Case 2: a long one-line text with 40 figures gives cells of bounded
// size and a registry the next run reads back (before: its source cell
// was the whole line, in every row, so the 2.2 MB text made an
// 86.6 MB registry line the next run could not read). The text is 300 KB
// here, to keep the test quick; the corpus (make hostile) reads 900 KB.
func TestRegistryOfALongOneLineText(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	hostile.OneLineFigures(&b, 300_000, 40)
	write(t, dir, "oneline.txt", b.Bytes())
	reg := filepath.Join(t.TempDir(), "registry.jsonl")
	opts := Options{Paths: []string{dir}, Registry: reg}
	setBudget(&opts, 4_000_000, 5*time.Minute)
	first := runOn(t, opts)
	if first.New != 1 {
		t.Fatalf("read %d", first.New)
	}
	if first.Documents[0].Status != StatusOK {
		t.Logf("the document: %s %s", first.Documents[0].Status, first.Documents[0].Reason)
	}
	for _, rows := range [][]Row{first.Findings, first.Review} {
		for _, r := range rows {
			for i, v := range r.Values() {
				if n := utf8.RuneCountInString(v); n > 1000 {
					t.Errorf("%s cell of %d characters", findings.ColumnNames[i], n)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteRegistry(&buf, first); err != nil {
		t.Fatal(err)
	}
	for i, line := range bytes.Split(buf.Bytes(), []byte("\n")) {
		if len(line) > 1<<20 {
			t.Errorf("registry line %d is %d KB", i+1, len(line)>>10)
		}
	}
	os.WriteFile(reg, buf.Bytes(), 0o644)
	second, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("reading the registry back: %v", err)
	}
	if second.New != 0 || len(second.Findings) != len(first.Findings) || len(second.Review) != len(first.Review) {
		t.Errorf("second run: %d new, %d findings (was %d), %d review (was %d)", second.New, len(second.Findings), len(first.Findings), len(second.Review), len(first.Review))
	}
}

// A registry written before cells were bounded, with a line of 90 MB, is
// read, not refused.
func TestRegistryLongLine(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "registry.jsonl")
	long := `{"sha256":"` + strings.Repeat("0", 64) + `","extractor":"oversight-extract 1.0","file":"/old.txt","document":{"reason":"` +
		strings.Repeat("x", 90<<20) + `"}}` + "\n"
	os.WriteFile(reg, []byte(long), 0o644)
	letter := write(t, dir, "2023-03-03_letter.txt", []byte(hostile.NewsText()))
	if _, err := Run(context.Background(), Options{Paths: []string{letter}, Registry: reg, PDF: engine()}); err != nil {
		t.Errorf("a registry with a 90 MB line: %v", err)
	}
}

// Case 3, with the default budget: a PDF of 3,000 pages, a content stream
// inflating to 512 MiB and a text of 1.5 million characters are each
// refused, in one line, naming the budget (before: read whole, a
// multi-line WebAssembly trace, and no limit on text).
func TestDefaultBudget(t *testing.T) {
	dir := t.TempDir()
	gen := func(name string, f func(io.Writer) error) {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatal(err)
		}
		write(t, dir, name, b.Bytes())
	}
	gen("pages.pdf", func(w io.Writer) error { return hostile.FlatPages(w, 3000, hostile.NewsSentence) })
	gen("bomb.pdf", func(w io.Writer) error { return hostile.Bomb(w, 512<<20) })
	gen("long.txt", func(w io.Writer) error { return hostile.OneLineFigures(w, 1_500_000, 3) })
	write(t, dir, "2023-03-03_letter.txt", []byte(hostile.NewsText()))
	start := time.Now()
	res := runOn(t, Options{Paths: []string{dir}})
	docs := byFile(res)
	for name, want := range map[string]string{"pages.pdf": "pages", "bomb.pdf": "memory", "long.txt": "characters of text"} {
		d := docs[filepath.Join(dir, name)]
		if d.Status != StatusRejected || !strings.Contains(d.Reason, want) || !strings.Contains(d.Reason, "budget") || strings.Contains(d.Reason, "\n") {
			t.Errorf("%s: %s %q; want rejected, one line, naming the %s budget", name, d.Status, d.Reason, want)
		}
	}
	if d := docs[filepath.Join(dir, "2023-03-03_letter.txt")]; d.Status != StatusOK {
		t.Errorf("the letter beside them: %s %s", d.Status, d.Reason)
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("took %v", took)
	}
}
