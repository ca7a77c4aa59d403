package intake

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake/xlsx"
)

// maxCellBytes is the most text kept of one cell: enough to tell that it
// is over findings.MaxText characters (whatever their width in UTF-8), so
// the row is rejected for its length, without holding more.
const maxCellBytes = (findings.MaxText + 1) * 4

// readXLSX reads the findings sheet of a workbook (the sheet named
// "findings", else the first): its first row the header, each later row
// not blank a finding.
func readXLSX(ctx context.Context, path string, idx int32, rep *FileReport, p *pool, limit int64) error {
	book, f, err := openXLSX(ctx, path, rep, limit)
	if f != nil {
		defer f.Close()
	}
	if err != nil {
		return err
	}
	if len(book.Sheets) == 0 {
		return fmt.Errorf("%s has no sheets", path)
	}
	sheet := book.Sheets[0]
	for _, s := range book.Sheets {
		if strings.EqualFold(strings.TrimSpace(s.Name), "findings") {
			sheet = s
			break
		}
	}
	rep.Sheet = sheet.Name
	rows, err := book.Rows(sheet)
	if err != nil {
		return xlsxError(ctx, path, sheet.Name, err)
	}
	defer rows.Close()

	var h xlsxHeader
	text := make([]string, 0, findings.NumCols)
	for rows.Next() {
		row := rows.Row()
		cells := rows.Cells()
		text = text[:0]
		for _, c := range cells {
			text = append(text, c.Value)
		}
		if h.m.cols == nil {
			if row != 1 || blank(text) {
				return fmt.Errorf("%s: sheet %q: row 1 is empty; the first row must be the header", path, sheet.Name)
			}
			if err := h.read(row, text, rep); err != nil {
				return fmt.Errorf("%s: sheet %q: %w", path, sheet.Name, err)
			}
			continue
		}
		if blank(text) {
			continue
		}
		if err := p.add(idx, h.unit(row, cells, text, book.Date1904)); err != nil {
			return err
		}
		if row%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if err := rows.Err(); err != nil {
		return xlsxError(ctx, path, sheet.Name, err)
	}
	if h.row == 0 {
		return fmt.Errorf("%s: sheet %q is empty: it has no header row", path, sheet.Name)
	}
	return nil
}

// openXLSX checksums the file and opens it as a workbook, saying what the
// file is when it is not one. The caller closes f when it is not nil.
func openXLSX(ctx context.Context, path string, rep *FileReport, limit int64) (*xlsx.Book, *os.File, error) {
	sum, err := scan(ctx, path)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	rep.SHA256, rep.Bytes = sum.sha256, sum.size
	f, err := openRegular(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	book, err := xlsx.Open(ctx, f, sum.size, xlsx.Options{MaxUnzipped: limit, MaxText: maxCellBytes})
	var nz *xlsx.NotZipError
	if errors.As(err, &nz) {
		if why := notWorkbook(f, sum.head); why != "" {
			return nil, f, fmt.Errorf("%s %s", path, why)
		}
	}
	if err != nil {
		return nil, f, xlsxError(ctx, path, "", err)
	}
	return book, f, nil
}

// xlsxHeader is a findings sheet's header row, as mapped.
type xlsxHeader struct {
	m                 columnMap
	row               int // 0 until read
	valueCol, dateCol int // -1: none
}

// read maps the header row, noting the columns it ignores.
func (h *xlsxHeader) read(row int, text []string, rep *FileReport) error {
	m, ignored, err := mapHeader(text)
	if err != nil {
		return err
	}
	h.m, h.row = m, row
	h.valueCol, h.dateCol = -1, -1
	if len(ignored) > 0 {
		rep.Notices = append(rep.Notices, ignoredNotice(ignored))
	}
	for j, c := range m.cols {
		switch c {
		case findings.ColValue:
			h.valueCol = j
		case findings.ColDate:
			h.dateCol = j
		}
	}
	return nil
}

// unit is a data row on its way to the parser: a value shown as a
// percentage as it was typed, a date of a 1904 workbook in the 1900
// count, and a reason to reject it for what its cells are or for values
// beyond the header.
func (h *xlsxHeader) unit(row int, cells []xlsx.Cell, text []string, date1904 bool) unit {
	u := unit{line: int32(row), spreadsheet: true}
	if h.valueCol >= 0 && h.valueCol < len(cells) && cells[h.valueCol].Percent && cells[h.valueCol].Type == xlsx.Number {
		text[h.valueCol] = percentText(cells[h.valueCol].Value)
	}
	if h.dateCol >= 0 && h.dateCol < len(cells) && cells[h.dateCol].Type == xlsx.Number && date1904 {
		text[h.dateCol] = serial1904(cells[h.dateCol].Value)
	}
	h.m.fill(text, &u.raw)
	u.reason = cellReason(cells, &h.m)
	if u.reason == "" && len(text) > h.m.width && !blank(text[h.m.width:]) {
		u.reason = fmt.Sprintf("the row has values beyond the header's %d columns; give every column a header or remove the stray cells", h.m.width)
	}
	return u
}

// cellReason rejects a row for what its cells are rather than what they
// say: TRUE/FALSE, an Excel error, a formula never calculated.
func cellReason(cells []xlsx.Cell, m *columnMap) string {
	var problems []string
	for j, c := range cells {
		if j >= len(m.cols) || m.cols[j] < 0 {
			continue
		}
		name := findings.ColumnNames[m.cols[j]]
		switch c.Type {
		case xlsx.Bool:
			problems = append(problems, fmt.Sprintf("%s is the TRUE/FALSE cell %s, not a value; type the value", name, c.Value))
		case xlsx.Error:
			problems = append(problems, fmt.Sprintf("%s is the Excel error %s (a formula that failed); fix the formula or type the value", name, c.Value))
		case xlsx.Uncomputed:
			problems = append(problems, fmt.Sprintf("%s is a formula saved without its result; open the file in Excel or LibreOffice and save it again", name))
		}
	}
	return strings.Join(problems, "; ")
}

// percentText turns a number shown as a percentage (0.25 shown as 25%)
// into what was typed, without floating-point noise (0.145 is 14.5%).
func percentText(v string) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	pct := math.Round(f*100*1e9) / 1e9
	return strconv.FormatFloat(pct, 'f', -1, 64) + "%"
}

// serial1904 converts a serial date of a workbook that counts from 1904
// to the 1900 count the parser reads.
func serial1904(v string) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	return strconv.FormatFloat(f+1462, 'f', -1, 64)
}

// xlsxError says why a workbook cannot be read, for a person to act on.
func xlsxError(ctx context.Context, path, sheet string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var de *xlsx.DamagedError
	var se *xlsx.SizeError
	var ze *xlsx.NotZipError
	switch {
	case errors.As(err, &ze):
		return fmt.Errorf("%s is not a readable .xlsx workbook: %v; open it in Excel or LibreOffice and save it again as .xlsx", path, ze)
	case errors.As(err, &se):
		return fmt.Errorf("%s is refused: %v (a findings workbook is far smaller; is it the right file?)", path, se)
	case errors.As(err, &de):
		return fmt.Errorf("%s is damaged and was not read: %v. No row of it is used; open it in Excel or LibreOffice, and if it opens, save it again as .xlsx", path, de)
	case sheet != "":
		return fmt.Errorf("%s: sheet %q: %w", path, sheet, err)
	}
	return fmt.Errorf("%s: %w", path, err)
}
