// Package receivable is the one shape every receivables parser produces
// (CSV and Excel exports, FEC, e-invoices): a Record per document found in
// the file, and an Issue per line that cannot be read. Parsers stream
// records to a Sink; the importer (package importer) decides what each
// record creates, updates or leaves alone. The package is pure: no I/O
// beyond the readers it is handed.
package receivable

import (
	"fmt"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// Format names a kind of file the importer reads.
type Format string

const (
	FormatCSV     Format = "csv"
	FormatXLSX    Format = "xlsx"
	FormatFEC     Format = "fec"
	FormatFacturX Format = "facturx"
	FormatCII     Format = "cii"
	FormatUBL     Format = "ubl"
)

// Formats lists the formats in the order the interface offers them.
var Formats = []Format{FormatCSV, FormatXLSX, FormatFEC, FormatFacturX, FormatCII, FormatUBL}

// Valid reports whether f is a known format.
func (f Format) Valid() bool {
	for _, g := range Formats {
		if f == g {
			return true
		}
	}
	return false
}

// RecordKind is what a record stands for.
type RecordKind string

const (
	// Invoice is a receivable: the debtor owes Amount.
	Invoice RecordKind = "invoice"
	// CreditNote (avoir) lowers what the debtor owes by Amount.
	CreditNote RecordKind = "credit_note"
	// Payment is money already received and not yet matched to an
	// invoice (an unlettered credit line of a FEC): credit on account.
	Payment RecordKind = "payment"
)

// KindSource tells where a debtor's kind comes from.
type KindSource string

const (
	KindFromColumn   KindSource = "column"   // the file says so
	KindInferred     KindSource = "inferred" // guessed by InferKind; the user confirms it
	KindFromIdentity KindSource = "identity" // a SIREN/SIRET or a legal form says business
)

// Debtor is who owes a record, as the file describes them.
type Debtor struct {
	Ref        string // the creditor's customer code
	Name       string
	Kind       ledger.DebtorKind
	KindSource KindSource
	SIREN      string
	SIRET      string
	VATNumber  string
	Email      string
	Phone      string
	Address    ledger.Address
	// TermDays is the debtor's payment term in days when the file gives
	// one (0: unknown).
	TermDays int
}

// Attachment is a file kept with the record: the Factur-X PDF itself.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// Record is one document of the file.
type Record struct {
	// Line is the physical line of the file where the record is (the
	// header is line 1); for an XML or PDF file, 1.
	Line      int
	Kind      RecordKind
	Number    string // invoice, credit note or payment reference
	IssueDate civil.Date
	// DueDate is zero when the file has none (FEC, Factur-X MINIMUM):
	// the importer applies the debtor's or the organization's terms.
	DueDate civil.Date
	// Amount is positive: what the document is for, VAT included.
	Amount money.Amount
	// Open is what the file says remains due ("Reste dû", "Solde", the
	// unlettered part of a FEC entry), when HasOpen. Below Amount, the
	// difference was paid before the import.
	Open    money.Amount
	HasOpen bool
	Debtor  Debtor
	// PaymentTerms and PaymentMeans are the document's own words, kept
	// for the record (BT-20, BT-81…).
	PaymentTerms string
	PaymentMeans string
	// IBAN the debtor is asked to pay to, when the document names it.
	IBAN     string
	Document *Attachment
}

// Issue is a line of the file that cannot be read. Key and Args make the
// message in the reader's language (catalogue key "import.err.…").
type Issue struct {
	Line   int    // physical line, 0 when the whole file is at fault
	Column string // the column's header as the file writes it, or the XML element
	Value  string // the offending value, as read
	Key    string
	Args   []any
}

// Message renders the issue's reason in lang.
func (is Issue) Message(lang string) string { return i18n.T(lang, is.Key, is.Args...) }

func (is Issue) Error() string {
	return fmt.Sprintf("line %d, column %q, value %q: %s", is.Line, is.Column, is.Value, is.Message("en"))
}

// Sink receives what a parser reads, in file order. Record returning an
// error stops the parse with that error.
type Sink interface {
	Record(Record) error
	Issue(Issue)
}

// Info is what a parser learnt of the file, for the preview.
type Info struct {
	Format    Format
	Encoding  string // "UTF-8", "UTF-8 (BOM)", "Windows-1252", "ISO-8859-15"
	Delimiter string // CSV and FEC: ";", ",", "\t", "|"
	// Header and Preview are the file's first rows as read (tabular
	// formats), for the user to check the mapping.
	Header  []string
	Preview [][]string
	// Lines is the number of physical lines (or rows) read.
	Lines int
}
