// Package statement is the one shape every bank statement parser
// produces (ISO 20022 camt.053 and camt.054, OFX, CFONB 120, bank CSV
// exports): statements of an account, their entries (one booking each),
// and the transactions an entry carries (several for a batch). The
// reconciliation reads only this shape. The package is pure.
package statement

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/money"
)

// Format names a kind of statement file.
type Format string

const (
	FormatCAMT053 Format = "camt053"
	FormatCAMT054 Format = "camt054"
	FormatOFX     Format = "ofx"
	FormatCFONB   Format = "cfonb120"
	FormatCSV     Format = "csv"
)

// Statement is what a file says of one account over a period.
type Statement struct {
	ID       string // the bank's statement id (camt Stmt/Id, OFX TRNUID…), "" when none
	Account  Account
	Currency money.Currency
	From, To civil.Date // zero when the file does not say
	// Opening and Closing balances, when HasBalances.
	Opening, Closing money.Amount
	HasBalances      bool
	Entries          []Entry
}

// Account identifies the bank account.
type Account struct {
	IBAN     string // without spaces, upper case
	Number   string // another identifier (OFX ACCTID, CFONB bank+branch+account)
	BankCode string // BIC, or the French bank code
	Owner    string
}

// Entry is one booking on the account. Amount is always positive; Credit
// says money came in.
type Entry struct {
	// Line is the file's physical line where the entry starts (1 for an
	// XML entry's document when unknown).
	Line int
	// Ref is the bank's own reference of the entry (NtryRef, AcctSvcrRef,
	// OFX FITID, …), "" when none.
	Ref         string
	BookingDate civil.Date
	ValueDate   civil.Date
	Amount      money.Amount
	Credit      bool
	// Reversal marks an entry that undoes an earlier one (a returned
	// direct debit, a bounced cheque): camt RvslInd, a CFONB reject code.
	Reversal bool
	// Status is "booked", "pending" or "info".
	Status string
	// BankCode is the bank's transaction code (camt BkTxCd family/
	// sub-family or proprietary code, OFX TRNTYPE, CFONB operation code).
	BankCode string
	// Text is the entry's free text (AddtlNtryInf, OFX NAME + MEMO, CFONB
	// label and its 05 lines).
	Text         string
	Transactions []Transaction
}

// Transaction is one payment inside an entry. An entry without details
// has none: it is its own single transaction (see Payments).
type Transaction struct {
	EndToEndID  string
	TxID        string
	AcctSvcrRef string
	MandateID   string
	Amount      money.Amount // zero when the file gives none (then the entry's)
	// Counterparty is who paid (for a credit) or was paid.
	Counterparty     string
	CounterpartyIBAN string
	// Unstructured remittance lines (Ustrd) as written.
	Unstructured []string
	// CreditorRefs are structured creditor references (CdtrRefInf/Ref:
	// ISO 11649 RF…, QR/ESR); DocumentNumbers are referred documents'
	// numbers (RfrdDocInf/Nb).
	CreditorRefs    []string
	DocumentNumbers []string
	// ReturnReason is the ISO return code (AC01, AC04, AM04, MD06…).
	ReturnReason string
}

// Payment is one incoming or outgoing amount to reconcile: a
// transaction of an entry, or the entry itself when it has no details.
type Payment struct {
	Entry       *Entry
	Transaction Transaction
	Amount      money.Amount
	// Key is stable across imports of the same statement and of
	// overlapping statements: the bank's references when there are some,
	// else a hash of date, amount, counterparty and text.
	Key string
}

// Payments lists what an entry pays, one per transaction (a batch) or
// the entry alone.
func (e *Entry) Payments(account Account) []Payment {
	if len(e.Transactions) == 0 {
		return []Payment{{Entry: e, Amount: e.Amount, Key: e.key(account, Transaction{}, 0)}}
	}
	out := make([]Payment, 0, len(e.Transactions))
	for i, tx := range e.Transactions {
		amount := tx.Amount
		if amount.Minor == 0 || len(e.Transactions) == 1 && amount.Currency != e.Amount.Currency {
			amount = e.Amount
		}
		out = append(out, Payment{Entry: e, Transaction: tx, Amount: amount, Key: e.key(account, tx, i)})
	}
	return out
}

// Payments lists what the statement's entries pay, in order. Two entries
// that say exactly the same thing (two equal instalments of one debtor on
// one day, with no bank reference) would share a key: the second and
// later ones get their rank among equals, which stays the same when the
// statement, or one that overlaps it, is imported again.
func (s *Statement) Payments() []Payment {
	var out []Payment
	seen := map[string]int{}
	for i := range s.Entries {
		for _, p := range s.Entries[i].Payments(s.Account) {
			if n := seen[p.Key]; n > 0 {
				seen[p.Key] = n + 1
				p.Key = fmt.Sprintf("%s#%d", p.Key, n)
			} else {
				seen[p.Key] = 1
			}
			out = append(out, p)
		}
	}
	return out
}

// key builds a payment's deduplication key.
func (e *Entry) key(account Account, tx Transaction, i int) string {
	acct := account.IBAN
	if acct == "" {
		acct = account.Number
	}
	dir := "D"
	if e.Credit {
		dir = "C"
	}
	if e.Reversal {
		dir += "R"
	}
	for _, ref := range []string{tx.AcctSvcrRef, tx.TxID, tx.EndToEndID} {
		if r := strings.TrimSpace(ref); r != "" && !strings.EqualFold(r, "NOTPROVIDED") {
			// Banks repeat a batch's reference on each of its
			// transactions: the rank within the entry tells them apart.
			return fmt.Sprintf("%s|%s|tx:%s|%d|%d", acct, dir, r, tx.Amount.Minor, i)
		}
	}
	if r := strings.TrimSpace(e.Ref); r != "" {
		return fmt.Sprintf("%s|%s|entry:%s|%d", acct, dir, r, i)
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s|%s|%s|%d|%s|%s|%s|%s|%d", acct, dir, e.BookingDate, e.Amount.Minor, e.Amount.Currency,
		strings.Join(strings.Fields(tx.Counterparty), " "), strings.Join(strings.Fields(e.Text), " "),
		strings.Join(tx.Unstructured, " "), i)
	return fmt.Sprintf("%s|%s|hash:%s", acct, dir, hex.EncodeToString(h.Sum(nil))[:32])
}

// Remittance is all the text a payment carries, for the matcher to read
// invoice numbers in.
func (p Payment) Remittance() string {
	parts := append([]string{}, p.Transaction.Unstructured...)
	parts = append(parts, p.Transaction.DocumentNumbers...)
	parts = append(parts, p.Transaction.CreditorRefs...)
	if p.Entry != nil && p.Entry.Text != "" {
		parts = append(parts, p.Entry.Text)
	}
	return strings.Join(parts, " ")
}

// Issue is a part of the file that cannot be read (the same shape as the
// receivables importer's).
type Issue struct {
	Line   int
	Column string // the element, tag or field
	Value  string
	Key    string
	Args   []any
}

// Message renders the issue's reason in lang.
func (is Issue) Message(lang string) string { return i18n.T(lang, is.Key, is.Args...) }

func (is Issue) Error() string {
	return fmt.Sprintf("line %d, %q, value %q: %s", is.Line, is.Column, is.Value, is.Message("en"))
}

// File is what a parser read: the statements, the issues, and what it
// learnt of the file.
type File struct {
	Format     Format
	Encoding   string
	Statements []Statement
	Issues     []Issue
}
