package tabular

import "github.com/recouvre/recouvre/internal/importer/receivable"

// Message keys of the issues this package reports, in the i18n catalogue
// fragments fr.import_tabular.json and en.import_tabular.json.
const (
	// Whole-file problems, returned as the error of Parse.
	KeyEmptyFile       = "import.err.empty_file"
	KeyNoHeader        = "import.err.no_header"
	KeyNoNumberColumn  = "import.err.no_number_column"
	KeyNoAmountColumn  = "import.err.no_amount_column"
	KeyNoDebtorColumn  = "import.err.no_debtor_column"
	KeyMappingColumn   = "import.err.mapping_column"
	KeyFormat          = "import.err.format"
	KeyDelimiter       = "import.err.delimiter"
	KeyXLSX            = "import.err.xlsx"
	KeyXLS             = "import.err.xls"
	KeyODS             = "import.err.ods"
	KeySheet           = "import.err.sheet"
	KeyRecordTooLong   = "import.err.too_long"
	KeyUnclosedQuote   = "import.err.quote"
	KeyColumns         = "import.err.columns"
	KeyDate            = "import.err.date"
	KeyDateImpossible  = "import.err.date_impossible"
	KeyDateRange       = "import.err.date_range"
	KeyDueBeforeIssue  = "import.err.due_before_issue"
	KeyAmount          = "import.err.amount"
	KeyAmountDecimals  = "import.err.amount_decimals"
	KeyAmountTooLarge  = "import.err.amount_too_large"
	KeyAmountCurrency  = "import.err.amount_currency"
	KeyMissingAmount   = "import.err.missing_amount"
	KeyZeroAmount      = "import.err.zero_amount"
	KeyNegativeInvoice = "import.err.negative_invoice"
	KeyMissingNumber   = "import.err.missing_number"
	KeyMissingDebtor   = "import.err.missing_debtor"
	KeyOpenAboveAmount = "import.err.open_above_amount"
	KeyOpenSign        = "import.err.open_sign"
	KeyKind            = "import.err.kind"
	KeyDocType         = "import.err.doc_type"
	KeySIREN           = "import.err.siren"
	KeySIRET           = "import.err.siret"
	KeyVAT             = "import.err.vat"
	KeyEmail           = "import.err.email"
	KeyCurrency        = "import.err.currency"
	KeyCountry         = "import.err.country"
	KeyTerms           = "import.err.terms"
	KeyDuplicate       = "import.err.duplicate"
)

// IssueKeys lists every key an Issue of this package may carry, for the
// tests that keep the catalogues complete.
var IssueKeys = []string{
	KeyEmptyFile, KeyNoHeader, KeyNoNumberColumn, KeyNoAmountColumn, KeyNoDebtorColumn,
	KeyMappingColumn, KeyFormat, KeyDelimiter, KeyXLSX, KeyXLS, KeyODS, KeySheet,
	KeyRecordTooLong, KeyUnclosedQuote, KeyColumns, KeyDate, KeyDateImpossible, KeyDateRange,
	KeyDueBeforeIssue, KeyAmount, KeyAmountDecimals, KeyAmountTooLarge, KeyAmountCurrency,
	KeyMissingAmount, KeyZeroAmount, KeyNegativeInvoice, KeyMissingNumber, KeyMissingDebtor,
	KeyOpenAboveAmount, KeyOpenSign, KeyKind, KeyDocType, KeySIREN, KeySIRET, KeyVAT,
	KeyEmail, KeyCurrency, KeyCountry, KeyTerms, KeyDuplicate,
}

// fatal builds the Issue that Parse returns as its error when the whole
// file is at fault.
func fatal(line int, key string, args ...any) receivable.Issue {
	return receivable.Issue{Line: line, Key: key, Args: args}
}
