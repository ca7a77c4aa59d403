package workbook

import (
	"fmt"
	"math"
	"strconv"
)

// MinContrast is WCAG 2's minimum contrast ratio for normal text (AA),
// which every style of a workbook meets.
const MinContrast = 4.5

// Contrast is the WCAG 2 contrast ratio of two sRGB colours given as hex
// ("009E73"), from 1 (none) to 21 (black on white).
func Contrast(a, b string) (float64, error) {
	la, err := luminance(a)
	if err != nil {
		return 0, err
	}
	lb, err := luminance(b)
	if err != nil {
		return 0, err
	}
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05), nil
}

// luminance is a colour's relative luminance (WCAG 2).
func luminance(hex string) (float64, error) {
	if len(hex) == 8 { // ARGB
		hex = hex[2:]
	}
	if len(hex) == 7 && hex[0] == '#' {
		hex = hex[1:]
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if len(hex) != 6 || err != nil {
		return 0, fmt.Errorf("colour %q is not six hex digits", hex)
	}
	channel := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(v>>16&0xFF) + 0.7152*channel(v>>8&0xFF) + 0.0722*channel(v&0xFF), nil
}

// inkOn is black or white, whichever contrasts more with fill.
func inkOn(fill string) string {
	black, _ := Contrast(fill, "000000")
	white, _ := Contrast(fill, "FFFFFF")
	if white > black {
		return "FFFFFF"
	}
	return "000000"
}
