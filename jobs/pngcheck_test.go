package jobs

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"testing"
)

// checkPNG reads a PNG as a decoder does, short of rebuilding its pixels:
// the signature, every chunk's CRC, an 8-bit truecolour IHDR (RGB or RGBA,
// not interlaced) of the given size, the image data inflated whole through
// zlib's Adler-32, exactly one filter byte and one row of pixels per row,
// each filter byte a known filter, and IEND last. A file that passes decodes;
// what a full decode adds is the pixels, which cannot fail after these.
// It costs about a third of image/png.Decode, which matters for the 459
// charts of every council.
func checkPNG(data []byte, width, height int) error {
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		return errors.New("no PNG signature")
	}
	p := data[8:]
	var idat bytes.Buffer
	bpp := 0
	for first := true; ; first = false {
		if len(p) < 12 {
			return errors.New("truncated: no IEND chunk")
		}
		n := int(binary.BigEndian.Uint32(p))
		if n > len(p)-12 {
			return fmt.Errorf("chunk %q of %d bytes runs past the end", p[4:8], n)
		}
		kind, body := string(p[4:8]), p[8:8+n]
		if crc32.ChecksumIEEE(p[4:8+n]) != binary.BigEndian.Uint32(p[8+n:]) {
			return fmt.Errorf("chunk %s: bad CRC", kind)
		}
		p = p[12+n:]
		switch {
		case first != (kind == "IHDR"):
			return fmt.Errorf("chunk %s where IHDR must be first and only first", kind)
		case kind == "IHDR":
			if n != 13 {
				return fmt.Errorf("IHDR of %d bytes", n)
			}
			w, h := int(binary.BigEndian.Uint32(body)), int(binary.BigEndian.Uint32(body[4:]))
			if w != width || h != height {
				return fmt.Errorf("%dx%d, want %dx%d", w, h, width, height)
			}
			switch {
			case body[8] != 8 || body[10] != 0 || body[11] != 0 || body[12] != 0:
				return fmt.Errorf("IHDR % x: want 8 bits, deflate, no filter method or interlace", body[8:])
			case body[9] == 2:
				bpp = 3
			case body[9] == 6:
				bpp = 4
			default:
				return fmt.Errorf("colour type %d, want truecolour", body[9])
			}
		case kind == "IDAT":
			idat.Write(body)
		case kind == "IEND":
			if len(p) != 0 {
				return fmt.Errorf("%d bytes after IEND", len(p))
			}
			return inflateRows(&idat, width, height, bpp)
		}
	}
}

func inflateRows(idat *bytes.Buffer, width, height, bpp int) error {
	zr, err := zlib.NewReader(idat)
	if err != nil {
		return fmt.Errorf("image data: %w", err)
	}
	r := bufio.NewReaderSize(zr, 1<<16)
	row := make([]byte, 1+width*bpp)
	for y := 0; y < height; y++ {
		if _, err := io.ReadFull(r, row); err != nil {
			return fmt.Errorf("row %d: %w", y, err)
		}
		if row[0] > 4 {
			return fmt.Errorf("row %d: filter %d", y, row[0])
		}
	}
	// The stream must end here, its checksum right.
	if n, err := io.Copy(io.Discard, r); err != nil || n != 0 {
		return fmt.Errorf("image data: %d bytes after the last row, %v", n, err)
	}
	return zr.Close()
}

// checkPNG accepts what image/png decodes and rejects every change that
// makes image/png fail, byte by byte over a small chart-like image.
func TestCheckPNGAgreesWithDecoder(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 7, 5))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 0xFF
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	if err := checkPNG(good, 7, 5); err != nil {
		t.Fatalf("a valid PNG: %v", err)
	}
	if err := checkPNG(good, 8, 5); err == nil {
		t.Error("a 7x5 PNG passed as 8x5")
	}
	if err := checkPNG(good[:len(good)-1], 7, 5); err == nil {
		t.Error("a truncated PNG passed")
	}
	for pos := range good {
		bad := bytes.Clone(good)
		bad[pos] ^= 0x10
		if _, err := png.Decode(bytes.NewReader(bad)); err != nil && checkPNG(bad, 7, 5) == nil {
			t.Errorf("byte %d changed: image/png says %v, checkPNG passes it", pos, err)
		}
	}
	// A chunk rewritten with a right CRC over wrong image data.
	bad := bytes.Clone(good)
	at := bytes.Index(bad, []byte("IDAT"))
	n := int(binary.BigEndian.Uint32(bad[at-4:]))
	bad[at+4+n/2] ^= 0xFF
	binary.BigEndian.PutUint32(bad[at+4+n:], crc32.ChecksumIEEE(bad[at:at+4+n]))
	if _, err := png.Decode(bytes.NewReader(bad)); err == nil {
		t.Skip("the change happened to decode")
	}
	if err := checkPNG(bad, 7, 5); err == nil {
		t.Error("damaged image data under a right CRC passed")
	}
}
