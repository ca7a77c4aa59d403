package pdftext

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	pdferrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Options configure an Engine.
type Options struct {
	// Workers is how many PDFs can be read at once (one PDFium instance
	// each); 0 means the number of CPUs, at most 4.
	Workers int
	// CacheDir holds the compiled WebAssembly code between runs. "" means
	// the user's cache folder (os.UserCacheDir()/oversight/pdfium); "off"
	// compiles every time. A folder that cannot be written is not an
	// error: the engine compiles without a cache.
	CacheDir string
	// DocumentTimeout stops a PDF that takes longer than this to read (a
	// hostile or broken file); 0 means 2 minutes.
	DocumentTimeout time.Duration
	// MemoryLimitMiB caps each instance's memory; 0 means 1024.
	MemoryLimitMiB int
}

// Engine reads PDFs. It is safe for concurrent use; at most Workers
// documents are open at once and the others wait. The WebAssembly module is
// compiled on the first Open.
type Engine struct {
	opts Options

	initOnce sync.Once
	initErr  error
	pool     pdfium.Pool
	cache    wazero.CompilationCache
	idle     chan pdfium.Pdfium
	slots    chan struct{}

	mu        sync.Mutex
	abandoned int // instances left stuck in a call that timed out
}

// NewEngine returns an engine; nothing is compiled until the first Open.
func NewEngine(opts Options) *Engine {
	if opts.Workers <= 0 {
		opts.Workers = min(runtime.NumCPU(), 4)
	}
	if opts.DocumentTimeout <= 0 {
		opts.DocumentTimeout = 2 * time.Minute
	}
	if opts.MemoryLimitMiB <= 0 {
		opts.MemoryLimitMiB = 1024
	}
	return &Engine{opts: opts, idle: make(chan pdfium.Pdfium, opts.Workers), slots: make(chan struct{}, opts.Workers)}
}

// maxAbandoned bounds the instances a run may leave stuck in PDFium (each
// holds its memory until the process ends); past it, reading stops with an
// error instead of creating more.
const maxAbandoned = 8

func (e *Engine) init() error {
	e.initOnce.Do(func() {
		ctx := context.Background()
		rc := wazero.NewRuntimeConfig().
			// The bundled PDFium lowers setjmp/longjmp to WebAssembly
			// exception handling.
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
			WithMemoryLimitPages(uint32(e.opts.MemoryLimitMiB) * 16)
		// No WithCloseOnContextDone: it makes every call about 45% slower
		// (measured); a document that hangs is abandoned instead (Doc.Page).
		if dir := e.cacheDir(); dir != "" {
			if c, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
				e.cache = c
				rc = rc.WithCompilationCache(c)
			}
		}
		e.pool, e.initErr = webassembly.Init(webassembly.Config{
			Context:       ctx,
			MinIdle:       0,
			MaxIdle:       e.opts.Workers,
			MaxTotal:      e.opts.Workers + maxAbandoned,
			RuntimeConfig: rc,
			FSConfig:      wazero.NewFSConfig(), // no file system: documents are passed as bytes
			Stdout:        io.Discard,
			Stderr:        io.Discard,
			ReuseWorkers:  true,
		})
		if e.initErr != nil {
			e.initErr = fmt.Errorf("start PDFium: %w", e.initErr)
		}
	})
	return e.initErr
}

func (e *Engine) cacheDir() string {
	switch e.opts.CacheDir {
	case "off":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(base, "oversight", "pdfium")
	}
	return e.opts.CacheDir
}

// Close releases every instance and the compiled module. With an instance
// still stuck in PDFium it releases what it can and leaves the rest to the
// end of the process (closing would wait for the stuck call).
func (e *Engine) Close() error {
	if e.pool == nil {
		return nil
	}
	for {
		select {
		case inst := <-e.idle:
			inst.Close()
			continue
		default:
		}
		break
	}
	e.mu.Lock()
	stuck := e.abandoned > 0
	e.mu.Unlock()
	if stuck {
		return nil
	}
	err := e.pool.Close()
	if e.cache != nil {
		e.cache.Close(context.Background())
	}
	return err
}

// Read returns the text of every page of the PDF in data.
func (e *Engine) Read(ctx context.Context, data []byte) (*Document, error) {
	d, err := e.Open(ctx, data)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.All(ctx)
}

// Doc is an open PDF whose pages are read when first asked for, so a reader
// that needs three pages of a forty-page report pays for three.
type Doc struct {
	e     *Engine
	inst  pdfium.Pdfium
	ref   references.FPDF_DOCUMENT
	pages []*Page
	chars []int
	err   error // sticky: the instance is gone
}

// Open opens the PDF in data. The errors a caller reports as the
// document's status are ErrNotPDF, ErrEncrypted and ErrDamaged (wrapped);
// anything else is the engine failing. Close the Doc when done: it holds one
// of the engine's instances.
func (e *Engine) Open(ctx context.Context, data []byte) (*Doc, error) {
	if !IsPDF(data) {
		return nil, ErrNotPDF
	}
	if err := e.init(); err != nil {
		return nil, err
	}
	select {
	case e.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	inst, err := e.instance(ctx)
	if err != nil {
		<-e.slots
		return nil, err
	}
	d := &Doc{e: e, inst: inst}
	var count int
	err = d.call(ctx, func() error {
		opened, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
		switch {
		case errors.Is(err, pdferrors.ErrPassword), errors.Is(err, pdferrors.ErrSecurity):
			return ErrEncrypted
		case errors.Is(err, pdferrors.ErrFormat), errors.Is(err, pdferrors.ErrFile):
			return fmt.Errorf("%w (%v)", ErrDamaged, err)
		case err != nil:
			return err
		}
		d.ref = opened.Document
		n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: opened.Document})
		if err != nil {
			return err
		}
		count = n.PageCount
		return nil
	})
	if err != nil {
		d.Close()
		return nil, err
	}
	d.pages = make([]*Page, count)
	d.chars = make([]int, count)
	return d, nil
}

// NumPages is the number of pages.
func (d *Doc) NumPages() int { return len(d.pages) }

// Page returns page n (1-based), reading it on first use.
func (d *Doc) Page(ctx context.Context, n int) (*Page, error) {
	if n < 1 || n > len(d.pages) {
		return nil, fmt.Errorf("page %d of %d", n, len(d.pages))
	}
	if p := d.pages[n-1]; p != nil {
		return p, nil
	}
	if d.err != nil {
		return nil, d.err
	}
	var page Page
	var visible int
	err := d.call(ctx, func() error {
		var err error
		page, visible, err = readPage(d.inst, d.ref, n)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", n, err)
	}
	d.pages[n-1] = &page
	d.chars[n-1] = visible
	return &page, nil
}

// Chars counts the visible characters on the pages read so far.
func (d *Doc) Chars() int {
	total := 0
	for _, c := range d.chars {
		total += c
	}
	return total
}

// PagesRead is how many pages have been read.
func (d *Doc) PagesRead() int {
	n := 0
	for _, p := range d.pages {
		if p != nil {
			n++
		}
	}
	return n
}

// All reads every page.
func (d *Doc) All(ctx context.Context) (*Document, error) {
	doc := &Document{Pages: make([]Page, 0, len(d.pages))}
	for i := range d.pages {
		p, err := d.Page(ctx, i+1)
		if err != nil {
			return nil, err
		}
		doc.Pages = append(doc.Pages, *p)
	}
	doc.Chars = d.Chars()
	return doc, nil
}

// Close frees the document and gives its instance back to the engine.
func (d *Doc) Close() {
	if d.inst == nil {
		return
	}
	if d.err == nil {
		if d.ref != "" {
			d.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.ref})
		}
		d.e.idle <- d.inst
	}
	d.inst = nil
	<-d.e.slots
}

// call runs one PDFium operation under the document's time limit and
// cancellation. PDFium cannot be interrupted mid-call (see init), so on
// timeout the call is left running on its own goroutine and its instance
// is abandoned; a trap inside PDFium makes the instance untrustworthy, so it
// is thrown away too.
func (d *Doc) call(ctx context.Context, f func() error) error {
	if d.err != nil {
		return d.err
	}
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("PDFium panicked: %v", r)
			}
		}()
		done <- f()
	}()
	t := time.NewTimer(d.e.opts.DocumentTimeout)
	defer t.Stop()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, ErrEncrypted) && !errors.Is(err, ErrDamaged) {
			d.err = fmt.Errorf("%w: %v", ErrDamaged, err)
			d.inst.Kill()
			return d.err
		}
		return err
	case <-t.C:
		d.err = fmt.Errorf("%w: reading took longer than %s", ErrDamaged, d.e.opts.DocumentTimeout)
	case <-ctx.Done():
		d.err = ctx.Err()
	}
	d.e.mu.Lock()
	d.e.abandoned++
	d.e.mu.Unlock()
	return d.err
}

func (e *Engine) instance(ctx context.Context) (pdfium.Pdfium, error) {
	select {
	case inst := <-e.idle:
		return inst, nil
	default:
	}
	e.mu.Lock()
	over := e.abandoned >= maxAbandoned
	e.mu.Unlock()
	if over {
		return nil, fmt.Errorf("%d PDFs hung PDFium; stopping", maxAbandoned)
	}
	inst, err := e.pool.GetInstanceWithContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("start a PDFium instance: %w", err)
	}
	return inst, nil
}

func readPage(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, n int) (Page, int, error) {
	size, err := inst.FPDF_GetPageSizeByIndex(&requests.FPDF_GetPageSizeByIndex{Document: doc, Index: n - 1})
	if err != nil {
		return Page{}, 0, err
	}
	res, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{
		Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: n - 1}},
		Mode: requests.GetPageTextStructuredModeChars,
	})
	if err != nil {
		return Page{}, 0, err
	}
	chars := make([]Char, 0, len(res.Chars))
	for _, c := range res.Chars {
		var r rune
		for _, x := range c.Text {
			r = x
			break
		}
		chars = append(chars, Char{R: r, Left: c.PointPosition.Left, Right: c.PointPosition.Right,
			Bottom: c.PointPosition.Bottom, Top: c.PointPosition.Top})
	}
	page, visible := BuildPage(n, size.Width, size.Height, chars)
	return page, visible, nil
}
