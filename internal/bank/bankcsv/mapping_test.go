package bankcsv

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestDetectMapping(t *testing.T) {
	for _, tt := range []struct {
		name   string
		header []string
		want   map[Field]string
	}{
		{"Crédit Agricole", []string{"Date", "Libellé", "Débit euros", "Crédit euros", ""},
			map[Field]string{FieldBookingDate: "Date", FieldLabel: "Libellé", FieldDebit: "Débit euros", FieldCredit: "Crédit euros"}},
		{"Caisse d’Épargne", []string{"Date de comptabilisation", "Libelle simplifie", "Libelle operation", "Reference", "Informations complementaires", "Type operation", "Categorie", "Sous categorie", "Debit", "Credit", "Date operation", "Date de valeur", "Pointage operation"},
			map[Field]string{FieldBookingDate: "Date de comptabilisation", FieldValueDate: "Date de valeur", FieldLabel: "Libelle simplifie",
				FieldDetail: "Informations complementaires", FieldReference: "Reference", FieldDebit: "Debit", FieldCredit: "Credit"}},
		{"Boursorama", []string{"dateOp", "dateVal", "label", "category", "categoryParent", "supplierFound", "amount", "comment", "accountNum", "accountLabel", "accountbalance"},
			map[Field]string{FieldBookingDate: "dateOp", FieldValueDate: "dateVal", FieldLabel: "label", FieldAmount: "amount",
				FieldDetail: "comment", FieldCounterparty: "supplierFound", FieldBalance: "accountbalance"}},
		{"generic French", []string{" Date opération ", "Date valeur", "Montant (EUR)", "Sens", "Devise", "Référence", "Tiers", "IBAN contrepartie", "N° facture", "Solde", "IBAN"},
			map[Field]string{FieldBookingDate: "Date opération", FieldValueDate: "Date valeur", FieldAmount: "Montant (EUR)",
				FieldDirection: "Sens", FieldCurrency: "Devise", FieldReference: "Référence", FieldCounterparty: "Tiers",
				FieldCounterpartyAccount: "IBAN contrepartie", FieldDocument: "N° facture", FieldBalance: "Solde"}},
		{"English", []string{"Booking Date", "Value Date", "Description", "Memo", "Paid out", "Paid in", "Payee", "Ccy"},
			map[Field]string{FieldBookingDate: "Booking Date", FieldValueDate: "Value Date", FieldLabel: "Description",
				FieldDetail: "Memo", FieldDebit: "Paid out", FieldCredit: "Paid in", FieldCounterparty: "Payee", FieldCurrency: "Ccy"}},
		{"Description goes to detail beside a Libellé", []string{"Date", "Libellé", "Description", "Montant"},
			map[Field]string{FieldBookingDate: "Date", FieldLabel: "Libellé", FieldDetail: "Description", FieldAmount: "Montant"}},
		{"a strong name beats an earlier weak one", []string{"Date", "Date d'opération", "Montant"},
			map[Field]string{FieldBookingDate: "Date d'opération", FieldAmount: "Montant"}},
		{"nothing", []string{"foo", "bar"}, map[Field]string{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectMapping(tt.header).Columns; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestMappingJSON(t *testing.T) {
	m := Mapping{Currency: "EUR", DateFormat: "DD/MM/YYYY"}
	m.Set(FieldBookingDate, "Date")
	m.Set(FieldAmount, "Montant")
	m.Set(FieldLabel, "Libellé")
	m.Set(FieldLabel, "")
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"columns":{"amount":"Montant","booking_date":"Date"},"date_format":"DD/MM/YYYY","currency":"EUR"}` {
		t.Errorf("JSON %s", b)
	}
	var back Mapping
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, m) || back.Column(FieldAmount) != "Montant" {
		t.Errorf("round trip %+v, %v", back, err)
	}
}

func TestFields(t *testing.T) {
	if len(Fields()) != 14 || !FieldDirection.Valid() || Field("x").Valid() || FieldDebit.LabelKey() != "bank.bankcsv.field.debit" {
		t.Errorf("fields %v", Fields())
	}
}

func TestParseDateFormat(t *testing.T) {
	for in, want := range map[string]dateOrder{
		"": orderAuto, "DD/MM/YYYY": orderDMY, "jj/mm/aaaa": orderDMY, "DD/MM/YY": orderDMY, "dd.mm.yyyy": orderDMY,
		"MM/DD/YYYY": orderMDY, "mdy": orderMDY, "YYYY-MM-DD": orderYMD, "AAAA-MM-JJ": orderYMD,
	} {
		if got, ok := parseDateFormat(in); !ok || got != want {
			t.Errorf("parseDateFormat(%q) = %v, %v", in, got, ok)
		}
	}
	if _, ok := parseDateFormat("%d/%m"); ok {
		t.Error("bad format accepted")
	}
}
