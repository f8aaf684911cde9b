package bankcsv

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits of the workbook reader. A workbook whose parts declare more than
// unzipLimit once unzipped, or a part other than a sheet or the shared
// strings larger than partLimit, is refused before excelize reads it (a
// ZIP bomb, or a damaged directory); a sheet larger than xmlInMemory once
// unzipped is read by excelize from a temporary file. Variables, for the
// tests to lower them.
var (
	unzipLimit  int64 = 1 << 30
	partLimit   int64 = 64 << 20
	xmlInMemory int64 = 16 << 20
)

// xlsxSource streams the rows of one sheet, raw: a number is the text
// Excel stored ("-33.5", "43449" for a date), never a display format.
type xlsxSource struct {
	f        *excelize.File
	rows     *excelize.Rows
	n        int
	date1904 bool
}

// openXLSX opens the workbook data holds at sheet (the first when empty).
func openXLSX(data []byte, sheet string) (src *xlsxSource, err error) {
	defer func() {
		if p := recover(); p != nil {
			src, err = nil, xlsxError(fmt.Errorf("excelize panicked: %v", p))
		}
	}()
	if err := checkArchive(data); err != nil {
		return nil, xlsxError(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: xmlInMemory,
	})
	if err != nil {
		return nil, xlsxError(err)
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
			return nil, xlsxError(errors.New("no sheet"))
		}
		sheet = list[0]
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		var missing excelize.ErrSheetNotExist
		if errors.As(err, &missing) {
			is := fatal(0, keySheet, sheet)
			is.Value = sheet
			return nil, is
		}
		return nil, xlsxError(err)
	}
	s := &xlsxSource{f: f, rows: rows}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	ok = true
	return s, nil
}

func (s *xlsxSource) next() (r row, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = row{}, xlsxError(fmt.Errorf("excelize panicked: %v", p))
		}
	}()
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return row{}, xlsxError(err)
		}
		return row{}, io.EOF
	}
	s.n++ // excelize yields every row number, gaps included
	cells, err := s.rows.Columns()
	if err != nil {
		return row{}, &rowError{line: s.n, key: keyRow, args: []any{err.Error()}}
	}
	return row{line: s.n, cells: cells}, nil
}

func (s *xlsxSource) excel() (bool, bool) { return true, s.date1904 }

func (s *xlsxSource) close() error {
	err := s.rows.Close()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("bankcsv: close the workbook: %w", err)
	}
	return nil
}

// xlsxError is the error of a workbook that cannot be read; Value keeps
// the technical reason for the logs.
func xlsxError(err error) error {
	is := fatal(0, keyXLSX)
	is.Value = err.Error()
	return is
}

// checkArchive refuses a workbook whose parts declare more than the
// limits once unzipped.
func checkArchive(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		streamed := strings.HasPrefix(name, "xl/worksheets/") || name == "xl/sharedstrings.xml"
		switch {
		case total > uint64(unzipLimit):
			return fmt.Errorf("more than %d bytes once unzipped", unzipLimit)
		case !streamed && f.UncompressedSize64 > uint64(partLimit):
			return fmt.Errorf("part %s declares %d bytes", f.Name, f.UncompressedSize64)
		}
	}
	return nil
}
