package intake

import (
	"context"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/findings"
)

// xmlPartLimit is how much of one sheet excelize unzips into memory; larger
// sheets are streamed through a temporary file.
const xmlPartLimit = 16 << 20

func readXLSX(ctx context.Context, path string, idx int32, rep *FileReport, p *pool, limit int64) error {
	sum, size, _, err := scan(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	rep.SHA256, rep.Bytes = sum, size
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: limit, UnzipXMLSizeLimit: min(xmlPartLimit, limit)})
	if err != nil {
		return fmt.Errorf("%s is not a readable .xlsx workbook (%v); open it in Excel or LibreOffice and save it again as .xlsx", path, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return fmt.Errorf("%s has no sheets", path)
	}
	sheet := sheets[0]
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), "findings") {
			sheet = s
			break
		}
	}
	rep.Sheet = sheet
	// Two passes over the same rows in step: stored values (dates as serial
	// numbers, numbers unrounded) and displayed text, which is the only way
	// to tell that 0.25 was typed as 25% in a percentage-formatted cell.
	raw, err := f.Rows(sheet)
	if err != nil {
		return fmt.Errorf("%s: sheet %q: %w", path, sheet, err)
	}
	defer raw.Close()
	shown, err := f.Rows(sheet)
	if err != nil {
		return fmt.Errorf("%s: sheet %q: %w", path, sheet, err)
	}
	defer shown.Close()

	var m columnMap
	valueCol := -1
	for row := int32(1); raw.Next(); row++ {
		shown.Next()
		cells, err := raw.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("%s: sheet %q row %d: %w", path, sheet, row, err)
		}
		text, err := shown.Columns()
		if err != nil {
			return fmt.Errorf("%s: sheet %q row %d: %w", path, sheet, row, err)
		}
		if m.cols == nil {
			if blank(cells) {
				return fmt.Errorf("%s: sheet %q: row 1 is empty; the first row must be the header", path, sheet)
			}
			mm, ignored, err := mapHeader(cells)
			if err != nil {
				return fmt.Errorf("%s: sheet %q: %w", path, sheet, err)
			}
			m = mm
			if len(ignored) > 0 {
				rep.Notices = append(rep.Notices, ignoredNotice(ignored))
			}
			for j, c := range m.cols {
				if c == findings.ColValue {
					valueCol = j
				}
			}
			continue
		}
		if blank(cells) {
			continue
		}
		u := unit{line: row, spreadsheet: true}
		if valueCol >= 0 && valueCol < len(text) && valueCol < len(cells) && strings.HasSuffix(strings.TrimSpace(text[valueCol]), "%") {
			cells[valueCol] = text[valueCol]
		}
		m.fill(cells, &u.raw)
		if len(cells) > m.width && !blank(cells[m.width:]) {
			u.reason = fmt.Sprintf("the row has values beyond the header's %d columns; give every column a header or remove the stray cells", m.width)
		}
		if err := p.add(idx, u); err != nil {
			return err
		}
		if row%65536 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if err := raw.Error(); err != nil {
		return fmt.Errorf("%s: sheet %q: %w", path, sheet, err)
	}
	if m.cols == nil {
		return fmt.Errorf("%s: sheet %q is empty: it has no header row", path, sheet)
	}
	return nil
}
