package intake

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake/xlsx"
)

// maxCellBytes is the most text kept of one cell: enough to tell that it
// is over findings.MaxText characters (whatever their width in UTF-8), so
// the row is rejected for its length, without holding more.
const maxCellBytes = (findings.MaxText + 1) * 4

func readXLSX(ctx context.Context, path string, idx int32, rep *FileReport, p *pool, limit int64) error {
	sum, err := scan(ctx, path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	rep.SHA256, rep.Bytes = sum.sha256, sum.size
	f, err := openRegular(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	book, err := xlsx.Open(ctx, f, sum.size, xlsx.Options{MaxUnzipped: limit, MaxText: maxCellBytes})
	var nz *xlsx.NotZipError
	if errors.As(err, &nz) {
		if why := notWorkbook(f, sum.head); why != "" {
			return fmt.Errorf("%s %s", path, why)
		}
	}
	if err != nil {
		return xlsxError(ctx, path, "", err)
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

	var m columnMap
	valueCol, dateCol := -1, -1
	text := make([]string, 0, findings.NumCols)
	headerRow := 0
	for rows.Next() {
		row := rows.Row()
		cells := rows.Cells()
		text = text[:0]
		for _, c := range cells {
			text = append(text, c.Value)
		}
		if m.cols == nil {
			if row != 1 || blank(text) {
				return fmt.Errorf("%s: sheet %q: row 1 is empty; the first row must be the header", path, sheet.Name)
			}
			mm, ignored, err := mapHeader(text)
			if err != nil {
				return fmt.Errorf("%s: sheet %q: %w", path, sheet.Name, err)
			}
			m, headerRow = mm, row
			if len(ignored) > 0 {
				rep.Notices = append(rep.Notices, ignoredNotice(ignored))
			}
			for j, c := range m.cols {
				switch c {
				case findings.ColValue:
					valueCol = j
				case findings.ColDate:
					dateCol = j
				}
			}
			continue
		}
		if blank(text) {
			continue
		}
		u := unit{line: int32(row), spreadsheet: true}
		if valueCol >= 0 && valueCol < len(cells) && cells[valueCol].Percent && cells[valueCol].Type == xlsx.Number {
			text[valueCol] = percentText(cells[valueCol].Value)
		}
		if dateCol >= 0 && dateCol < len(cells) && cells[dateCol].Type == xlsx.Number && book.Date1904 {
			text[dateCol] = serial1904(cells[dateCol].Value)
		}
		m.fill(text, &u.raw)
		u.reason = cellReason(cells, &m)
		if u.reason == "" && len(text) > m.width && !blank(text[m.width:]) {
			u.reason = fmt.Sprintf("the row has values beyond the header's %d columns; give every column a header or remove the stray cells", m.width)
		}
		if err := p.add(idx, u); err != nil {
			return err
		}
		if row%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if err := rows.Err(); err != nil {
		return xlsxError(ctx, path, sheet.Name, err)
	}
	if headerRow == 0 {
		return fmt.Errorf("%s: sheet %q is empty: it has no header row", path, sheet.Name)
	}
	return nil
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
