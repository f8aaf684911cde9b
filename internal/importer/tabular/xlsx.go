package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits of the workbook reader: an upload up to spoolLimit bytes is read
// in memory, a larger one is copied to a temporary file that excelize
// reads in place; a sheet or shared string table larger than xmlInMemory
// once unzipped is read from a temporary file too; a workbook larger than
// unzipLimit once unzipped, or with another part (styles, images) larger
// than partLimit, is refused (a ZIP bomb, or a damaged directory).
// Variables, not constants, for the tests to take the other paths.
var (
	spoolLimit  int64 = 8 << 20
	xmlInMemory int64 = 4 << 20
	partLimit   int64 = 64 << 20
	unzipLimit  int64 = 1 << 30
)

// xlsxSource streams the rows of one sheet. Cells are read raw: a number
// is the text Excel stored ("1234.5", "45688" for a date), never a float
// formatted by a display format.
type xlsxSource struct {
	f     *excelize.File
	rows  *excelize.Rows
	n     int // rows read: excelize yields one per row number, gaps included
	style cellStyle
}

func (s *xlsxSource) next() (r row, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = row{}, xlsxIssue(s.n, fmt.Errorf("excelize panicked: %v", p))
		}
	}()
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return row{}, xlsxIssue(s.n+1, err)
		}
		return row{}, io.EOF
	}
	s.n++
	cells, err := s.rows.Columns()
	if err != nil {
		return row{}, xlsxIssue(s.n, err)
	}
	return row{line: s.n, fields: cells}, nil
}

func (s *xlsxSource) lines() int       { return s.n }
func (s *xlsxSource) cells() cellStyle { return s.style }

func (s *xlsxSource) close() error {
	err := s.rows.Close()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("tabular: close the workbook: %w", err)
	}
	return nil
}

// xlsxIssue is the Issue of a workbook that cannot be read; Value keeps
// the technical reason for the logs.
func xlsxIssue(line int, err error) error {
	is := fatal(line, KeyXLSX)
	is.Value = err.Error()
	return is
}

// openXLSX opens the workbook r holds at sheet (the first when empty).
func openXLSX(r io.Reader, sheet string) (src source, err error) {
	defer func() {
		if p := recover(); p != nil {
			src, err = nil, xlsxIssue(0, fmt.Errorf("excelize panicked: %v", p))
		}
	}()
	f, err := openWorkbook(r)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			_ = f.Close()
		}
	}()
	if sheet == "" {
		list := f.GetSheetList()
		if len(list) == 0 {
			return nil, xlsxIssue(0, errors.New("no sheet"))
		}
		sheet = list[0]
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		var missing excelize.ErrSheetNotExist
		if errors.As(err, &missing) {
			is := fatal(0, KeySheet, sheet)
			is.Value = sheet
			return nil, is
		}
		return nil, xlsxIssue(0, err)
	}
	s := &xlsxSource{f: f, rows: rows, style: cellStyle{excel: true}}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.style.date1904 = *props.Date1904
	}
	ok = true
	return s, nil
}

// openWorkbook opens the workbook r holds, from memory when it is small,
// else from a temporary file removed once opened (excelize keeps what it
// needs: the small parts in memory, a large sheet in its own temporary
// file). The archive's directory is checked first: excelize allocates
// what each part declares.
func openWorkbook(r io.Reader) (*excelize.File, error) {
	opts := excelize.Options{RawCellValue: true, UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: xmlInMemory}
	var head bytes.Buffer
	n, err := head.ReadFrom(io.LimitReader(r, spoolLimit+1))
	if err != nil {
		return nil, fmt.Errorf("tabular: read the workbook: %w", err)
	}
	if n <= spoolLimit {
		if err := checkArchive(bytes.NewReader(head.Bytes()), n); err != nil {
			return nil, xlsxIssue(0, err)
		}
		f, err := excelize.OpenReader(&head, opts)
		if err != nil {
			return nil, xlsxIssue(0, err)
		}
		return f, nil
	}
	tmp, err := os.CreateTemp("", "recouvre-import-*.xlsx")
	if err != nil {
		return nil, fmt.Errorf("tabular: spool the workbook: %w", err)
	}
	defer func() {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
	}()
	n, err = head.WriteTo(tmp)
	if err == nil {
		var more int64
		more, err = io.Copy(tmp, r)
		n += more
	}
	if err != nil {
		return nil, fmt.Errorf("tabular: spool the workbook: %w", err)
	}
	if err := checkArchive(tmp, n); err != nil {
		return nil, xlsxIssue(0, err)
	}
	f, err := excelize.OpenFile(tmp.Name(), opts)
	if err != nil {
		return nil, xlsxIssue(0, err)
	}
	return f, nil
}

// checkArchive refuses a workbook whose parts declare more than the
// limits once unzipped: all together more than unzipLimit, or more than
// partLimit for a part excelize reads in memory whatever its size
// (anything but the sheets and the shared strings, which go to temporary
// files when large).
func checkArchive(r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return err
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		streamed := strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml"
		switch {
		case total > uint64(unzipLimit):
			return fmt.Errorf("more than %d bytes once unzipped", unzipLimit)
		case !streamed && f.UncompressedSize64 > uint64(partLimit):
			return fmt.Errorf("part %s declares %d bytes", f.Name, f.UncompressedSize64)
		}
	}
	return nil
}
