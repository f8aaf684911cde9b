package camt

import (
	"slices"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

func TestVersionsAndWrappers(t *testing.T) {
	body := okAccount + ntry(okEntry)
	plain := camt053(body)
	for _, tt := range []struct {
		name, xml string
		format    statement.Format
	}{
		{"camt.053.001.02", plain, statement.FormatCAMT053},
		{"camt.053.001.04", strings.Replace(plain, "001.02", "001.04", 1), statement.FormatCAMT053},
		{"camt.053.001.08", strings.Replace(plain, "001.02", "001.08", 1), statement.FormatCAMT053},
		{"camt.053.001.13", strings.Replace(plain, "001.02", "001.13", 1), statement.FormatCAMT053},
		{"no XML declaration", plain[strings.Index(plain, "<Document"):], statement.FormatCAMT053},
		{"no namespace", strings.Replace(plain, ` xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"`, "", 1), statement.FormatCAMT053},
		{"prefixed elements", `<c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><c:BkToCstmrStmt><c:Stmt>` +
			strings.ReplaceAll(strings.ReplaceAll(body, "<", "<c:"), "<c:/", "</c:") + `</c:Stmt></c:BkToCstmrStmt></c:Document>`, statement.FormatCAMT053},
		{"message without Document", `<BkToCstmrStmt><Stmt>` + body + `</Stmt></BkToCstmrStmt>`, statement.FormatCAMT053},
		{"camt.054.001.08", camt054(body), statement.FormatCAMT054},
		{"camt.054.001.02", strings.Replace(camt054(body), "001.08", "001.02", 1), statement.FormatCAMT054},
		{"BOM and CRLF", "\uFEFF" + strings.ReplaceAll(plain, "\n", "\r\n"), statement.FormatCAMT053},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := parseString(t, tt.xml)
			if f.Format != tt.format || len(f.Issues) > 0 || len(f.Statements) != 1 || len(f.Statements[0].Entries) != 1 {
				t.Fatalf("got %+v", f)
			}
			if e := f.Statements[0].Entries[0]; e.Amount != money.EUR(1234) || !e.Credit {
				t.Errorf("entry %+v", e)
			}
		})
	}
}

func TestSeveralStatements(t *testing.T) {
	two := strings.Replace(camt053(okAccount+ntry(okEntry)), "</Stmt>",
		"</Stmt><Stmt><Id>S2</Id>"+okAccount+ntry(okEntry)+ntry(okEntry)+"</Stmt>", 1)
	f := parseString(t, two)
	if len(f.Statements) != 2 || f.Statements[0].ID != "S1" || f.Statements[1].ID != "S2" ||
		len(f.Statements[0].Entries) != 1 || len(f.Statements[1].Entries) != 2 {
		t.Fatalf("got %+v", f.Statements)
	}
}

func TestAccount(t *testing.T) {
	for _, tt := range []struct {
		name, acct string
		want       statement.Account
	}{
		{"IBAN with spaces, owner, BIC", `<Acct><Id><IBAN> fr76 3000 6000 0112 3456 7890 189 </IBAN></Id><Ownr><Nm>ACME  SAS</Nm></Ownr>` +
			`<Svcr><FinInstnId><BIC>BNPAFRPP</BIC></FinInstnId></Svcr></Acct>`,
			statement.Account{IBAN: "FR7630006000011234567890189", Owner: "ACME SAS", BankCode: "BNPAFRPP"}},
		{"other id, BICFI, owner party", `<Acct><Id><Othr><Id>0035-2915203-10-000</Id></Othr></Id><Ownr><Pty><Nm>Dupont</Nm></Pty></Ownr>` +
			`<Svcr><FinInstnId><BICFI>UBSWCHZH80A</BICFI></FinInstnId></Svcr></Acct>`,
			statement.Account{Number: "0035-2915203-10-000", Owner: "Dupont", BankCode: "UBSWCHZH80A"}},
		{"account name when no owner", `<Acct><Id><IBAN>NL77ABNA0574908765</IBAN></Id><Nm>Example company</Nm></Acct>`,
			statement.Account{IBAN: "NL77ABNA0574908765", Owner: "Example company"}},
		{"none", ``, statement.Account{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := parseString(t, camt053(tt.acct))
			if got := f.Statements[0].Account; got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestStatementCurrency(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       money.Currency
	}{
		{"account currency", okAccount + bal("OPBD", "1.00", "EUR", "CRDT"), "EUR"},
		{"opening balance", bal("OPBD", "1.00", "CHF", "CRDT") + bal("CLBD", "1.00", "CHF", "CRDT"), "CHF"},
		{"closing balance", bal("CLBD", "1.00", "GBP", "CRDT"), "GBP"},
		{"first entry", ntry(strings.Replace(okEntry, "EUR", "USD", 1)), "USD"},
		{"none", ``, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseString(t, camt053(tt.body)).Statements[0].Currency; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBalances(t *testing.T) {
	for _, tt := range []struct {
		name, body       string
		has              bool
		opening, closing int64
		issue            string
	}{
		{"booked pair", okAccount + bal("OPBD", "100.00", "EUR", "CRDT") + bal("CLBD", "80.50", "EUR", "CRDT"), true, 10000, 8050, ""},
		{"debit sign", okAccount + bal("OPBD", "100.00", "EUR", "DBIT") + bal("CLBD", "0", "EUR", "CRDT"), true, -10000, 0, ""},
		{"previous closing as opening", okAccount + bal("PRCD", "7.00", "EUR", "CRDT") + bal("CLBD", "9.00", "EUR", "CRDT"), true, 700, 900, ""},
		{"OPBD before PRCD", okAccount + bal("PRCD", "7.00", "EUR", "CRDT") + bal("OPBD", "8.00", "EUR", "CRDT") + bal("CLBD", "9.00", "EUR", "CRDT"), true, 800, 900, ""},
		{"first of a kind", okAccount + bal("OPBD", "1.00", "EUR", "CRDT") + bal("OPBD", "2.00", "EUR", "CRDT") + bal("CLBD", "3.00", "EUR", "CRDT"), true, 100, 300, ""},
		{"available balances only", okAccount + bal("OPAV", "1.00", "EUR", "CRDT") + bal("CLAV", "2.00", "EUR", "CRDT"), false, 0, 0, ""},
		{"closing only", okAccount + bal("CLBD", "2.00", "EUR", "CRDT"), false, 0, 0, ""},
		{"opening only", okAccount + bal("OPBD", "2.00", "EUR", "CRDT"), false, 0, 0, ""},
		{"three decimals", okAccount + bal("OPBD", "18.150", "EUR", "CRDT") + bal("CLBD", "27.050", "EUR", "CRDT"), true, 1815, 2705, ""},
		{"missing Ccy takes the account's", okAccount + strings.Replace(bal("OPBD", "1.00", "EUR", "CRDT"), ` Ccy="EUR"`, "", 1) +
			bal("CLBD", "2.00", "EUR", "CRDT"), true, 100, 200, ""},
		{"other currency than the account", okAccount + bal("OPBD", "1.00", "CHF", "CRDT") + bal("CLBD", "2.00", "CHF", "CRDT"), false, 0, 0, KeyBalanceCurrency},
		{"mixed currencies", bal("OPBD", "1.00", "EUR", "CRDT") + bal("CLBD", "2.00", "SEK", "DBIT"), false, 0, 0, KeyBalanceCurrency},
		{"bad amount", okAccount + bal("OPBD", "1,00", "EUR", "CRDT") + bal("CLBD", "2.00", "EUR", "CRDT"), false, 0, 0, KeyAmount},
		{"bad direction", okAccount + bal("OPBD", "1.00", "EUR", "CR") + bal("CLBD", "2.00", "EUR", "CRDT"), false, 0, 0, KeyDirection},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := parseString(t, camt053(tt.body))
			st := f.Statements[0]
			if st.HasBalances != tt.has || (tt.has && (st.Opening.Minor != tt.opening || st.Closing.Minor != tt.closing)) {
				t.Errorf("balances %v %v → %v", st.HasBalances, st.Opening, st.Closing)
			}
			if got := issueKeys(f); !slices.Equal(got, nonEmpty(tt.issue)) {
				t.Errorf("issues %v, want %q", f.Issues, tt.issue)
			}
		})
	}
}

func TestPeriod(t *testing.T) {
	for _, tt := range []struct {
		name, frToDt, from, to string
	}{
		{"UTC", `<FrDtTm>2014-01-05T00:00:00.000Z</FrDtTm><ToDtTm>2014-01-05T23:59:59.999Z</ToDtTm>`, "2014-01-05", "2014-01-05"},
		{"offsets, date as written", `<FrDtTm>2023-01-25T00:00:00+01:00</FrDtTm><ToDtTm>2023-01-25T23:59:00-05:00</ToDtTm>`, "2023-01-25", "2023-01-25"},
		{"local time", `<FrDtTm>2017-03-23T00:00:00</FrDtTm><ToDtTm>2017-03-23T23:59:59</ToDtTm>`, "2017-03-23", "2017-03-23"},
		{"dates", `<FrDt>2024-03-01</FrDt><ToDt>2024-03-31</ToDt>`, "2024-03-01", "2024-03-31"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := parseString(t, camt053(`<FrToDt>`+tt.frToDt+`</FrToDt>`)).Statements[0]
			if dateString(st.From) != tt.from || dateString(st.To) != tt.to {
				t.Errorf("period %v – %v, want %s – %s", st.From, st.To, tt.from, tt.to)
			}
		})
	}
}

func TestEntryAmounts(t *testing.T) {
	for _, tt := range []struct {
		amt  string
		want money.Amount
	}{
		{`<Amt Ccy="EUR">1234.56</Amt>`, money.EUR(123456)},
		{`<Amt Ccy="EUR">18.150</Amt>`, money.EUR(1815)},
		{`<Amt Ccy="EUR">8.85000</Amt>`, money.EUR(885)},
		{`<Amt Ccy="EUR">3.1</Amt>`, money.EUR(310)},
		{`<Amt Ccy="EUR">0</Amt>`, money.EUR(0)},
		{`<Amt Ccy="EUR"> 12 </Amt>`, money.EUR(1200)},
		{`<Amt Ccy="EUR">.5</Amt>`, money.EUR(50)},
		{`<Amt Ccy="EUR">+7.</Amt>`, money.EUR(700)},
		{`<Amt Ccy="SEK">200000</Amt>`, money.New(20000000, "SEK")},
		{`<Amt Ccy="JPY">79255.00</Amt>`, money.New(79255, "JPY")},
		{`<Amt Ccy="KWD">1.234</Amt>`, money.New(1234, "KWD")},
		{`<Amt Ccy="eur">1.00</Amt>`, money.EUR(100)},
		{`<Amt Ccy="EUR">92233720368547758.07</Amt>`, money.EUR(9223372036854775807)},
		{`<Amt>5.00</Amt>`, money.EUR(500)}, // the account's currency
	} {
		e := oneEntry(t, camt053(okAccount+ntry(strings.Replace(okEntry, `<Amt Ccy="EUR">12.34</Amt>`, tt.amt, 1))))
		if e.Amount != tt.want {
			t.Errorf("%s: %v, want %v", tt.amt, e.Amount, tt.want)
		}
	}
}

func TestEntryFields(t *testing.T) {
	for _, tt := range []struct {
		name, old, new string
		check          func(statement.Entry) bool
	}{
		{"credit", "", "", func(e statement.Entry) bool { return e.Credit && !e.Reversal }},
		{"debit", "CRDT", "DBIT", func(e statement.Entry) bool { return !e.Credit }},
		{"reversal", "<Sts>", "<RvslInd>true</RvslInd><Sts>", func(e statement.Entry) bool { return e.Reversal }},
		{"reversal 1", "<Sts>", "<RvslInd>1</RvslInd><Sts>", func(e statement.Entry) bool { return e.Reversal }},
		{"not a reversal", "<Sts>", "<RvslInd>false</RvslInd><Sts>", func(e statement.Entry) bool { return !e.Reversal }},
		{"booked", "", "", func(e statement.Entry) bool { return e.Status == StatusBooked }},
		{"pending", "BOOK", "PDNG", func(e statement.Entry) bool { return e.Status == StatusPending }},
		{"info", "BOOK", "INFO", func(e statement.Entry) bool { return e.Status == StatusInfo }},
		{"future", "BOOK", "FUTR", func(e statement.Entry) bool { return e.Status == StatusPending }},
		{"Sts/Cd", "<Sts>BOOK</Sts>", "<Sts><Cd>PDNG</Cd></Sts>", func(e statement.Entry) bool { return e.Status == StatusPending }},
		{"no status", "<Sts>BOOK</Sts>", "", func(e statement.Entry) bool { return e.Status == StatusBooked }},
		{"dates", "", "", func(e statement.Entry) bool {
			return e.BookingDate == civil.D(2024, 3, 1) && e.ValueDate == civil.D(2024, 3, 2)
		}},
		{"date-time with offset as written", "<BookgDt><Dt>2024-03-01</Dt>", "<BookgDt><DtTm>2024-03-31T23:30:00-05:00</DtTm>",
			func(e statement.Entry) bool { return e.BookingDate == civil.D(2024, 3, 31) }},
		{"date-time early in the day", "<BookgDt><Dt>2024-03-01</Dt>", "<BookgDt><DtTm>2024-04-01T00:30:00.123+02:00</DtTm>",
			func(e statement.Entry) bool { return e.BookingDate == civil.D(2024, 4, 1) }},
		{"date-time UTC", "<ValDt><Dt>2024-03-02</Dt>", "<ValDt><DtTm>2024-03-05T13:15:00Z</DtTm>",
			func(e statement.Entry) bool { return e.ValueDate == civil.D(2024, 3, 5) }},
		{"date with zone", "<ValDt><Dt>2024-03-02</Dt>", "<ValDt><Dt>2024-03-06+01:00</Dt>",
			func(e statement.Entry) bool { return e.ValueDate == civil.D(2024, 3, 6) }},
		{"no dates", "<BookgDt><Dt>2024-03-01</Dt></BookgDt><ValDt><Dt>2024-03-02</Dt></ValDt>", "",
			func(e statement.Entry) bool { return e.BookingDate.IsZero() && e.ValueDate.IsZero() }},
		{"entry ref alone", "<Sts>", "<NtryRef>014295803</NtryRef><Sts>",
			func(e statement.Entry) bool { return e.Ref == "014295803" }},
		{"servicer ref", "</ValDt>", "</ValDt><AcctSvcrRef>07582000303KBMSU</AcctSvcrRef>",
			func(e statement.Entry) bool { return e.Ref == "07582000303KBMSU" }},
		{"bank code ISO", "</ValDt>", "</ValDt><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn><Prtry><Cd>ET</Cd></Prtry></BkTxCd>",
			func(e statement.Entry) bool { return e.BankCode == "PMNT/RCDT/ESCT" }},
		{"bank code without sub-family", "</ValDt>", "</ValDt><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd></Fmly></Domn></BkTxCd>",
			func(e statement.Entry) bool { return e.BankCode == "PMNT/RCDT" }},
		{"bank code proprietary", "</ValDt>", "</ValDt><BkTxCd><Prtry><Cd>NTRF+701</Cd><Issr>FFFS</Issr></Prtry></BkTxCd>",
			func(e statement.Entry) bool { return e.BankCode == "NTRF+701" }},
		{"empty bank code", "</ValDt>", "</ValDt><BkTxCd>\n</BkTxCd>", func(e statement.Entry) bool { return e.BankCode == "" }},
		{"text", "</ValDt>", "</ValDt><AddtlNtryInf>VIR SEPA  ACME\n FACTURE 42</AddtlNtryInf>",
			func(e statement.Entry) bool { return e.Text == "VIR SEPA ACME FACTURE 42" }},
		{"skipped elements", "</ValDt>", "</ValDt><Chrgs><Amt Ccy=\"EUR\">x</Amt></Chrgs><Intrst/><CardTx><Card/></CardTx>",
			func(e statement.Entry) bool { return e.Amount == money.EUR(1234) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			inner := okEntry
			if tt.old != "" || tt.new != "" {
				if !strings.Contains(inner, tt.old) {
					t.Fatalf("%q not in the entry", tt.old)
				}
				inner = strings.Replace(inner, tt.old, tt.new, 1)
			}
			if e := oneEntry(t, camt053(okAccount+ntry(inner))); !tt.check(e) {
				t.Errorf("entry %+v", e)
			}
		})
	}
	// AcctSvcrRef wins over NtryRef when both are given.
	both := strings.Replace(okEntry, "<Amt", "<NtryRef>014295803</NtryRef><Amt", 1) + "<AcctSvcrRef>REF1</AcctSvcrRef>"
	if e := oneEntry(t, camt053(okAccount+ntry(both))); e.Ref != "REF1" {
		t.Errorf("ref %q, want the servicer's", e.Ref)
	}
}

func TestEntryTextFromTransaction(t *testing.T) {
	tx := `<AddtlTxInf>#RD PARTY MEDIA CUSNO 90782</AddtlTxInf>`
	if e := oneEntry(t, camt053(okAccount+ntry(okEntry+txDtls(tx)))); e.Text != "#RD PARTY MEDIA CUSNO 90782" {
		t.Errorf("one transaction: text %q", e.Text)
	}
	if e := oneEntry(t, camt053(okAccount+ntry(okEntry+txDtls(tx, tx)))); e.Text != "" {
		t.Errorf("two transactions: text %q", e.Text)
	}
	if e := oneEntry(t, camt053(okAccount+ntry(okEntry+txDtls(tx)+`<AddtlNtryInf>OWN</AddtlNtryInf>`))); e.Text != "OWN" {
		t.Errorf("own text: %q", e.Text)
	}
}

func TestTransactions(t *testing.T) {
	debit := strings.Replace(okEntry, "CRDT", "DBIT", 1)
	parties := `<RltdPties><Dbtr><Nm>Payer  SARL</Nm></Dbtr><DbtrAcct><Id><IBAN>FR76 1111 2222 3333 4444 5555 666</IBAN></Id></DbtrAcct>` +
		`<Cdtr><Nm>Payee SA</Nm></Cdtr><CdtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></CdtrAcct></RltdPties>`
	for _, tt := range []struct {
		name, entry, tx string
		want            statement.Transaction
	}{
		{"references", okEntry, `<Refs><MsgId>M</MsgId><AcctSvcrRef>SVC1</AcctSvcrRef><InstrId>I1</InstrId><EndToEndId>E2E1</EndToEndId>` +
			`<TxId>TX1</TxId><MndtId>MNDT1</MndtId><UETR>75e77105-a09f-4f9e-bfa8-e82e91ab209b</UETR></Refs>`,
			statement.Transaction{AcctSvcrRef: "SVC1", EndToEndID: "E2E1", TxID: "TX1", MandateID: "MNDT1"}},
		{"UETR as transaction id", okEntry, `<Refs><EndToEndId>NOTPROVIDED</EndToEndId><UETR>255ae394-9965-4438-ac86-f406feada396</UETR></Refs>`,
			statement.Transaction{EndToEndID: "NOTPROVIDED", TxID: "255ae394-9965-4438-ac86-f406feada396"}},
		{"amount of .08", okEntry, `<Amt Ccy="EUR">5.00</Amt><AmtDtls><TxAmt><Amt Ccy="EUR">6.00</Amt></TxAmt></AmtDtls>`,
			statement.Transaction{Amount: money.EUR(500)}},
		{"transaction amount", okEntry, `<AmtDtls><InstdAmt><Amt Ccy="EUR">6.50</Amt></InstdAmt><TxAmt><Amt Ccy="EUR">6.00</Amt></TxAmt></AmtDtls>`,
			statement.Transaction{Amount: money.EUR(600)}},
		{"instructed amount", okEntry, `<AmtDtls><InstdAmt><Amt Ccy="EUR">6.50</Amt></InstdAmt></AmtDtls>`,
			statement.Transaction{Amount: money.EUR(650)}},
		{"amount in the entry's currency first", okEntry,
			`<Amt Ccy="USD">8.00</Amt><AmtDtls><InstdAmt><Amt Ccy="USD">8.00</Amt></InstdAmt><CntrValAmt><Amt Ccy="EUR">7.10</Amt></CntrValAmt></AmtDtls>`,
			statement.Transaction{Amount: money.EUR(710)}},
		{"foreign amount alone", okEntry, `<AmtDtls><InstdAmt><Amt Ccy="JPY">79255</Amt></InstdAmt></AmtDtls>`,
			statement.Transaction{Amount: money.New(79255, "JPY")}},
		{"amount without Ccy takes the entry's", okEntry, `<Amt>1.25</Amt>`, statement.Transaction{Amount: money.EUR(125)}},
		{"counterparty of a credit is the debtor", okEntry, parties,
			statement.Transaction{Counterparty: "Payer SARL", CounterpartyIBAN: "FR7611112222333344445555666"}},
		{"counterparty of a debit is the creditor", debit, parties,
			statement.Transaction{Counterparty: "Payee SA", CounterpartyIBAN: "DE89370400440532013000"}},
		{"party of .08", okEntry, `<RltdPties><Dbtr><Pty><Nm>NAME NAME</Nm></Pty></Dbtr></RltdPties>`,
			statement.Transaction{Counterparty: "NAME NAME"}},
		{"ultimate debtor when the debtor has no name", okEntry,
			`<RltdPties><Dbtr><Id><OrgId><AnyBIC>X</AnyBIC></OrgId></Id></Dbtr><UltmtDbtr><Nm>Final payer</Nm></UltmtDbtr></RltdPties>`,
			statement.Transaction{Counterparty: "Final payer"}},
		{"debtor before the ultimate debtor", okEntry,
			`<RltdPties><Dbtr><Nm>DEBTOR</Nm></Dbtr><UltmtDbtr><Nm>ULTIMATE</Nm></UltmtDbtr></RltdPties>`,
			statement.Transaction{Counterparty: "DEBTOR"}},
		{"no debtor on a credit", okEntry, `<RltdPties><Cdtr><Nm>Us</Nm></Cdtr></RltdPties>`, statement.Transaction{}},
		{"other account is not an IBAN", debit,
			`<RltdPties><Cdtr><Nm>Creditor Company</Nm></Cdtr><CdtrAcct><Id><Othr><Id>29501800020582</Id></Othr></Id></CdtrAcct></RltdPties>`,
			statement.Transaction{Counterparty: "Creditor Company"}},
		{"remittance", okEntry, `<RmtInf><Ustrd> FACT 2024-001 </Ustrd><Ustrd>FACT  2024-002</Ustrd><Ustrd> </Ustrd>` +
			`<Strd><RfrdDocInf><Tp><CdOrPrtry><Cd>CINV</Cd></CdOrPrtry></Tp><Nb>F-001</Nb></RfrdDocInf><RfrdDocInf><Nb>F-002</Nb></RfrdDocInf>` +
			`<CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>RF18539007547034</Ref></CdtrRefInf></Strd>` +
			`<Strd><CdtrRefInf><Ref>RF7812345 </Ref></CdtrRefInf></Strd></RmtInf>`,
			statement.Transaction{Unstructured: []string{"FACT 2024-001", "FACT  2024-002"},
				DocumentNumbers: []string{"F-001", "F-002"}, CreditorRefs: []string{"RF18539007547034", "RF7812345"}}},
		{"return reason", okEntry, `<RtrInf><Rsn><Cd>AC06</Cd></Rsn><AddtlInf>Rek.nummer blokkade</AddtlInf></RtrInf>`,
			statement.Transaction{ReturnReason: "AC06"}},
		{"proprietary return reason", okEntry, `<RtrInf><Rsn><Prtry>X12</Prtry></Rsn></RtrInf>`,
			statement.Transaction{ReturnReason: "X12"}},
		{"skipped elements", okEntry, `<RltdAgts><DbtrAgt><FinInstnId><BIC>X</BIC></FinInstnId></DbtrAgt></RltdAgts><Chrgs><Amt Ccy="EUR">1</Amt></Chrgs>` +
			`<Purp><Cd>SALA</Cd></Purp><RltdDts><AccptncDtTm>bad</AccptncDtTm></RltdDts>`, statement.Transaction{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := oneEntry(t, camt053(okAccount+ntry(tt.entry+txDtls(tt.tx))))
			if len(e.Transactions) != 1 {
				t.Fatalf("%d transactions", len(e.Transactions))
			}
			if got := e.Transactions[0]; !sameTx(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func sameTx(a, b statement.Transaction) bool {
	return a.EndToEndID == b.EndToEndID && a.TxID == b.TxID && a.AcctSvcrRef == b.AcctSvcrRef && a.MandateID == b.MandateID &&
		a.Amount == b.Amount && a.Counterparty == b.Counterparty && a.CounterpartyIBAN == b.CounterpartyIBAN &&
		slices.Equal(a.Unstructured, b.Unstructured) && slices.Equal(a.CreditorRefs, b.CreditorRefs) &&
		slices.Equal(a.DocumentNumbers, b.DocumentNumbers) && a.ReturnReason == b.ReturnReason
}

func TestBatch(t *testing.T) {
	batch := okEntry + `<NtryDtls><Btch><MsgId>B1</MsgId><NbOfTxs>3</NbOfTxs><TtlAmt Ccy="EUR">12.34</TtlAmt></Btch>` +
		`<TxDtls><Refs><EndToEndId>A</EndToEndId></Refs><Amt Ccy="EUR">10.00</Amt></TxDtls>` +
		`<TxDtls><Refs><EndToEndId>B</EndToEndId></Refs><Amt Ccy="EUR">2.00</Amt></TxDtls>` +
		`<TxDtls><Refs><EndToEndId>C</EndToEndId></Refs><Amt Ccy="EUR">0.34</Amt></TxDtls></NtryDtls>` +
		`<NtryDtls><TxDtls><Refs><EndToEndId>D</EndToEndId></Refs></TxDtls></NtryDtls>`
	e := oneEntry(t, camt053(okAccount+ntry(batch)))
	var ids []string
	var sum int64
	for _, tx := range e.Transactions {
		ids = append(ids, tx.EndToEndID)
		sum += tx.Amount.Minor
	}
	if !slices.Equal(ids, []string{"A", "B", "C", "D"}) || sum != 1234 {
		t.Errorf("transactions %q, sum %d", ids, sum)
	}
}

func TestEntryLines(t *testing.T) {
	entry := ntry(okEntry)
	for _, tt := range []struct {
		name, xml string
		want      []int
	}{
		{"LF", "<Document><BkToCstmrStmt><Stmt>\n" + entry + "\n\n" + entry + "\n</Stmt></BkToCstmrStmt></Document>", []int{2, 4}},
		{"CRLF", "<Document><BkToCstmrStmt><Stmt>\r\n" + entry + "\r\n\r\n" + entry + "\r\n</Stmt></BkToCstmrStmt></Document>", []int{2, 4}},
		{"CR", "<Document><BkToCstmrStmt><Stmt>\r" + entry + "\r\r" + entry + "\r</Stmt></BkToCstmrStmt></Document>", []int{2, 4}},
		{"one line", "<Document><BkToCstmrStmt><Stmt>" + entry + entry + "</Stmt></BkToCstmrStmt></Document>", []int{1, 1}},
		{"tag over two lines", "<Document\nxmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n<BkToCstmrStmt><Stmt>\n<Ntry\n>" +
			okEntry + "</Ntry><!-- a\ncomment -->\n<Ntry>\n" + okEntry + "</Ntry></Stmt></BkToCstmrStmt></Document>", []int{4, 7}},
		{"text with line breaks", "<Document><BkToCstmrStmt><Stmt>\n" + ntry(okEntry+"<AddtlNtryInf>a\nb\r\nc\rd</AddtlNtryInf>") +
			"\n" + entry + "</Stmt></BkToCstmrStmt></Document>", []int{2, 6}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := parseString(t, tt.xml)
			var got []int
			for _, e := range f.Statements[0].Entries {
				got = append(got, e.Line)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("lines %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEncodings(t *testing.T) {
	latin1 := strings.Replace(camt053(okAccount+ntry(okEntry+"<AddtlNtryInf>CR\xc9DIT GROUP\xc9</AddtlNtryInf>")),
		`encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1)
	stray := camt053(okAccount + ntry(okEntry+"<AddtlNtryInf>CR\xc9DIT</AddtlNtryInf>"))
	utf16 := utf16LE("\uFEFF" + camt053(okAccount+ntry(okEntry+"<AddtlNtryInf>CRÉDIT</AddtlNtryInf>")))
	for _, tt := range []struct {
		name, xml, encoding, text string
	}{
		{"declared ISO-8859-1", latin1, "ISO-8859-1", "CRÉDIT GROUPÉ"},
		{"stray byte in UTF-8", stray, "UTF-8", "CRÉDIT"},
		{"UTF-8 BOM", "\uFEFF" + camt053(okAccount+ntry(okEntry+"<AddtlNtryInf>CRÉDIT</AddtlNtryInf>")), "UTF-8 (BOM)", "CRÉDIT"},
		{"UTF-16 with BOM", utf16, "UTF-16", "CRÉDIT"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := parseString(t, tt.xml)
			if f.Encoding != tt.encoding {
				t.Errorf("encoding %q, want %q", f.Encoding, tt.encoding)
			}
			if e := f.Statements[0].Entries[0]; e.Text != tt.text {
				t.Errorf("text %q, want %q", e.Text, tt.text)
			}
		})
	}
}

// utf16LE encodes s (ASCII and Latin-1 letters) as UTF-16 little endian.
func utf16LE(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteByte(byte(r))
		b.WriteByte(byte(r >> 8))
	}
	return b.String()
}

func TestSniff(t *testing.T) {
	doc := camt053(okAccount + ntry(okEntry))
	for _, tt := range []struct {
		name, sample string
		want         statement.Format
		ok           bool
	}{
		{"camt.053", doc, statement.FormatCAMT053, true},
		{"camt.054", camt054(""), statement.FormatCAMT054, true},
		{"cut after the Document tag", doc[:strings.Index(doc, "<BkToCstmrStmt")+3], statement.FormatCAMT053, true},
		{"cut inside the Document tag", doc[:strings.Index(doc, "camt.053.001.02")+12], "", false},
		{"cut after the 054 Document tag", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.04"><Bk`, statement.FormatCAMT054, true},
		{"no Document", `<BkToCstmrDbtCdtNtfctn><Ntfctn>`, statement.FormatCAMT054, true},
		{"BOM", "\uFEFF" + doc, statement.FormatCAMT053, true},
		{"UTF-16", utf16LE("\uFEFF" + doc)[:400], statement.FormatCAMT053, true},
		{"camt.052 report", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt>`, "", false},
		{"pain.001", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn>`, "", false},
		{"invoice", `<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">`, "", false},
		{"OFX", "OFXHEADER:100\nDATA:OFXSGML\n<OFX><SIGNONMSGSRSV1>", "", false},
		{"CSV", "Date;Libellé;Montant\n01/03/2024;VIR;12,00\n", "", false},
		{"empty", "", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, ok := Sniff([]byte(tt.sample)); got != tt.want || ok != tt.ok {
				t.Errorf("Sniff = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func issueKeys(f *statement.File) []string {
	var keys []string
	for _, is := range f.Issues {
		keys = append(keys, is.Key)
	}
	return keys
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}
