package findings

import (
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/reference"
)

// Issue 10, case 10: "1_0" was read as 10 (Go's literal syntax). Numbers
// are plain decimals, with commas only as thousands separators.
func TestNumbersArePlainDecimals(t *testing.T) {
	p := NewParser(reference.Default())
	accept := map[string]float64{
		"10": 10, "10.5": 10.5, "0.5": 0.5, ".5": 0.5, "5.": 5, "+5": 5, "007": 7,
		"1,234": 1234, "1,234.5": 1234.5, "12,345,678": 12345678,
	}
	for v, want := range accept {
		f, err := p.Parse(raw("Kent", "2024", "social_workers", v))
		if err != nil || f.Value != want {
			t.Errorf("%q: got %v, %v; want %v", v, f.Value, err, want)
		}
	}
	for _, v := range []string{"1_0", "1_000", "0x10", "0X1p4", "1e2", "1E-2", "0b101", "0o17", "Inf", "+Inf", "NaN",
		"1.2.3", "1,23", "12,34.5", ",5", "1 000", "٣", "５", "--5", "+-5", "5+", ".", "+", "1,", "0x_1"} {
		if f, err := p.Parse(raw("Kent", "2024", "social_workers", v)); err == nil {
			t.Errorf("%q accepted as %v", v, f.Value)
		} else if !strings.Contains(err.Error(), "not a number") {
			t.Errorf("%q: %v", v, err)
		}
	}
	// The rates' per cent sign and the negative check still apply.
	if _, err := p.Parse(raw("Kent", "2024", "vacancy_rate", "1_0%")); err == nil {
		t.Error(`"1_0%" accepted`)
	}
	if _, err := p.Parse(raw("Kent", "2024", "social_workers", "-3")); err == nil || !strings.Contains(err.Error(), "negative") {
		t.Errorf("-3: %v", err)
	}
}
