package charts

import (
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
)

// figureText writes a figure with at least the given decimals and the
// unit for rates: "15.2", "26.5%", "12.75%".
func figureText(v float64, decimals int, m findings.Measure) string {
	s := valueText(v, decimals)
	if m.Rate() {
		s += "%"
	}
	return s
}

// measureName is a measure as a sentence names it: "caseload", "vacancy
// rate" (the metrics' header without its unit).
func measureName(m findings.Measure) string {
	h, _, _ := strings.Cut(metrics.MeasureHeader(m), " (")
	return strings.ToLower(h)
}

// decimalsOf is how many decimals show every value as the metrics give it
// (up to two: medians of an even count end in .5 or .25).
func decimalsOf(vs ...float64) int {
	d := 0
	for _, v := range vs {
		for d < 2 && !sameFloat(v, roundTo(v, d)) {
			d++
		}
	}
	return d
}

func roundTo(v float64, d int) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', d, 64), 64)
	return f
}

func sameFloat(a, b float64) bool {
	d := a - b
	return d < 1e-9 && d > -1e-9
}

// codeText is a code with its short meaning: "[x] not available".
func codeText(c findings.Code) string {
	short, _, _ := strings.Cut(c.Meaning(), ":")
	return c.String() + " " + short
}

// lowerFirst puts the first letter of s in lower case ("No overall grade
// (... April 2026 ...)" inside a sentence).
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// sentence capitalises the first letter of s.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
