package tabular

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/importer/receivable"
)

func TestSynonymsAreUnambiguous(t *testing.T) {
	owner := map[string]Field{}
	for _, g := range synonymGroups {
		for _, s := range append(append([]string(nil), g.strong...), g.weak...) {
			k := headerKey(s)
			if k == "" {
				t.Errorf("%q folds to nothing", s)
			}
			if f, ok := owner[k]; ok && f != g.field {
				t.Errorf("%q (%q) names both %s and %s", s, k, f, g.field)
			}
			owner[k] = g.field
		}
	}
}

func TestHeaderSynonyms(t *testing.T) {
	tests := []struct {
		header string
		want   Field
	}{
		// French.
		{"N° facture", FieldNumber}, {"Nº de facture", FieldNumber}, {"No facture", FieldNumber},
		{"Numéro de facture", FieldNumber}, {"NUMERO FACTURE", FieldNumber}, {"Facture", FieldNumber},
		{"Pièce", FieldNumber}, {"Réf. pièce", FieldNumber}, {"N° pièce", FieldNumber},
		{"Date facture", FieldIssueDate}, {"Date pièce", FieldIssueDate}, {"Date d'émission", FieldIssueDate},
		{"Date d’émission", FieldIssueDate}, {"Date", FieldIssueDate}, {"Date de la facture", FieldIssueDate},
		{"Échéance", FieldDueDate}, {"ECHEANCE", FieldDueDate}, {"Date d'échéance", FieldDueDate},
		{"Montant TTC", FieldAmount}, {"Total TTC", FieldAmount}, {"Montant", FieldAmount},
		{"Montant TTC (€)", FieldAmount}, {"Montant (en euros)", FieldAmount},
		{"Reste dû", FieldOpen}, {"Reste du", FieldOpen}, {"Montant dû", FieldOpen}, {"Solde dû", FieldOpen},
		{"Reste à payer", FieldOpen}, {"#", FieldNumber}, {"N°", FieldNumber}, {"Solde", FieldOpen}, {"Montant restant", FieldOpen},
		{"Débit", FieldDebit}, {"Crédit", FieldCredit},
		{"Type", FieldDocType}, {"Nature", FieldDocType}, {"Type de pièce", FieldDocType},
		{"Devise", FieldCurrency},
		{"Code client", FieldDebtorRef}, {"N° client", FieldDebtorRef}, {"Compte", FieldDebtorRef},
		{"Compte client", FieldDebtorRef},
		{"Client", FieldDebtorName}, {"Raison sociale", FieldDebtorName}, {"Nom", FieldDebtorName},
		{"Nom client", FieldDebtorName}, {"Prénom", FieldFirstName},
		{"Type client", FieldDebtorKind}, {"Type de client", FieldDebtorKind},
		{"SIREN", FieldSIREN}, {"N° SIRET", FieldSIRET}, {"N° TVA intracommunautaire", FieldVATNumber},
		{"Email", FieldEmail}, {"E-mail", FieldEmail}, {"Courriel", FieldEmail}, {"Adresse e-mail", FieldEmail},
		{"Téléphone", FieldPhone}, {"Tél", FieldPhone}, {"Tél.", FieldPhone},
		{"Adresse", FieldAddressLine1}, {"Complément d'adresse", FieldAddressLine2},
		{"Code postal", FieldPostalCode}, {"CP", FieldPostalCode}, {"Ville", FieldCity}, {"Pays", FieldCountry},
		{"Délai de paiement", FieldPaymentTerms}, {"Mode de règlement", FieldPaymentMeans},
		// English.
		{"Invoice number", FieldNumber}, {"Invoice #", FieldNumber}, {"Invoice No.", FieldNumber},
		{"Invoice date", FieldIssueDate}, {"Due date", FieldDueDate}, {"Amount", FieldAmount},
		{"Total amount", FieldAmount}, {"Open amount", FieldOpen}, {"Balance due", FieldOpen},
		{"Amount due", FieldOpen}, {"Customer", FieldDebtorName}, {"Customer name", FieldDebtorName},
		{"Customer code", FieldDebtorRef}, {"Customer ID", FieldDebtorRef}, {"Phone", FieldPhone},
		{"Currency", FieldCurrency}, {"Debit", FieldDebit}, {"Credit", FieldCredit},
		{"VAT number", FieldVATNumber}, {"Postal code", FieldPostalCode}, {"City", FieldCity},
		{"Country", FieldCountry}, {"Payment terms", FieldPaymentTerms}, {"Customer type", FieldDebtorKind},
	}
	for _, tt := range tests {
		s, ok := lookupHeader(tt.header)
		if !ok || s.field != tt.want {
			t.Errorf("header %q → %q (%v), want %s", tt.header, s.field, ok, tt.want)
		}
	}
	for _, h := range []string{"Libellé", "Montant HT", "TVA", "Montant TVA", "Label", "Operation Number", ""} {
		if s, ok := lookupHeader(h); ok {
			t.Errorf("header %q → %s, want nothing", h, s.field)
		}
	}
}

func TestDetectMapping(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		want   map[Field]string
	}{
		{
			"French aged balance",
			[]string{"Code client", "Raison sociale", "N° facture", "Date facture", "Échéance", "Montant TTC", "Reste dû", "Libellé"},
			map[Field]string{
				FieldDebtorRef: "Code client", FieldDebtorName: "Raison sociale", FieldNumber: "N° facture",
				FieldIssueDate: "Date facture", FieldDueDate: "Échéance", FieldAmount: "Montant TTC", FieldOpen: "Reste dû",
			},
		},
		{
			"English invoice list",
			[]string{"Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Balance Due", "Currency", "Email"},
			map[Field]string{
				FieldNumber: "Invoice #", FieldDebtorName: "Customer", FieldIssueDate: "Invoice Date",
				FieldDueDate: "Due Date", FieldAmount: "Amount", FieldOpen: "Balance Due",
				FieldCurrency: "Currency", FieldEmail: "Email",
			},
		},
		{
			"specific name beats generic",
			[]string{"Date", "Facture", "Client", "Date facture", "N° facture", "Nom client", "Montant"},
			map[Field]string{
				FieldIssueDate: "Date facture", FieldNumber: "N° facture", FieldDebtorName: "Nom client", FieldAmount: "Montant",
			},
		},
		{
			"ledger: running balance left out",
			[]string{"Date", "Pièce", "Compte", "Libellé", "Débit", "Crédit", "Solde"},
			map[Field]string{
				FieldIssueDate: "Date", FieldNumber: "Pièce", FieldDebtorRef: "Compte", FieldDebit: "Débit", FieldCredit: "Crédit",
			},
		},
		{
			"first of two equal names",
			[]string{"Montant", "Montant"},
			map[Field]string{FieldAmount: "Montant"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DetectMapping(tt.header)
			if !reflect.DeepEqual(got.Columns, tt.want) {
				t.Errorf("DetectMapping\n got %v\nwant %v", got.Columns, tt.want)
			}
		})
	}
}

func TestMappingJSON(t *testing.T) {
	m := DetectMapping([]string{"N° facture", "Client", "Montant TTC"})
	m.Currency = "USD"
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back Mapping
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, m) {
		t.Errorf("round trip %s: got %+v, want %+v", b, back, m)
	}
	want := `{"columns":{"amount":"Montant TTC","debtor_name":"Client","number":"N° facture"},"currency":"USD"}`
	if string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
}

func TestMappingSetAndFieldOf(t *testing.T) {
	var m Mapping
	m.Set(FieldNumber, "Pièce")
	m.Set(FieldAmount, "Montant")
	if got := m.FieldOf("PIECE"); got != FieldNumber {
		t.Errorf("FieldOf(PIECE) = %q", got)
	}
	if got := m.FieldOf("Libellé"); got != "" {
		t.Errorf("FieldOf(Libellé) = %q", got)
	}
	m.Set(FieldAmount, "")
	if _, ok := m.Columns[FieldAmount]; ok || m.Column(FieldNumber) != "Pièce" {
		t.Errorf("after unset: %v", m.Columns)
	}
}

func TestMappingValidate(t *testing.T) {
	header := []string{"N° facture", "Client", "Montant"}
	tests := []struct {
		name string
		m    Mapping
		key  string
	}{
		{"complete", DetectMapping(header), ""},
		{"no number", Mapping{Columns: map[Field]string{FieldDebtorName: "Client", FieldAmount: "Montant"}}, KeyNoNumberColumn},
		{"no amount", Mapping{Columns: map[Field]string{FieldNumber: "N° facture", FieldDebtorName: "Client"}}, KeyNoAmountColumn},
		{"no debtor", Mapping{Columns: map[Field]string{FieldNumber: "N° facture", FieldAmount: "Montant"}}, KeyNoDebtorColumn},
		{"absent column", Mapping{Columns: map[Field]string{FieldNumber: "Facture n°", FieldDebtorName: "Client", FieldAmount: "Montant"}}, KeyMappingColumn},
		{"only open amount", Mapping{Columns: map[Field]string{FieldNumber: "N° facture", FieldDebtorName: "Client", FieldOpen: "Montant"}}, ""},
		{"unknown field ignored", Mapping{Columns: map[Field]string{FieldNumber: "N° facture", FieldDebtorName: "Client", FieldAmount: "Montant", "colour": "Client"}}, ""},
	}
	for _, tt := range tests {
		err := tt.m.Validate(header)
		var is receivable.Issue
		switch {
		case tt.key == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.key != "" && (!errors.As(err, &is) || is.Key != tt.key):
			t.Errorf("%s: error %v, want %s", tt.name, err, tt.key)
		}
	}
}

func TestFieldsAndKeysAreInTheCatalogues(t *testing.T) {
	fields := Fields()
	if len(fields) != len(allFields) {
		t.Fatalf("%d fields", len(fields))
	}
	keys := append([]string{"import.field.none"}, IssueKeys...)
	for _, f := range fields {
		if !f.Field.Valid() {
			t.Errorf("field %q not valid", f.Field)
		}
		keys = append(keys, f.Label)
	}
	for _, k := range keys {
		for _, lang := range i18n.Langs {
			if !i18n.Has(lang, k) {
				t.Errorf("%s is not in the %s catalogue", k, lang)
			}
		}
	}
	if Field("colour").Valid() {
		t.Error("unknown field is valid")
	}
}
