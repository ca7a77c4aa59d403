package hostile

import (
	"bufio"
	"encoding/binary"
	"io"
	"strings"
	"unicode/utf16"
)

// A news item in our own words, with a council, a date, a grade and a
// figure the text reader finds.
const (
	NewsTitle    = "Barnet children's services rated good by Ofsted"
	NewsSentence = "Ofsted has rated Barnet Council's children's services good, following an inspection in January 2023, the council said on 3 March 2023."
	NewsFigure   = "Social workers in Barnet held an average of 17 cases each in February 2023, the council said."
)

// NewsText is a short news item as a text file.
func NewsText() string {
	return NewsTitle + "\n\n" + NewsSentence + "\n\n" + NewsFigure + "\n"
}

// UTF16 encodes s as UTF-16 with a byte-order mark, little- or big-endian.
func UTF16(s string, bigEndian bool) []byte {
	units := utf16.Encode([]rune(s))
	out := make([]byte, 2, 2+2*len(units))
	var order binary.AppendByteOrder = binary.LittleEndian
	if bigEndian {
		order = binary.BigEndian
	}
	out = order.AppendUint16(out[:0], 0xFEFF)
	for _, u := range units {
		out = order.AppendUint16(out, u)
	}
	return out
}

// Windows1252 is s with its curly quotes and pound signs in Windows-1252
// (s must hold only ASCII besides those).
func Windows1252(s string) []byte {
	r := strings.NewReplacer("\u2019", "\x92", "\u2018", "\x91", "£", "\xa3", "\u2013", "\x96")
	return []byte(r.Replace(s))
}

// OneLineFigures writes a text of about size bytes on one line, with
// figures sentences spread through it: the registry line and review cells
// it gives are what bounded cells are for.
func OneLineFigures(w io.Writer, size, figures int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	filler := "and the council went on to describe its plans for the service in some detail "
	fig := " Barnet said 31% of its children's social workers were agency staff in 2023 and "
	bw.WriteString("Barnet children's services update ")
	written := 0
	every := size / max(figures, 1)
	next := 0
	for written < size {
		if figures > 0 && written >= next {
			bw.WriteString(fig)
			written += len(fig)
			next += every
			figures--
			continue
		}
		bw.WriteString(filler)
		written += len(filler)
	}
	bw.WriteString("\n")
	return bw.Flush()
}

// BigHTML writes a page of about size bytes whose article is one line
// (no line breaks at all) of sentences.
func BigHTML(w io.Writer, size int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("<!DOCTYPE html><html><head><title>" + NewsTitle + "</title></head><body><article><p>")
	for written := 0; written < size; written += len(NewsSentence) + 1 {
		bw.WriteString(NewsSentence + " ")
	}
	bw.WriteString("</p></article></body></html>")
	return bw.Flush()
}

// NestedHTML writes a page whose body opens depth elements inside each
// other (never closed) around a news sentence.
func NestedHTML(w io.Writer, tag string, depth int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("<!DOCTYPE html><html><head><title>" + NewsTitle + "</title></head><body>")
	open := "<" + tag + ">"
	for i := 0; i < depth; i++ {
		bw.WriteString(open)
	}
	bw.WriteString(NewsSentence)
	return bw.Flush()
}

// ManyElementsHTML writes a page of n sibling paragraphs.
func ManyElementsHTML(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("<!DOCTYPE html><html><head><title>" + NewsTitle + "</title></head><body><p>" + NewsSentence + "</p>")
	for i := 0; i < n; i++ {
		bw.WriteString("<span>x</span>")
	}
	bw.WriteString("</body></html>")
	return bw.Flush()
}

// NewsHTML is a small news page with title (raw bytes: it may be
// anything) and the news sentence.
func NewsHTML(title []byte) []byte {
	var b []byte
	b = append(b, "<!DOCTYPE html><html><head><title>"...)
	b = append(b, title...)
	b = append(b, "</title><meta property=\"article:published_time\" content=\"2023-03-03T09:00:00Z\"></head><body><article><h1>"...)
	b = append(b, title...)
	b = append(b, "</h1><p>"+NewsSentence+"</p><p>"+NewsFigure+"</p></article></body></html>"...)
	return b
}
