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
