// Package hostile makes documents an attacker or an unlucky user would give
// extraction: PDF and HTML bombs, truncated, encrypted and malformed PDFs,
// text in every encoding, and folders of links, pipes and sockets. The
// tests of analysis/extract and of `oversight extract` use the small ones;
// the corpus (Corpus, `make hostile`) runs every case, large ones included,
// through the binary and measures its time and peak memory.
//
// Large files are written at test time, never committed: a 2 GB bomb is a
// 2 MB file made in about a second.
package hostile

import (
	"bufio"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/adler32"
	"io"
	"strings"
)

// pdfWriter writes a PDF object by object, keeping each one's offset for
// the cross-reference table.
type pdfWriter struct {
	w       *bufio.Writer
	n       int64
	offsets map[int]int64
	err     error
}

func newPDF(w io.Writer) *pdfWriter {
	p := &pdfWriter{w: bufio.NewWriterSize(w, 1<<20), offsets: map[int]int64{}}
	p.str("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return p
}

func (p *pdfWriter) write(b []byte) {
	if p.err != nil {
		return
	}
	n, err := p.w.Write(b)
	p.n += int64(n)
	p.err = err
}

func (p *pdfWriter) str(s string) { p.write([]byte(s)) }

func (p *pdfWriter) obj(n int, body string) {
	p.offsets[n] = p.n
	p.str(fmt.Sprintf("%d 0 obj\n%s\nendobj\n", n, body))
}

// stream writes a stream object whose data (already encoded) comes from
// data, of length size.
func (p *pdfWriter) stream(n int, dict string, size int64, data func(io.Writer) error) {
	p.offsets[n] = p.n
	p.str(fmt.Sprintf("%d 0 obj\n<< %s /Length %d >>\nstream\n", n, dict, size))
	if p.err == nil {
		cw := &countWriter{w: p.w}
		p.err = data(cw)
		p.n += cw.n
	}
	p.str("\nendstream\nendobj\n")
}

// finish writes the cross-reference table for objects 1 to size-1 and the
// trailer.
func (p *pdfWriter) finish(size int, trailer string) error {
	xref := p.n
	p.str(fmt.Sprintf("xref\n0 %d\n0000000000 65535 f \n", size))
	for i := 1; i < size; i++ {
		p.str(fmt.Sprintf("%010d 00000 n \n", p.offsets[i]))
	}
	p.str(fmt.Sprintf("trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", size, trailer, xref))
	if p.err != nil {
		return p.err
	}
	return p.w.Flush()
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

const font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

// onePage writes a one-page PDF whose page content is the stream given,
// with dict its extra entries (a /Filter).
func onePage(w io.Writer, dict string, size int64, data func(io.Writer) error) error {
	p := newPDF(w)
	p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
	p.stream(4, dict, size, data)
	p.obj(5, font)
	return p.finish(6, "/Root 1 0 R")
}

// deflated is a zlib stream made of a prefix, a chunk repeated and a
// suffix, written without holding it whole.
type deflated struct {
	prefix, chunk []byte
	repeat        int64
	suffix        []byte
}

func (d deflated) size() int64 {
	return int64(len(d.prefix)) + int64(len(d.chunk))*d.repeat + int64(len(d.suffix))
}

func (d deflated) write(w io.Writer) error {
	w.Write(d.prefix)
	for i := int64(0); i < d.repeat; i++ {
		if _, err := w.Write(d.chunk); err != nil {
			return err
		}
	}
	_, err := w.Write(d.suffix)
	return err
}

// spacesDeflate is the zlib encoding of n spaces (rounded down to a MiB)
// then tail, made by repeating the encoding of one MiB: deflate's
// back-references to the spaces before them decode the same wherever a
// chunk starts, so a 2 GB stream costs compressing 1 MiB once.
func spacesDeflate(n int64, tail string) deflated {
	const size = 1 << 20
	var b bytes.Buffer
	fw, _ := flate.NewWriter(&b, flate.BestCompression)
	fw.Write(bytes.Repeat([]byte(" "), size))
	fw.Flush() // byte-aligned, not final
	chunk := append([]byte(nil), b.Bytes()...)
	repeat := n / size
	// The adler-32 of the spaces, by updating over the chunk: cheap enough
	// at a GB a second.
	h := adler32.New()
	buf := bytes.Repeat([]byte(" "), size)
	for i := int64(0); i < repeat; i++ {
		h.Write(buf)
	}
	h.Write([]byte(tail))
	// The tail in blocks of its own, the last one final.
	var t bytes.Buffer
	tw, _ := flate.NewWriter(&t, flate.BestSpeed)
	tw.Write([]byte(tail))
	tw.Close()
	return deflated{prefix: []byte{0x78, 0xda}, chunk: chunk, repeat: repeat, suffix: append(t.Bytes(), h.Sum(nil)...)}
}

// flatTree writes a PDF's catalog (1), a flat page tree (2) of n pages
// numbered 4, 6, 8 ... (each page's contents the object after it) and the
// font (3).
func (p *pdfWriter) flatTree(n int) {
	p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	var kids strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&kids, "%d 0 R ", 4+2*i)
	}
	p.obj(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), n))
	p.obj(3, font)
}

// flatPage writes page i of a flatTree (object 4+2i).
func (p *pdfWriter) flatPage(i int) {
	p.obj(4+2*i, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i))
}

// bombText is what a bomb's page shows after its spaces.
const bombText = "\nBT /F1 12 Tf 72 700 Td (Barnet children's services) Tj ET\n"

// Bomb writes a one-page PDF whose content stream inflates to inflated
// bytes (rounded down to a MiB) of spaces, then shows a line of text: a
// 2 GB bomb is a 2 MB file.
func Bomb(w io.Writer, inflated int64) error {
	d := spacesDeflate(inflated, bombText)
	return onePage(w, "/Filter /FlateDecode", d.size(), d.write)
}

// FontBomb writes a one-page PDF with text in an embedded TrueType font
// whose font file inflates to inflated bytes: PDFium loads the font to
// read the text.
func FontBomb(w io.Writer, inflated int64) error {
	d := spacesDeflate(inflated, "")
	p := newPDF(w)
	p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
	content := "BT /F1 12 Tf 72 700 Td (Barnet children's services) Tj ET"
	p.stream(4, "", int64(len(content)), func(w io.Writer) error { _, err := io.WriteString(w, content); return err })
	p.obj(5, "<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 32 /LastChar 126 /Widths 7 0 R /FontDescriptor 6 0 R /Encoding /WinAnsiEncoding >>")
	p.obj(6, "<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>")
	p.obj(7, "["+strings.Repeat("500 ", 95)+"]")
	p.stream(8, "/Filter /FlateDecode", d.size(), d.write)
	return p.finish(9, "/Root 1 0 R")
}

// ManyPages writes a PDF of n pages (n a multiple of 1000) that share one
// content stream: a page tree of n/1000 nodes each listing the same 1000
// page objects, so a million pages take a few megabytes. Each page says
// "Page text".
func ManyPages(w io.Writer, n int) error {
	const leaves = 1000
	nodes := n / leaves
	p := newPDF(w)
	// 1 catalog, 2 root, 3 font, 4 content, 5.. leaves, then nodes.
	first := 5
	firstNode := first + leaves
	p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	var kids strings.Builder
	for i := 0; i < nodes; i++ {
		fmt.Fprintf(&kids, "%d 0 R ", firstNode+i)
	}
	p.obj(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), nodes*leaves))
	p.obj(3, font)
	content := "BT /F1 12 Tf 72 700 Td (Page text) Tj ET"
	p.stream(4, "", int64(len(content)), func(w io.Writer) error { _, err := io.WriteString(w, content); return err })
	for i := 0; i < leaves; i++ {
		p.obj(first+i, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
	}
	var leafKids strings.Builder
	for i := 0; i < leaves; i++ {
		fmt.Fprintf(&leafKids, "%d 0 R ", first+i)
	}
	node := fmt.Sprintf("<< /Type /Pages /Parent 2 0 R /Kids [%s] /Count %d >>", leafKids.String(), leaves)
	for i := 0; i < nodes; i++ {
		p.obj(firstNode+i, node)
	}
	return p.finish(firstNode+nodes, "/Root 1 0 R")
}

// FlatPages writes a PDF of n distinct pages in one flat page tree, each
// with one line of text (the letter's sentence on page 1): a long but
// honest document.
func FlatPages(w io.Writer, n int, firstLine string) error {
	p := newPDF(w)
	p.flatTree(n)
	for i := 0; i < n; i++ {
		p.flatPage(i)
		line := fmt.Sprintf("Page %d of the papers.", i+1)
		if i == 0 && firstLine != "" {
			line = firstLine
		}
		content := fmt.Sprintf("BT /F1 12 Tf 72 700 Td (%s) Tj ET", pdfEscape(line))
		p.stream(5+2*i, "", int64(len(content)), func(w io.Writer) error { _, err := io.WriteString(w, content); return err })
	}
	return p.finish(4+2*n, "/Root 1 0 R")
}

// LongPage writes a one-page PDF showing about chars characters of text,
// all within the page (PDFium leaves out text drawn off it): lines of
// 2,000 characters in a tiny font, a third of a point apart. Compressed, a
// page of 5 million characters is a small file.
func LongPage(w io.Writer, chars int) error {
	var b bytes.Buffer
	zw, _ := flate.NewWriter(&b, flate.BestSpeed)
	fmt.Fprintf(zw, "BT /F1 0.4 Tf 1 841 Td ")
	line := "(" + strings.Repeat("Barnet caseload 20 ", 105) + ") Tj 0 -0.33 Td\n"
	for written := 0; written < chars; written += 1995 {
		io.WriteString(zw, line)
	}
	fmt.Fprintf(zw, "ET")
	zw.Close()
	var z bytes.Buffer
	z.Write([]byte{0x78, 0x01})
	z.Write(b.Bytes())
	// PDFium does not check the zlib checksum; a wrong one would only make
	// a stricter reader refuse the stream.
	z.Write([]byte{0, 0, 0, 0})
	return onePage(w, "/Filter /FlateDecode", int64(z.Len()), func(w io.Writer) error { _, err := w.Write(z.Bytes()); return err })
}

// DeepNesting writes a one-page PDF whose content stream opens depth
// arrays inside each other.
func DeepNesting(w io.Writer, depth int) error {
	content := strings.Repeat("[", depth) + strings.Repeat("]", depth) + " pop BT /F1 12 Tf 72 700 Td (Barnet) Tj ET"
	return onePage(w, "", int64(len(content)), func(w io.Writer) error { _, err := io.WriteString(w, content); return err })
}

// HugeLength writes a one-page PDF whose content stream claims a length of
// a terabyte.
func HugeLength(w io.Writer) error {
	p := newPDF(w)
	p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
	p.offsets[4] = p.n
	p.str("4 0 obj\n<< /Length 1099511627776 >>\nstream\nBT /F1 12 Tf 72 700 Td (Barnet) Tj ET\nendstream\nendobj\n")
	p.obj(5, font)
	return p.finish(6, "/Root 1 0 R")
}

// XrefLoop writes a PDF whose cross-reference sections name each other as
// the previous one, for ever.
func XrefLoop(w io.Writer) error {
	p := newPDF(w)
	p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>")
	content := "BT /F1 12 Tf 72 700 Td (Barnet) Tj ET"
	p.stream(4, "", int64(len(content)), func(w io.Writer) error { _, err := io.WriteString(w, content); return err })
	xref := p.n
	p.str("xref\n0 5\n0000000000 65535 f \n")
	for i := 1; i < 5; i++ {
		p.str(fmt.Sprintf("%010d 00000 n \n", p.offsets[i]))
	}
	p.str(fmt.Sprintf("trailer\n<< /Size 5 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", xref, xref))
	if p.err != nil {
		return p.err
	}
	return p.w.Flush()
}

// PageTreeLoop writes a PDF whose page tree contains itself.
func PageTreeLoop(w io.Writer) error {
	p := newPDF(w)
	p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	p.obj(2, "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>")
	p.obj(3, "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>")
	return p.finish(4, "/Root 1 0 R")
}

func pdfEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(s)
}
