package bankcsv

import (
	"github.com/recouvre/recouvre/internal/bank/statement"
)

// Catalogue keys of the issues (internal/i18n/*.bank_files.json).
const (
	keyEmpty           = "bank.err.bankcsv.empty"
	keyTooLarge        = "bank.err.bankcsv.too_large"
	keyNoHeader        = "bank.err.bankcsv.no_header"
	keyMappingColumn   = "bank.err.bankcsv.mapping_column"
	keyMappingUnusable = "bank.err.bankcsv.mapping_unusable"
	keyDateFormat      = "bank.err.bankcsv.date_format"
	keyDelimiter       = "bank.err.bankcsv.delimiter"
	keyXLS             = "bank.err.bankcsv.xls"
	keyODS             = "bank.err.bankcsv.ods"
	keyXLSX            = "bank.err.bankcsv.xlsx"
	keySheet           = "bank.err.bankcsv.sheet"
	keyRow             = "bank.err.bankcsv.row"
	keyQuote           = "bank.err.bankcsv.quote"
	keyDate            = "bank.err.bankcsv.date"
	keyDateOrder       = "bank.err.bankcsv.date_order"
	keyMissingDate     = "bank.err.bankcsv.missing_date"
	keyAmount          = "bank.err.bankcsv.amount"
	keyAmountDecimals  = "bank.err.bankcsv.amount_decimals"
	keyAmountTooLarge  = "bank.err.bankcsv.amount_too_large"
	keyMissingAmount   = "bank.err.bankcsv.missing_amount"
	keyDebitAndCredit  = "bank.err.bankcsv.debit_and_credit"
	keyDirection       = "bank.err.bankcsv.direction"
	keyCurrency        = "bank.err.bankcsv.currency"
	keyBalanceMismatch = "bank.err.bankcsv.balance_mismatch"
	keyTooManyIssues   = "bank.err.bankcsv.too_many_issues"
)

// Keys lists every catalogue key an Issue of this package may carry.
var Keys = []string{
	keyEmpty, keyTooLarge, keyNoHeader, keyMappingColumn, keyMappingUnusable,
	keyDateFormat, keyDelimiter, keyXLS, keyODS, keyXLSX, keySheet, keyRow, keyQuote, keyDate,
	keyDateOrder, keyMissingDate, keyAmount, keyAmountDecimals, keyAmountTooLarge,
	keyMissingAmount, keyDebitAndCredit, keyDirection, keyCurrency,
	keyBalanceMismatch, keyTooManyIssues,
}

// MaxIssues is how many issues a file reports; past it, one last issue
// says the others were not listed.
const MaxIssues = 1000

// issueList collects the issues of one file, up to MaxIssues.
type issueList struct {
	list []statement.Issue
	full bool
}

func (l *issueList) add(line int, column, value, key string, args ...any) {
	if l.full {
		return
	}
	if len(l.list) == MaxIssues {
		l.list = append(l.list, statement.Issue{Line: line, Key: keyTooManyIssues, Args: []any{MaxIssues}})
		l.full = true
		return
	}
	l.list = append(l.list, statement.Issue{Line: line, Column: column, Value: value, Key: key, Args: args})
}

// fatal is the error Parse returns for a file it cannot read at all.
func fatal(line int, key string, args ...any) statement.Issue {
	return statement.Issue{Line: line, Key: key, Args: args}
}
