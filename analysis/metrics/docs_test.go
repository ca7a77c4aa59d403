package metrics

import (
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/metrics.md")

// docs/metrics.md is generated from the schema and must match it.
func TestDocsMatchSchema(t *testing.T) {
	const path = "../../docs/metrics.md"
	got := Markdown()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Fatalf("%s is out of date: run go test ./analysis/metrics -update", path)
	}
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
