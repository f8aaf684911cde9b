package camt

// Catalogue keys of the issues and faults this package reports
// (internal/i18n/fr.bank_camt.json and en.bank_camt.json).
const (
	// Faults of the whole file, returned as errors.
	KeyNotXML     = "bank.err.camt.not_xml"
	KeyBroken     = "bank.err.camt.broken"
	KeyNotCAMT    = "bank.err.camt.not_camt"
	KeyTooLarge   = "bank.err.camt.too_large"
	KeyTooComplex = "bank.err.camt.too_complex"

	// Issues of a part of the file.
	KeyNoStatement      = "bank.err.camt.no_statement"
	KeyAmountMissing    = "bank.err.camt.amount_missing"
	KeyAmount           = "bank.err.camt.amount"
	KeyAmountNegative   = "bank.err.camt.amount_negative"
	KeyAmountDecimals   = "bank.err.camt.amount_decimals"
	KeyAmountTooLarge   = "bank.err.camt.amount_too_large"
	KeyCurrency         = "bank.err.camt.currency"
	KeyCurrencyMissing  = "bank.err.camt.currency_missing"
	KeyDate             = "bank.err.camt.date"
	KeyDirection        = "bank.err.camt.direction"
	KeyDirectionMissing = "bank.err.camt.direction_missing"
	KeyReversal         = "bank.err.camt.reversal"
	KeyStatus           = "bank.err.camt.status"
	KeyBalanceCurrency  = "bank.err.camt.balance_currency"
	KeyTooManyIssues    = "bank.err.camt.too_many_issues"
)

// Keys lists every catalogue key the package uses, for the tests that
// check the catalogues and the issues.
var Keys = []string{
	KeyNotXML, KeyBroken, KeyNotCAMT, KeyTooLarge, KeyTooComplex,
	KeyNoStatement, KeyAmountMissing, KeyAmount, KeyAmountNegative, KeyAmountDecimals,
	KeyAmountTooLarge, KeyCurrency, KeyCurrencyMissing, KeyDate, KeyDirection, KeyDirectionMissing,
	KeyReversal, KeyStatus,
	KeyBalanceCurrency, KeyTooManyIssues,
}
