package pdftext

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
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

	"github.com/oversight/oversight/analysis/extract/internal/pdfgen"
)

// DefaultMemoryMiB is the memory PDFium may use for one document unless
// told otherwise. Every one of the 329 real Ofsted reports reads within
// 18 MiB (measured); 256 MiB leaves room for long council papers while a
// bomb stops early, and two documents at once stay far below a gigabyte.
const DefaultMemoryMiB = 256

// Options configure an Engine.
type Options struct {
	// Workers is how many PDFs can be read at once (one PDFium instance
	// each); 0 means the number of CPUs, at most 4.
	Workers int
	// CacheDir holds the compiled WebAssembly code between runs. "" means
	// the user's cache folder (os.UserCacheDir()/oversight/pdfium); "off"
	// compiles every time. A cache that cannot be read or written is
	// dropped and PDFium compiled again without it (see Start).
	CacheDir string
	// MemoryLimitMiB is the memory PDFium may use for one document (its
	// WebAssembly memory: the file, the pages being read, the streams
	// they inflate) unless Open is given another; 0 means
	// DefaultMemoryMiB.
	MemoryLimitMiB int

	// failStarts makes the first failStarts attempts to start fail, so
	// tests can see an engine that cannot start.
	failStarts int
}

// Limits are what one document may cost.
type Limits struct {
	// Memory is the most PDFium may use for it, in bytes; 0: the engine's
	// MemoryLimitMiB.
	Memory int64
	// Time is how long reading it may take, counted from when an
	// instance is free to read it (waiting for one is not the document's
	// doing); 0: no limit but the context's.
	Time time.Duration
}

// Engine reads PDFs. It is safe for concurrent use; at most Workers
// documents are open at once and the others wait. The WebAssembly module is
// compiled on the first Open (or Start).
//
// Each document is read in a PDFium instance of its own memory, limited
// (Limits.Memory). An instance is used again for the next document only if
// the last one closed cleanly and left it small; otherwise it is thrown
// away, so a document that trapped, ran out of memory or was abandoned
// cannot change how a later one is read.
type Engine struct {
	opts Options

	startMu  sync.Mutex
	started  bool
	startErr error
	attempts int
	pool     pdfium.Pool
	cache    wazero.CompilationCache

	slots chan struct{}
	idle  chan *instance

	// createMu serialises creating instances, so the memory wazero
	// allocates while one is made is known to be that instance's.
	createMu  sync.Mutex
	nextLimit uint64
	created   *memory

	mu      sync.Mutex
	stuck   int           // calls abandoned mid-way, still running
	unstuck chan struct{} // closed and replaced when stuck goes down
	broken  error         // the engine failed its self-test after a call failed
}

// instance is a PDFium instance and its memory.
type instance struct {
	p   pdfium.Pdfium
	mem *memory
}

// keepBelow is the memory above which an instance is closed after its
// document rather than kept for the next: WebAssembly memory never
// shrinks, and a fresh instance costs a few milliseconds.
const keepBelow = 64 << 20

// maxStuck bounds the calls left running after their document was
// abandoned (PDFium cannot be interrupted mid-call without making every
// call several times slower: docs/extraction.md): past it, Open waits for
// one to end.
const maxStuck = 4

// Errors that are no verdict on a document.
var (
	// ErrEngine is the engine failing, not the document: PDFium could not
	// be compiled or started, or failed its self-test. A caller stops
	// rather than reject documents for it.
	ErrEngine = errors.New("the PDF engine (PDFium) is not working")
	// ErrBusy is every instance still stuck in calls abandoned earlier:
	// the document was not read this time.
	ErrBusy = errors.New("PDFium is still busy with documents abandoned earlier")
)

// errTooSmall is a memory limit below what PDFium needs to start.
var errTooSmall = errors.New("(the memory limit is too small)")

// Errors that are the document's: it asks more than its limits.
var (
	ErrMemory = errors.New("the PDF needs more memory than a document may use")
	ErrTime   = errors.New("reading the PDF took longer than a document may take")
)

// NewEngine returns an engine; nothing is compiled until the first Open.
func NewEngine(opts Options) *Engine {
	if opts.Workers <= 0 {
		opts.Workers = min(runtime.NumCPU(), 4)
	}
	if opts.MemoryLimitMiB <= 0 {
		opts.MemoryLimitMiB = DefaultMemoryMiB
	}
	return &Engine{opts: opts, slots: make(chan struct{}, opts.Workers), idle: make(chan *instance, opts.Workers),
		unstuck: make(chan struct{})}
}

// Start compiles PDFium (or loads it from the cache) and checks that it
// reads a PDF of its own. A cache that fails (cut short, damaged, on a full
// disk) is dropped and PDFium compiled once more without it; if that fails
// too, Start returns an error wrapping ErrEngine, and so does every Open
// after it. Calling Start is optional (Open starts the engine), but lets a
// caller keep the compilation out of the first document's time.
func (e *Engine) Start(ctx context.Context) error {
	e.startMu.Lock()
	defer e.startMu.Unlock()
	if e.started {
		return e.startErr
	}
	dir := e.cacheDir()
	if dir != "" && !cached(dir) && !roomFor(dir, cacheRoom) {
		// A cold cache on a full disk: compiling into it would fail
		// after the compilation; compile without it.
		dir = ""
	}
	err := e.start(ctx, dir)
	if err != nil && ctx.Err() != nil {
		return ctx.Err() // stopped, not failed: try again next time
	}
	if errors.Is(err, errTooSmall) {
		// No cache is to blame: the limit is.
		err = fmt.Errorf("%w: PDFium needs more than the %d MiB of memory it is given to start: give it more", ErrEngine, e.opts.MemoryLimitMiB)
	} else if err != nil {
		first := err
		// Drop the cache and compile again: into a fresh cache if its disk
		// has room for one (the next run starts fast), else without.
		again := ""
		if dir := e.cacheDir(); dir != "" {
			dropCache(dir)
			if roomFor(dir, cacheRoom) {
				again = dir
			}
		}
		err = e.start(ctx, again)
		if err != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			err = fmt.Errorf("%w: %s (and again with its cache dropped: %s)", ErrEngine, oneLine(first), oneLine(err))
		}
	}
	e.started, e.startErr = true, err
	return err
}

// start makes the pool with the cache in dir ("" for none) and runs the
// self-test.
func (e *Engine) start(ctx context.Context, dir string) error {
	e.attempts++
	if e.attempts <= e.opts.failStarts {
		return errors.New("could not compile webassembly module: failing on purpose (test)")
	}
	rc := wazero.NewRuntimeConfig().
		// The bundled PDFium lowers setjmp/longjmp to WebAssembly
		// exception handling.
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	// No WithCloseOnContextDone: it makes reading about four times
	// slower (measured, docs/extraction.md); a call that runs past its
	// document's time is abandoned instead (Doc.call).
	var cache wazero.CompilationCache
	if dir != "" {
		if c, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
			cache = c
			rc = rc.WithCompilationCache(c)
		}
	}
	poolCtx := experimental.WithMemoryAllocator(context.Background(), experimental.MemoryAllocatorFunc(e.allocate))
	pool, err := webassembly.Init(webassembly.Config{
		Context:       poolCtx,
		MinIdle:       0,
		MaxIdle:       e.opts.Workers,
		MaxTotal:      2*e.opts.Workers + maxStuck + 1, // reading, abandoned and self-testing
		RuntimeConfig: rc,
		FSConfig:      wazero.NewFSConfig(), // no file system: documents are passed as bytes
		Stdout:        io.Discard,
		Stderr:        io.Discard,
		ReuseWorkers:  false, // the engine keeps its own idle instances
	})
	if err != nil {
		if cache != nil {
			cache.Close(context.Background())
		}
		return fmt.Errorf("start PDFium: %w", err)
	}
	e.pool, e.cache = pool, cache
	if err := e.selfTest(ctx); err != nil {
		e.pool.Close()
		if cache != nil {
			cache.Close(context.Background())
		}
		e.pool, e.cache = nil, nil
		return fmt.Errorf("PDFium's self-test: %w", err)
	}
	return nil
}

// selfTestText is what the self-test PDF says.
const selfTestText = "oversight reads this"

var selfTestPDF = pdfgen.PDF([]pdfgen.Page{{Texts: []pdfgen.Text{{X: 72, Y: 100, S: selfTestText}}}}, pdfgen.Options{})

// selfTest reads a PDF of its own in a fresh instance: a module that
// compiles but cannot read is an engine failure.
func (e *Engine) selfTest(ctx context.Context) error {
	inst, err := e.newInstance(ctx, uint64(e.opts.MemoryLimitMiB)<<20)
	if err != nil {
		return err
	}
	defer inst.p.Kill()
	data := selfTestPDF
	opened, err := inst.p.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return fmt.Errorf("open: %s", oneLine(err))
	}
	page, _, err := readPage(inst.p, opened.Document, 1)
	if err != nil {
		return fmt.Errorf("read: %s", oneLine(err))
	}
	inst.p.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: opened.Document})
	if got := page.Text(); got != selfTestText {
		return fmt.Errorf("read %q, want %q", got, selfTestText)
	}
	return nil
}

// cacheRoom is what a compiled PDFium takes on disk, with a margin (it is
// 21 MB).
const cacheRoom = 64 << 20

// roomFor reports whether a file of size bytes can be written in dir.
func roomFor(dir string, size int64) bool {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false
	}
	f, err := os.CreateTemp(dir, ".room-*")
	if err != nil {
		return false
	}
	defer os.Remove(f.Name())
	defer f.Close()
	return reserve(f, size) == nil
}

// cached reports compiled code in a cache folder.
func cached(dir string) bool {
	found := false
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(filepath.Base(filepath.Dir(p)), "wazero") {
			if info, err := d.Info(); err == nil && info.Size() > 1<<20 {
				found = true
				return filepath.SkipAll
			}
		}
		return nil
	})
	return found
}

// dropCache removes the compiled code in a cache folder (wazero keeps it
// in a folder per wazero version and platform).
func dropCache(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, en := range entries {
		if strings.HasPrefix(en.Name(), "wazero") {
			os.RemoveAll(filepath.Join(dir, en.Name()))
		}
	}
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

// allocate is wazero's memory allocator: every instance's memory is made
// here, while e.createMu is held by newInstance.
func (e *Engine) allocate(initial, most uint64) experimental.LinearMemory {
	limit := min(e.nextLimit, most)
	if limit == 0 {
		limit = most
	}
	// wazero cannot fail an allocation below the module's minimum (it
	// panics): start it, and let newInstance refuse the instance.
	tooSmall := limit < initial
	m := newMemory(max(limit, initial))
	m.tooSmall = tooSmall
	e.created = m
	return m
}

// newInstance makes an instance whose memory is limited to limit bytes.
func (e *Engine) newInstance(ctx context.Context, limit uint64) (*instance, error) {
	e.createMu.Lock()
	defer e.createMu.Unlock()
	e.nextLimit, e.created = limit, nil
	p, err := e.pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if e.created != nil && e.created.denied.Load() {
			return nil, fmt.Errorf("%w: PDFium cannot start within %d MiB of memory", ErrEngine, limit>>20)
		}
		return nil, fmt.Errorf("%w: start a PDFium instance: %s", ErrEngine, oneLine(err))
	}
	if e.created == nil {
		p.Kill()
		return nil, fmt.Errorf("%w: a PDFium instance without its memory", ErrEngine)
	}
	if e.created.tooSmall {
		p.Kill()
		return nil, fmt.Errorf("%w %w: PDFium needs more than %d MiB of memory to start", ErrEngine, errTooSmall, limit>>20)
	}
	return &instance{p: p, mem: e.created}, nil
}

// Close releases every instance and the compiled module. With a call
// still running in an abandoned instance it releases what it can and
// leaves the rest to the end of the process (closing the runtime under a
// running call is not safe).
func (e *Engine) Close() error {
	for {
		select {
		case inst := <-e.idle:
			inst.p.Close()
			continue
		default:
		}
		break
	}
	e.startMu.Lock()
	defer e.startMu.Unlock()
	if e.pool == nil {
		return nil
	}
	e.mu.Lock()
	stuck := e.stuck > 0
	e.mu.Unlock()
	if stuck {
		return nil
	}
	err := e.pool.Close()
	if e.cache != nil {
		e.cache.Close(context.Background())
	}
	e.pool, e.cache = nil, nil
	e.started, e.startErr = false, nil
	return err
}

// Stuck is how many abandoned calls are still running in PDFium.
func (e *Engine) Stuck() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.stuck
}

// Read returns the text of every page of the PDF in data.
func (e *Engine) Read(ctx context.Context, data []byte) (*Document, error) {
	d, err := e.Open(ctx, data, Limits{})
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.All(ctx)
}

// Doc is an open PDF whose pages are read when first asked for, so a reader
// that needs three pages of a forty-page report pays for three.
type Doc struct {
	e        *Engine
	inst     *instance
	ref      references.FPDF_DOCUMENT
	pages    []*Page
	chars    []int
	deadline time.Time // zero: none
	timeout  time.Duration
	err      error // sticky: the instance is gone
}

// Open opens the PDF in data within limits. The errors a caller reports as
// the document's status are ErrNotPDF, ErrEncrypted, ErrDamaged, ErrMemory
// and ErrTime (wrapped); ErrEngine and ErrBusy are no verdict on the
// document, and a cancelled ctx gives its error. Close the Doc when done:
// it holds one of the engine's instances.
func (e *Engine) Open(ctx context.Context, data []byte, limits Limits) (*Doc, error) {
	if !IsPDF(data) {
		return nil, ErrNotPDF
	}
	if err := e.Start(ctx); err != nil {
		return nil, err
	}
	if err := e.health(); err != nil {
		return nil, err
	}
	select {
	case e.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	d := &Doc{e: e, timeout: limits.Time}
	var wait time.Time
	if limits.Time > 0 {
		wait = time.Now().Add(limits.Time)
	}
	if err := e.waitUnstuck(ctx, wait); err != nil {
		<-e.slots
		return nil, err
	}
	if limits.Time > 0 {
		d.deadline = time.Now().Add(limits.Time)
	}
	limit := uint64(limits.Memory)
	if limit == 0 {
		limit = uint64(e.opts.MemoryLimitMiB) << 20
	}
	inst, err := e.instance(ctx, limit)
	if err != nil {
		<-e.slots
		return nil, err
	}
	d.inst = inst
	var count int
	err = d.call(ctx, func() error {
		opened, err := inst.p.OpenDocument(&requests.OpenDocument{File: &data})
		switch {
		case err != nil && inst.mem.denied.Load():
			return ErrMemory
		case errors.Is(err, pdferrors.ErrPassword), errors.Is(err, pdferrors.ErrSecurity):
			return ErrEncrypted
		case errors.Is(err, pdferrors.ErrFormat), errors.Is(err, pdferrors.ErrFile):
			return fmt.Errorf("%w (%s)", ErrDamaged, oneLine(err))
		case err != nil:
			return err
		}
		d.ref = opened.Document
		n, err := inst.p.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: opened.Document})
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

// instance gives an idle instance with the same memory limit, or a new one.
func (e *Engine) instance(ctx context.Context, limit uint64) (*instance, error) {
	for {
		select {
		case inst := <-e.idle:
			if inst.mem.limit == limit {
				return inst, nil
			}
			inst.p.Close()
			continue
		default:
		}
		break
	}
	return e.newInstance(ctx, limit)
}

// waitUnstuck waits while maxStuck abandoned calls are still running, at
// most until deadline (zero: as long as ctx allows).
func (e *Engine) waitUnstuck(ctx context.Context, deadline time.Time) error {
	for {
		e.mu.Lock()
		stuck, ch := e.stuck, e.unstuck
		e.mu.Unlock()
		if stuck < maxStuck {
			return nil
		}
		var timeout <-chan time.Time
		if !deadline.IsZero() {
			t := time.NewTimer(time.Until(deadline))
			defer t.Stop()
			timeout = t.C
		}
		select {
		case <-ch:
		case <-timeout:
			return fmt.Errorf("%w (%d calls)", ErrBusy, stuck)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// health is the engine's state after a failed self-test.
func (e *Engine) health() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.broken
}

// check runs the self-test again after a call failed in a way a damaged
// PDF can explain but a broken engine can too: if a PDF of its own no
// longer reads, the engine is broken and every later Open says so.
func (e *Engine) check(ctx context.Context) error {
	if err := e.health(); err != nil {
		return err
	}
	if err := e.selfTest(ctx); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		err = fmt.Errorf("%w: it failed its self-test after a document failed (%s)", ErrEngine, oneLine(err))
		e.mu.Lock()
		e.broken = err
		e.mu.Unlock()
		return err
	}
	return nil
}

// NumPages is the number of pages.
func (d *Doc) NumPages() int { return len(d.pages) }

// Deadline is when the document's time runs out (zero: no limit).
func (d *Doc) Deadline() time.Time { return d.deadline }

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
		page, visible, err = readPage(d.inst.p, d.ref, n)
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

// Close frees the document and gives its instance back to the engine, or
// closes it if the document left it large.
func (d *Doc) Close() {
	if d.inst == nil {
		return
	}
	inst := d.inst
	d.inst = nil
	defer func() { <-d.e.slots }()
	if d.err != nil {
		return // thrown away (or left to its stuck call) by call
	}
	if d.ref != "" {
		if _, err := inst.p.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.ref}); err != nil {
			inst.p.Kill()
			return
		}
	}
	if inst.mem.size.Load() > keepBelow || inst.mem.denied.Load() {
		inst.p.Close()
		return
	}
	select {
	case d.e.idle <- inst:
	default:
		inst.p.Close()
	}
}

// call runs one PDFium operation within the document's time and the
// context. PDFium cannot be interrupted mid-call (see start), so when time
// runs out or the context ends, the call is left running on its own
// goroutine: its memory may no longer grow, and its instance is closed as
// soon as the call returns, never used again. A call that fails otherwise
// throws its instance away too: a trap leaves PDFium's state unknown.
func (d *Doc) call(ctx context.Context, f func() error) error {
	if d.err != nil {
		return d.err
	}
	if err := d.expired(ctx); err != nil {
		d.fail(err)
		return err
	}
	inst := d.inst
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("PDFium panicked: %v", r)
			}
		}()
		done <- f()
	}()
	var timeout <-chan time.Time
	if !d.deadline.IsZero() {
		t := time.NewTimer(time.Until(d.deadline))
		defer t.Stop()
		timeout = t.C
	}
	select {
	case err := <-done:
		if err == nil {
			return nil
		}
		switch {
		case inst.mem.denied.Load() || errors.Is(err, ErrMemory):
			err = fmt.Errorf("%w (more than %d MiB)", ErrMemory, inst.mem.limit>>20)
		case errors.Is(err, ErrEncrypted), errors.Is(err, ErrDamaged):
		default:
			if herr := d.e.check(ctx); herr != nil {
				err = herr
			} else {
				err = fmt.Errorf("%w: %s", ErrDamaged, oneLine(err))
			}
		}
		d.fail(err)
		return err
	case <-timeout:
		d.err = fmt.Errorf("%w (%s)", ErrTime, d.timeout)
	case <-ctx.Done():
		d.err = ctx.Err()
	}
	d.abandon(inst, done)
	return d.err
}

// expired is the document's time or the context running out before a call.
func (d *Doc) expired(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !d.deadline.IsZero() && !time.Now().Before(d.deadline) {
		return fmt.Errorf("%w (%s)", ErrTime, d.timeout)
	}
	return nil
}

// fail makes err the document's and throws its instance away.
func (d *Doc) fail(err error) {
	d.err = err
	if d.inst != nil {
		d.inst.p.Kill()
	}
}

// abandon leaves a running call to finish on its own: its memory may not
// grow (a runaway allocation ends at once), and its instance is closed
// when it returns.
func (d *Doc) abandon(inst *instance, done <-chan error) {
	inst.mem.frozen.Store(true)
	e := d.e
	e.mu.Lock()
	e.stuck++
	e.mu.Unlock()
	go func() {
		<-done
		inst.p.Kill()
		e.mu.Lock()
		e.stuck--
		close(e.unstuck)
		e.unstuck = make(chan struct{})
		e.mu.Unlock()
	}()
}

// oneLine is an error's first line: wazero's traps append a WebAssembly
// stack trace no reader of documents.csv can use.
func oneLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return strings.TrimSpace(s)
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
