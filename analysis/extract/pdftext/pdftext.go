// Package pdftext turns a PDF into text per page, in reading order, with the
// position of every line: what the report and letter readers parse.
//
// The text comes from PDFium (Chrome's PDF engine) compiled to WebAssembly
// and run in-process by wazero (github.com/klippa-app/go-pdfium/webassembly):
// no cgo, no system library, nothing to install beside the binary. It was
// chosen by measurement against poppler's pdftotext and two pure-Go readers
// (docs/extraction.md): on the 329 Ofsted reports its words equal poppler's
// exactly, where the best pure-Go reader lost up to 3% of a report's words,
// among them grades.
//
// Compiling the WebAssembly module takes a few seconds; the compiled code is
// cached on disk (Options.CacheDir), so only the first run on a machine pays
// it, and a run that reads no PDF never compiles at all.
package pdftext

import (
	"bytes"
	"errors"
	"math"
	"sort"
	"strings"
	"unicode"
)

// Document is the text of one PDF.
type Document struct {
	Pages []Page
	// Chars counts the visible characters on all pages; zero means the PDF
	// has no text layer (a scan) and needs OCR, which this package does not do.
	Chars int
}

// Page is the text of one page.
type Page struct {
	Number        int     // 1-based
	Width, Height float64 // points
	Lines         []Line  // in reading order, as PDFium orders the page's text
}

// Line is one line of text as PDFium reads it: characters on one baseline,
// in the order the document draws them.
type Line struct {
	// Spans are the pieces of the line separated by a wide gap (table
	// cells, a label and its value, a page number beside a footer).
	Spans []Span
	// Box of the visible characters, in points from the page's top-left
	// corner: Top < Bottom.
	X0, X1, Top, Bottom float64
}

// Span is a run of a line's text without a wide gap.
type Span struct {
	Text   string
	X0, X1 float64
}

// Text is the line's text, spans joined by three spaces so a reader can
// still see where the gaps were.
func (l Line) Text() string {
	if len(l.Spans) == 1 {
		return l.Spans[0].Text
	}
	parts := make([]string, len(l.Spans))
	for i, s := range l.Spans {
		parts[i] = s.Text
	}
	return strings.Join(parts, "   ")
}

// Height is the line's height in points (about the font size).
func (l Line) Height() float64 { return l.Bottom - l.Top }

// Text is the page's text, one line per line.
func (p Page) Text() string {
	var b strings.Builder
	for i, l := range p.Lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.Text())
	}
	return b.String()
}

// Texts is every page's text, the form the letter reader takes.
func (d *Document) Texts() []string {
	out := make([]string, len(d.Pages))
	for i, p := range d.Pages {
		out[i] = p.Text()
	}
	return out
}

// Errors a caller turns into a document's status.
var (
	ErrNotPDF    = errors.New("not a PDF file")
	ErrEncrypted = errors.New("the PDF is encrypted with a password")
	ErrDamaged   = errors.New("the PDF is damaged and cannot be read")
)

// IsPDF reports whether data starts like a PDF: "%PDF-" within its first
// kilobyte, as readers accept (some files carry junk before it).
func IsPDF(data []byte) bool {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Contains(head, []byte("%PDF-"))
}

// Char is one character as PDFium reports it: the code point and its box in
// PDF space (points, origin bottom-left).
type Char struct {
	R                        rune
	Left, Right, Bottom, Top float64
}

// BuildPage groups a page's characters, in PDFium's order, into lines and
// spans. PDFium ends every line with a generated "\r\n" and puts generated
// spaces between words, so lines are split on '\n'; a gap wider than
// spanGap(line height) between two visible characters starts a new span.
func BuildPage(number int, width, height float64, chars []Char) (Page, int) {
	p := Page{Number: number, Width: width, Height: height}
	visible := 0
	start := 0
	for i := 0; i <= len(chars); i++ {
		if i < len(chars) && chars[i].R != '\n' {
			continue
		}
		if l, n := buildLine(chars[start:i], height); n > 0 {
			p.Lines = append(p.Lines, l)
			visible += n
		}
		start = i + 1
	}
	return p, visible
}

func buildLine(chars []Char, pageHeight float64) (Line, int) {
	l := Line{X0: math.Inf(1), X1: math.Inf(-1), Top: math.Inf(1), Bottom: math.Inf(-1)}
	// Heights of the visible characters give the gap that separates spans.
	var heights []float64
	n := 0
	for _, c := range chars {
		if !visibleRune(c.R) {
			continue
		}
		n++
		heights = append(heights, c.Top-c.Bottom)
		l.X0 = math.Min(l.X0, c.Left)
		l.X1 = math.Max(l.X1, c.Right)
		l.Top = math.Min(l.Top, pageHeight-c.Top)
		l.Bottom = math.Max(l.Bottom, pageHeight-c.Bottom)
	}
	if n == 0 {
		return Line{}, 0
	}
	sort.Float64s(heights)
	gap := spanGap(heights[len(heights)*3/4])

	var b strings.Builder
	span := Span{X0: math.Inf(1)}
	lastRight := math.Inf(-1)
	flush := func() {
		if t := strings.TrimSpace(foldSpaces(b.String())); t != "" {
			span.Text = t
			l.Spans = append(l.Spans, span)
		}
		b.Reset()
		span = Span{X0: math.Inf(1)}
	}
	for _, c := range chars {
		if c.R == '\r' {
			continue
		}
		if !visibleRune(c.R) {
			b.WriteByte(' ')
			continue
		}
		if lastRight > math.Inf(-1) && c.Left-lastRight > gap {
			flush()
		}
		b.WriteRune(c.R)
		span.X0 = math.Min(span.X0, c.Left)
		span.X1 = math.Max(span.X1, c.Right)
		lastRight = c.Right
	}
	flush()
	return l, n
}

// spanGap is the horizontal gap that separates two spans on a line whose
// tall characters are h points high: about two and a half average character
// widths, wider than any word space or tab after a label in these documents,
// narrower than a table's column gutter.
func spanGap(h float64) float64 {
	if h < 4 {
		h = 4
	}
	return 2.5 * h
}

func visibleRune(r rune) bool {
	return !unicode.IsSpace(r) && r != 0 && r != 0xFFFE && r != 0xFFFF && !unicode.IsControl(r)
}

// foldSpaces turns every run of white space (including no-break spaces) into
// one space.
func foldSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
