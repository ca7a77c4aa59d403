package charts

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"
)

// TestEncodePNG encodes images of odd and even widths, with rows the same
// as the one above and rows that differ in every byte, and decodes them
// with image/png (which checks the Adler-32): every pixel must come back
// as it was.
func TestEncodePNG(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name string
		w, h int
		px   func(x, y int) color.RGBA
	}{
		{"one pixel", 1, 1, func(x, y int) color.RGBA { return color.RGBA{1, 2, 3, 0xFF} }},
		{"odd width noise", 7, 5, func(x, y int) color.RGBA {
			return color.RGBA{uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), 0xFF}
		}},
		{"even width noise", 64, 9, func(x, y int) color.RGBA {
			return color.RGBA{uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), 0xFF}
		}},
		{"bands", 33, 40, func(x, y int) color.RGBA {
			if y/8%2 == 0 {
				return color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
			}
			return color.RGBA{uint8(x * 7), 0x80, uint8(255 - x), 0xFF}
		}},
		{"every difference", 256, 3, func(x, y int) color.RGBA {
			// Each byte minus the one above takes every value 0..255, so
			// a borrow crossing bytes would show.
			v := uint8(x * (y + 1))
			return color.RGBA{v, ^v, v ^ 0x80, 0xFF}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := image.NewRGBA(image.Rect(0, 0, tc.w, tc.h))
			for y := 0; y < tc.h; y++ {
				for x := 0; x < tc.w; x++ {
					src.SetRGBA(x, y, tc.px(x, y))
				}
			}
			var buf bytes.Buffer
			if err := encodePNG(&buf, src); err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(&buf)
			if err != nil {
				t.Fatalf("not a PNG: %v", err)
			}
			if got.Bounds() != src.Bounds() {
				t.Fatalf("bounds %v, want %v", got.Bounds(), src.Bounds())
			}
			for y := 0; y < tc.h; y++ {
				for x := 0; x < tc.w; x++ {
					want := src.RGBAAt(x, y)
					if g := color.RGBAModel.Convert(got.At(x, y)).(color.RGBA); g != want {
						t.Fatalf("pixel (%d,%d) is %v, want %v", x, y, g, want)
					}
				}
			}
		})
	}
}

// TestEncodePNGTranslucent checks a pixel that is not opaque is written
// unpremultiplied, as PNG stores it: half-transparent pure red.
func TestEncodePNGTranslucent(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 2, 1))
	src.SetRGBA(0, 0, color.RGBA{0x80, 0, 0, 0x80})
	src.SetRGBA(1, 0, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF})
	var buf bytes.Buffer
	if err := encodePNG(&buf, src); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if c := color.NRGBAModel.Convert(got.At(0, 0)).(color.NRGBA); c != (color.NRGBA{0xFF, 0, 0, 0x80}) {
		t.Errorf("half-transparent red decodes as %v", c)
	}
}

func TestSubBytes(t *testing.T) {
	for a := 0; a < 256; a++ {
		for b := 0; b < 256; b++ {
			x := uint64(a)<<56 | uint64(b)<<40 | uint64(a)<<8 | uint64(b)
			y := uint64(b)<<56 | uint64(a)<<40 | uint64(b)<<8 | uint64(a)
			d := subBytes(x, y)
			want := uint64(uint8(a-b))<<56 | uint64(uint8(b-a))<<40 | uint64(uint8(a-b))<<8 | uint64(uint8(b-a))
			if d != want {
				t.Fatalf("subBytes(%#x, %#x) = %#x, want %#x", x, y, d, want)
			}
		}
	}
}

// TestAdler compares the zero-skipping Adler-32 with hash/adler32 on data
// of long zero runs and of noise, longer than one reduction step, written
// in pieces of every size.
func TestAdler(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	data := make([]byte, 300_000)
	for i := range data {
		switch {
		case i/1000%3 == 0: // runs of zeros
		case i/1000%3 == 1:
			data[i] = 0xFF
		default:
			data[i] = uint8(rng.Uint32())
		}
	}
	for _, piece := range []int{1, 7, 8, 4801, 1 << 16, 1<<16 + 3, len(data)} {
		s := adler{a: 1}
		for p := data; len(p) > 0; {
			n := min(piece, len(p))
			s.write(p[:n])
			p = p[n:]
		}
		if got, want := s.sum32(), adler32.Checksum(data); got != want {
			t.Errorf("in pieces of %d: %#x, want %#x", piece, got, want)
		}
	}
}
