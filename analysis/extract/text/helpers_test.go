package text

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/oversight/oversight/analysis/extract/evidence"
)

// readText extracts the document named name whose bytes are raw, with
// opts, and fails the test if it cannot.
func readText(t *testing.T, name string, raw []byte, opts Options) Result {
	t.Helper()
	res, err := ExtractWith(context.Background(), Doc{File: name, Raw: raw}, nil, opts)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

// recordDoc is a test document of testdata/record-areas.
func recordDoc(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "record-areas", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// shown is show(c) for each candidate keep accepts, in their order.
func shown(cs []evidence.Candidate, keep func(evidence.Candidate) bool, show func(evidence.Candidate) string) []string {
	var out []string
	for _, c := range cs {
		if keep(c) {
			out = append(out, show(c))
		}
	}
	return out
}

// lastDate is the date of the last candidate keep accepts, "" if none.
func lastDate(cs []evidence.Candidate, keep func(evidence.Candidate) bool) string {
	d := ""
	for _, c := range cs {
		if keep(c) {
			d = c.Date
		}
	}
	return d
}
