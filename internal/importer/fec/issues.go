package fec

// Catalogue keys of the issues (internal/i18n/*.import_fec.json).
const (
	keyEmpty          = "import.err.fec.empty"
	keyHeader         = "import.err.fec.header"
	keyMissingColumns = "import.err.fec.missing_columns"
	keyFieldCount     = "import.err.fec.field_count"
	keyDate           = "import.err.fec.date"
	keyAmount         = "import.err.fec.amount"
	keyAmountTooLarge = "import.err.fec.amount_too_large"
	keyDebitAndCredit = "import.err.fec.debit_and_credit"
	keySens           = "import.err.fec.sens"
	keyNoDebtor       = "import.err.fec.no_debtor"
	keyLineTooLong    = "import.err.fec.line_too_long"
)

// Keys lists every catalogue key an Issue of this package may carry.
var Keys = []string{
	keyEmpty, keyHeader, keyMissingColumns, keyFieldCount, keyDate, keyAmount,
	keyAmountTooLarge, keyDebitAndCredit, keySens, keyNoDebtor, keyLineTooLong,
}
