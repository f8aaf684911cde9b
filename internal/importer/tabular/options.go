package tabular

import (
	"bytes"

	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/money"
)

// Options tell Parse what is known of the file beforehand. The zero value
// detects everything.
type Options struct {
	// Format is receivable.FormatCSV or receivable.FormatXLSX; empty
	// detects it from the content (an .xlsx file is a ZIP archive).
	Format receivable.Format
	// Encoding forces the character set of a CSV file ("UTF-8",
	// "Windows-1252", "ISO-8859-15", as package textenc names them);
	// empty detects it.
	Encoding string
	// Delimiter forces the CSV delimiter (";", ",", "\t", "|"); empty
	// detects it.
	Delimiter string
	// Mapping is the user's mapping of columns, applied as given; nil
	// detects it from the header.
	Mapping *Mapping
	// Currency of the amounts when neither a currency column nor the
	// mapping says; EUR when empty.
	Currency money.Currency
	// PreviewRows is how many data rows, as read, Info.Preview keeps.
	PreviewRows int
	// Sheet names the sheet of a workbook to read; empty reads the first.
	Sheet string
	// HeaderLine is the physical line (row, in a workbook) of the header
	// when the user points at it; 0 looks for it among the first rows.
	HeaderLine int
}

// Magic numbers of the files Parse recognises or refuses by content.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .xls, or an encrypted .xlsx
)

// sniff tells the format of a file from its first bytes: xlsx for a ZIP
// archive, "" for an old or protected Excel file (errKey says which),
// csv for anything else.
func sniff(head []byte) (f receivable.Format, errKey string) {
	switch {
	case bytes.HasPrefix(head, oleMagic):
		return "", KeyXLS
	case bytes.HasPrefix(head, zipMagic):
		// An OpenDocument file stores its media type first, uncompressed.
		if len(head) >= 38 && string(head[30:38]) == "mimetype" &&
			bytes.Contains(head[38:], []byte("opendocument")) {
			return "", KeyODS
		}
		return receivable.FormatXLSX, ""
	}
	return receivable.FormatCSV, ""
}
