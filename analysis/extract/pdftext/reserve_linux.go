package pdftext

import (
	"os"
	"syscall"
)

// reserve allocates size bytes of disk to f (failing as writing would on a
// full disk), without writing them.
func reserve(f *os.File, size int64) error {
	return syscall.Fallocate(int(f.Fd()), 0, 0, size)
}
