package intake

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/findings"
)

// MaxJSONLine is the longest JSON Lines line read; a longer one is rejected
// and the rest of the file still read.
const MaxJSONLine = 1 << 20

func readJSONL(ctx context.Context, path string, idx int32, rep *FileReport, p *pool) error {
	sum, err := scan(ctx, path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	rep.SHA256, rep.Bytes, rep.Encoding = sum.sha256, sum.size, "utf-8"
	if sum.enc.Encoding().IsUTF16() {
		return fmt.Errorf("%s is UTF-16 text; JSON Lines files must be UTF-8: save it again as UTF-8", path)
	}
	if why := notText(sum.head, "JSON Lines"); why != "" {
		return fmt.Errorf("%s %s", path, why)
	}
	f, err := openRegular(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, bufferSize(sum.size, 256<<10))
	if bom, _ := br.Peek(3); len(bom) == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF {
		br.Discard(3)
	}
	var line int32
	for {
		text, tooLong, err := readLine(br)
		if err == io.EOF && len(text) == 0 && !tooLong {
			return nil
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("read %s: %w", path, err)
		}
		line++
		if len(bytes.TrimSpace(text)) > 0 || tooLong {
			u := unit{line: line}
			switch {
			case tooLong:
				u.reason = fmt.Sprintf("the line is longer than %d bytes; one finding per line", MaxJSONLine)
			case !utf8.Valid(text):
				u.reason = "the line is not valid UTF-8; JSON Lines files must be saved as UTF-8"
			default:
				u.json = append([]byte(nil), text...)
			}
			if err := p.add(idx, u); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if line%65536 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// readLine returns the next line without its line ending. A line longer
// than MaxJSONLine is read to its end and dropped, with tooLong set.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	var long []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if !tooLong {
				long = append(long, chunk...)
				if len(long) > MaxJSONLine {
					tooLong, long = true, nil
				}
			}
			continue
		}
		if tooLong {
			return nil, true, err
		}
		if long != nil {
			chunk = append(long, chunk...)
			if len(chunk) > MaxJSONLine {
				return nil, true, err
			}
		}
		chunk = bytes.TrimRight(chunk, "\r\n")
		return chunk, false, err
	}
}

// decodeJSONLine turns one JSON object into a Raw row. Numbers keep their
// text, null is blank; anything else that is not text is a reason to reject.
func decodeJSONLine(line []byte) (raw findings.Raw, reason string, unknown []string) {
	d := json.NewDecoder(bytes.NewReader(line))
	d.UseNumber()
	var obj map[string]any
	if err := d.Decode(&obj); err != nil {
		return raw, fmt.Sprintf("not valid JSON: %v", jsonErr(err)), nil
	}
	if obj == nil {
		return raw, "the line is not a JSON object ({\"council\": ...})", nil
	}
	if _, err := d.Token(); err != io.EOF {
		return raw, "the line holds more than one JSON value; write one object per line", nil
	}
	// A map keeps the last of two equal keys: count them in the text.
	if topLevelKeys(line) != len(obj) {
		return raw, fmt.Sprintf("%q is given twice in the object; give each field once", duplicateKey(line)), nil
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	seen := map[int]string{}
	var problems []string
	for _, k := range keys {
		c := column(headerKey(k))
		if c < 0 {
			unknown = append(unknown, k)
			continue
		}
		if prev, dup := seen[c]; dup {
			problems = append(problems, fmt.Sprintf("fields %q and %q are both %s", prev, k, findings.ColumnNames[c]))
			continue
		}
		seen[c] = k
		switch v := obj[k].(type) {
		case nil:
		case string:
			raw[c] = v
		case json.Number:
			raw[c] = plainNumber(v.String())
		case bool:
			problems = append(problems, fmt.Sprintf("%s is %v; write text or a number", k, v))
		default:
			problems = append(problems, fmt.Sprintf("%s is a JSON %s; write text or a number", k, kindOf(v)))
		}
	}
	if len(problems) > 0 {
		return raw, strings.Join(problems, "; "), unknown
	}
	return raw, "", unknown
}

func column(key string) int {
	for c, name := range findings.ColumnNames {
		if key == name {
			return c
		}
	}
	return -1
}

func kindOf(v any) string {
	if _, ok := v.([]any); ok {
		return "array"
	}
	return "object"
}

func jsonErr(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	if err == io.ErrUnexpectedEOF {
		return "the object is cut short"
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "the line is not a JSON object ({\"council\": ...})"
	}
	return err.Error()
}

// topLevelKeys counts the keys of the object a valid JSON line holds, as
// written (a map keeps one of two equal keys).
func topLevelKeys(line []byte) int {
	n, depth := 0, 0
	inString := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		case c == ':' && depth == 1:
			n++
		}
	}
	return n
}

// duplicateKey names the first key given twice in a valid JSON object
// (keys compared as decoded, so "val\u0075e" is "value").
func duplicateKey(line []byte) string {
	d := json.NewDecoder(bytes.NewReader(line))
	if _, err := d.Token(); err != nil {
		return ""
	}
	seen := map[string]bool{}
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		k, _ := tok.(string)
		if seen[k] {
			return k
		}
		seen[k] = true
		var skip json.RawMessage
		if err := d.Decode(&skip); err != nil {
			return ""
		}
	}
	return ""
}

// plainNumber writes a JSON number with an exponent (1e2, 2.5E-1) as a
// plain decimal, the only form the parser takes; others stay as written.
func plainNumber(s string) string {
	if !strings.ContainsAny(s, "eE") {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return s
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
