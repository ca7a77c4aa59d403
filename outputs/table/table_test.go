package table

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
)

func TestSlugStaysInItsFolder(t *testing.T) {
	tests := map[string]string{
		"Barking and Dagenham":                "barking-and-dagenham",
		"Bournemouth, Christchurch and Poole": "bournemouth-christchurch-and-poole",
		"Kingston upon Hull, City of":         "kingston-upon-hull-city-of",
		"St. Helens":                          "st-helens",
		"Telford & Wrekin":                    "telford-and-wrekin",
		"../../etc/passwd":                    "etc-passwd",
		"..":                                  "unnamed",
		"":                                    "unnamed",
		"/abs/path":                           "abs-path",
		"C:\\Windows\\system32":               "c-windows-system32",
		"Ynys Môn\x00.xlsx":                   "ynys-m-n-xlsx",
	}
	for in, want := range tests {
		got := Slug(in)
		if got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
		if filepath.Base(got) != got || got == "." || got == ".." || strings.ContainsAny(got, `/\`) {
			t.Errorf("Slug(%q) = %q can leave its folder", in, got)
		}
	}
	if long := Slug(strings.Repeat("a", 300)); len(long) > 80 {
		t.Errorf("slug of %d characters", len(long))
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Barking and Dagenham", "../x", "a/b\\c", "..", "\x00", "Ynys Môn"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got == "" || got == "." || got == ".." || filepath.Base(got) != got || strings.ContainsAny(got, "/\\\x00") || len(got) > 80 {
			t.Fatalf("Slug(%q) = %q", s, got)
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("Slug(%q) = %q has %q", s, got, r)
			}
		}
	})
}

func TestInert(t *testing.T) {
	for in, want := range map[string]string{
		"=SUM(A1)": "'=SUM(A1)", "+44": "'+44", "-5 fewer": "'-5 fewer", "@cmd": "'@cmd",
		"\tx": "'\tx", "\rx": "'\rx", "drift and delay": "drift and delay", "": "", "a=b": "a=b",
	} {
		if got := Inert(in); got != want {
			t.Errorf("Inert(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteCSVKinds(t *testing.T) {
	type rec struct {
		name      string
		date      dates.Date
		rate      float64
		code      findings.Code
		change    float64
		inspected int
	}
	month, _ := dates.Parse("2019-08")
	cols := []metrics.Column[rec]{
		{Name: "la_name", Kind: metrics.Text, Get: func(r rec) metrics.Value { return metrics.Value{Text: r.name} }},
		{Name: "grade_date", Kind: metrics.Date, Get: func(r rec) metrics.Value { return metrics.Value{Date: r.date, Blank: r.date.IsZero()} }},
		{Name: "vacancy_rate", Header: "Vacancy rate (%)", Kind: metrics.Percent, Get: func(r rec) metrics.Value {
			return metrics.Value{Num: r.rate, Code: r.code, Blank: math.IsNaN(r.rate)}
		}},
		{Name: "caseload_change", Kind: metrics.Number, Get: func(r rec) metrics.Value { return metrics.Value{Num: r.change} }},
		{Name: "inspections", Kind: metrics.Integer, Get: func(r rec) metrics.Value { return metrics.Value{Num: float64(r.inspected)} }},
	}
	f := FromColumns("t", cols, []rec{{"Medway", month, 25, 0, -0.5, 3}, {"=cmd", dates.Date{}, math.NaN(), 0, 2, 0}, {"Westminster", month, 0, findings.NotAvailable, 0, 1}})
	var b bytes.Buffer
	if err := WriteCSV(&b, f); err != nil {
		t.Fatal(err)
	}
	want := "la_name,grade_date,vacancy_rate,caseload_change,inspections\nMedway,2019-08,25,-0.5,3\n'=cmd,,,2,0\nWestminster,2019-08,[x],0,1\n"
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
	cells := make([]Cell, 5)
	f.Row(0, cells)
	if cells[1].Kind != Date || cells[1].Date.Prec != dates.PrecMonth || cells[2].Kind != Percent || cells[3].Kind != Number || cells[4].Kind != Integer {
		t.Fatalf("kinds %+v", cells)
	}
	if f.Columns()[2].Header != "Vacancy rate (%)" {
		t.Fatalf("header %q", f.Columns()[2].Header)
	}
}

type counting struct{ n int }

func (counting) Name() string { return "counting" }
func (counting) Columns() []Column {
	return []Column{{Name: "i", Kind: Integer}, {Name: "text", Kind: Text}}
}
func (c counting) Len() int { return c.n }
func (counting) Row(i int, out []Cell) {
	out[0] = Cell{Kind: Integer, Num: float64(i)}
	texts := []string{"plain", "with, comma", "with \"quote\"", "two\nlines", " leading", "=formula", ""}
	s := texts[i%len(texts)]
	out[1] = Cell{Kind: Text, Text: s, Blank: s == ""}
}

func TestParallelCSVMatchesSequential(t *testing.T) {
	var seq, par bytes.Buffer
	n := ParallelRows*3 + 17
	// Sequential: below the threshold, table by table, concatenated.
	cw := csv.NewWriter(&seq)
	cw.Write([]string{"i", "text"})
	if err := renderRows(cw, counting{n}, 0, n); err != nil {
		t.Fatal(err)
	}
	cw.Flush()
	if err := WriteCSV(&par, counting{n}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(seq.Bytes(), par.Bytes()) {
		t.Fatalf("parallel CSV differs from sequential (%d vs %d bytes)", par.Len(), seq.Len())
	}
	// Other sizes, as the process tests give (a few rows a chunk, a
	// last chunk short): the same bytes.
	for _, sz := range []CSVSizes{{ParallelRows: 10, ChunkRows: 7}, {ParallelRows: 1, ChunkRows: 1}, {ParallelRows: n, ChunkRows: n}} {
		var b bytes.Buffer
		if err := WriteCSVSized(context.Background(), &b, counting{n}, sz); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(seq.Bytes(), b.Bytes()) {
			t.Errorf("sizes %+v: CSV differs from the sequential writer's", sz)
		}
	}
}

// A shorthand code is written as the code, never as a zero or a blank.
func TestWriteCSVCodes(t *testing.T) {
	tab := cells{cols: []Column{{Name: "caseload", Header: "Caseload (children per social worker)", Kind: Number}, {Name: "n", Kind: Integer}},
		rows: [][]Cell{
			{Missing(Number, NotAvailable), {Kind: Integer, Num: 0}},
			{Missing(Number, Confidential), Missing(Integer, RoundsToZero)},
			{{Kind: Number, Blank: true}, Missing(Integer, NotApplicable)},
			{Missing(Number, LowReliability), {Kind: Integer, Num: 4}},
		}}
	var b bytes.Buffer
	if err := WriteCSV(&b, tab); err != nil {
		t.Fatal(err)
	}
	if want := "caseload,n\n[x],0\n[c],[low]\n,[z]\n[u],4\n"; b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	var set CodeSet
	for _, c := range []Code{RoundsToZero, NoCode, Confidential, RoundsToZero} {
		set.Add(c)
	}
	if got := set.Codes(); len(got) != 2 || got[0] != Confidential || got[1] != RoundsToZero {
		t.Errorf("code set %v", got)
	}
	if tab.cols[0].Heading() != "Caseload (children per social worker)" || tab.cols[1].Heading() != "n" {
		t.Error("headings")
	}
}

func TestWriteCSVCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WriteCSVContext(ctx, io.Discard, counting{ParallelRows * 2}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v", err)
	}
}

type cells struct {
	cols []Column
	rows [][]Cell
}

func (c cells) Name() string          { return "cells" }
func (c cells) Columns() []Column     { return c.cols }
func (c cells) Len() int              { return len(c.rows) }
func (c cells) Row(i int, out []Cell) { copy(out, c.rows[i]) }
