package ofx

import (
	"github.com/recouvre/recouvre/internal/bank/statement"
)

// Catalogue keys of the issues (internal/i18n/*.bank_files.json).
const (
	keyNotOFX         = "bank.err.ofx.not_ofx"
	keyTooLarge       = "bank.err.ofx.too_large"
	keyNoStatement    = "bank.err.ofx.no_statement"
	keyDate           = "bank.err.ofx.date"
	keyAmount         = "bank.err.ofx.amount"
	keyAmountDecimals = "bank.err.ofx.amount_decimals"
	keyAmountTooLarge = "bank.err.ofx.amount_too_large"
	keyMissingDate    = "bank.err.ofx.missing_date"
	keyMissingAmount  = "bank.err.ofx.missing_amount"
	keyCurrency       = "bank.err.ofx.currency"
	keyBalance        = "bank.err.ofx.balance"
	keyOutside        = "bank.err.ofx.transaction_outside_statement"
	keyTruncated      = "bank.err.ofx.truncated"
	keyTooDeep        = "bank.err.ofx.too_deep"
	keyTooManyIssues  = "bank.err.ofx.too_many_issues"
)

// Keys lists every catalogue key an Issue of this package may carry.
var Keys = []string{
	keyNotOFX, keyTooLarge, keyNoStatement, keyDate, keyAmount, keyAmountDecimals,
	keyAmountTooLarge, keyMissingDate, keyMissingAmount, keyCurrency, keyBalance,
	keyOutside, keyTruncated, keyTooDeep, keyTooManyIssues,
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
