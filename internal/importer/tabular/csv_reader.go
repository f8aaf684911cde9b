package tabular

import (
	"bufio"
	"errors"
	"io"
)

// Limits that keep a malformed file from growing memory: a quote never
// closed would otherwise make the rest of the file one field.
const (
	maxRecordBytes  = 1 << 20
	maxRecordFields = 4096
)

// errTooLong is returned for a record beyond the limits above.
var errTooLong = errors.New("record too long")

// csvRecord is one record of a CSV file.
type csvRecord struct {
	fields []string // valid until the next read
	line   int      // physical line where the record starts, from 1
	// unclosed is set when a quoted field ran to the end of the file.
	unclosed bool
}

// csvReader reads the records of UTF-8 CSV text. It accepts what
// spreadsheets and accounting software write: CRLF, LF or CR line ends,
// quoted fields holding delimiters, doubled quotes and line breaks, spaces
// before an opening quote, and text after a closing one (kept). Delimiter,
// quote and line ends are ASCII, so the text is scanned byte by byte
// without decoding runes.
type csvReader struct {
	r     *bufio.Reader
	delim byte
	line  int // physical line of the next byte
	// any is set once a byte has been read; endedNL when the last byte
	// read ended a line.
	any, endedNL bool
	buf          []byte
	ends         []int
	fields       []string
}

func newCSVReader(r io.Reader, delim byte) *csvReader {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &csvReader{r: br, delim: delim, line: 1}
}

// lines is the number of physical lines read so far.
func (c *csvReader) lines() int {
	switch {
	case !c.any:
		return 0
	case c.endedNL:
		return c.line - 1
	}
	return c.line
}

// newline consumes the LF of a CRLF after b, counts the line and reports
// whether b ended one.
func (c *csvReader) newline(b byte) bool {
	switch b {
	case '\r':
		if next, err := c.r.ReadByte(); err == nil && next != '\n' {
			_ = c.r.UnreadByte()
		}
	case '\n':
	default:
		return false
	}
	c.line++
	return true
}

// read returns the next record, io.EOF after the last.
func (c *csvReader) read() (csvRecord, error) {
	c.buf, c.ends = c.buf[:0], c.ends[:0]
	rec := csvRecord{line: c.line}
	quoted := false    // inside a quoted field
	fieldStart := 0    // where the current field starts in buf
	spacesOnly := true // the current field holds only spaces so far
	read := false
	for {
		b, err := c.r.ReadByte()
		if err == io.EOF {
			if !read {
				return rec, io.EOF
			}
			rec.unclosed = quoted
			break
		}
		if err != nil {
			return rec, err
		}
		read, c.any, c.endedNL = true, true, false
		if quoted {
			switch {
			case b == '"':
				if next, err := c.r.ReadByte(); err == nil && next == '"' {
					c.buf = append(c.buf, '"')
				} else {
					if err == nil {
						_ = c.r.UnreadByte()
					}
					quoted = false
				}
			case c.newline(b):
				c.buf, c.endedNL = append(c.buf, '\n'), true
			default:
				c.buf = append(c.buf, b)
			}
		} else {
			switch {
			case b == c.delim:
				c.ends = append(c.ends, len(c.buf))
				fieldStart, spacesOnly = len(c.buf), true
			case c.newline(b):
				c.endedNL = true
			case b == '"' && spacesOnly:
				c.buf = c.buf[:fieldStart]
				quoted, spacesOnly = true, false
			default:
				c.buf = append(c.buf, b)
				if b != ' ' {
					spacesOnly = false
				}
			}
			if c.endedNL {
				break // the record ends with its line
			}
		}
		if len(c.buf) > maxRecordBytes || len(c.ends) >= maxRecordFields {
			return rec, errTooLong
		}
	}
	c.ends = append(c.ends, len(c.buf))
	s := string(c.buf)
	c.fields = c.fields[:0]
	prev := 0
	for _, e := range c.ends {
		c.fields = append(c.fields, s[prev:e])
		prev = e
	}
	rec.fields = c.fields
	return rec, nil
}
