package charts

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/outputs/prose"
)

// valueTicks puts labelled ticks on multiples of step, written with the
// given number of decimals.
type valueTicks struct {
	step     float64
	decimals int
}

func (t valueTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	lo := int64(math.Ceil(min/t.step - 1e-9))
	hi := int64(math.Floor(max/t.step + 1e-9))
	for k := lo; k <= hi; k++ {
		v := float64(k) * t.step
		ticks = append(ticks, plot.Tick{Value: v, Label: formatNumber(v, t.decimals)})
	}
	return ticks
}

// niceStep is a step of 1, 2 or 5 times a power of ten that cuts span into
// at most target intervals.
func niceStep(span float64, target int) float64 {
	if span <= 0 || math.IsNaN(span) || math.IsInf(span, 0) {
		return 1
	}
	raw := span / float64(target)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw-1e-12*mag {
			return m * mag
		}
	}
	return 10 * mag
}

// valueAxis chooses the range and ticks of a value axis that shows lo..hi
// with headroom (a fraction of the span added above hi). integer asks for
// whole-number ticks only.
func valueAxis(lo, hi, headroom float64, integer bool) (min, max float64, ticks valueTicks) {
	return valueAxisN(lo, hi, headroom, integer, 10)
}

// valueAxisN is valueAxis with at most about target intervals.
func valueAxisN(lo, hi, headroom float64, integer bool, target int) (min, max float64, ticks valueTicks) {
	if lo > 0 {
		lo = 0 // bars and levels are read from zero
	}
	if hi < lo {
		hi = lo
	}
	top := hi + (hi-lo)*headroom
	if top == lo {
		top = lo + 1
	}
	step := niceStep(top-lo, target)
	if integer && step < 1 {
		step = 1
	}
	min = math.Floor(lo/step+1e-9) * step
	max = math.Ceil(top/step-1e-9) * step
	return min, max, valueTicks{step: step, decimals: decimalsFor(step)}
}

// decimalsFor is the number of decimals a tick step needs.
func decimalsFor(step float64) int {
	d := 0
	for d < 6 && math.Abs(step*math.Pow(10, float64(d))-math.Round(step*math.Pow(10, float64(d)))) > 1e-9 {
		d++
	}
	return d
}

// formatNumber writes v with the given decimals and thousands separators:
// 1,234.5.
func formatNumber(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if s == "-0" || (len(s) > 1 && s[0] == '-' && isZero(s[1:])) {
		s = s[1:]
	}
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	intPart, frac := s, ""
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			intPart, frac = s[:i], s[i:]
			break
		}
	}
	var b []byte
	if neg {
		b = append(b, '-')
	}
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, intPart[i])
	}
	return string(append(b, frac...))
}

func isZero(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' && s[i] != '.' {
			return false
		}
	}
	return true
}

// DateTicks is a plot.Ticker for an axis whose values are dates.Day (days
// since 1970-01-01). It puts ticks on the first day of months, never on
// arbitrary seconds, choosing the spacing from the span shown:
//
//   - up to 8 months: every month, labelled "Jan 2025";
//   - up to 3 years: every quarter (Jan, Apr, Jul, Oct), labelled
//     "Apr 2024", with unlabelled monthly ticks between;
//   - up to 12 years: every year, labelled "2019", with unlabelled quarterly
//     ticks when the span is 6 years or less;
//   - longer: every 2 years (up to 25 years) or 5 years, labelled "2010",
//     with unlabelled yearly ticks between.
type DateTicks struct{}

// Ticks implements plot.Ticker.
func (DateTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(min, 0) || math.IsInf(max, 0) {
		return nil
	}
	lo := dates.Day(math.Ceil(min))
	hi := dates.Day(math.Floor(max))
	months := (max - min) / 30.436875

	// labelEvery and minorEvery are in months; label formats a labelled tick.
	var labelEvery, minorEvery int
	yearLabel := false
	switch {
	case months <= 8:
		labelEvery, minorEvery = 1, 0
	case months <= 36:
		labelEvery, minorEvery = 3, 1
	case months <= 6*12:
		labelEvery, minorEvery, yearLabel = 12, 3, true
	case months <= 12*12:
		labelEvery, minorEvery, yearLabel = 12, 0, true
	case months <= 25*12:
		labelEvery, minorEvery, yearLabel = 24, 12, true
	default:
		labelEvery, minorEvery, yearLabel = 60, 12, true
	}
	step := labelEvery
	if minorEvery > 0 {
		step = minorEvery
	}

	y, m, d := lo.YMD()
	if d != 1 {
		m++
	}
	// Month index counted from year 0, so steps line up with calendar
	// quarters and years (and even years, and years ending 0 or 5).
	idx := y*12 + (m - 1)
	if r := idx % step; r != 0 {
		idx += step - r
	}
	var ticks []plot.Tick
	for ; ; idx += step {
		ty, tm := idx/12, idx%12+1
		day := dates.FromYMD(ty, tm, 1)
		if day > hi {
			break
		}
		t := plot.Tick{Value: float64(day)}
		if idx%labelEvery == 0 {
			if yearLabel {
				t.Label = strconv.Itoa(ty)
			} else {
				t.Label = prose.Date(dates.Date{Day: day, Prec: dates.PrecMonth})
			}
		}
		ticks = append(ticks, t)
	}
	return ticks
}
