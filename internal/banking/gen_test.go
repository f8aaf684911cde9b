package banking

import (
	"bytes"
	"fmt"
	"html"

	"github.com/recouvre/recouvre/internal/civil"
)

// genTx is one transaction of a generated camt.053 entry.
type genTx struct {
	E2E   string
	Minor int64
	Payer string
	IBAN  string
	Text  string
}

// genEntry is one booking of a generated statement.
type genEntry struct {
	Ref      string
	On       civil.Date
	Minor    int64
	Debit    bool
	Reversal bool
	Pending  bool
	Return   string // ISO return reason of a reversal
	Txs      []genTx
}

// genCAMT writes a camt.053.001.08 statement of the account, the shape
// the banks send, from generated entries (no real file is used).
func genCAMT(iban string, entries []genEntry) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
<BkToCstmrStmt><GrpHdr><MsgId>GEN-1</MsgId><CreDtTm>2025-06-30T18:00:00+02:00</CreDtTm></GrpHdr>
<Stmt><Id>GEN-STMT-1</Id><CreDtTm>2025-06-30T18:00:00+02:00</CreDtTm>
<Acct><Id><IBAN>` + iban + `</IBAN></Id><Ccy>EUR</Ccy></Acct>
`)
	for _, e := range entries {
		dir, status := "CRDT", "BOOK"
		if e.Debit {
			dir = "DBIT"
		}
		if e.Pending {
			status = "PDNG"
		}
		fmt.Fprintf(&b, `<Ntry><NtryRef>%s</NtryRef><Amt Ccy="EUR">%s</Amt><CdtDbtInd>%s</CdtDbtInd><RvslInd>%t</RvslInd>
<Sts><Cd>%s</Cd></Sts><BookgDt><Dt>%s</Dt></BookgDt><ValDt><Dt>%s</Dt></ValDt>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls>`, e.Ref, decimal(e.Minor), dir, e.Reversal, status, e.On, e.On)
		if len(e.Txs) > 1 {
			fmt.Fprintf(&b, `<Btch><NbOfTxs>%d</NbOfTxs></Btch>`, len(e.Txs))
		}
		for _, tx := range e.Txs {
			fmt.Fprintf(&b, `<TxDtls><Refs><EndToEndId>%s</EndToEndId></Refs><Amt Ccy="EUR">%s</Amt>`, html.EscapeString(tx.E2E), decimal(tx.Minor))
			party := "Dbtr"
			acct := "DbtrAcct"
			if e.Debit && !e.Reversal {
				party, acct = "Cdtr", "CdtrAcct"
			}
			fmt.Fprintf(&b, `<RltdPties><%s><Pty><Nm>%s</Nm></Pty></%s>`, party, html.EscapeString(tx.Payer), party)
			if tx.IBAN != "" {
				fmt.Fprintf(&b, `<%s><Id><IBAN>%s</IBAN></Id></%s>`, acct, tx.IBAN, acct)
			}
			b.WriteString(`</RltdPties>`)
			if tx.Text != "" {
				fmt.Fprintf(&b, `<RmtInf><Ustrd>%s</Ustrd></RmtInf>`, html.EscapeString(tx.Text))
			}
			if e.Return != "" {
				fmt.Fprintf(&b, `<RtrInf><Rsn><Cd>%s</Cd></Rsn></RtrInf>`, e.Return)
			}
			b.WriteString("</TxDtls>\n")
		}
		b.WriteString("</NtryDtls></Ntry>\n")
	}
	b.WriteString("</Stmt></BkToCstmrStmt></Document>\n")
	return b.Bytes()
}

func decimal(minor int64) string { return fmt.Sprintf("%d.%02d", minor/100, minor%100) }
