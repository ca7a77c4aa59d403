package intake

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbook makes an .xlsx of n valid caseload findings (rows 2..n+1), as
// Excel files are: shared strings, a styles part, one sheet.
func workbook(t testing.TB, n int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"council", "date", "measure", "value", "note"})
	councils := []string{"Medway", "Dudley", "Kent", "Leeds", "Barnsley"}
	for i := 0; i < n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow("Sheet1", cell, &[]any{councils[i%5], itoa(int32(2000 + i/995)), "caseload", float64(1 + i%199), "row " + itoa(int32(i+2))}); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rezip copies a zip entry by entry; edit may replace an entry's header
// and raw (compressed) bytes.
func rezip(t testing.TB, src []byte, edit func(h *zip.FileHeader, raw []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(r)
		h := f.FileHeader
		if edit != nil {
			raw = edit(&h, raw)
		}
		w, err := zw.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(raw)
	}
	zw.Close()
	return out.Bytes()
}

func deflate(t testing.TB, b []byte) []byte {
	var out bytes.Buffer
	w, _ := flate.NewWriter(&out, flate.BestSpeed)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

func inflate(t testing.TB, raw []byte) []byte {
	b, err := io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// replacePart puts new content in a part, with a correct header.
func replacePart(t testing.TB, src []byte, name string, change func([]byte) []byte) []byte {
	return rezip(t, src, func(h *zip.FileHeader, raw []byte) []byte {
		if h.Name != name {
			return raw
		}
		content := change(inflate(t, raw))
		comp := deflate(t, content)
		h.Method = zip.Deflate
		h.CRC32 = crc32.ChecksumIEEE(content)
		h.UncompressedSize64 = uint64(len(content))
		h.CompressedSize64 = uint64(len(comp))
		return comp
	})
}

func loadBytes(t *testing.T, name string, data []byte) *Result {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return load(t, p)
}

// rejectedWhole checks that a file was refused with a reason containing
// want, and that none of its rows was used or counted.
func rejectedWhole(t *testing.T, res *Result, want string) {
	t.Helper()
	f := res.Files[0]
	if f.Error == "" || !strings.Contains(f.Error, want) {
		t.Fatalf("want the file rejected whole for %q; got error %q, counts %+v", want, f.Error, fileCounts(f))
	}
	if f.Read != 0 || len(res.Findings) != 0 || f.Rejected != 0 {
		t.Fatalf("a file rejected whole must contribute no rows: %+v, %d findings", fileCounts(f), len(res.Findings))
	}
}

const sheetPart = "xl/worksheets/sheet1.xml"

// Issue 10, case 2: a damaged part is an error for the whole file, never
// fewer rows. The accounting identity cannot catch this, so the reader must.
func TestXLSXDamagedPartRejectsFileWhole(t *testing.T) {
	good := workbook(t, 5000)
	if res := loadBytes(t, "good.xlsx", good); res.Files[0].Accepted != 5000 || res.Files[0].Error != "" {
		t.Fatalf("intact workbook: %+v", res.Files[0])
	}

	t.Run("64 bytes flipped in the sheet stream", func(t *testing.T) {
		bad := rezip(t, good, func(h *zip.FileHeader, raw []byte) []byte {
			if h.Name == sheetPart {
				raw = append([]byte(nil), raw...)
				mid := len(raw) / 2
				for i := mid; i < mid+64; i++ {
					raw[i] ^= 0x55
				}
			}
			return raw
		})
		rejectedWhole(t, loadBytes(t, "flipped.xlsx", bad), sheetPart)
	})

	t.Run("a part larger than its header says", func(t *testing.T) {
		bad := rezip(t, good, func(h *zip.FileHeader, raw []byte) []byte {
			if h.Name == sheetPart {
				h.UncompressedSize64 /= 2
			}
			return raw
		})
		rejectedWhole(t, loadBytes(t, "liar.xlsx", bad), "size")
	})

	t.Run("a part cut short", func(t *testing.T) {
		bad := rezip(t, good, func(h *zip.FileHeader, raw []byte) []byte {
			if h.Name == sheetPart {
				raw = raw[:len(raw)/2]
				h.CompressedSize64 = uint64(len(raw))
			}
			return raw
		})
		rejectedWhole(t, loadBytes(t, "cut.xlsx", bad), sheetPart)
	})

	t.Run("XML broken half way, checksum right", func(t *testing.T) {
		bad := replacePart(t, good, sheetPart, func(b []byte) []byte {
			i := bytes.Index(b, []byte(`<row r="2500"`))
			return append(append(append([]byte(nil), b[:i]...), "<row r=\"2500\"><c></row>"...), b[i:]...)
		})
		rejectedWhole(t, loadBytes(t, "syntax.xlsx", bad), "well-formed")
	})

	t.Run("shared strings damaged", func(t *testing.T) {
		bad := rezip(t, good, func(h *zip.FileHeader, raw []byte) []byte {
			if h.Name == "xl/sharedStrings.xml" {
				raw = append([]byte(nil), raw...)
				raw[len(raw)/2] ^= 0xFF
			}
			return raw
		})
		rejectedWhole(t, loadBytes(t, "sst.xlsx", bad), "sharedStrings.xml")
	})
}

// The mechanism beneath: any file whose reading fails part way contributes
// no rows, whatever its format.
func TestFileRejectedWholeKeepsNoRows(t *testing.T) {
	res := loadBytes(t, "cut.xlsx", rezip(t, workbook(t, 3000), func(h *zip.FileHeader, raw []byte) []byte {
		if h.Name == sheetPart {
			h.CRC32 ^= 1 // every byte read, then the checksum fails at the end
		}
		return raw
	}))
	rejectedWhole(t, res, "checksum")
	if err := res.Check(); err != nil {
		t.Fatal(err)
	}
	_ = context.Background
}
