package metrics

import (
	"testing"

	"github.com/oversight/oversight/fixtures/golden"
)

// docs/metrics.md is generated from the schema and must match it.
func TestDocsMatchSchema(t *testing.T) {
	golden.Check(t, "../../docs/metrics.md", []byte(Markdown()))
}

// Every column has a header and a definition, and names are unique.
func TestSchemaComplete(t *testing.T) {
	check := func(table string, names, headers, defs []string) {
		seen := map[string]bool{}
		for i, n := range names {
			if seen[n] {
				t.Errorf("%s: column %s twice", table, n)
			}
			seen[n] = true
			if headers[i] == "" || defs[i] == "" {
				t.Errorf("%s: column %s has no header or definition", table, n)
			}
		}
	}
	check(describe("councils", CouncilColumns))
	check(describe("regions", RegionColumns))
	check(describe("by_grade", ByGradeColumns))
	check(describe("transitions", TransitionColumns))
	check(describe("workforce", WorkforceColumns))
}

func describe[R any](table string, cols []Column[R]) (string, []string, []string, []string) {
	var n, h, d []string
	for _, c := range cols {
		n, h, d = append(n, c.Name), append(h, c.Header), append(d, c.Definition)
	}
	return table, n, h, d
}

// Every council column says which sheet it goes on, and every indicator of
// the open-data files (a numeric column, or a council column beyond the
// council's identity) its group: nothing is left for an output to guess
// from a name.
func TestColumnsDeclarePlace(t *testing.T) {
	for _, c := range CouncilColumns {
		if c.Sheet == SheetNone {
			t.Errorf("councils: %s has no sheet", c.Name)
		}
		if c.Sheet != SheetIdentity && c.Group == "" {
			t.Errorf("councils: %s has no group", c.Name)
		}
	}
	group := func(table string, names, groups []string, numeric []bool) {
		for i, n := range names {
			if numeric[i] && groups[i] == "" {
				t.Errorf("%s: %s has no group", table, n)
			}
		}
	}
	group(groups("regions", RegionColumns))
	group(groups("by_grade", ByGradeColumns))
	group(groups("transitions", TransitionColumns))
}

func groups[R any](table string, cols []Column[R]) (string, []string, []string, []bool) {
	var n, g []string
	var num []bool
	for _, c := range cols {
		n, g, num = append(n, c.Name), append(g, c.Group), append(num, c.Numeric())
	}
	return table, n, g, num
}
