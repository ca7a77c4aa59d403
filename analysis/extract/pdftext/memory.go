package pdftext

import (
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero/experimental"
)

// memory is one PDFium instance's WebAssembly memory, held to the
// document's limit: a request past it is refused (PDFium's malloc returns
// NULL and the call fails), and denied says so, so the document is
// rejected for its memory, not called damaged. Where the system allows
// (mmapMemory), the memory is mapped outside Go's heap: it grows in place
// without copying, costs only the pages PDFium touches, and is returned to
// the system the moment the instance closes, not at Go's next collection.
type memory struct {
	limit  uint64
	size   atomic.Uint64
	denied atomic.Bool
	// frozen stops growth: set when a call is abandoned, so a runaway
	// allocation ends at once instead of at the limit.
	frozen atomic.Bool
	// tooSmall: the limit is below what the module needs to start.
	tooSmall bool

	mu    sync.Mutex
	buf   []byte // mapped: cap is the limit; else a Go slice
	freed bool
	unmap func([]byte)
}

var _ experimental.LinearMemory = (*memory)(nil)

// Reallocate implements experimental.LinearMemory.
func (m *memory) Reallocate(size uint64) []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.freed || size > m.limit || (m.frozen.Load() && size > m.size.Load()) {
		m.denied.Store(true)
		return nil
	}
	if m.unmap == nil && size > uint64(len(m.buf)) {
		// Not mapped: grow a Go slice (copying, as wazero does).
		b := make([]byte, size)
		copy(b, m.buf)
		m.buf = b
	}
	m.size.Store(size)
	return m.buf[:size]
}

// Free implements experimental.LinearMemory. wazero calls it when the
// instance is closed, which the engine does only when no call is running
// in it.
func (m *memory) Free() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.freed {
		return
	}
	m.freed = true
	if m.unmap != nil {
		m.unmap(m.buf[:cap(m.buf)])
	}
	m.buf = nil
}

// newMemory reserves limit bytes, mapped where the system allows.
func newMemory(limit uint64) *memory {
	m := &memory{limit: limit}
	if buf, unmap, ok := mmapMemory(limit); ok {
		m.buf, m.unmap = buf[:0], unmap
	}
	return m
}
