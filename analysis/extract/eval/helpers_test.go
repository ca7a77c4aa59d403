package eval

import (
	"testing"

	"github.com/oversight/oversight/analysis/dates"
)

func mustDate(t testing.TB, s string) dates.Date {
	t.Helper()
	d, err := dates.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
