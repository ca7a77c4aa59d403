package extract

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/oversight/oversight/analysis/extract/pdftext"
)

// Budget is what one document may cost, whatever is in it. A document over
// any of it is a rejected row saying which, and the run goes on; the
// verdict is remembered in the registry with the budget it was made under,
// so a run with a larger budget reads the document again.
//
// Memory stays bounded whatever the input: at most Workers documents are
// read at once, each within MemoryMiB of PDF engine memory (held outside
// Go's heap and returned when the document ends), FileBytes of file and
// Text characters of text (docs/extraction.md, "Budgets and hostile
// documents", has the measurements behind the defaults).
type Budget struct {
	// Time is how long reading one document may take, all of it: the PDF
	// engine's calls, the report and text readers. It starts when a reader
	// is free for the document (waiting for one is not the document's
	// doing). 0: DefaultTime.
	Time time.Duration
	// MemoryMiB is the memory the PDF engine may use for one document (it
	// holds the file, the page being read and the streams it inflates);
	// it also bounds how many elements an HTML page may have (about 2,000
	// per MiB). 0: DefaultMemoryMiB.
	MemoryMiB int
	// Pages is the most pages a PDF may have. 0: DefaultPages.
	Pages int
	// Text is the most characters of text one document may hold (a PDF's
	// pages read, an HTML page's text, a text file). 0: DefaultText.
	Text int
	// FileBytes is the largest file read. 0: DefaultFileBytes.
	FileBytes int64
}

// Defaults, from measurements (docs/extraction.md): the 329 real Ofsted
// reports take at most 0.2 s, 18 MiB of PDF engine memory, 58 pages and
// 150,000 characters each; the text reader takes 5 to 8 s per million
// characters of one-line text on this machine.
const (
	DefaultTime      = 30 * time.Second
	DefaultMemoryMiB = pdftext.DefaultMemoryMiB
	DefaultPages     = 2000
	DefaultText      = 1_000_000
	DefaultFileBytes = 64 << 20
)

// DefaultBudget is the budget of a document when none is given.
func DefaultBudget() Budget { return Budget{}.withDefaults() }

func (b Budget) withDefaults() Budget {
	if b.Time <= 0 {
		b.Time = DefaultTime
	}
	if b.MemoryMiB <= 0 {
		b.MemoryMiB = DefaultMemoryMiB
	}
	if b.Pages <= 0 {
		b.Pages = DefaultPages
	}
	if b.Text <= 0 {
		b.Text = DefaultText
	}
	if b.FileBytes <= 0 {
		b.FileBytes = DefaultFileBytes
	}
	return b
}

// htmlNodes is how many elements and pieces of text an HTML page may have
// for the memory budget: the parsed page takes about 500 bytes a node.
func (b Budget) htmlNodes() int { return b.MemoryMiB << 11 }

// Budget dimensions, as the registry records them.
const (
	overTime   = "time"
	overMemory = "memory"
	overPages  = "pages"
	overText   = "text"
	overFile   = "file"
)

// limit is the budget's value for a dimension, as the registry records it.
func (b Budget) limit(dim string) int64 {
	switch dim {
	case overTime:
		return int64(b.Time)
	case overMemory:
		return int64(b.MemoryMiB)
	case overPages:
		return int64(b.Pages)
	case overText:
		return int64(b.Text)
	case overFile:
		return b.FileBytes
	}
	return 0
}

// overBudget is a document over its budget in one dimension.
type overBudget struct {
	dim    string
	reason string
}

func (o *overBudget) Error() string { return o.reason }

func (b Budget) over(dim, reason string) *overBudget {
	return &overBudget{dim: dim, reason: reason}
}

func (b Budget) overTime() *overBudget {
	return b.over(overTime, fmt.Sprintf("reading it took longer than the %s a document may take (the time budget, --doc-time): a PDF or page built to keep readers busy?", b.Time))
}

func (b Budget) overMemory(what string) *overBudget {
	return b.over(overMemory, fmt.Sprintf("%s more than the %d MiB of memory a document may use (the memory budget, --doc-memory): a bomb?", what, b.MemoryMiB))
}

func (b Budget) overPages(pages int) *overBudget {
	return b.over(overPages, fmt.Sprintf("the PDF has %s pages, more than the %s a document may have (the page budget, --doc-pages)", thousands(int64(pages)), thousands(int64(b.Pages))))
}

func (b Budget) overText() *overBudget {
	return b.over(overText, fmt.Sprintf("it holds more than the %s characters of text a document may have (the text budget, --doc-text)", thousands(int64(b.Text))))
}

func (b Budget) overFile(size int64) *overBudget {
	return b.over(overFile, fmt.Sprintf("the file is %s, more than the %s a document may be (the size budget, --doc-size)", Size(size), Size(b.FileBytes)))
}

// Size writes a byte count as a person reads it: "64 MiB", "1.5 GiB",
// "300 KiB", "12 bytes".
func Size(n int64) string {
	units := []string{"bytes", "KiB", "MiB", "GiB", "TiB"}
	v, u := float64(n), 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	if u == 0 {
		return fmt.Sprintf("%d bytes", n)
	}
	s := strconv.FormatFloat(v, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0") + " " + units[u]
}

// ParseSize reads a size as a person writes it: a number of bytes, or
// with a unit (KiB, MiB, GiB; KB, MB, GB and k, M, G are taken as the same
// powers of 1024, what people mean by them for files).
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	num := t
	if i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' }); i >= 0 {
		num = t[:i]
	}
	unit := strings.ToLower(strings.TrimSpace(t[len(num):]))
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("size %q: write a number, with a unit if you like (64MiB, 2GiB)", s)
	}
	mult := map[string]float64{"": 1, "b": 1, "bytes": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10,
		"m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30}[unit]
	if mult == 0 {
		return 0, fmt.Errorf("size %q: the unit %q is not one of KiB, MiB, GiB", s, unit)
	}
	return int64(v * mult), nil
}

// thousands writes n with thousands separators.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
