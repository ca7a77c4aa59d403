package screener

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"testing"
)

// viaCSV reads a file as encoding/csv does: the rows parse must give.
func viaCSV(b []byte) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(b))
	var out [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
}

// rows are a frame's header and rows back as text; a column whose name
// came before is blank (the frame keeps the first).
func (f frame) rows() [][]string {
	out := [][]string{f.header}
	for i := 0; i < f.n; i++ {
		row := make([]string, len(f.header))
		for j, name := range f.header {
			if slices.Index(f.header, name) == j {
				row[j] = f.cols[name].at(i)
			}
		}
		out = append(out, row)
	}
	return out
}

var plainSeeds = []string{
	"a,b\n1,2\n", "a,b\n1,2", "a,b\n\"x, y\",2\n", "a,b\n\"he said \"\"no\"\"\",\n", "a,b\n\"two\nlines\",3\n",
	"a,b\n,\n", "a,b\n1,2\n\n3,4\n", "a,b\r\n1,2\r\n", "a,b\n1,2,3\n", "a,b\n1\n", "a,b\nx\"y,2\n", "a,b\n\"x\"y,2\n",
	"a,b\n\"open,2\n", "\n", "", "a\n\"\"\n", "a,b\n \"x\",2\n", "a,a\n1,2\n", "a,b\n1,2\n1,2\n", "\"a\",b\nx,y\n", "a,b\n\"\",\"\"\n",
}

// parsePlain reads what it takes exactly as encoding/csv does, and leaves
// the rest to it.
func TestParsePlainAgreesWithEncodingCSV(t *testing.T) {
	taken := 0
	for _, in := range plainSeeds {
		if checkPlain(t, []byte(in)) {
			taken++
		}
	}
	if taken < 8 {
		t.Errorf("parsePlain took %d of the seeds", taken)
	}
}

func FuzzParsePlain(f *testing.F) {
	for _, s := range plainSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkPlain(t, b) })
}

func checkPlain(t *testing.T, b []byte) bool {
	t.Helper()
	fr, ok := parsePlain(b)
	if !ok {
		return false
	}
	want, err := viaCSV(b)
	if err != nil {
		t.Fatalf("%q: parsePlain read it, encoding/csv says %v", b, err)
	}
	for _, row := range want[1:] {
		for j, name := range want[0] {
			if slices.Index(want[0], name) != j {
				row[j] = ""
			}
		}
	}
	if got := fr.rows(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("%q: parsePlain %q, encoding/csv %q", b, got, want)
	}
	return true
}
