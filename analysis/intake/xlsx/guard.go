package xlsx

import (
	"bufio"
	"context"
	"fmt"
	"io"
)

// guard feeds a part's bytes to the XML decoder one at a time (the decoder
// then reads nothing ahead, so what guard knows is about the token just
// returned). It bounds what the decoder can be made to hold: a run of text
// longer than max bytes is cut at a safe place (outside an entity, at a
// character boundary) and the rest of it skipped unread, with cut set; a
// tag longer than max is an error. It also stops when ctx is cancelled.
type guard struct {
	r     *bufio.Reader
	ctx   context.Context
	max   int
	run   int  // bytes since the last '<' or the '>' closing a tag
	inTag bool // between '<' and '>'
	inRef bool // between '&' and ';'
	cut   bool // text was cut since the consumer last looked
	n     int  // bytes read, for the cancellation check
	read  int64
}

// newGuard reads r, a part of size bytes unzipped: the buffer is 64 KiB, or
// less for a smaller part (a workbook has several parts, most of them tiny).
func newGuard(ctx context.Context, r io.Reader, size uint64, max int) *guard {
	buf := 4 << 10
	if size >= 64<<10 {
		buf = 64 << 10
	} else if int(size) >= buf {
		buf = int(size) + 1
	}
	return &guard{r: bufio.NewReaderSize(r, buf), ctx: ctx, max: max}
}

func (g *guard) ReadByte() (byte, error) {
	c, err := g.next()
	if err != nil {
		return 0, err
	}
	switch {
	case c == '<':
		g.inTag, g.inRef, g.run = true, false, 0
		return c, nil
	case c == '>' && g.inTag:
		g.inTag, g.run = false, 0
		return c, nil
	}
	g.run++
	if g.inTag {
		if g.run > g.max {
			return 0, fmt.Errorf("a tag is longer than %d bytes", g.max)
		}
		return c, nil
	}
	inRef := g.inRef // c is part of an entity begun before it
	if c == '&' {
		g.inRef = true
	} else if c == ';' {
		g.inRef = false
	}
	// Past the limit, finish the entity or character in hand, then skip
	// (from c, which starts something new) to the next tag.
	if g.run <= g.max || inRef || (c >= 0x80 && c < 0xC0) {
		return c, nil
	}
	g.inRef = false
	if err := g.skipText(); err != nil {
		return 0, err
	}
	g.cut = true
	return g.ReadByte()
}

// skipText drops bytes up to (not including) the next '<'.
func (g *guard) skipText() error {
	for {
		buf, err := g.r.Peek(1)
		if len(buf) > 0 && buf[0] == '<' {
			return nil
		}
		if err != nil {
			return err
		}
		n := g.r.Buffered()
		chunk, _ := g.r.Peek(n)
		i := 0
		for i < len(chunk) && chunk[i] != '<' {
			i++
		}
		g.r.Discard(i)
		g.read += int64(i)
		g.n += i
		if err := g.checkCtx(); err != nil {
			return err
		}
	}
}

func (g *guard) next() (byte, error) {
	c, err := g.r.ReadByte()
	if err != nil {
		return 0, err
	}
	g.read++
	g.n++
	if g.n >= 1<<20 {
		if err := g.checkCtx(); err != nil {
			return 0, err
		}
	}
	return c, nil
}

func (g *guard) checkCtx() error {
	if g.n < 1<<20 {
		return nil
	}
	g.n = 0
	return g.ctx.Err()
}

// takeCut reports whether text was cut since the last call.
func (g *guard) takeCut() bool {
	c := g.cut
	g.cut = false
	return c
}

// Read is for io.Reader; the XML decoder uses ReadByte.
func (g *guard) Read(p []byte) (int, error) {
	for i := range p {
		c, err := g.ReadByte()
		if err != nil {
			return i, err
		}
		p[i] = c
	}
	return len(p), nil
}
