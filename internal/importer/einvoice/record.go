package einvoice

import (
	"strings"
	"time"

	"golang.org/x/text/currency"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// creditNoteCodes are the UNTDID 1001 document types EN 16931 allows that
// are credit notes: 381 and its variants (81 goods or services, 83
// financial adjustment, 261 self-billed, 262 consolidated, 296, 308
// delcredere, 396 factored, 420 optical, 458 reversal, 532 forwarder).
// Every other code is an invoice: 380 commercial, 384 corrected (it
// replaces an earlier invoice, BT-25), 386 prepayment, 389 self-billed,
// 326 partial, 751 and the others.
var creditNoteCodes = map[string]bool{
	"81": true, "83": true, "261": true, "262": true, "296": true, "308": true,
	"381": true, "396": true, "420": true, "458": true, "532": true,
}

// build checks what the reader found and makes the record, or the issues
// that stop it: every field is checked, so the user sees all the faults
// of the document at once.
//
// A self-billed invoice (389; 261 for its credit note) is written by the
// buyer on the seller's behalf, but EN 16931 keeps the roles: the Seller
// (BG-4) is still who is paid and the Buyer (BG-7) who pays. recouvre's
// user, the creditor, is the seller, so the debtor is the buyer party as
// for any invoice (in the XRechnung sample, "Kunde 1" issues the document
// and owes it; "Betriebsstätte", the seller, is paid).
func build(d *rawDoc) (receivable.Record, []receivable.Issue) {
	var issues []receivable.Issue
	add := func(f field, key string, args ...any) {
		issues = append(issues, receivable.Issue{Line: 1, Column: f.column, Value: f.text, Key: key, Args: args})
	}
	rec := receivable.Record{Line: 1, Kind: receivable.Invoice}
	if d.creditNoteRoot || creditNoteCodes[d.typeCode.text] {
		rec.Kind = receivable.CreditNote
	}

	if rec.Number = d.number.text; rec.Number == "" {
		add(d.number, KeyMissingNumber)
	}

	if d.issueDate.text == "" {
		add(d.issueDate.field, KeyMissingDate)
	} else if date, ok := parseDate(d.issueDate); ok {
		rec.IssueDate = date
	} else {
		add(d.issueDate.field, KeyBadDate, d.issueDate.text)
	}
	// EXTENDED documents may give several terms (net, and with a
	// discount): the debt is late only after the last date.
	for _, due := range d.dueDates {
		if due.text == "" {
			continue
		}
		if date, ok := parseDate(due); !ok {
			add(due.field, KeyBadDate, due.text)
		} else if date.After(rec.DueDate) {
			rec.DueDate = date
		}
	}

	cur, curOK := readCurrency(d, add)
	parseCur := cur
	if !curOK {
		parseCur = "EUR" // still check the amounts' syntax
	}
	before := len(issues)
	total, hasTotal := readAmount(d.grandTotal, parseCur, add)
	due, hasDue := readAmount(d.duePayable, parseCur, add)
	switch {
	case len(issues) > before || !curOK:
		// reported above
	case !hasTotal && !hasDue:
		add(d.grandTotal, KeyMissingAmount)
	case !settle(&rec, total, hasTotal, due, hasDue):
		f := d.grandTotal
		if !hasTotal {
			f = d.duePayable
		}
		add(f, KeyZeroAmount)
	}

	if d.buyer == nil || d.buyer.name == "" {
		add(field{column: d.buyerColumn}, KeyNoBuyer)
	} else {
		rec.Debtor = debtorOf(d.buyer)
	}

	rec.PaymentTerms = strings.Join(d.terms, "; ")
	rec.PaymentMeans = meansText(d.meansCode, d.meansText)
	for _, a := range d.accounts {
		if iban, ok := ledger.NormalizeIBAN(a); ok {
			rec.IBAN = iban
			break
		}
	}
	if len(issues) > 0 {
		return receivable.Record{}, issues
	}
	return rec, nil
}

// settle sets the record's amounts from BT-112 (total) and BT-115 (due),
// at least one present. A negative document is the opposite kind for its
// absolute amount: a 380 with negative totals is a credit note (the
// mustang "avoir" and the Peppol negative invoice), a negative 381 an
// invoice. Amount is BT-112 (BT-115 without it, or when BT-115 is higher,
// a rounding BT-114 added); Open is BT-115 when below Amount (BT-113 was
// prepaid), never below zero. settle returns false for a zero amount.
func settle(rec *receivable.Record, total money.Amount, hasTotal bool, due money.Amount, hasDue bool) bool {
	ref := total
	if !hasTotal {
		ref = due
	}
	if ref.IsNegative() {
		total, due = total.Neg(), due.Neg()
		if rec.Kind == receivable.Invoice {
			rec.Kind = receivable.CreditNote
		} else {
			rec.Kind = receivable.Invoice
		}
	}
	rec.Amount = total
	if !hasTotal || (hasDue && due.Cmp(total) > 0) {
		rec.Amount = due
	}
	if rec.Amount.Minor <= 0 {
		return false
	}
	if hasDue && due.Cmp(rec.Amount) < 0 {
		rec.HasOpen = true
		rec.Open = due
		if due.IsNegative() {
			rec.Open = money.New(0, due.Currency)
		}
	}
	return true
}

// readCurrency returns BT-5, or the amounts' currencyID when the document
// lacks it, checked against ISO 4217.
func readCurrency(d *rawDoc, add func(field, string, ...any)) (money.Currency, bool) {
	f := d.currency
	if f.text == "" && d.amountCurrency != "" {
		f = field{text: d.amountCurrency, column: d.grandTotal.column + "/@currencyID"}
	}
	if f.text == "" {
		add(f, KeyMissingCurrency)
		return "", false
	}
	c := money.Currency(strings.ToUpper(f.text))
	if !c.Valid() {
		add(f, KeyUnknownCurrency, f.text)
		return "", false
	}
	if u, err := currency.ParseISO(string(c)); err != nil || u == (currency.Unit{}) {
		add(f, KeyUnknownCurrency, f.text)
		return "", false
	}
	return c, true
}

// readAmount reads a machine decimal ("1234.56", "-233.47", "850",
// "12.500"). An absent or empty element is not an issue; one that does
// not read is.
func readAmount(f field, cur money.Currency, add func(field, string, ...any)) (money.Amount, bool) {
	if strings.TrimSpace(f.text) == "" {
		return money.Amount{}, false
	}
	a, err := money.ParseDecimal(strings.TrimSpace(f.text), cur)
	if err != nil {
		add(f, KeyBadAmount, f.text)
		return money.Amount{}, false
	}
	return a, true
}

// parseDate reads a CII date of format 102 (YYYYMMDD) and a UBL date
// (YYYY-MM-DD, perhaps with a zone: "2019-01-25Z", "2019-01-25+01:00").
// Either form is taken in either syntax: generators mix them up. Other CII
// formats (610 month, 616 week) are not a day and are refused.
func parseDate(f dateField) (civil.Date, bool) {
	if f.format != "" && f.format != "102" {
		return civil.Date{}, false
	}
	s := strings.TrimSpace(f.text)
	var t time.Time
	var err error
	switch {
	case len(s) == 8:
		t, err = time.Parse("20060102", s)
	case len(s) >= 10 && s[4] == '-' && s[7] == '-':
		if rest := s[10:]; rest != "" && !strings.ContainsAny(rest[:1], "TZ+-") {
			return civil.Date{}, false
		}
		t, err = time.Parse(time.DateOnly, s[:10])
	default:
		return civil.Date{}, false
	}
	if err != nil || t.Year() < 1900 || t.Year() > 2199 {
		return civil.Date{}, false
	}
	return civil.Of(t), true
}

// meansText writes BT-82 and BT-81 as "Virement (30)", or whichever of
// them the document gives.
func meansText(code, text string) string {
	switch {
	case code != "" && text != "":
		return text + " (" + code + ")"
	case text != "":
		return text
	}
	return code
}
