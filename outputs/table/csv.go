package table

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
)

// WriteCSV writes t as UTF-8 CSV with a header row. Text that a spreadsheet
// would run as a formula is made inert; numbers are written in full, rates as
// per cent (14.2 means 14.2%), dates at their precision.
func WriteCSV(w io.Writer, t Table) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	cw := csv.NewWriter(bw)
	cols := t.Columns()
	rec := make([]string, len(cols))
	for j, c := range cols {
		rec[j] = c.Name
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	cells := make([]Cell, len(cols))
	var buf []byte
	for i := 0; i < t.Len(); i++ {
		t.Row(i, cells)
		for j := range cells {
			rec[j], buf = FormatCSV(&cells[j], buf)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// FormatCSV is the text of a cell in a CSV file.
func FormatCSV(c *Cell, buf []byte) (string, []byte) {
	if c.Blank {
		return "", buf
	}
	switch c.Kind {
	case Integer, Number, Percent, Points:
		buf = strconv.AppendFloat(buf[:0], c.Num, 'f', -1, 64)
		return string(buf), buf
	case Date:
		buf = c.Date.Append(buf[:0])
		return string(buf), buf
	}
	return Inert(c.Text), buf
}
