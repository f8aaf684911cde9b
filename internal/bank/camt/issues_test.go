package camt

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/i18n"
)

// TestEntryIssues: each value that cannot be read is an issue naming its
// line, element and text; its entry is left out, the others are kept.
func TestEntryIssues(t *testing.T) {
	debit := strings.Replace(okEntry, "CRDT", "DBIT", 1)
	for _, tt := range []struct {
		name, entry        string
		key, column, value string
	}{
		{"no amount", strings.Replace(okEntry, `<Amt Ccy="EUR">12.34</Amt>`, "", 1), KeyAmountMissing, "Ntry/Amt", ""},
		{"empty amount", strings.Replace(okEntry, "12.34", " ", 1), KeyAmountMissing, "Ntry/Amt", ""},
		{"decimal comma", strings.Replace(okEntry, "12.34", "12,34", 1), KeyAmount, "Ntry/Amt", "12,34"},
		{"thousands", strings.Replace(okEntry, "12.34", "1 234.00", 1), KeyAmount, "Ntry/Amt", "1 234.00"},
		{"exponent", strings.Replace(okEntry, "12.34", "1e3", 1), KeyAmount, "Ntry/Amt", "1e3"},
		{"two points", strings.Replace(okEntry, "12.34", "1.2.3", 1), KeyAmount, "Ntry/Amt", "1.2.3"},
		{"negative", strings.Replace(okEntry, "12.34", "-12.34", 1), KeyAmountNegative, "Ntry/Amt", "-12.34"},
		{"third decimal in euros", strings.Replace(okEntry, "12.34", "18.155", 1), KeyAmountDecimals, "Ntry/Amt", "18.155"},
		{"decimals in yen", strings.Replace(okEntry, `"EUR">12.34`, `"JPY">12.5`, 1), KeyAmountDecimals, "Ntry/Amt", "12.5"},
		{"too large", strings.Replace(okEntry, "12.34", "92233720368547758.08", 1), KeyAmountTooLarge, "Ntry/Amt", "92233720368547758.08"},
		{"bad currency", strings.Replace(okEntry, `Ccy="EUR"`, `Ccy="EURO"`, 1), KeyCurrency, "Ntry/Amt@Ccy", "EURO"},
		{"symbol currency", strings.Replace(okEntry, `Ccy="EUR"`, `Ccy="€"`, 1), KeyCurrency, "Ntry/Amt@Ccy", "€"},
		{"no direction", strings.Replace(okEntry, "<CdtDbtInd>CRDT</CdtDbtInd>", "", 1), KeyDirectionMissing, "Ntry/CdtDbtInd", ""},
		{"empty direction", strings.Replace(okEntry, "CRDT", " ", 1), KeyDirectionMissing, "Ntry/CdtDbtInd", ""},
		{"bad direction", strings.Replace(okEntry, "CRDT", "CREDIT", 1), KeyDirection, "Ntry/CdtDbtInd", "CREDIT"},
		{"bad reversal", strings.Replace(okEntry, "<Sts>", "<RvslInd>yes</RvslInd><Sts>", 1), KeyReversal, "Ntry/RvslInd", "yes"},
		{"bad status", strings.Replace(okEntry, "BOOK", "DONE", 1), KeyStatus, "Ntry/Sts", "DONE"},
		{"bad status code", strings.Replace(okEntry, "<Sts>BOOK</Sts>", "<Sts><Cd>XXXX</Cd></Sts>", 1), KeyStatus, "Ntry/Sts/Cd", "XXXX"},
		{"proprietary status", strings.Replace(okEntry, "<Sts>BOOK</Sts>", "<Sts><Prtry>OK</Prtry></Sts>", 1), KeyStatus, "Ntry/Sts/Prtry", "OK"},
		{"empty status", strings.Replace(okEntry, "<Sts>BOOK</Sts>", "<Sts/>", 1), KeyStatus, "Ntry/Sts", ""},
		{"impossible date", strings.Replace(okEntry, "2024-03-01", "2024-02-30", 1), KeyDate, "Ntry/BookgDt/Dt", "2024-02-30"},
		{"French date", strings.Replace(okEntry, "2024-03-02", "02/03/2024", 1), KeyDate, "Ntry/ValDt/Dt", "02/03/2024"},
		{"bad date-time", strings.Replace(okEntry, "<Dt>2024-03-01</Dt>", "<DtTm>2024-03-01T25:00:00</DtTm>", 1), KeyDate, "Ntry/BookgDt/DtTm", "2024-03-01T25:00:00"},
		{"bad transaction amount", okEntry + txDtls(`<AmtDtls><TxAmt><Amt Ccy="EUR">1O.00</Amt></TxAmt></AmtDtls>`),
			KeyAmount, "Ntry/NtryDtls/TxDtls/AmtDtls/TxAmt/Amt", "1O.00"},
		{"bad transaction currency", debit + txDtls(`<Amt Ccy="E">1.00</Amt>`), KeyCurrency, "Ntry/NtryDtls/TxDtls/Amt@Ccy", "E"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// The faulty entry sits between two good ones, on line 3.
			f := parseString(t, camt053(okAccount+"\n"+ntry(okEntry)+"\n"+ntry(tt.entry)+"\n"+ntry(debit)))
			if n := len(f.Statements[0].Entries); n != 2 || !f.Statements[0].Entries[0].Credit || f.Statements[0].Entries[1].Credit {
				t.Errorf("kept %d entries: %+v", n, f.Statements[0].Entries)
			}
			if len(f.Issues) != 1 {
				t.Fatalf("issues %v", f.Issues)
			}
			is := f.Issues[0]
			if is.Key != tt.key || is.Column != tt.column || is.Value != tt.value || is.Line != 6 {
				t.Errorf("issue %+v, want %s at line 6, %q, %q", is, tt.key, tt.column, tt.value)
			}
			if msg := is.Message("fr"); msg == is.Key || strings.Contains(msg, "%!") ||
				(strings.Contains(i18n.T("fr", is.Key), "%s") && !strings.Contains(msg, tt.value)) {
				t.Errorf("message %q", msg)
			}
		})
	}
}

// TestCurrencyMissing: without a Ccy nor an account currency, an amount
// cannot be read.
func TestCurrencyMissing(t *testing.T) {
	f := parseString(t, camt053(ntry(strings.Replace(okEntry, ` Ccy="EUR"`, "", 1))))
	if len(f.Issues) != 1 || f.Issues[0].Key != KeyCurrencyMissing || f.Issues[0].Column != "Ntry/Amt@Ccy" ||
		f.Issues[0].Message("fr") != "La devise du montant n’est pas indiquée." {
		t.Errorf("issues %+v", f.Issues)
	}
}

func TestSeveralIssuesInOneEntry(t *testing.T) {
	bad := strings.NewReplacer("12.34", "x", "BOOK", "NONE", "2024-03-02", "2024-13-01").Replace(okEntry)
	f := parseString(t, camt053(okAccount+ntry(bad)))
	if got := issueKeys(f); strings.Join(got, " ") != KeyAmount+" "+KeyStatus+" "+KeyDate || len(f.Statements[0].Entries) != 0 {
		t.Errorf("issues %v, entries %d", got, len(f.Statements[0].Entries))
	}
}

func TestStatementIssues(t *testing.T) {
	for _, tt := range []struct {
		name, body         string
		key, column, value string
	}{
		{"account currency", `<Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id><Ccy>Euro</Ccy></Acct>`, KeyCurrency, "Acct/Ccy", "Euro"},
		{"period", `<FrToDt><FrDtTm>yesterday</FrDtTm><ToDtTm>2024-03-01T00:00:00</ToDtTm></FrToDt>`, KeyDate, "FrToDt/FrDtTm", "yesterday"},
		{"balance amount", okAccount + bal("OPBD", "", "EUR", "CRDT") + bal("CLBD", "1.00", "EUR", "CRDT"), KeyAmountMissing, "Bal/Amt", ""},
		{"balance currency", okAccount + bal("OPBD", "1.00", "EUR", "CRDT") + bal("CLBD", "1.00", "USD", "CRDT"), KeyBalanceCurrency, "Bal/Amt@Ccy", "USD"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := parseString(t, camt053(tt.body+ntry(okEntry)))
			if len(f.Statements) != 1 || len(f.Statements[0].Entries) != 1 {
				t.Errorf("statement %+v", f.Statements)
			}
			if len(f.Issues) != 1 {
				t.Fatalf("issues %v", f.Issues)
			}
			if is := f.Issues[0]; is.Key != tt.key || is.Column != tt.column || is.Value != tt.value || is.Line != 4 {
				t.Errorf("issue %+v, want %s at line 4, %q, %q", is, tt.key, tt.column, tt.value)
			}
		})
	}
}

func TestNoStatement(t *testing.T) {
	f := parseString(t, "<Document>\n<BkToCstmrStmt><GrpHdr><MsgId>1</MsgId></GrpHdr></BkToCstmrStmt></Document>")
	if len(f.Statements) != 0 || len(f.Issues) != 1 || f.Issues[0].Key != KeyNoStatement || f.Issues[0].Line != 2 {
		t.Errorf("file %+v", f)
	}
}

func TestTooManyIssues(t *testing.T) {
	bad := ntry(strings.Replace(okEntry, "12.34", "x", 1))
	f := parseString(t, camt053(okAccount+strings.Repeat(bad, maxIssues+50)+ntry(okEntry)))
	if len(f.Issues) != maxIssues+1 || f.Issues[maxIssues].Key != KeyTooManyIssues || len(f.Statements[0].Entries) != 1 {
		t.Errorf("%d issues, last %+v", len(f.Issues), f.Issues[len(f.Issues)-1])
	}
}

// TestFaults: a file that is not a camt message, is damaged or exceeds
// the limits is an error, found by errors.As as a statement.Issue.
func TestFaults(t *testing.T) {
	good := camt053(okAccount + "\n" + ntry(okEntry) + "\n" + ntry(okEntry))
	deep := strings.Repeat("<a>", MaxDepth) + strings.Repeat("</a>", MaxDepth)
	for _, tt := range []struct {
		name, xml string
		key       string
		line      int
	}{
		{"empty", "", KeyNotXML, 0},
		{"white space", " \n\t ", KeyNotXML, 0},
		{"text", "hello", KeyNotXML, 0},
		{"CSV", "Date;Libellé;Montant\n01/03/2024;VIR;12,00\n", KeyNotXML, 0},
		{"CFONB", "0130004    01234EUR2 0001234567801030424                                                  0000000001234567{\n", KeyNotXML, 0},
		{"binary", "\x00\x01\x02\x03PK\x03\x04", KeyNotXML, 0},
		{"PDF", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", KeyNotXML, 0},
		{"JSON", `{"camt": "053"}`, KeyNotXML, 0},
		{"unclosed tag", "<Document", KeyNotXML, 0},
		{"unknown encoding", `<?xml version="1.0" encoding="EBCDIC-XYZ"?><Document/>`, KeyBroken, 1},
		{"HTML", "<!DOCTYPE html><html><body>relevé</body></html>", KeyNotCAMT, 0},
		{"OFX", "OFXHEADER:100\n<OFX><BANKMSGSRSV1></BANKMSGSRSV1></OFX>", KeyNotXML, 0},
		{"OFX 2", `<?xml version="1.0"?><?OFX OFXHEADER="200"?><OFX><BANKMSGSRSV1/></OFX>`, KeyNotCAMT, 0},
		{"pain.001", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>`, KeyNotCAMT, 0},
		{"camt.052", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt/></Document>`, KeyNotCAMT, 0},
		{"empty Document", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>`, KeyNotCAMT, 0},
		{"cut in an entry", good[:strings.LastIndex(good, "</Amt>")], KeyBroken, 6},
		{"cut after the message", good[:strings.Index(good, "</Document>")], KeyBroken, 8},
		{"bad end tag", strings.Replace(good, "</Sts>", "</Status>", 1), KeyBroken, 5},
		{"undefined entity", strings.Replace(good, "12.34", "&amount;", 1), KeyBroken, 5},
		{"control character", strings.Replace(good, "BOOK", "BO\x01OK", 1), KeyBroken, 5},
		{"too deep", camt053(okAccount + "\n" + ntry(okEntry+deep)), KeyTooComplex, 5},
		{"too many attributes", camt053(`<Acct` + strings.Repeat(` a="1"`, maxAttrs+1) + `/>`), KeyTooComplex, 0},
		{"too many elements", camt053(strings.Repeat("<Bal/>", maxUnitNodes)), KeyTooComplex, 4},
		{"too much text", camt053(strings.Repeat("<Bal>"+strings.Repeat("x", maxText)+"</Bal>", maxUnitBytes/maxText+1)), KeyTooComplex, 4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			is := faultOf(t, tt.xml)
			if is.Key != tt.key || is.Line != tt.line {
				t.Errorf("fault %+v, want %s at line %d", is, tt.key, tt.line)
			}
			if !i18n.Has("fr", is.Key) {
				t.Errorf("%s is not in the catalogue", is.Key)
			}
		})
	}
}

// spaces is an endless reader of spaces.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestTooLarge(t *testing.T) {
	_, err := Parse(context.Background(), spaces{})
	var is statement.Issue
	if !errors.As(err, &is) || is.Key != KeyTooLarge || is.Message("fr") != "Le fichier dépasse 50\u00a0Mo\u00a0: c’est trop pour un relevé bancaire." {
		t.Errorf("error %v", err)
	}
}

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestReadError(t *testing.T) {
	_, err := Parse(context.Background(), failing{})
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("error %v", err)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	big := camt053(okAccount + strings.Repeat(ntry(okEntry), 1000))
	if _, err := Parse(ctx, strings.NewReader(big)); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v", err)
	}
}

func TestFaultMessage(t *testing.T) {
	_, err := Parse(context.Background(), strings.NewReader("hello"))
	if err == nil || !strings.HasPrefix(err.Error(), "camt: line 0") || !strings.Contains(err.Error(), "not XML") {
		t.Errorf("error %v", err)
	}
}

// TestCountLimits: a file with more statements, entries or transactions
// than the limits is refused (the limits are lowered for the test).
func TestCountLimits(t *testing.T) {
	defer func(s, e, x int) { maxStatements, maxEntries, maxTransactions = s, e, x }(maxStatements, maxEntries, maxTransactions)
	maxStatements, maxEntries, maxTransactions = 2, 3, 4
	stmt := "<Stmt>" + ntry(okEntry) + "</Stmt>"
	tx := txDtls("<Amt Ccy=\"EUR\">1.00</Amt>")
	for _, tt := range []struct {
		name, xml string
		fails     bool
	}{
		{"statements at the limit", "<BkToCstmrStmt>" + stmt + stmt + "</BkToCstmrStmt>", false},
		{"too many statements", "<BkToCstmrStmt>" + stmt + stmt + stmt + "</BkToCstmrStmt>", true},
		{"entries at the limit", camt053(strings.Repeat(ntry(okEntry), 3)), false},
		{"too many entries", camt053(strings.Repeat(ntry(okEntry), 4)), true},
		{"transactions at the limit", camt053(ntry(okEntry+tx+tx) + ntry(okEntry+tx+tx)), false},
		{"too many transactions", camt053(ntry(okEntry+tx+tx) + ntry(okEntry+tx+tx+tx)), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(context.Background(), strings.NewReader(tt.xml))
			var is statement.Issue
			if failed := errors.As(err, &is) && is.Key == KeyTooComplex; failed != tt.fails || (err != nil && !failed) {
				t.Errorf("error %v", err)
			}
		})
	}
}

// TestIssuesInLineOrder: the statement's own issues, found once the
// statement is read, come before those of its entries.
func TestIssuesInLineOrder(t *testing.T) {
	body := okAccount + "\n" + bal("OPBD", "x", "EUR", "CRDT") + bal("CLBD", "1.00", "EUR", "CRDT") + "\n" +
		ntry(strings.Replace(okEntry, "CRDT", "?", 1))
	f := parseString(t, camt053(body))
	if len(f.Issues) != 2 || f.Issues[0].Line != 5 || f.Issues[0].Key != KeyAmount || f.Issues[1].Line != 6 || f.Issues[1].Key != KeyDirection {
		t.Errorf("issues %+v", f.Issues)
	}
}

// TestLongValue: the value an issue quotes is shortened, on a character
// boundary.
func TestLongValue(t *testing.T) {
	long := strings.Repeat("é", 100)
	f := parseString(t, camt053(okAccount+ntry(strings.Replace(okEntry, "12.34", long, 1))))
	v := f.Issues[0].Value
	if !strings.HasSuffix(v, "…") || len(v) > 80+len("…") || !strings.HasPrefix(long, strings.TrimSuffix(v, "…")) {
		t.Errorf("value %q", v)
	}
}
