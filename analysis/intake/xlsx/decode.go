package xlsx

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Walking a part's XML: a strict decoder that keeps the stack of elements
// it is in (end tags must match, one root element), reading through guard,
// which bounds what it can be made to hold.

// walk reads a whole part, calling start for each element and end for each
// end tag.
func (b *Book) walk(part string, start func(*decoder, xml.StartElement) error, end func(*decoder, string)) error {
	return b.walkText(part, start, end, nil)
}

func (b *Book) walkText(part string, start func(*decoder, xml.StartElement) error, end func(*decoder, string), text func(*decoder, []byte, bool)) error {
	f := b.files[strings.ToLower(part)]
	rc, err := f.Open()
	if err != nil {
		return &DamagedError{Part: part, Err: err}
	}
	defer rc.Close()
	d := newDecoder(b.ctx, rc, f.UncompressedSize64, b.opt.MaxText)
	for {
		tok, err := d.token()
		if err == io.EOF {
			if !d.closed {
				return &DamagedError{Part: part, Err: io.ErrUnexpectedEOF}
			}
			return nil
		}
		if err != nil {
			if b.ctx.Err() != nil {
				return b.ctx.Err()
			}
			return &DamagedError{Part: part, Err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if start != nil {
				if err := start(d, t); err != nil {
					return &DamagedError{Part: part, Err: err}
				}
			}
		case xml.EndElement:
			if end != nil {
				end(d, t.Name.Local)
			}
		case xml.CharData:
			cut := d.g.takeCut()
			if text != nil {
				text(d, t, cut)
			}
		}
	}
}

// decoder is encoding/xml's raw tokenizer with the element stack kept here:
// end tags must match their start (what Token checks, without its
// namespace bookkeeping), and one root element only.
type decoder struct {
	x      *xml.Decoder
	g      *guard
	stack  []string
	closed bool // the root element has ended
	saw    bool // the root element has started
	pop    bool // the last token ended an element still on the stack
}

func newDecoder(ctx context.Context, r io.Reader, size uint64, max int) *decoder {
	g := newGuard(ctx, r, size, max)
	x := xml.NewDecoder(g)
	x.Strict = true
	return &decoder{x: x, g: g}
}

// token returns the next start, end or text token; at the end of the part
// it returns io.EOF once every byte has been read (so the zip checksum has
// been checked).
func (d *decoder) token() (xml.Token, error) {
	if d.pop {
		d.stack = d.stack[:len(d.stack)-1]
		d.pop = false
	}
	for {
		tok, err := d.x.RawToken()
		if err != nil {
			if err == io.EOF && len(d.stack) > 0 {
				return nil, io.ErrUnexpectedEOF
			}
			if d.g.ctx.Err() != nil {
				return nil, d.g.ctx.Err()
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if d.closed || (d.saw && len(d.stack) == 0) {
				return nil, d.syntax("more than one root element")
			}
			d.saw = true
			d.stack = append(d.stack, qname(t.Name))
			return t, nil
		case xml.EndElement:
			if len(d.stack) == 0 || d.stack[len(d.stack)-1] != qname(t.Name) {
				return nil, d.syntax(fmt.Sprintf("end tag </%s> does not close the open element", qname(t.Name)))
			}
			// The caller sees the stack as it was inside the element; it
			// is popped on the next call.
			d.pop = true
			if len(d.stack) == 1 {
				d.closed = true
			}
			return t, nil
		case xml.CharData:
			if len(d.stack) == 0 {
				if len(bytes.TrimSpace(t)) > 0 {
					return nil, d.syntax("text outside the root element")
				}
				continue
			}
			return t, nil
		}
	}
}

func (d *decoder) syntax(msg string) error {
	line, _ := d.x.InputPos()
	return &xml.SyntaxError{Msg: msg, Line: line}
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func local(q string) string {
	if i := strings.IndexByte(q, ':'); i >= 0 {
		return q[i+1:]
	}
	return q
}

// depth is how many elements are open, the current one included.
func (d *decoder) depth() int { return len(d.stack) }

// depthName is the local name of the innermost open element.
func (d *decoder) depthName() string {
	if len(d.stack) == 0 {
		return ""
	}
	return local(d.stack[len(d.stack)-1])
}

// parent is the local name of the element enclosing the current start tag
// (or, for text, the element the text is in).
func (d *decoder) parent() string {
	if len(d.stack) < 2 {
		return ""
	}
	return local(d.stack[len(d.stack)-2])
}

// has reports whether an element of that local name is open.
func (d *decoder) has(name string) bool {
	for _, s := range d.stack {
		if local(s) == name {
			return true
		}
	}
	return false
}
