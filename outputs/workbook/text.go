package workbook

import (
	"math"
	"strings"
	"unicode/utf8"
)

// textLines estimates how many lines text takes wrapped in a column of width
// characters of Arial 10, breaking lines between words as spreadsheets do
// (a word longer than a line is broken where it must be). Neither Excel nor
// LibreOffice sizes rows to wrapped text when it opens a file, so the rows
// are given their height.
func textLines(text string, width float64) int {
	// Characters of running text a line: a width counts Arial's digits,
	// and LibreOffice, measured on the rendered example, fits about 1.05
	// characters of mixed text and digits to each.
	perLine := int(math.Max(width*1.05-1, 4))
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		n, used := 1, 0
		for _, w := range strings.Fields(para) {
			l := utf8.RuneCountInString(w)
			switch {
			case used == 0:
				used = l
			case used+1+l <= perLine:
				used += 1 + l
				continue
			default:
				n++
				used = l
			}
			for used > perLine { // a word wider than the column
				n++
				used -= perLine
			}
		}
		lines += n
	}
	return lines
}

// linesHeight is the height in points of a row of n lines of Arial 10, at
// most the 409 points a row can have.
func linesHeight(n int) float64 { return min(12.75*float64(n)+2, 409) }
