package hostile

import (
	"bytes"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/oversight/oversight/analysis/extract/internal/pdfgen"
)

// Case is one hostile input for `oversight extract`: files it writes and
// what documents.csv must say of each.
type Case struct {
	Name     string
	Category string // pdf, pdf-bomb, html, text, files
	// Build writes the inputs under dir (which exists and is empty) and
	// says what to give extract and what to expect.
	Build func(dir string) (Input, error)
}

// Input is what a case gives extract and expects back.
type Input struct {
	Paths []string // given to extract, in order
	Args  []string // more flags
	Want  []Want   // rows documents.csv must have
	// AsUser runs extract as this user id (an unreadable file means
	// nothing to root); 0: as the caller.
	AsUser int
}

// Want is a row documents.csv must have.
type Want struct {
	File   string // as extract names it: the path given, or found under it
	Status string // ok or rejected
	Reason string // a part of the reason ("" for any)
}

// ILACS is a small two-page ILACS report of Wigan, a known good PDF.
func ILACS() []byte {
	return pdfgen.PDF(pdfgen.ILACS("Inspection of Wigan local authority"), pdfgen.Options{})
}

// file writes data to dir/name and returns its path.
func file(dir, name string, data []byte) (string, error) {
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	return p, os.WriteFile(p, data, 0o644)
}

// stream writes dir/name with gen.
func stream(dir, name string, gen func(io.Writer) error) (string, error) {
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		return "", err
	}
	if err := gen(f); err != nil {
		f.Close()
		return "", err
	}
	return p, f.Close()
}

// one is a case of one file given by name.
func one(name, category, file string, data func() []byte, status, reason string) Case {
	return Case{Name: name, Category: category, Build: func(dir string) (Input, error) {
		p, err := fileOf(dir, file, data())
		return Input{Paths: []string{p}, Want: []Want{{p, status, reason}}}, err
	}}
}

func fileOf(dir, name string, data []byte) (string, error) { return file(dir, name, data) }

// big is a case of one generated file given by name.
func big(name, category, file string, gen func(io.Writer) error, status, reason string, args ...string) Case {
	return Case{Name: name, Category: category, Build: func(dir string) (Input, error) {
		p, err := stream(dir, file, gen)
		return Input{Paths: []string{p}, Args: args, Want: []Want{{p, status, reason}}}, err
	}}
}

const mb = 1 << 20

// Corpus is every document case. Reasons are the words extract gives;
// "" accepts any reason (a damaged file PDFium repairs may be read).
func Corpus() []Case {
	return slices.Concat(brokenPDFs(ILACS()), pdfBombs(), htmlCases(), textCases(), fileCases())
}

// brokenPDFs are PDFs that are broken, most of them made from report, a
// good one.
func brokenPDFs(report []byte) []Case {
	return []Case{
		one("pdf-truncated-half", "pdf", "wigan.pdf", func() []byte { return report[:len(report)/2] }, "", ""),
		one("pdf-header-only", "pdf", "header.pdf", func() []byte { return []byte("%PDF-1.7\n") }, "rejected", "damaged"),
		one("pdf-empty-file", "pdf", "empty.pdf", func() []byte { return nil }, "rejected", "empty"),
		one("pdf-encrypted", "pdf", "locked.pdf", func() []byte {
			return pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: "Inspection of Barnet"}}}}, pdfgen.Options{UserPassword: "pw"})
		}, "rejected", "encrypted"),
		one("pdf-garbage-body", "pdf", "garbage.pdf", func() []byte {
			return append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("\x00\xff garbage obj << >> endobj"), 4000)...)
		}, "rejected", ""),
		one("pdf-bad-xref", "pdf", "badxref.pdf", func() []byte {
			// Every offset in the table wrong: PDFium rebuilds it.
			b := bytes.Replace(report, []byte(" 00000 n "), []byte("9 00000 n "), -1)
			return b
		}, "", ""),
		one("pdf-junk-before-header", "pdf", "junk-wigan_2023-01-10.pdf", func() []byte {
			return append(bytes.Repeat([]byte("junk "), 100), report...)
		}, "ok", ""),
		one("pdf-xref-loop", "pdf", "xrefloop.pdf", gen(XrefLoop), "", ""),
		one("pdf-page-tree-loop", "pdf", "treeloop.pdf", gen(PageTreeLoop), "rejected", ""),
		one("pdf-huge-length", "pdf", "hugelength.pdf", gen(HugeLength), "", ""),
		one("pdf-deep-nesting", "pdf", "deep.pdf", gen(func(w io.Writer) error { return DeepNesting(w, 1_000_000) }), "", ""),
		one("pdf-scan", "pdf", "scan.pdf", func() []byte { return pdfgen.PDF([]pdfgen.Page{{Image: true}}, pdfgen.Options{}) }, "rejected", "image-only"),
		one("pdf-is-html-long-title", "pdf", "error.pdf", func() []byte {
			return []byte("<!DOCTYPE html><html><head><title>" + strings.Repeat("Report not found ", 300_000) + "</title></head></html>")
		}, "rejected", "web page"),
	}
}

// pdfBombs are PDFs that ask too much: memory, pages, text or time.
func pdfBombs() []Case {
	return []Case{
		big("pdf-bomb-2GB-content", "pdf-bomb", "bomb.pdf", func(w io.Writer) error { return Bomb(w, 2<<30) }, "rejected", "memory"),
		big("pdf-bomb-2GB-font", "pdf-bomb", "fontbomb.pdf", func(w io.Writer) error { return FontBomb(w, 2<<30) }, "", ""),
		big("pdf-million-pages", "pdf-bomb", "million.pdf", func(w io.Writer) error { return ManyPages(w, 1_000_000) }, "rejected", "pages"),
		big("pdf-3000-pages", "pdf-bomb", "papers.pdf", func(w io.Writer) error { return FlatPages(w, 3000, NewsSentence) }, "rejected", "pages"),
		big("pdf-5M-chars-one-page", "pdf-bomb", "longpage.pdf", func(w io.Writer) error { return LongPage(w, 5_000_000) }, "rejected", "memory"),
		big("pdf-1M-chars-one-page", "pdf-bomb", "longpage.pdf", func(w io.Writer) error { return LongPage(w, 1_000_000) }, "rejected", "characters of text"),
		big("pdf-900k-chars-of-council-names", "pdf-bomb", "names.pdf", func(w io.Writer) error { return LongPage(w, 900_000) }, "rejected", "longer than"),
		big("pdf-100-pages-of-200MB", "pdf-bomb", "slow.pdf", func(w io.Writer) error { return BombPages(w, 100, 200<<20) }, "rejected", "memory"),
		big("pdf-250-pages-of-100MB", "pdf-bomb", "slow.pdf", func(w io.Writer) error { return BombPages(w, 250, 100<<20) }, "rejected", "longer than"),
	}
}

// htmlCases are web pages too big, too deep or in odd encodings.
func htmlCases() []Case {
	return []Case{
		big("html-50MB-one-line", "html", "big.html", func(w io.Writer) error { return BigHTML(w, 50*mb) }, "rejected", "text"),
		big("html-1M-nested-divs", "html", "nested.html", func(w io.Writer) error { return NestedHTML(w, "div", 1_000_000) }, "rejected", ""),
		big("html-100k-nested-divs", "html", "nested.html", func(w io.Writer) error { return NestedHTML(w, "div", 100_000) }, "rejected", "nests"),
		big("html-100k-nested-b", "html", "nestedb.html", func(w io.Writer) error { return NestedHTML(w, "b", 100_000) }, "rejected", "nests"),
		big("html-3M-elements", "html", "many.html", func(w io.Writer) error { return ManyElementsHTML(w, 3_000_000) }, "rejected", "elements"),
		one("html-invalid-utf8-title", "html", "2023-03-03_barnet.html", func() []byte { return NewsHTML([]byte("Barnet \xff\xfe caseloads fall")) }, "ok", ""),
		one("html-windows-1252", "html", "2023-03-03_barnet-1252.html", func() []byte {
			return NewsHTML(Windows1252("Barnet\u2019s caseloads fall to £17k"))
		}, "ok", "Windows-1252"),
		one("html-utf16-bom", "html", "2023-03-03_barnet-utf16.html", func() []byte {
			return UTF16(string(NewsHTML([]byte("Barnet caseloads fall"))), false)
		}, "ok", "UTF-16"),
		one("html-unclosed-comment", "html", "comment.html", func() []byte {
			return append([]byte("<html><body><p>"+NewsSentence+"</p><!-- "), bytes.Repeat([]byte("never closed "), 800_000)...)
		}, "", ""),
		one("html-nul-and-controls", "html", "2023-03-03_controls.html", func() []byte {
			return NewsHTML([]byte("Barnet\x00 caseloads\x01\x1b fall"))
		}, "ok", ""),
		one("html-10MB-attribute", "html", "attr.html", func() []byte {
			return []byte("<html><body><p title=\"" + strings.Repeat("a", 10*mb) + "\">" + NewsSentence + "</p></body></html>")
		}, "", ""),
	}
}

// textCases are text files in odd encodings, too long, or not text.
func textCases() []Case {
	return []Case{
		one("text-utf16le-bom", "text", "2023-03-03_utf16le.txt", func() []byte { return UTF16(NewsText(), false) }, "ok", "UTF-16"),
		one("text-utf16be-bom", "text", "2023-03-03_utf16be.txt", func() []byte { return UTF16(NewsText(), true) }, "ok", "UTF-16"),
		one("text-windows-1252", "text", "2023-03-03_1252.txt", func() []byte {
			return Windows1252(NewsTitle + "\n\nBarnet\u2019s council said on 3 March 2023 that the average caseload of its children\u2019s social workers was 17.\n")
		}, "ok", "Windows-1252"),
		one("text-utf16-no-bom", "text", "nobom.txt", func() []byte { return UTF16(NewsText(), false)[2:] }, "rejected", "UTF-16"),
		big("text-2.2MB-one-line-40-figures", "text", "oneline.txt", func(w io.Writer) error { return OneLineFigures(w, 2_200_000, 40) }, "", ""),
		big("text-900KB-one-line-40-figures", "text", "oneline.txt", func(w io.Writer) error { return OneLineFigures(w, 900_000, 40) }, "", ""),
		big("text-50MB", "text", "big.txt", func(w io.Writer) error { return OneLineFigures(w, 50*mb, 40) }, "rejected", "text"),
		one("text-nul-and-controls", "text", "2023-03-03_controls.txt", func() []byte {
			return []byte(NewsTitle + "\x00\x01\n\n" + strings.Replace(NewsSentence, "caseload", "case\x1bload", 1) + "\x7f\n")
		}, "", ""),
		one("text-binary-named-txt", "text", "binary.txt", func() []byte { return bytes.Repeat([]byte{0, 1, 2, 0xff, 0xfe, 0x80}, 1000) }, "rejected", ""),
		one("text-empty", "text", "empty.txt", func() []byte { return nil }, "rejected", "empty"),
		one("text-invalid-utf8-mixed", "text", "2023-03-03_mixed.txt", func() []byte {
			return []byte(NewsTitle + " \u2014 caf\xe9 \xff\n\n" + NewsSentence + "\n")
		}, "ok", ""),
	}
}

func gen(f func(io.Writer) error) func() []byte {
	return func() []byte {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			panic(err)
		}
		return b.Bytes()
	}
}

// BombPages writes a PDF of pages pages, each with a content stream of
// its own inflating to inflated bytes before its line of text: the
// document takes long though no one call does.
func BombPages(w io.Writer, pages int, inflated int64) error {
	d := spacesDeflate(inflated, bombText)
	p := newPDF(w)
	p.flatTree(pages)
	for i := 0; i < pages; i++ {
		p.flatPage(i)
		p.stream(5+2*i, "/Filter /FlateDecode", d.size(), d.write)
	}
	return p.finish(4+2*pages, "/Root 1 0 R")
}

// fileCases are the folders of things that are not plain files.
func fileCases() []Case {
	letter := []byte(NewsText())
	return []Case{
		{Name: "fifo-in-folder", Category: "files", Build: func(dir string) (Input, error) {
			in := filepath.Join(dir, "in")
			os.MkdirAll(in, 0o755)
			p := filepath.Join(in, "report.pdf")
			return Input{Paths: []string{in}, Want: []Want{{p, "rejected", "named pipe"}}}, syscall.Mkfifo(p, 0o644)
		}},
		{Name: "fifo-given-by-name", Category: "files", Build: func(dir string) (Input, error) {
			p := filepath.Join(dir, "report.pdf")
			return Input{Paths: []string{p}, Want: []Want{{p, "rejected", "named pipe"}}}, syscall.Mkfifo(p, 0o644)
		}},
		{Name: "socket-in-folder", Category: "files", Build: func(dir string) (Input, error) {
			in := filepath.Join(dir, "in")
			os.MkdirAll(in, 0o755)
			p := filepath.Join(in, "s.pdf")
			l, err := net.Listen("unix", p)
			if err != nil {
				return Input{}, err
			}
			// The socket file stays after the listener is closed.
			if ul, ok := l.(*net.UnixListener); ok {
				ul.SetUnlinkOnClose(false)
			}
			l.Close()
			return Input{Paths: []string{in}, Want: []Want{{p, "rejected", "socket"}}}, nil
		}},
		{Name: "link-to-device", Category: "files", Build: func(dir string) (Input, error) {
			in := filepath.Join(dir, "in")
			os.MkdirAll(in, 0o755)
			p := filepath.Join(in, "zero.txt")
			return Input{Paths: []string{in}, Want: []Want{{p, "rejected", "device"}}}, os.Symlink("/dev/zero", p)
		}},
		{Name: "device-given-by-name", Category: "files", Build: func(dir string) (Input, error) {
			return Input{Paths: []string{"/dev/zero"}, Want: []Want{{"/dev/zero", "rejected", "device"}}}, nil
		}},
		{Name: "link-inside-folder", Category: "files", Build: func(dir string) (Input, error) {
			in := filepath.Join(dir, "in")
			target, err := file(in, "2023-03-03_letter.txt", letter)
			if err != nil {
				return Input{}, err
			}
			p := filepath.Join(in, "zz-link.txt")
			return Input{Paths: []string{in}, Want: []Want{{target, "ok", ""}, {p, "rejected", "same file"}}}, os.Symlink("2023-03-03_letter.txt", p)
		}},
		{Name: "link-outside-folder", Category: "files", Build: func(dir string) (Input, error) {
			target, err := file(filepath.Join(dir, "elsewhere"), "2023-03-03_letter.txt", letter)
			if err != nil {
				return Input{}, err
			}
			in := filepath.Join(dir, "in")
			os.MkdirAll(in, 0o755)
			p := filepath.Join(in, "letter.txt")
			return Input{Paths: []string{in}, Want: []Want{{p, "ok", ""}}}, os.Symlink(target, p)
		}},
		{Name: "link-dangling", Category: "files", Build: func(dir string) (Input, error) {
			in := filepath.Join(dir, "in")
			os.MkdirAll(in, 0o755)
			p := filepath.Join(in, "gone.pdf")
			return Input{Paths: []string{in}, Want: []Want{{p, "rejected", "broken symbolic link"}}}, os.Symlink(filepath.Join(dir, "nowhere.pdf"), p)
		}},
		{Name: "link-loop", Category: "files", Build: func(dir string) (Input, error) {
			in := filepath.Join(dir, "in")
			os.MkdirAll(in, 0o755)
			a, b := filepath.Join(in, "a.pdf"), filepath.Join(in, "b.pdf")
			os.Symlink(b, a)
			return Input{Paths: []string{in}, Want: []Want{{a, "rejected", "link"}, {b, "rejected", "link"}}}, os.Symlink(a, b)
		}},
		{Name: "link-to-folder", Category: "files", Build: func(dir string) (Input, error) {
			in := filepath.Join(dir, "in")
			file(in, "2023-03-03_letter.txt", letter)
			p := filepath.Join(in, "up")
			return Input{Paths: []string{in}, Want: []Want{{p, "rejected", "folder"}}}, os.Symlink(dir, p)
		}},
		{Name: "unreadable-file", Category: "files", Build: func(dir string) (Input, error) {
			os.Chmod(dir, 0o755)
			in := filepath.Join(dir, "in")
			p, err := file(in, "2023-03-03_letter.txt", letter)
			if err != nil {
				return Input{}, err
			}
			return Input{Paths: []string{in}, AsUser: 65534, Want: []Want{{p, "rejected", "permission denied"}}}, os.Chmod(p, 0)
		}},
		{Name: "unreadable-folder", Category: "files", Build: func(dir string) (Input, error) {
			os.Chmod(dir, 0o755)
			in := filepath.Join(dir, "in")
			ok, err := file(in, "2023-03-03_letter.txt", letter)
			if err != nil {
				return Input{}, err
			}
			sub := filepath.Join(in, "private")
			file(sub, "x.txt", letter)
			return Input{Paths: []string{in}, AsUser: 65534, Want: []Want{{ok, "ok", ""}, {sub, "rejected", "permission denied"}}}, os.Chmod(sub, 0)
		}},
		{Name: "folder-named-pdf", Category: "files", Build: func(dir string) (Input, error) {
			in := filepath.Join(dir, "in")
			p := filepath.Join(in, "report.pdf")
			return Input{Paths: []string{in}, Want: []Want{{p, "rejected", "folder"}}}, os.MkdirAll(p, 0o755)
		}},
		{Name: "empty-folder-given", Category: "files", Build: func(dir string) (Input, error) {
			in := filepath.Join(dir, "in")
			return Input{Paths: []string{in}, Want: []Want{{in, "rejected", "no documents"}}}, os.MkdirAll(in, 0o755)
		}},
		{Name: "odd-file-names", Category: "files", Build: func(dir string) (Input, error) {
			in := filepath.Join(dir, "in")
			a, err := file(in, "2023-03-03_bad-\xff-name.txt", letter)
			if err != nil {
				return Input{}, err
			}
			b, err := file(in, "2023-03-03_new\nline.txt", []byte(strings.Replace(NewsText(), "17", "18", 1)))
			return Input{Paths: []string{in}, Want: []Want{{a, "ok", ""}, {b, "ok", ""}}}, err
		}},
		{Name: "same-file-twice", Category: "files", Build: func(dir string) (Input, error) {
			in := filepath.Join(dir, "in")
			p, err := file(in, "2023-03-03_letter.txt", letter)
			return Input{Paths: []string{p, in, p}, Want: []Want{{p, "ok", ""}}}, err
		}},
	}
}
