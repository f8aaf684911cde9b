package reconcile

import (
	"slices"
	"testing"
)

// realRemittances are remittance texts as people write them (the forms
// of the issue, and what French bank statements carry), with the numbers
// a reader sees in them.
var realRemittances = []struct {
	text string
	want []string
}{
	{"FACT 2024-0012", []string{"2024-0012"}},
	{"F2024/12", []string{"F2024/12"}},
	{"fac 12 et 13", []string{"12", "13"}},
	{"règlement factures 2024-0012 2024-0013", []string{"2024-0012", "2024-0013"}},
	{"Facture n°2024/00045 du 12/03/2024", []string{"2024/00045"}},
	{"VIR SEPA REGLT FACTURE N° FA-000123", []string{"FA-000123"}},
	{"N°FA-000123", []string{"FA-000123"}},
	{"FACT2024-0012", []string{"2024-0012"}},
	{"/INV/F2024-0012 12.03.2024", []string{"F2024-0012"}},
	{"Fact. 2024 0012", []string{"2024 0012"}},
	{"FACTURES 12, 13 ET 14", []string{"12", "13", "14"}},
	{"fac 12,13", []string{"12", "13"}},
	{"REMBOURSEMENT 150,00 EUR FACT 88", []string{"88"}},
	{"Paiement facture INV-7781 - DUPONT", []string{"INV-7781"}},
	{"REGLEMENT F2024-0012 + F2024-0013", []string{"F2024-0012", "F2024-0013"}},
	{"ACOMPTE 1 SUR FACTURE 2024-118", []string{"2024-118"}},
	{"(F2024-0012)", []string{"F2024-0012"}},
	{"VIR SEPA RECU /DE DUPONT JEAN /MOTIF FACT 2024-0012 /REF 4471203", []string{"2024-0012", "4471203"}},
	{"Loyer mars 2024", nil},
	{"VIR SEPA 1 234,56", nil},
	{"Virement de 1500 EUR", nil},
	{"IBAN FR7630006000011234567890189", nil},
	{"Merci !", nil},
	{"", nil},
	// from ../shared/samples/camt053/moov_fi_camt.053.001.02.xml
	{"Invoices 123 and 321", []string{"123", "321"}},
	{"INVOICE US20291092", []string{"US20291092"}},
	{"3900", []string{"3900"}},
	{"217827182718", []string{"217827182718"}},
	{"RF98123456789012", []string{"RF98123456789012"}},
	// from other statement samples
	{"Insurance policy 857239PERIOD 01.01.2014 - 31.12.2014", []string{"857239PERIOD"}},
	{"CRÉDIT GROUPÉ BVR TRAITEMENT DU 22.03.2017 NUMÉRO CLIENT 01-70884-3 PAQUET ID: 123456CHCAFEBABE",
		[]string{"01-70884-3", "123456CHCAFEBABE"}},
}

func TestExtractNumbers(t *testing.T) {
	for _, tt := range realRemittances {
		if got := ExtractNumbers(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("ExtractNumbers(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestKeys(t *testing.T) {
	for _, tt := range []struct {
		number string
		want   keys
	}{
		{"F2024-0012", keys{"f.2024.12", "f20240012", "2024.12", "20240012", "2024.12", "12"}},
		{"FA-000123", keys{"fa.123", "fa000123", "123", "123", "123", "123"}},
		{"2024/00045", keys{"2024.45", "202400045", "2024.45", "202400045", "2024.45", "45"}},
		{"INV-7781", keys{"inv.7781", "inv7781", "7781", "7781", "7781", "7781"}},
		{"US20291092", keys{"us.20291092", "us20291092", "us.20291092", "us20291092", "20291092", "20291092"}},
		{"Fact. n° 000", keys{"fact.n.0", "factn000", "0", "0", "0", "0"}},
	} {
		if got := keysOf(splitGroups(tt.number), ""); got != tt.want {
			t.Errorf("keysOf(%q) = %+v, want %+v", tt.number, got, tt.want)
		}
	}
	if got := keysOf(splitGroups("2024-0012"), "f").full; got != "f.2024.12" {
		t.Errorf("with prefix: %q", got)
	}
}

func TestDistinctive(t *testing.T) {
	for key, want := range map[string]bool{
		"2024.12": true, "us.20291092": true, "inv.7781": true, "fa.123": true, "20240012": true,
		"7781": false, "123": false, "12": false, "f.12": false,
	} {
		if got := distinctive(key); got != want {
			t.Errorf("distinctive(%q) = %v", key, got)
		}
	}
}

func TestIsDate(t *testing.T) {
	for s, want := range map[string]bool{
		"12/03/2024": true, "12.03.24": true, "2024-03-12": true, "31/12": true, "03/2024": true,
		"2024-0012": false, "2024/12": false, "12/13": false, "32/01/2024": false, "F2024/12": false,
	} {
		if got := isDate(s); got != want {
			t.Errorf("isDate(%q) = %v", s, got)
		}
	}
}
