package tabular

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

func TestParseAgedBalance(t *testing.T) {
	in := "Balance âgée clients au 31/03/2025\r\n" +
		"Société Exemple SAS;;;\r\n" +
		"\r\n" +
		"Code client;Raison sociale;Type client;SIRET;N° TVA;Email;Téléphone;Adresse;CP;Ville;Pays;N° facture;Date facture;Échéance;Montant TTC;Reste dû;Devise;Délai de paiement;Mode de règlement\r\n" +
		"C001;Transports Léa SARL;Professionnel;552 100 554 00013;FR96552100554;compta@lea.fr;01 23 45 67 89;\"12 rue des Lilas\nBâtiment B\";1000;Bourg-en-Bresse;France;FA-2025-001;31/01/2025;02/03/2025;1 200,00;1 000,00;EUR;30 jours;Virement\r\n" +
		"C002;Jean Dupont;;;;;;;;;;FA-2025-002;2025-02-15;2025-03-17;50,00;0,00;;45 jours fin de mois;\r\n" +
		"Total;;;;;;;;;;;;;;1 250,00;1 000,00;;;\r\n"
	rec, info := parse(t, in, Options{PreviewRows: 1})
	if len(rec.issues) != 0 {
		t.Fatalf("issues:\n%s", issueStrings(rec.issues))
	}
	want := []receivable.Record{
		{
			Line: 5, Kind: receivable.Invoice, Number: "FA-2025-001",
			IssueDate: civil.D(2025, time.January, 31), DueDate: civil.D(2025, time.March, 2),
			Amount: money.EUR(120000), Open: money.EUR(100000), HasOpen: true,
			Debtor: receivable.Debtor{
				Ref: "C001", Name: "Transports Léa SARL", Kind: ledger.KindBusiness, KindSource: receivable.KindFromColumn,
				SIREN: "552100554", SIRET: "55210055400013", VATNumber: "FR96552100554", Email: "compta@lea.fr",
				Phone: "01 23 45 67 89", TermDays: 30,
				Address: ledger.Address{Line1: "12 rue des Lilas", Line2: "Bâtiment B", PostalCode: "01000", City: "Bourg-en-Bresse", Country: "FR"},
			},
			PaymentTerms: "30 jours", PaymentMeans: "Virement",
		},
		{
			Line: 7, Kind: receivable.Invoice, Number: "FA-2025-002",
			IssueDate: civil.D(2025, time.February, 15), DueDate: civil.D(2025, time.March, 17),
			Amount: money.EUR(5000), Open: money.EUR(0), HasOpen: true,
			Debtor:       receivable.Debtor{Ref: "C002", Name: "Jean Dupont", Kind: ledger.KindConsumer, KindSource: receivable.KindInferred},
			PaymentTerms: "45 jours fin de mois",
		},
	}
	if !reflect.DeepEqual(rec.records, want) {
		t.Errorf("records\n got %+v\nwant %+v", rec.records, want)
	}
	if info.Format != receivable.FormatCSV || info.Delimiter != ";" || info.Lines != 8 || len(info.Header) != 19 || info.Header[0] != "Code client" {
		t.Errorf("info %+v", info)
	}
	if len(info.Preview) != 1 || info.Preview[0][11] != "FA-2025-001" || info.Preview[0][7] != "12 rue des Lilas\nBâtiment B" {
		t.Errorf("preview %q", info.Preview)
	}
}

func TestPreambleAndLineNumbers(t *testing.T) {
	in := "Extrait du grand livre\n" +
		"Période : 01/01/2025 - 31/03/2025\n" +
		"\n" +
		"Facture;Client;Montant\n" +
		"F-1;\"Nom sur\ndeux lignes\";10,00\n" +
		"\n" +
		"F-2;B;20,00\n"
	rec, info := parse(t, in, Options{PreviewRows: 5})
	if len(rec.records) != 2 || rec.records[0].Line != 5 || rec.records[1].Line != 8 {
		t.Fatalf("records %+v issues %v", rec.records, rec.issues)
	}
	if !reflect.DeepEqual(info.Header, []string{"Facture", "Client", "Montant"}) || len(info.Preview) != 2 || info.Lines != 8 {
		t.Errorf("info %+v", info)
	}
}

func TestHeaderBeyondSearchRows(t *testing.T) {
	in := strings.Repeat("ligne de titre;x\n", headerSearchRows) + "Facture;Client;Montant\nF-1;A;1,00\n"
	_, info, err := tryParse([]byte(in), Options{PreviewRows: 3})
	var is receivable.Issue
	if !errors.As(err, &is) || is.Key != KeyNoHeader || is.Line != 0 || len(info.Preview) != 3 {
		t.Fatalf("err %v info %+v", err, info)
	}
	checkMessages(t, is)
	// Pointing at the header line reads it.
	rec, info := parse(t, in, Options{HeaderLine: headerSearchRows + 1})
	if len(rec.records) != 1 || rec.records[0].Line != headerSearchRows+2 || info.Header[0] != "Facture" {
		t.Errorf("HeaderLine: records %+v info %+v", rec.records, info)
	}
}

func TestDebitCredit(t *testing.T) {
	in := "Date;Pièce;Compte;Libellé;Débit;Crédit;Solde\n" +
		"05/01/2025;FA-1;411DUPONT;Facture Dupont;1 200,00;;1 200,00\n" +
		"06/01/2025;AV-1;411DUPONT;Avoir Dupont;;200,00;1 000,00\n" +
		"07/01/2025;FA-2;411MARTIN;Facture nette;300,00;100,00;1 200,00\n" +
		"08/01/2025;FA-3;411MARTIN;Rien;0,00;0,00;1 200,00\n"
	rec, _ := parse(t, in, Options{})
	type got struct {
		line   int
		kind   receivable.RecordKind
		number string
		amount int64
		ref    string
	}
	var g []got
	for _, r := range rec.records {
		g = append(g, got{r.Line, r.Kind, r.Number, r.Amount.Minor, r.Debtor.Ref})
		if r.HasOpen {
			t.Errorf("line %d: the running balance was read as the open amount", r.Line)
		}
	}
	want := []got{
		{2, receivable.Invoice, "FA-1", 120000, "411DUPONT"},
		{3, receivable.CreditNote, "AV-1", 20000, "411DUPONT"},
		{4, receivable.Invoice, "FA-2", 20000, "411MARTIN"},
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("got %+v\nwant %+v", g, want)
	}
	if issueStrings(rec.issues) != "5|Débit|0,00|import.err.zero_amount" {
		t.Errorf("issues:\n%s", issueStrings(rec.issues))
	}
}

func TestDocTypes(t *testing.T) {
	in := "N° facture;Client;Type;Montant\n" +
		"1;A;Facture;100,00\n" +
		"2;A;Avoir;50,00\n" +
		"3;A;Avoir;-50,00\n" +
		"4;A;FA;10,00\n" +
		"5;A;AV;10,00\n" +
		"6;A;Invoice;10,00\n" +
		"7;A;Credit note;10,00\n" +
		"8;A;Règlement;-10,00\n" +
		"9;A;;-10,00\n" +
		"10;A;;10,00\n"
	rec, _ := parse(t, in, Options{})
	want := []receivable.RecordKind{
		receivable.Invoice, receivable.CreditNote, receivable.CreditNote, receivable.Invoice, receivable.CreditNote,
		receivable.Invoice, receivable.CreditNote, receivable.Payment, receivable.CreditNote, receivable.Invoice,
	}
	if len(rec.records) != len(want) || len(rec.issues) != 0 {
		t.Fatalf("records %+v issues %v", rec.records, rec.issues)
	}
	for i, r := range rec.records {
		if r.Kind != want[i] || r.Amount.IsNegative() {
			t.Errorf("line %d: %s %v, want %s and a positive amount", r.Line, r.Kind, r.Amount, want[i])
		}
	}
}

func TestOpenAmounts(t *testing.T) {
	in := "N° facture;Client;Montant;Reste dû\n" +
		"1;A;100,00;0\n" + // paid
		"2;A;100,00;40,00\n" +
		"3;A;100,00;\n" + // no open amount given
		"4;A;-30,00;-30,00\n" // credit note not yet used
	rec, _ := parse(t, in, Options{})
	type got struct {
		open    int64
		hasOpen bool
	}
	want := []got{{0, true}, {4000, true}, {0, false}, {3000, true}}
	if len(rec.records) != 4 {
		t.Fatalf("records %+v issues %v", rec.records, rec.issues)
	}
	for i, r := range rec.records {
		if (got{r.Open.Minor, r.HasOpen}) != want[i] {
			t.Errorf("line %d: open %v %v, want %+v", r.Line, r.Open, r.HasOpen, want[i])
		}
	}
	// An aged balance that gives only what remains due.
	rec, _ = parse(t, "Facture;Client;Solde\nF-1;A;120,00\n", Options{})
	if len(rec.records) != 1 || rec.records[0].Amount.Minor != 12000 || rec.records[0].Open.Minor != 12000 || !rec.records[0].HasOpen {
		t.Errorf("open only: %+v %v", rec.records, rec.issues)
	}
}

func TestUserMappingOverridesDetection(t *testing.T) {
	in := "Date;Date facture;Référence interne;Facture;Nom;Montant;Reste dû\n" +
		"10/01/2025;01/01/2025;R-1;F-1;Alice;100,00;60,00\n"
	// Detection takes "Date facture" and "Facture".
	rec, _ := parse(t, in, Options{})
	if r := rec.records[0]; r.Number != "F-1" || r.IssueDate != civil.D(2025, time.January, 1) || !r.HasOpen {
		t.Fatalf("detected: %+v", r)
	}
	m := &Mapping{Columns: map[Field]string{
		FieldIssueDate: "Date", FieldNumber: "Référence interne", FieldDebtorName: "Nom", FieldAmount: "Montant",
	}, Currency: "CHF"}
	rec, _ = parse(t, in, Options{Mapping: m, Currency: "USD"})
	if len(rec.records) != 1 {
		t.Fatalf("records %+v issues %v", rec.records, rec.issues)
	}
	r := rec.records[0]
	if r.Number != "R-1" || r.IssueDate != civil.D(2025, time.January, 10) || r.HasOpen || r.Amount != money.New(10000, "CHF") {
		t.Errorf("mapped: %+v", r)
	}
	// A mapping's own headers find the header row when no synonym does.
	in = "export 2025\nc1,c2,c3\nX-1,Bob,\"1,50\"\n"
	m = &Mapping{Columns: map[Field]string{FieldNumber: "c1", FieldDebtorName: "c2", FieldAmount: "c3"}}
	rec, info := parse(t, in, Options{Mapping: m})
	if len(rec.records) != 1 || rec.records[0].Number != "X-1" || rec.records[0].Line != 3 || info.Delimiter != "," {
		t.Errorf("custom headers: %+v %+v %v", info, rec.records, rec.issues)
	}
}

func TestCurrencyColumn(t *testing.T) {
	in := "Facture;Client;Montant;Devise\nF-1;A;10,00;USD\nF-2;A;10,00 €;\nF-3;A;10,00;€\n"
	rec, _ := parse(t, in, Options{})
	if len(rec.records) != 3 || rec.records[0].Amount != money.New(1000, "USD") ||
		rec.records[1].Amount != money.EUR(1000) || rec.records[2].Amount != money.EUR(1000) {
		t.Errorf("records %+v issues %v", rec.records, rec.issues)
	}
	_, _, err := tryParse([]byte(in), Options{Currency: "euro dollars"})
	if is, ok := err.(receivable.Issue); !ok || is.Key != KeyCurrency {
		t.Errorf("bad default currency: %v", err)
	}
}

func TestDebtorDetails(t *testing.T) {
	in := "Facture;Prénom;Nom;SIREN;Type client;Email;Montant;CP;Pays\n" +
		"1;Jean;Dupont;;;\"a@b.fr; c@d.fr\";1,00;75001;\n" +
		"2;;Mairie de Lyon;;;;1,00;;\n" +
		"3;;Boulangerie;55210055400013;;;1,00;;\n" +
		"4;;Acme;;B2B;;1,00;1000;BE\n" +
		"5;;=\"00123\";;;;1,00;;\n"
	rec, _ := parse(t, in, Options{})
	if len(rec.records) != 5 || len(rec.issues) != 0 {
		t.Fatalf("records %+v issues %v", rec.records, rec.issues)
	}
	d := rec.records[0].Debtor
	if d.Name != "Jean Dupont" || d.Email != "a@b.fr" || d.Kind != ledger.KindConsumer || d.Address.PostalCode != "75001" {
		t.Errorf("debtor 1 %+v", d)
	}
	if d := rec.records[1].Debtor; d.Kind != ledger.KindPublic || d.KindSource != receivable.KindInferred {
		t.Errorf("debtor 2 %+v", d)
	}
	if d := rec.records[2].Debtor; d.SIREN != "552100554" || d.SIRET != "55210055400013" || d.Kind != ledger.KindBusiness || d.KindSource != receivable.KindFromIdentity {
		t.Errorf("debtor 3 %+v", d)
	}
	if d := rec.records[3].Debtor; d.Kind != ledger.KindBusiness || d.KindSource != receivable.KindFromColumn || d.Address.PostalCode != "1000" || d.Address.Country != "BE" {
		t.Errorf("debtor 4 %+v", d)
	}
	if d := rec.records[4].Debtor; d.Name != "00123" {
		t.Errorf("debtor 5 %+v", d)
	}
}

func TestSkippedRows(t *testing.T) {
	in := "Facture;Client;Montant;Commentaire\n" +
		"F-1;A;10,00;\n" +
		"F-1;A;10,00;répété\n" + // the same invoice again: skipped
		";;;une note\n" + // nothing mapped
		"Total;;10,00;\n" +
		"Sous-total client A;;10,00;\n" +
		";;;\n" +
		"F-2;Total Énergies;5,00;\n"
	rec, _ := parse(t, in, Options{})
	if len(rec.records) != 2 || rec.records[1].Debtor.Name != "Total Énergies" || len(rec.issues) != 0 {
		t.Errorf("records %+v issues %v", rec.records, issueStrings(rec.issues))
	}
}

func TestFileLevelErrors(t *testing.T) {
	ods := append([]byte("PK\x03\x04"), make([]byte, 26)...)
	ods = append(ods, "mimetypeapplication/vnd.oasis.opendocument.spreadsheet"...)
	tests := []struct {
		name string
		in   []byte
		opts Options
		key  string
	}{
		{"empty", nil, Options{}, KeyEmptyFile},
		{"blank lines only", []byte("\n\n;;\n"), Options{}, KeyEmptyFile},
		{"no header", []byte("a;b\n1;2\n"), Options{}, KeyNoHeader},
		{"old Excel", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), Options{}, KeyXLS},
		{"OpenDocument", ods, Options{}, KeyODS},
		{"not a zip", []byte("PK\x03\x04garbage"), Options{}, KeyXLSX},
		{"CSV read as xlsx", []byte("Facture;Client;Montant\n"), Options{Format: receivable.FormatXLSX}, KeyXLSX},
		{"other format", []byte("x"), Options{Format: receivable.FormatFEC}, KeyFormat},
		{"no number column", []byte("Client;Montant\nA;1\n"), Options{}, KeyNoNumberColumn},
		{"no amount column", []byte("Facture;Client\nF;A\n"), Options{}, KeyNoAmountColumn},
		{"no debtor column", []byte("Facture;Montant\nF;1\n"), Options{}, KeyNoDebtorColumn},
		{"mapped column absent", []byte("Facture;Client;Montant\n"), Options{Mapping: &Mapping{Columns: map[Field]string{
			FieldNumber: "Facture", FieldDebtorName: "Client", FieldAmount: "Montant", FieldDueDate: "Échéance"}}}, KeyMappingColumn},
		{"overlong record", []byte("Facture;Client;Montant\n\"" + strings.Repeat("x", maxRecordBytes+1)), Options{}, KeyRecordTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, _, err := tryParse(tt.in, tt.opts)
			is, ok := err.(receivable.Issue)
			if !ok || is.Key != tt.key {
				t.Fatalf("err %v (%T), want an Issue %s", err, err, tt.key)
			}
			if len(rec.records) != 0 {
				t.Errorf("records %+v", rec.records)
			}
			checkMessages(t, is)
		})
	}
}

func TestMappingErrorKeepsPreview(t *testing.T) {
	in := "Client;Montant;Libellé\nA;1,00;x\nB;2,00;y\nC;3,00;z\n"
	_, info, err := tryParse([]byte(in), Options{PreviewRows: 2})
	var is receivable.Issue
	if !errors.As(err, &is) || is.Key != KeyNoNumberColumn || is.Line != 1 {
		t.Fatalf("err %v", err)
	}
	if !reflect.DeepEqual(info.Header, []string{"Client", "Montant", "Libellé"}) ||
		!reflect.DeepEqual(info.Preview, [][]string{{"A", "1,00", "x"}, {"B", "2,00", "y"}}) {
		t.Errorf("info %+v", info)
	}
}

// failingSink refuses the second record.
type failingSink struct {
	recorder
	err error
}

func (s *failingSink) Record(r receivable.Record) error {
	if len(s.records) == 1 {
		return s.err
	}
	return s.recorder.Record(r)
}

func TestSinkErrorStops(t *testing.T) {
	stop := errors.New("disk full")
	s := &failingSink{err: stop}
	_, err := Parse(context.Background(), strings.NewReader("Facture;Client;Montant\n1;A;1\n2;A;1\n3;A;1\n"), Options{}, s)
	if !errors.Is(err, stop) || len(s.records) != 1 {
		t.Errorf("err %v, %d records", err, len(s.records))
	}
}

func TestContextCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Parse(ctx, strings.NewReader("Facture;Client;Montant\n1;A;1\n"), Options{}, &recorder{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: %v", err)
	}
	// Cancelled while reading: the parse stops within cancelEvery rows.
	ctx, cancel = context.WithCancel(context.Background())
	s := &cancellingSink{cancel: cancel}
	in := "Facture;Client;Montant\n" + strings.Repeat("1;A;1\n", 10*cancelEvery)
	_, err = Parse(ctx, strings.NewReader(in), Options{}, s)
	if !errors.Is(err, context.Canceled) || s.n > cancelEvery+1 {
		t.Errorf("cancelled during: %v after %d records", err, s.n)
	}
}

// cancellingSink cancels the parse at its first record.
type cancellingSink struct {
	cancel func()
	n      int
}

func (s *cancellingSink) Record(receivable.Record) error {
	s.n++
	s.cancel()
	return nil
}

func (s *cancellingSink) Issue(receivable.Issue) {}
