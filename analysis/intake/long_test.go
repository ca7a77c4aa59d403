package intake

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// maxReason is "a few hundred characters": what a person reads in a table.
const maxReason = 400

func checkCapped(t *testing.T, res *Result) {
	t.Helper()
	for _, r := range res.Rejects {
		if n := utf8.RuneCountInString(r.Reason); n > maxReason {
			t.Errorf("a reason of %d characters: %.200s…", n, r.Reason)
		}
	}
	for _, f := range res.Files {
		for _, n := range append(f.Notices, f.Error) {
			if c := utf8.RuneCountInString(n); c > maxReason {
				t.Errorf("a notice or file error of %d characters: %.200s…", c, n)
			}
		}
	}
	for _, n := range res.Notices {
		if c := utf8.RuneCountInString(n); c > maxReason {
			t.Errorf("a notice of %d characters: %.200s…", c, n)
		}
	}
}

// Issue 10, case 5: long values are rejected before anything expensive is
// done with them, and no reason or notice is longer than a few hundred
// characters.
func TestLongValuesAreCheap(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("Barking and Dagenham ", 200000) // 4.2 MB
	var b strings.Builder
	b.WriteString("council,date,measure,value,note\n")
	fmt.Fprintf(&b, "%s,2019,caseload,20,\n", long)
	fmt.Fprintf(&b, "Medway,2019,caseload,21,%s\n", strings.Repeat("x", 40000))
	fmt.Fprintf(&b, "Medway,2019,%s,21,\n", strings.Repeat("caseload", 100000))
	fmt.Fprintf(&b, "Medway,%s,caseload,22,\n", strings.Repeat("2019", 100000))
	p := filepath.Join(dir, "long.csv")
	os.WriteFile(p, []byte(b.String()), 0o644)
	start := time.Now()
	res := load(t, p)
	took := time.Since(start)
	if f := res.Files[0]; f.Rejected != 4 {
		t.Fatalf("counts %+v", fileCounts(f))
	}
	checkCapped(t, res)
	if !strings.Contains(res.Rejects[0].Reason, "long") {
		t.Errorf("the council's reason must say it is too long: %s", res.Rejects[0].Reason)
	}
	if res.Rejects[0].Raw[0] != long {
		t.Error("the reject must keep the original value")
	}
	// 18 s before; milliseconds now. The bound allows a loaded machine.
	if took > 5*time.Second {
		t.Errorf("a 4 MB council name took %v to reject", took)
	}

	// 10,000 unknown columns: one short notice.
	var h strings.Builder
	h.WriteString("council,date,measure,value")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&h, ",extra%d", i)
	}
	h.WriteString("\nMedway,2019,caseload,20" + strings.Repeat(",", 10000) + "\n")
	p = filepath.Join(dir, "wide.csv")
	os.WriteFile(p, []byte(h.String()), 0o644)
	res = load(t, p)
	checkCapped(t, res)
	if notes := strings.Join(res.Files[0].Notices, " "); !strings.Contains(notes, "extra0") || !strings.Contains(notes, "9,99") {
		t.Errorf("the notice must name some columns and count the rest: %s", notes)
	}
}

// A shared string of 64 MiB (60 KB zipped) used as a council: read at a
// bounded cost, the rows rejected for their length.
// Not parallel: it measures the process's allocations, and parallel tests
// only start once every sequential one has finished.
func TestHugeSharedStringIsCapped(t *testing.T) {
	// Plain text, and text of entities only (the cut must wait for none).
	for _, unit := range []string{"Medway ", "&amp;"} {
		t.Run(unit, func(t *testing.T) { hugeSharedString(t, unit) })
	}
}

func hugeSharedString(t *testing.T, unit string) {
	good := workbook(t, 3)
	// Row 2's council is the shared string "Medway": make it 64 MiB,
	// zipped as it is made (building it whole costs more than reading it).
	bad := rezip(t, good, func(h *zip.FileHeader, raw []byte) []byte {
		if h.Name != "xl/sharedStrings.xml" {
			return raw
		}
		orig := inflate(t, raw)
		at := bytes.Index(orig, []byte("<t>Medway</t>"))
		if at < 0 {
			t.Fatalf("no Medway in %s", orig)
		}
		var comp bytes.Buffer
		zw, _ := flate.NewWriter(&comp, flate.BestSpeed)
		sum := crc32.NewIEEE()
		w := io.MultiWriter(zw, sum)
		w.Write(orig[:at+len("<t>")])
		chunk := bytes.Repeat([]byte(unit), 64<<10/len(unit))
		n := 64 << 20 / len(unit)
		for ; n >= 64<<10/len(unit); n -= 64 << 10 / len(unit) {
			w.Write(chunk)
		}
		w.Write(chunk[:n*len(unit)])
		w.Write(orig[at+len("<t>Medway"):])
		zw.Close()
		size := len(orig) - len("Medway") + 64<<20/len(unit)*len(unit)
		h.CRC32, h.UncompressedSize64, h.CompressedSize64 = sum.Sum32(), uint64(size), uint64(comp.Len())
		return comp.Bytes()
	})
	if len(bad) > 1<<20 {
		t.Fatalf("the hostile workbook should be small, is %d bytes", len(bad))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p := filepath.Join(t.TempDir(), "huge.xlsx")
	os.WriteFile(p, bad, 0o644)
	res, err := Load(context.Background(), []string{p}, Options{Workers: 1})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	checkCapped(t, res)
	// 1.5 GB before; the string is kept to about 128 KB now, and the
	// decoder never holds more of it than that.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("reading allocated %d MB", alloc>>20)
	}
	f := res.Files[0]
	if f.Error != "" || fileCounts(f) != (counts{3, 2, 1, 0}) {
		t.Fatalf("counts %+v, error %q", fileCounts(f), f.Error)
	}
	if r := res.Rejects[0]; r.Line != 2 || !strings.Contains(r.Reason, "longer than") {
		t.Errorf("reject %d: %s", r.Line, r.Reason)
	}
}
