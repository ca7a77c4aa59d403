package pages

import (
	"math"
	"strconv"
	"strings"

	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/table"
)

// CellText is a table cell as a page shows it: what the workbook shows in
// the same cell under its number format (15.2, 15.75, 14.2%, +1.3 pp,
// 30 Sep 2025), a shorthand code as the code ([x]), words as they are.
// The numbers are the CSV files' and the workbooks': only the places shown
// differ from the CSV, as they do in the workbook.
func CellText(c *table.Cell) string {
	if c.Code != table.NoCode {
		return c.Code.String()
	}
	if c.Blank {
		return ""
	}
	switch c.Kind {
	case table.Integer:
		return strconv.FormatFloat(roundHalfAway(c.Num, 0), 'f', 0, 64) // "0"
	case table.Number:
		return places(c.Num, c.Decimals) // "0.0", or "0.0#" for two places
	case table.Percent:
		return places(c.Num, c.Decimals) + "%" // "0.0%", "0.0#%"
	case table.Points:
		s := places(c.Num, 1) // +0.0" pp";-0.0" pp";0.0" pp"
		if c.Num > 0 {
			s = "+" + s
		}
		return s + " pp"
	case table.Date:
		return prose.Date(c.Date) // d mmm yyyy, mmm yyyy, yyyy
	}
	return c.Text
}

// places writes a number with one decimal place, or up to two when
// decimals is 2 (a spreadsheet's "0.0#": 15.1 as 15.1, 15.75 as 15.75).
func places(v float64, decimals uint8) string {
	if decimals == 2 {
		s := strconv.FormatFloat(roundHalfAway(v, 2), 'f', 2, 64)
		if strings.HasSuffix(s, "0") {
			s = s[:len(s)-1]
		}
		return negZero(s)
	}
	return negZero(strconv.FormatFloat(roundHalfAway(v, 1), 'f', 1, 64))
}

func negZero(s string) string {
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return s
}

// roundHalfAway rounds to n decimal places as a spreadsheet's number
// format does: half away from zero, on the figure's 15 significant decimal
// digits (1.005 shows as 1.01 and 14.25 as 14.3), not on the nearest
// binary value below them.
func roundHalfAway(v float64, n int) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	s := strconv.FormatFloat(math.Abs(v), 'e', 14, 64) // d.dddddddddddddde±XX
	mant, e, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(e)
	digits := []byte(strings.Replace(mant, ".", "", 1)) // value = 0.digits × 10^(exp+1)
	keep := exp + 1 + n                                 // digits before the cut
	if keep < 0 {
		return 0
	}
	if keep >= len(digits) {
		return v
	}
	up := digits[keep] >= '5'
	digits = digits[:keep]
	if up {
		i := len(digits) - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
			exp++
		} else {
			digits[i]++
		}
	}
	if len(digits) == 0 {
		return 0
	}
	r, _ := strconv.ParseFloat("0."+string(digits)+"e"+strconv.Itoa(exp+1), 64)
	return math.Copysign(r, v)
}
