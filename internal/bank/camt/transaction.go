package camt

import (
	"strings"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/money"
)

// txFields are the children of TxDtls the parser reads; the others
// (RltdAgts, RltdDts, Chrgs, Purp, Tax…) are skipped unread.
var txFields = map[string]bool{
	"Refs": true, "Amt": true, "AmtDtls": true, "RltdPties": true,
	"RmtInf": true, "RtrInf": true, "AddtlTxInf": true,
}

const txColumn = "Ntry/NtryDtls/TxDtls"

// amountPaths are where a transaction's amount may be, in order of
// preference: the amount booked (.08), the transaction amount, the
// instructed amount, the counter value.
var amountPaths = [4][]string{
	{"Amt"},
	{"AmtDtls", "TxAmt", "Amt"},
	{"AmtDtls", "InstdAmt", "Amt"},
	{"AmtDtls", "CntrValAmt", "Amt"},
}

// party is one side of a transaction.
type party struct{ name, iban string }

// rawTx is what a TxDtls says, read before its entry is complete: the
// entry's direction and currency decide its counterparty and amount.
// Only the amount elements are kept as nodes, by their place in
// amountPaths.
type rawTx struct {
	line             int
	tx               statement.Transaction // references and remittance
	amounts          [4]*node              // one per amountPaths
	debtor, creditor party
	additional       string
}

// readTx reads a TxDtls node.
func readTx(n *node) rawTx {
	r := rawTx{line: n.line, additional: n.child("AddtlTxInf").value()}
	refs := n.child("Refs")
	r.tx.EndToEndID = refs.child("EndToEndId").raw()
	r.tx.AcctSvcrRef = refs.child("AcctSvcrRef").raw()
	r.tx.MandateID = refs.child("MndtId").raw()
	if r.tx.TxID = refs.child("TxId").raw(); r.tx.TxID == "" {
		r.tx.TxID = refs.child("UETR").raw()
	}
	for i, p := range amountPaths {
		r.amounts[i] = n.path(p...)
	}
	rp := n.child("RltdPties")
	r.debtor = readParty(rp, "Dbtr", "DbtrAcct", "UltmtDbtr")
	r.creditor = readParty(rp, "Cdtr", "CdtrAcct", "UltmtCdtr")
	rmt := n.child("RmtInf")
	for _, u := range rmt.all("Ustrd") {
		if s := u.raw(); s != "" {
			r.tx.Unstructured = append(r.tx.Unstructured, s)
		}
	}
	for _, s := range rmt.all("Strd") {
		for _, c := range s.all("CdtrRefInf") {
			if ref := c.child("Ref").raw(); ref != "" {
				r.tx.CreditorRefs = append(r.tx.CreditorRefs, ref)
			}
		}
		for _, d := range s.all("RfrdDocInf") {
			if nb := d.child("Nb").raw(); nb != "" {
				r.tx.DocumentNumbers = append(r.tx.DocumentNumbers, nb)
			}
		}
	}
	rsn := n.path("RtrInf", "Rsn")
	if r.tx.ReturnReason = rsn.child("Cd").raw(); r.tx.ReturnReason == "" {
		r.tx.ReturnReason = rsn.child("Prtry").raw()
	}
	return r
}

// readParty reads a side of RltdPties: the party's name (Nm, or Pty/Nm
// from .08 on; the ultimate party's when the party has none) and its
// account's IBAN.
func readParty(rp *node, who, account, ultimate string) party {
	p := party{iban: normIBAN(rp.path(account, "Id", "IBAN").value())}
	for _, n := range []*node{rp.path(who, "Nm"), rp.path(who, "Pty", "Nm"), rp.path(ultimate, "Nm"), rp.path(ultimate, "Pty", "Nm")} {
		if p.name = n.value(); p.name != "" {
			break
		}
	}
	return p
}

// build completes the transaction of an entry whose direction and
// currency are known.
func (r rawTx) build(credit bool, entryCcy money.Currency) (statement.Transaction, *statement.Issue) {
	tx := r.tx
	cp := r.creditor
	if credit {
		cp = r.debtor
	}
	tx.Counterparty, tx.CounterpartyIBAN = cp.name, cp.iban
	pick := -1
	for i, a := range r.amounts {
		if a == nil {
			continue
		}
		if pick < 0 {
			pick = i
		}
		if c, _ := readCurrency(a.attr("Ccy")); c == entryCcy {
			pick = i
			break
		}
	}
	if pick < 0 {
		return tx, nil
	}
	column := txColumn + "/" + strings.Join(amountPaths[pick], "/")
	amount, is := readAmount(r.amounts[pick], column, r.line, entryCcy)
	if is != nil {
		return statement.Transaction{}, is
	}
	tx.Amount = amount
	return tx, nil
}
