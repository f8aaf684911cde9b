package camt

import (
	"bytes"
	"context"
	"fmt"
	"testing"
)

// generated053 builds a camt.053 of n credit entries, each with one
// transaction (references, amounts, debtor, remittance), as banks write
// them.
func generated053(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2024-03-02T06:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>BENCH-1</Id>
      <FrToDt><FrDtTm>2024-03-01T00:00:00+01:00</FrDtTm><ToDtTm>2024-03-01T23:59:59+01:00</ToDtTm></FrToDt>
      <Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id><Ccy>EUR</Ccy><Ownr><Nm>ACME SAS</Nm></Ownr></Acct>
`)
	b.WriteString(bal("OPBD", "0.00", "EUR", "CRDT"))
	var total int64
	for i := range n {
		cents := int64(1000 + i%50000)
		total += cents
		fmt.Fprintf(&b, `
      <Ntry>
        <NtryRef>%[1]d</NtryRef>
        <Amt Ccy="EUR">%[2]d.%02[3]d</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <RvslInd>false</RvslInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2024-03-01</Dt></BookgDt>
        <ValDt><Dt>2024-03-01</Dt></ValDt>
        <AcctSvcrRef>SVC%08[1]d</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><AcctSvcrRef>TX%08[1]d</AcctSvcrRef><EndToEndId>E2E-%[1]d</EndToEndId></Refs>
            <Amt Ccy="EUR">%[2]d.%02[3]d</Amt>
            <CdtDbtInd>CRDT</CdtDbtInd>
            <RltdPties>
              <Dbtr><Pty><Nm>CLIENT %[1]d SARL</Nm></Pty></Dbtr>
              <DbtrAcct><Id><IBAN>FR7610107001011234567890129</IBAN></Id></DbtrAcct>
            </RltdPties>
            <RmtInf><Ustrd>FACTURE F2024-%05[1]d</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
        <AddtlNtryInf>VIR SEPA RECU /DE CLIENT %[1]d SARL</AddtlNtryInf>
      </Ntry>`, i, cents/100, cents%100)
	}
	b.WriteString("\n")
	b.WriteString(bal("CLBD", fmt.Sprintf("%d.%02d", total/100, total%100), "EUR", "CRDT"))
	b.WriteString("\n    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n")
	return b.Bytes()
}

func TestGenerated(t *testing.T) {
	f, err := Parse(context.Background(), bytes.NewReader(generated053(100)))
	if err != nil || len(f.Issues) > 0 || len(f.Statements[0].Entries) != 100 || !f.Statements[0].HasBalances {
		t.Fatalf("err %v, issues %v", err, f.Issues)
	}
	var sum int64
	for _, e := range f.Statements[0].Entries {
		sum += e.Amount.Minor
	}
	if st := f.Statements[0]; st.Closing.Minor-st.Opening.Minor != sum {
		t.Errorf("balances %v → %v, entries sum to %d", st.Opening, st.Closing, sum)
	}
}

func BenchmarkParse(b *testing.B) {
	data := generated053(10_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := Parse(context.Background(), bytes.NewReader(data))
		if err != nil || len(f.Statements[0].Entries) != 10_000 {
			b.Fatalf("err %v", err)
		}
	}
}
