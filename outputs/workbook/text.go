package workbook

import (
	"math"
	"strings"
	"unicode/utf8"
)

// textLines estimates how many lines text takes wrapped in a column of width
// characters of Arial 10. Neither Excel nor LibreOffice sizes rows to wrapped
// text when it opens a file, so the rows are given their height.
func textLines(text string, width float64) int {
	perLine := math.Max(width*1.25-3, 4) // characters of running text, less a broken word
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		n := float64(utf8.RuneCountInString(para))
		lines += max(1, int(math.Ceil(n/perLine)))
	}
	return lines
}

// linesHeight is the height in points of a row of n lines of Arial 10.
func linesHeight(n int) float64 { return 12.75*float64(n) + 2 }
