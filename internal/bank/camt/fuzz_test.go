package camt

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/i18n"
)

func TestCatalogue(t *testing.T) {
	for _, k := range Keys {
		for _, lang := range i18n.Langs {
			if !i18n.Has(lang, k) {
				t.Errorf("%s is not in the %s catalogue", k, lang)
			}
		}
	}
	for _, k := range i18n.Keys("fr") {
		if strings.HasPrefix(k, "bank.err.camt.") && !slices.Contains(Keys, k) {
			t.Errorf("%s is in the catalogue, not in Keys", k)
		}
	}
}

// fuzzSeeds are small messages of every shape the parser knows, built
// here (never the sample files).
func fuzzSeeds() []string {
	full := okEntry + `<AcctSvcrRef>R1</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>` +
		`<NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch><TxDtls><Refs><EndToEndId>E1</EndToEndId><UETR>u-1</UETR></Refs>` +
		`<AmtDtls><TxAmt><Amt Ccy="EUR">10.00</Amt></TxAmt></AmtDtls><RltdPties><Dbtr><Pty><Nm>A</Nm></Pty></Dbtr>` +
		`<DbtrAcct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>F1</Ustrd>` +
		`<Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf><RfrdDocInf><Nb>F1</Nb></RfrdDocInf></Strd></RmtInf>` +
		`<RtrInf><Rsn><Cd>AC01</Cd></Rsn></RtrInf></TxDtls><TxDtls><Amt Ccy="EUR">2.34</Amt></TxDtls></NtryDtls>` +
		`<AddtlNtryInf>VIR</AddtlNtryInf>`
	balances := bal("OPBD", "1.00", "EUR", "CRDT") + bal("CLBD", "13.34", "EUR", "CRDT")
	return []string{
		camt053(okAccount + balances + ntry(okEntry)),
		camt053(okAccount + `<FrToDt><FrDtTm>2024-03-01T00:00:00+01:00</FrDtTm><ToDtTm>2024-03-01T23:59:59Z</ToDtTm></FrToDt>` + ntry(full)),
		camt054(okAccount + ntry(strings.Replace(full, "<Sts>BOOK</Sts>", "<Sts><Cd>PDNG</Cd></Sts>", 1))),
		camt053(bal("PRCD", "1.000", "KWD", "DBIT") + ntry(strings.NewReplacer("EUR", "JPY", "12.34", "1234").Replace(okEntry))),
		camt053(okAccount + ntry(strings.Replace(okEntry, "12.34", "12,34", 1)) + ntry(okEntry)),
		"\uFEFF<BkToCstmrStmt><Stmt>\r" + ntry(okEntry) + "\r</Stmt></BkToCstmrStmt>",
		`<?xml version="1.0" encoding="ISO-8859-1"?><Document><BkToCstmrDbtCdtNtfctn><Ntfctn>` + ntry(okEntry+"<AddtlNtryInf>\xe9</AddtlNtryInf>") + `</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`,
		`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>`,
		"hello",
		"",
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParse(t, data)
	})
}

// TestSeeds runs the fuzz checks on the seeds, so that a plain go test
// covers them.
func TestSeeds(t *testing.T) {
	for _, s := range fuzzSeeds() {
		checkParse(t, []byte(s))
	}
}

// checkParse parses data and checks what must hold for any input: no
// panic, a bounded time, errors and issues with catalogue keys, and
// statements in the shape the reconciliation expects.
func checkParse(t *testing.T, data []byte) {
	t.Helper()
	start := time.Now()
	f, err := Parse(context.Background(), bytes.NewReader(data))
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Parse took %v on %d bytes", d, len(data))
	}
	if format, ok := Sniff(data); ok && err == nil && format != f.Format {
		t.Errorf("Sniff says %q, Parse %q", format, f.Format)
	}
	if err != nil {
		var is statement.Issue
		if !errors.As(err, &is) {
			t.Fatalf("error without an issue: %v", err)
		}
		if !i18n.Has("fr", is.Key) || !slices.Contains(Keys, is.Key) || strings.Contains(is.Message("fr"), "%!") {
			t.Fatalf("fault %+v", is)
		}
		return
	}
	if f.Format != statement.FormatCAMT053 && f.Format != statement.FormatCAMT054 {
		t.Fatalf("format %q", f.Format)
	}
	if len(f.Issues) > maxIssues+1 {
		t.Fatalf("%d issues", len(f.Issues))
	}
	for _, is := range f.Issues {
		if !i18n.Has("fr", is.Key) || !i18n.Has("en", is.Key) || !slices.Contains(Keys, is.Key) || is.Line < 1 ||
			strings.Contains(is.Message("fr"), "%!") || strings.Contains(is.Message("en"), "%!") {
			t.Fatalf("issue %+v", is)
		}
	}
	for _, st := range f.Statements {
		if st.HasBalances && (st.Opening.Currency != st.Currency || st.Closing.Currency != st.Currency) {
			t.Fatalf("balances %v %v in %s", st.Opening, st.Closing, st.Currency)
		}
		for i, e := range st.Entries {
			switch {
			case e.Amount.Minor < 0 || !e.Amount.Currency.Valid():
				t.Fatalf("amount %v", e.Amount)
			case e.Status != StatusBooked && e.Status != StatusPending && e.Status != StatusInfo:
				t.Fatalf("status %q", e.Status)
			case e.Line < 1 || e.Line > bytes.Count(data, []byte{'\n'})+bytes.Count(data, []byte{'\r'})+1:
				t.Fatalf("line %d", e.Line)
			}
			for _, tx := range e.Transactions {
				if tx.Amount.Minor < 0 || (tx.Amount.Currency != "" && !tx.Amount.Currency.Valid()) {
					t.Fatalf("transaction amount %v", tx.Amount)
				}
			}
			if len(st.Entries[i].Payments(st.Account)) == 0 {
				t.Fatalf("no payment")
			}
		}
	}
}
