package bigsheet

import (
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"testing"
)

func TestCRC32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 200; i++ {
		a := make([]byte, rng.IntN(5000))
		b := make([]byte, rng.IntN(5000))
		for j := range a {
			a[j] = byte(rng.IntN(256))
		}
		for j := range b {
			b[j] = byte(rng.IntN(256))
		}
		want := crc32.ChecksumIEEE(append(append([]byte(nil), a...), b...))
		if got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b))); got != want {
			t.Fatalf("combine %d+%d: %08x, want %08x", len(a), len(b), got, want)
		}
	}
}

func TestConcatenatedChunksInflate(t *testing.T) {
	parts := [][]byte{[]byte("<sheetData>"), bytes.Repeat([]byte("<row r=\"2\"><c><v>1</v></c></row>"), 5000), {}, []byte("tail</sheetData>")}
	var stream []byte
	var want []byte
	for i, p := range parts {
		c, err := deflateChunk(p, i == len(parts)-1, flate.BestSpeed)
		if err != nil {
			t.Fatal(err)
		}
		stream = append(stream, c.data...)
		want = append(want, p...)
	}
	got, err := io.ReadAll(flate.NewReader(bytes.NewReader(stream)))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("inflate: %v, %d bytes, want %d", err, len(got), len(want))
	}
}
