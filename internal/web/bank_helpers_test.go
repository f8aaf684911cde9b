package web_test

import (
	"bytes"
	"fmt"
	"math/big"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// stmtEntry is one booking of a generated camt.053 statement.
type stmtEntry struct {
	Amount   string // machine decimal, "1134.56"
	Debit    bool
	Reversal bool
	Date     string // YYYY-MM-DD
	Payer    string
	IBAN     string
	Text     string
	Ref      string // the end-to-end id
	Return   string // an ISO return code, for a reversal
}

// camt053 writes a bank-to-customer statement of account with entries,
// as a bank sends it: one transaction per entry.
func camt053(account string, entries ...stmtEntry) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
 <BkToCstmrStmt>
  <GrpHdr><MsgId>GEN-` + account[len(account)-6:] + `</MsgId><CreDtTm>2025-06-14T07:00:00</CreDtTm></GrpHdr>
  <Stmt>
   <Id>STMT-2025-06-14</Id>
   <CreDtTm>2025-06-14T07:00:00</CreDtTm>
   <Acct><Id><IBAN>` + account + `</IBAN></Id><Ccy>EUR</Ccy></Acct>
`)
	for i, e := range entries {
		dir := "CRDT"
		if e.Debit {
			dir = "DBIT"
		}
		fmt.Fprintf(&b, "   <Ntry>\n    <NtryRef>N%03d</NtryRef>\n    <Amt Ccy=\"EUR\">%s</Amt>\n    <CdtDbtInd>%s</CdtDbtInd>\n", i+1, e.Amount, dir)
		if e.Reversal {
			b.WriteString("    <RvslInd>true</RvslInd>\n")
		}
		fmt.Fprintf(&b, "    <Sts>BOOK</Sts>\n    <BookgDt><Dt>%s</Dt></BookgDt>\n    <ValDt><Dt>%s</Dt></ValDt>\n", e.Date, e.Date)
		ref := e.Ref
		if ref == "" {
			ref = fmt.Sprintf("E2E-GEN-%03d", i+1)
		}
		fmt.Fprintf(&b, "    <NtryDtls><TxDtls>\n     <Refs><EndToEndId>%s</EndToEndId></Refs>\n", ref)
		party, acct := "Dbtr", "DbtrAcct"
		if e.Debit && !e.Reversal {
			party, acct = "Cdtr", "CdtrAcct"
		}
		fmt.Fprintf(&b, "     <RltdPties><%s><Nm>%s</Nm></%s>", party, e.Payer, party)
		if e.IBAN != "" {
			fmt.Fprintf(&b, "<%s><Id><IBAN>%s</IBAN></Id></%s>", acct, e.IBAN, acct)
		}
		b.WriteString("</RltdPties>\n")
		if e.Text != "" {
			fmt.Fprintf(&b, "     <RmtInf><Ustrd>%s</Ustrd></RmtInf>\n", e.Text)
		}
		if e.Return != "" {
			fmt.Fprintf(&b, "     <RtrInf><Rsn><Cd>%s</Cd></Rsn></RtrInf>\n", e.Return)
		}
		b.WriteString("    </TxDtls></NtryDtls>\n   </Ntry>\n")
	}
	b.WriteString("  </Stmt>\n </BkToCstmrStmt>\n</Document>\n")
	return []byte(b.String())
}

// testIBAN builds a French IBAN with valid check digits from a 23-digit
// bank account number.
func testIBAN(bban string) string {
	n, ok := new(big.Int).SetString(bban+"152700", 10) // F=15 R=27, check 00
	if !ok {
		panic("testIBAN: " + bban)
	}
	check := 98 - new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("FR%02d%s", check, bban)
}

// uploadTo posts a file to path as a browser's multipart form does.
func (c *browser) uploadTo(path, name string, data []byte, fields url.Values) page {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			must(c.t, mw.WriteField(k, v))
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	must(c.t, err)
	_, err = fw.Write(data)
	must(c.t, err)
	must(c.t, mw.Close())
	req, err := http.NewRequest(http.MethodPost, c.b.srv.URL+path, &body)
	must(c.t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// redirected checks a 303 and returns where it goes.
func (p page) redirected(t *testing.T) string {
	t.Helper()
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("%s %s: status %d, want 303\n%s", p.Request.Method, p.Request.URL.Path, p.StatusCode, p.body)
	}
	return p.Header.Get("Location")
}

// openOf is what is left to pay on an invoice.
func openOf(t *testing.T, b *bundle, f storetest.Fixture, id int64) money.Amount {
	t.Helper()
	inv, err := b.st.GetInvoice(f.Ctx, id)
	must(t, err)
	return inv.Open()
}

// reviewLineOf finds the line under review paid by payer.
func reviewLineOf(t *testing.T, b *bundle, f storetest.Fixture, payer string) store.BankLine {
	t.Helper()
	lines, err := b.st.BankLines(f.Ctx, store.BankLineQuery{Status: store.LineReview, Limit: -1})
	must(t, err)
	for _, l := range lines {
		if l.Counterparty == payer {
			return l
		}
	}
	t.Fatalf("no line of %q under review among %d", payer, len(lines))
	return store.BankLine{}
}

// paymentsOf lists a debtor's payments.
func paymentsOf(t *testing.T, b *bundle, f storetest.Fixture, debtorID int64) []ledger.Payment {
	t.Helper()
	page, err := b.st.ListPayments(f.Ctx, store.PaymentQuery{DebtorID: debtorID, Limit: -1})
	must(t, err)
	return page.Payments
}

// eurFR is an amount as a French page prints it.
func eurFR(minor int64) string { return money.FormatFR(money.EUR(minor)) }
