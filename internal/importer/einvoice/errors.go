package einvoice

import (
	"strings"

	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// Catalogue keys of the faults this package reports (fr.import_einvoice.json,
// en.import_einvoice.json).
const (
	KeyEmpty           = "import.err.einvoice.empty"
	KeyTooLarge        = "import.err.einvoice.too_large"
	KeyNotXML          = "import.err.einvoice.not_xml"
	KeyNotInvoice      = "import.err.einvoice.not_invoice"
	KeyTooComplex      = "import.err.einvoice.too_complex"
	KeyFormatMismatch  = "import.err.einvoice.format_mismatch"
	KeyNoXML           = "import.err.einvoice.no_xml"
	KeyPDFBadXML       = "import.err.einvoice.pdf_bad_xml"
	KeyEncrypted       = "import.err.einvoice.encrypted"
	KeyMissingNumber   = "import.err.einvoice.missing_number"
	KeyMissingDate     = "import.err.einvoice.missing_date"
	KeyBadDate         = "import.err.einvoice.bad_date"
	KeyMissingAmount   = "import.err.einvoice.missing_amount"
	KeyBadAmount       = "import.err.einvoice.bad_amount"
	KeyZeroAmount      = "import.err.einvoice.zero_amount"
	KeyMissingCurrency = "import.err.einvoice.missing_currency"
	KeyUnknownCurrency = "import.err.einvoice.unknown_currency"
	KeyNoBuyer         = "import.err.einvoice.no_buyer"
)

// Keys lists every catalogue key the package uses, for the tests that
// check the catalogues and the issues.
var Keys = []string{
	KeyEmpty, KeyTooLarge, KeyNotXML, KeyNotInvoice, KeyTooComplex, KeyFormatMismatch,
	KeyNoXML, KeyPDFBadXML, KeyEncrypted, KeyMissingNumber, KeyMissingDate, KeyBadDate, KeyMissingAmount,
	KeyBadAmount, KeyZeroAmount, KeyMissingCurrency, KeyUnknownCurrency, KeyNoBuyer,
}

// Error is a fault of the whole file: nothing could be read from it. Key
// and Args make the message in the reader's language; Err, when set, is
// the technical cause (an XML syntax error, a PDF that does not inflate).
// errors.As finds it both as an *Error and as a receivable.Issue of line
// 0.
type Error struct {
	Key  string
	Args []any
	Err  error
}

func (e *Error) Error() string {
	msg := "einvoice: " + strings.TrimSuffix(i18n.T("en", e.Key, e.Args...), ".")
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Issue returns the fault as an Issue of the whole file (line 0), for a
// caller that lists it with the others.
func (e *Error) Issue() receivable.Issue {
	return receivable.Issue{Key: e.Key, Args: e.Args}
}

// As lets errors.As find the fault as a receivable.Issue, the way other
// parsers (package fec) return theirs.
func (e *Error) As(target any) bool {
	if is, ok := target.(*receivable.Issue); ok {
		*is = e.Issue()
		return true
	}
	return false
}

// Message renders the fault in lang.
func (e *Error) Message(lang string) string { return i18n.T(lang, e.Key, e.Args...) }

func fault(key string, cause error, args ...any) *Error {
	return &Error{Key: key, Args: args, Err: cause}
}
