package camt

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/bank/statement"
)

// okEntry is the inside of a valid Ntry: 12.34 EUR credited, booked.
const okEntry = `<Amt Ccy="EUR">12.34</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>` +
	`<BookgDt><Dt>2024-03-01</Dt></BookgDt><ValDt><Dt>2024-03-02</Dt></ValDt>`

// okAccount is a valid Acct with an IBAN and EUR.
const okAccount = `<Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id><Ccy>EUR</Ccy></Acct>`

// ntry wraps the inside of an entry.
func ntry(inner string) string { return "<Ntry>" + inner + "</Ntry>" }

// txDtls wraps transaction details in NtryDtls.
func txDtls(txs ...string) string {
	var b strings.Builder
	b.WriteString("<NtryDtls>")
	for _, tx := range txs {
		b.WriteString("<TxDtls>" + tx + "</TxDtls>")
	}
	b.WriteString("</NtryDtls>")
	return b.String()
}

// camt053 builds a camt.053.001.02 message of one statement whose
// children (after Id) are body.
func camt053(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
<BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId><CreDtTm>2024-03-02T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id>` + body + `</Stmt>
</BkToCstmrStmt>
</Document>
`
}

// camt054 builds a camt.054.001.08 message of one notification.
func camt054(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>M1</MsgId></GrpHdr>
<Ntfctn><Id>N1</Id>` + body + `</Ntfctn>
</BkToCstmrDbtCdtNtfctn>
</Document>
`
}

// bal builds a balance.
func bal(code, amount, ccy, dir string) string {
	return `<Bal><Tp><CdOrPrtry><Cd>` + code + `</Cd></CdOrPrtry></Tp><Amt Ccy="` + ccy + `">` + amount +
		`</Amt><CdtDbtInd>` + dir + `</CdtDbtInd><Dt><Dt>2024-03-01</Dt></Dt></Bal>`
}

// parseString parses s, failing the test on an error.
func parseString(t *testing.T, s string) *statement.File {
	t.Helper()
	f, err := Parse(context.Background(), strings.NewReader(s))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

// oneEntry parses s, which must hold one statement of one entry and no
// issue, and returns the entry.
func oneEntry(t *testing.T, s string) statement.Entry {
	t.Helper()
	f := parseString(t, s)
	if len(f.Issues) > 0 {
		t.Fatalf("issues: %v", f.Issues)
	}
	if len(f.Statements) != 1 || len(f.Statements[0].Entries) != 1 {
		t.Fatalf("want 1 statement of 1 entry, got %+v", f.Statements)
	}
	return f.Statements[0].Entries[0]
}

// faultOf parses s and returns the statement.Issue of the error it must
// fail with.
func faultOf(t *testing.T, s string) statement.Issue {
	t.Helper()
	f, err := Parse(context.Background(), strings.NewReader(s))
	if err == nil {
		t.Fatalf("no error; file %+v", f)
	}
	var is statement.Issue
	if !errors.As(err, &is) {
		t.Fatalf("error %v is not a statement.Issue", err)
	}
	return is
}
