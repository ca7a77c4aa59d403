package intake

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/oversight/oversight/analysis/findings"
)

// The parsing pool: the readers split each file into rows (units), batched;
// Workers goroutines parse the batches into findings and rejects, and the
// outcomes are put back in input order.

// unit is one row on its way to the parser: fields already split (CSV,
// XLSX), a JSON line still to decode, or a reason it is already rejected.
type unit struct {
	line        int32
	raw         findings.Raw
	json        []byte
	reason      string
	spreadsheet bool
}

type batch struct {
	seq   int
	file  int32
	units []unit
}

type outcome struct {
	seq      int
	file     int32
	accepted []findings.Finding
	rejects  []Reject
	read     int
	// Original values of accepted grades, kept in case they turn out to
	// conflict and must be listed as rejects as they were written.
	gradeRaws []Reject
	unknown   map[string]bool // JSON keys the contract does not have
}

// pool parses batches on Workers goroutines and reassembles the outcomes in
// input order, so the result does not depend on the number of workers.
type pool struct {
	ctx context.Context
	// Reference figures are collected by the reading goroutine directly:
	// they need no parsing in parallel.
	refs    []Reference
	refRows map[int32]int
	in      chan batch
	outc    chan outcome
	wg      sync.WaitGroup
	cur     batch
	seq     int
	done    chan collected
	collect collected
}

type collected struct {
	batches   [][]findings.Finding // joined once at the end, at their exact size
	accepted  []findings.Finding
	rejects   []Reject
	read      map[int32]int
	gradeRaws map[[2]int32]findings.Raw
	unknown   map[int32]map[string]bool
}

const batchSize = 2048

// batches recycles the units of parsed batches (about 600 KB each): a large
// file needs only as many as are in flight, and a small one does not pay
// for zeroing a fresh one.
var batches = sync.Pool{New: func() any { u := make([]unit, 0, batchSize); return &u }}

func newUnits() []unit { return (*batches.Get().(*[]unit))[:0] }

// recycle returns a parsed batch's units; nothing refers to them once
// parseBatch has copied what it keeps.
func recycle(units []unit) {
	clear(units)
	units = units[:0]
	batches.Put(&units)
}

func newPool(ctx context.Context, opt Options) *pool {
	p := &pool{ctx: ctx, in: make(chan batch, opt.Workers*2), outc: make(chan outcome, opt.Workers*2), done: make(chan collected, 1), refRows: map[int32]int{}}
	for w := 0; w < opt.Workers; w++ {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			parser := findings.NewParser(opt.Ref)
			for b := range p.in {
				p.outc <- parseBatch(parser, b)
				recycle(b.units)
			}
		}()
	}
	go func() {
		c := collected{read: map[int32]int{}, gradeRaws: map[[2]int32]findings.Raw{}, unknown: map[int32]map[string]bool{}}
		pending := map[int]outcome{}
		next := 0
		for o := range p.outc {
			pending[o.seq] = o
			for {
				o, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				c.read[o.file] += o.read
				c.batches = append(c.batches, o.accepted)
				c.rejects = append(c.rejects, o.rejects...)
				for k := range o.unknown {
					if c.unknown[o.file] == nil {
						c.unknown[o.file] = map[string]bool{}
					}
					c.unknown[o.file][k] = true
				}
				for _, g := range o.gradeRaws {
					c.gradeRaws[[2]int32{g.File, g.Line}] = g.Raw
				}
			}
		}
		n := 0
		for _, b := range c.batches {
			n += len(b)
		}
		// Collect first, so no collection is under way during the join:
		// with the write barrier on, every page of the fresh slice is read
		// (mapped to the zero page) before it is written, faulting twice
		// and flushing the other core's TLB, and the collector signals
		// the copying goroutine again and again to stop it. 1.1M
		// findings: the read stage 3.3-3.7 s when a collection met the
		// join (most runs under a 900 MiB limit), 1.7-1.8 s after this.
		runtime.GC()
		c.accepted = make([]findings.Finding, 0, n)
		for _, b := range c.batches {
			c.accepted = append(c.accepted, b...)
		}
		c.batches = nil
		p.done <- c
	}()
	return p
}

func (p *pool) add(file int32, u unit) error {
	if p.cur.units == nil {
		p.cur = batch{seq: p.seq, file: file, units: newUnits()}
		p.seq++
	}
	p.cur.units = append(p.cur.units, u)
	if len(p.cur.units) == batchSize {
		return p.send()
	}
	return nil
}

func (p *pool) send() error {
	b := p.cur
	p.cur = batch{}
	select {
	case p.in <- b:
		return nil
	case <-p.ctx.Done():
		return p.ctx.Err()
	}
}

// flush sends a file's last partial batch; batches never span files.
func (p *pool) flush() {
	if len(p.cur.units) > 0 {
		p.send()
	}
}

func (p *pool) close() collected {
	p.flush()
	close(p.in)
	p.wg.Wait()
	close(p.outc)
	return <-p.done
}

// excelCodes are the error values Excel shows, and writes into a CSV, for
// a formula that failed.
var excelCodes = map[string]bool{
	"#NULL!": true, "#DIV/0!": true, "#VALUE!": true, "#REF!": true, "#NAME?": true, "#NUM!": true,
	"#N/A": true, "#GETTING_DATA": true, "#SPILL!": true, "#CALC!": true, "#FIELD!": true,
	"#BLOCKED!": true, "#CONNECT!": true, "#BUSY!": true, "#UNKNOWN!": true, "#PYTHON!": true, "#EXTERNAL!": true,
}

// excelErrors rejects a text row holding an Excel error code as a value:
// the trace of a failed formula in a sheet exported as text (in a workbook
// the reader knows the cell's type).
func excelErrors(raw *findings.Raw) string {
	var problems []string
	for c, v := range raw {
		v = strings.TrimSpace(v)
		if len(v) < 3 || len(v) > 14 || v[0] != '#' || !excelCodes[strings.ToUpper(v)] {
			continue
		}
		problems = append(problems, fmt.Sprintf("%s is the Excel error %s (a formula that failed); fix the formula or type the value", findings.ColumnNames[c], v))
	}
	return strings.Join(problems, "; ")
}

// parseBatch parses a batch's units in order (a JSON line decoded first),
// each into a finding or a reject with its reason, keeping the values of
// accepted grades as written.
func parseBatch(parser *findings.Parser, b batch) outcome {
	o := outcome{seq: b.seq, file: b.file, read: len(b.units)}
	o.accepted = make([]findings.Finding, 0, len(b.units))
	for i := range b.units {
		u := &b.units[i]
		if u.json != nil {
			var unknown []string
			u.raw, u.reason, unknown = decodeJSONLine(u.json)
			u.json = nil
			for _, k := range unknown {
				if o.unknown == nil {
					o.unknown = map[string]bool{}
				}
				o.unknown[k] = true
			}
		}
		if u.reason == "" && !u.spreadsheet {
			u.reason = excelErrors(&u.raw)
		}
		if u.reason != "" {
			o.rejects = append(o.rejects, Reject{File: b.file, Line: u.line, Raw: u.raw, Reason: u.reason})
			continue
		}
		parser.Spreadsheet = u.spreadsheet
		f, err := parser.Parse(&u.raw)
		if err != nil {
			o.rejects = append(o.rejects, Reject{File: b.file, Line: u.line, Raw: u.raw, Reason: err.Error()})
			continue
		}
		f.File, f.Line = b.file, u.line
		o.accepted = append(o.accepted, f)
		if f.Measure == findings.Grade {
			o.gradeRaws = append(o.gradeRaws, Reject{File: b.file, Line: u.line, Raw: u.raw})
		}
	}
	return o
}
