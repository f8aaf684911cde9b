package cfonb

import (
	"github.com/recouvre/recouvre/internal/bank/statement"
)

// Catalogue keys of the issues (internal/i18n/*.bank_files.json).
const (
	keyNotCFONB         = "bank.err.cfonb.not_cfonb"
	keyTooLarge         = "bank.err.cfonb.too_large"
	keyLength           = "bank.err.cfonb.length"
	keyRecordCode       = "bank.err.cfonb.record_code"
	keyDate             = "bank.err.cfonb.date"
	keyAmount           = "bank.err.cfonb.amount"
	keyAmountTooLarge   = "bank.err.cfonb.amount_too_large"
	keyDecimals         = "bank.err.cfonb.decimals"
	keyCurrency         = "bank.err.cfonb.currency"
	keyCurrencyMismatch = "bank.err.cfonb.currency_mismatch"
	keyNotClosed        = "bank.err.cfonb.statement_not_closed"
	keyUnclosedAtEnd    = "bank.err.cfonb.statement_not_closed_at_end"
	keyOperationOutside = "bank.err.cfonb.operation_outside_statement"
	keyClosingOutside   = "bank.err.cfonb.closing_without_opening"
	keyDetailWithoutOp  = "bank.err.cfonb.detail_without_operation"
	keyAccountMismatch  = "bank.err.cfonb.account_mismatch"
	keyBalanceMismatch  = "bank.err.cfonb.balance_mismatch"
	keyTooManyIssues    = "bank.err.cfonb.too_many_issues"
)

// Keys lists every catalogue key an Issue of this package may carry.
var Keys = []string{
	keyNotCFONB, keyTooLarge, keyLength, keyRecordCode, keyDate, keyAmount,
	keyAmountTooLarge, keyDecimals, keyCurrency, keyCurrencyMismatch, keyNotClosed, keyUnclosedAtEnd,
	keyOperationOutside, keyClosingOutside, keyDetailWithoutOp, keyAccountMismatch,
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
