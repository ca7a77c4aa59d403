//go:build unix

package pdftext

import "syscall"

// mmapMemory reserves size bytes of private anonymous memory that the
// system commits page by page as it is first written (MAP_NORESERVE: the
// reservation itself costs nothing).
func mmapMemory(size uint64) ([]byte, func([]byte), bool) {
	if size == 0 || size > 1<<32 {
		return nil, nil, false
	}
	b, err := syscall.Mmap(-1, 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON|mapNoReserve)
	if err != nil {
		return nil, nil, false
	}
	return b, func(b []byte) { syscall.Munmap(b) }, true
}
