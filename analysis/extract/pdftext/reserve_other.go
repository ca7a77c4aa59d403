//go:build !linux

package pdftext

import "os"

// reserve writes size bytes to f, failing as the cache would on a full
// disk.
func reserve(f *os.File, size int64) error {
	buf := make([]byte, 1<<20)
	for n := int64(0); n < size; n += int64(len(buf)) {
		if _, err := f.Write(buf); err != nil {
			return err
		}
	}
	return f.Sync()
}
