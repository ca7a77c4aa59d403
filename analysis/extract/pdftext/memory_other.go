//go:build !unix

package pdftext

// mmapMemory is not available: memory is a Go slice, grown by copying.
func mmapMemory(size uint64) ([]byte, func([]byte), bool) { return nil, nil, false }
