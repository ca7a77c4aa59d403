package table

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"runtime"
	"strconv"
	"sync"

	"github.com/oversight/oversight/outputs/parallel"
)

// ParallelRows is the size above which CSV rows are rendered by several
// goroutines; below it the sequential writer is as fast.
const ParallelRows = 20000

// ChunkRows is how many rows a chunk of the parallel writer renders.
const ChunkRows = 8192

// CSVSizes are the sizes at which WriteCSV changes method; 0 keeps
// ParallelRows and ChunkRows. The bytes never depend on them; tests set
// them small to take the parallel path on a small table.
type CSVSizes struct {
	ParallelRows int
	ChunkRows    int
}

// WriteCSV writes t as UTF-8 CSV with a header row. Text that a spreadsheet
// would run as a formula is made inert; numbers are written in full, rates as
// per cent (14.2 means 14.2%), dates at their precision, shorthand codes as
// codes ("[x]"). Large tables are rendered in parallel chunks
// through encoding/csv, so the bytes are the same as the sequential
// writer's, and written in order.
func WriteCSV(w io.Writer, t Table) error { return WriteCSVContext(context.Background(), w, t) }

// WriteCSVContext is WriteCSV, stopping when ctx is done.
func WriteCSVContext(ctx context.Context, w io.Writer, t Table) error {
	return WriteCSVSized(ctx, w, t, CSVSizes{})
}

// WriteCSVSized is WriteCSVContext with the writer's sizes given.
func WriteCSVSized(ctx context.Context, w io.Writer, t Table, sizes CSVSizes) error {
	parallelRows, chunkRows := ParallelRows, ChunkRows
	if sizes.ParallelRows > 0 {
		parallelRows = sizes.ParallelRows
	}
	if sizes.ChunkRows > 0 {
		chunkRows = sizes.ChunkRows
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	cols := t.Columns()
	header := make([]string, len(cols))
	for j, c := range cols {
		header[j] = c.Name
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(header); err != nil {
		return err
	}
	n := t.Len()
	if n < parallelRows {
		if err := renderRows(cw, t, 0, n); err != nil {
			return err
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		return bw.Flush()
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	var pool sync.Pool
	err := parallel.Ordered(ctx, (n+chunkRows-1)/chunkRows, runtime.GOMAXPROCS(0),
		func(_ context.Context, k int) (*bytes.Buffer, error) {
			buf, _ := pool.Get().(*bytes.Buffer)
			if buf == nil {
				buf = new(bytes.Buffer)
			}
			buf.Reset()
			cw := csv.NewWriter(buf)
			lo := k * chunkRows
			if err := renderRows(cw, t, lo, min(n, lo+chunkRows)); err != nil {
				return nil, err
			}
			cw.Flush()
			return buf, cw.Error()
		},
		func(_ int, buf *bytes.Buffer) error {
			_, err := bw.Write(buf.Bytes())
			pool.Put(buf)
			return err
		})
	if err != nil {
		return err
	}
	return bw.Flush()
}

func renderRows(cw *csv.Writer, t Table, lo, hi int) error {
	cols := t.Columns()
	rec := make([]string, len(cols))
	cells := make([]Cell, len(cols))
	var buf []byte
	for i := lo; i < hi; i++ {
		t.Row(i, cells)
		for j := range cells {
			rec[j], buf = FormatCSV(&cells[j], buf)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return nil
}

// FormatCSV is the text of a cell in a CSV file.
func FormatCSV(c *Cell, buf []byte) (string, []byte) {
	if c.Code != NoCode {
		return c.Code.String(), buf
	}
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
