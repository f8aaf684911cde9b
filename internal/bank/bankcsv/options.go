package bankcsv

import (
	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/money"
)

// Format is how the file is stored.
type Format string

// Formats Parse reads.
const (
	FormatCSV  Format = "csv"
	FormatXLSX Format = "xlsx"
)

// Options tell Parse what is known of the file beforehand. The zero value
// detects everything.
type Options struct {
	// Format is FormatCSV or FormatXLSX; empty detects it from the
	// content (an .xlsx file is a ZIP archive).
	Format Format
	// Mapping is the user's saved mapping, applied as given; nil detects
	// it from the header.
	Mapping *Mapping
	// Encoding forces the character set of a CSV file ("UTF-8",
	// "Windows-1252", "ISO-8859-15", as package textenc names them);
	// empty detects it.
	Encoding string
	// Delimiter forces the CSV delimiter (";", ",", "\t", "|"); empty
	// detects it.
	Delimiter string
	// Sheet names the sheet of a workbook to read; empty reads the first.
	Sheet string
	// HeaderLine is the physical line (row, in a workbook) of the header
	// when the user points at it; 0 looks for it among the first
	// HeaderWindow rows.
	HeaderLine int
	// Currency of the amounts when neither a currency column nor the
	// mapping says; then the currency the preamble names, then EUR.
	Currency money.Currency
	// Account is the bank account the statement is of, when the user
	// says; its non-empty fields win over what the file's preamble says.
	Account statement.Account
}

// HeaderWindow is how many rows Parse looks at for the header.
const HeaderWindow = 30
