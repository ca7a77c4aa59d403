// Package pdfgen writes small PDFs for tests: pages of text set at given
// positions in Helvetica, a page that is only a picture, and PDFs
// encrypted with a password (the standard security handler, RC4 40-bit),
// so the PDF readers can be tested on layouts and faults no real report in
// the fixtures has.
package pdfgen

import (
	"bytes"
	"crypto/md5"
	"crypto/rc4"
	"fmt"
	"strings"
)

// Text is one piece of text on a page, its baseline at (X, Y) points from
// the page's top-left corner.
type Text struct {
	X, Y float64
	Size float64 // 0: 11 points
	S    string  // ASCII (written in WinAnsi)
}

// Page is a page of texts; Image draws a grey picture over it instead of
// (or as well as) text.
type Page struct {
	Texts []Text
	Image bool
}

// Options change how the file is written.
type Options struct {
	// UserPassword encrypts the file: it cannot be opened without it.
	UserPassword string
}

const pageW, pageH = 595.0, 842.0

// PDF writes the pages as a PDF file.
func PDF(pages []Page, opts Options) []byte {
	w := &writer{}
	n := len(pages)
	// Objects: 1 catalog, 2 pages, 3 font, 4 image, then per page: page
	// and content; then the encryption dictionary.
	pageObj := func(i int) int { return 5 + 2*i }
	var key []byte
	var o, u []byte
	id := []byte("oversight-pdfgen")
	encObj := 5 + 2*n
	if opts.UserPassword != "" {
		o = ownerEntry("owner-"+opts.UserPassword, opts.UserPassword)
		key = fileKey(opts.UserPassword, o, -4, id)
		u = rc4Bytes(key, padding)
	}
	enc := func(obj int, data []byte) []byte {
		if key == nil {
			return data
		}
		return rc4Bytes(objectKey(key, obj), data)
	}
	w.header()
	w.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	var kids []string
	for i := range pages {
		kids = append(kids, fmt.Sprintf("%d 0 R", pageObj(i)))
	}
	w.obj(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	w.obj(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	img := bytes.Repeat([]byte{0x80}, 64*64)
	w.stream(4, "/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8", enc(4, img))
	for i, p := range pages {
		w.obj(pageObj(i), fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents %d 0 R >>",
			pageW, pageH, pageObj(i)+1))
		w.stream(pageObj(i)+1, "", enc(pageObj(i)+1, content(p)))
	}
	size := 5 + 2*n
	trailer := fmt.Sprintf("/Size %d /Root 1 0 R /ID [<%x> <%x>]", size, id, id)
	if key != nil {
		w.obj(encObj, fmt.Sprintf("<< /Filter /Standard /V 1 /R 2 /O <%x> /U <%x> /P -4 >>", o, u))
		size++
		trailer = fmt.Sprintf("/Size %d /Root 1 0 R /Encrypt %d 0 R /ID [<%x> <%x>]", size, encObj, id, id)
	}
	return w.finish(size, trailer)
}

func content(p Page) []byte {
	var b bytes.Buffer
	if p.Image {
		fmt.Fprintf(&b, "q %g 0 0 %g 0 0 cm /Im1 Do Q\n", pageW, pageH)
	}
	for _, t := range p.Texts {
		size := t.Size
		if size == 0 {
			size = 11
		}
		fmt.Fprintf(&b, "BT /F1 %g Tf 1 0 0 1 %g %g Tm (%s) Tj ET\n", size, t.X, pageH-t.Y, escape(t.S))
	}
	return b.Bytes()
}

func escape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return r.Replace(s)
}

type writer struct {
	buf     bytes.Buffer
	offsets map[int]int
}

func (w *writer) header() {
	w.offsets = map[int]int{}
	w.buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
}

func (w *writer) obj(n int, body string) {
	w.offsets[n] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n%s\nendobj\n", n, body)
}

func (w *writer) stream(n int, dict string, data []byte) {
	w.offsets[n] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n<< %s /Length %d >>\nstream\n", n, dict, len(data))
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
}

func (w *writer) finish(size int, trailer string) []byte {
	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", size)
	for i := 1; i < size; i++ {
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", w.offsets[i])
	}
	fmt.Fprintf(&w.buf, "trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return w.buf.Bytes()
}

// The standard security handler, revision 2 (PDF 1.7, 7.6.3).
var padding = []byte{0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A}

func pad(pw string) []byte {
	b := append([]byte(pw), padding...)
	return b[:32]
}

func rc4Bytes(key, data []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		panic(err)
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

func ownerEntry(owner, user string) []byte {
	h := md5.Sum(pad(owner))
	return rc4Bytes(h[:5], pad(user))
}

func fileKey(user string, o []byte, p int32, id []byte) []byte {
	h := md5.New()
	h.Write(pad(user))
	h.Write(o)
	h.Write([]byte{byte(p), byte(p >> 8), byte(p >> 16), byte(p >> 24)})
	h.Write(id)
	return h.Sum(nil)[:5]
}

func objectKey(key []byte, obj int) []byte {
	h := md5.New()
	h.Write(key)
	h.Write([]byte{byte(obj), byte(obj >> 8), byte(obj >> 16), 0, 0})
	return h.Sum(nil)[:10]
}

// ILACS is the two pages of a small ILACS report, the council named in its
// title: five judgements (one wrapped over two lines), the inspection
// dates, the lead inspector and two recommendations. Tests add to it.
func ILACS(title string) []Page {
	t := func(x, y float64, s string) Text { return Text{X: x, Y: y, S: s} }
	return []Page{
		{Texts: []Text{
			t(72, 100, title), t(72, 120, "children's services"),
			t(72, 150, "Inspection dates: 7 to 18 November 2022"),
			t(72, 170, "Lead inspector: Jane Doe, His Majesty's Inspector"),
			t(77, 210, "Judgement"), t(304, 210, "Grade"),
			t(77, 240, "The impact of leaders on social work"),
			t(77, 254, "practice with children and families"), t(304, 240, "Good"),
			t(77, 280, "The experiences and progress of"),
			t(77, 294, "children who need help and protection"), t(304, 280, "Requires improvement to be good"),
			t(77, 320, "The experiences and progress of"),
			t(77, 334, "children in care"), t(304, 320, "Good"),
			t(77, 360, "The experiences and progress of care"),
			t(77, 374, "leavers"), t(304, 360, "Outstanding"),
			t(77, 400, "Overall effectiveness"), t(304, 400, "Good"),
		}},
		{Texts: []Text{
			t(72, 100, "What needs to improve?"),
			t(72, 125, "- The timeliness of strategy meetings."),
			t(72, 145, "- Management oversight of casework in the assessment service."),
		}},
	}
}
