package tabular

import (
	"strings"
	"testing"
)

// issueHeader has a column for every field an issue may be about.
const issueHeader = "N° facture;Client;Type;Date facture;Échéance;Montant;Reste dû;Devise;Type client;SIREN;SIRET;N° TVA;Email;Pays;Délai de paiement"

// issueRow builds a valid row of issueHeader with some cells replaced.
func issueRow(set map[string]string) string {
	cols := strings.Split(issueHeader, ";")
	base := map[string]string{
		"N° facture": "F-1", "Client": "Dupont SARL", "Date facture": "31/01/2025", "Échéance": "28/02/2025",
		"Montant": "100,00",
	}
	vals := make([]string, len(cols))
	for i, c := range cols {
		v, ok := set[c]
		if !ok {
			v = base[c]
		}
		vals[i] = v
	}
	return strings.Join(vals, ";")
}

func TestRowIssues(t *testing.T) {
	tests := []struct {
		name string
		rows []string
		want []string // line|column|value|key
	}{
		{"unreadable date", []string{issueRow(map[string]string{"Date facture": "demain"})},
			[]string{"2|Date facture|demain|import.err.date"}},
		{"impossible date", []string{issueRow(map[string]string{"Date facture": "31/02/2025"})},
			[]string{"2|Date facture|31/02/2025|import.err.date_impossible"}},
		{"date out of range", []string{issueRow(map[string]string{"Échéance": "01/01/1850"})},
			[]string{"2|Échéance|01/01/1850|import.err.date_range"}},
		{"due before issue", []string{issueRow(map[string]string{"Échéance": "01/01/2025"})},
			[]string{"2|Échéance|01/01/2025|import.err.due_before_issue"}},
		{"unreadable amount", []string{issueRow(map[string]string{"Montant": "12,3,4"})},
			[]string{"2|Montant|12,3,4|import.err.amount"}},
		{"too many decimals", []string{issueRow(map[string]string{"Montant": "12,345"})},
			[]string{"2|Montant|12,345|import.err.amount_decimals"}},
		{"amount too large", []string{issueRow(map[string]string{"Montant": "99999999999999999999"})},
			[]string{"2|Montant|99999999999999999999|import.err.amount_too_large"}},
		{"amount in another currency, raw value kept", []string{issueRow(map[string]string{"Montant": " 12 $ "})},
			[]string{"2|Montant| 12 $ |import.err.amount_currency"}},
		{"missing amount", []string{issueRow(map[string]string{"Montant": ""})},
			[]string{"2|Montant||import.err.missing_amount"}},
		{"zero amount", []string{issueRow(map[string]string{"Montant": "0,00"})},
			[]string{"2|Montant|0,00|import.err.zero_amount"}},
		{"negative invoice", []string{issueRow(map[string]string{"Type": "Facture", "Montant": "-12,00"})},
			[]string{"2|Montant|-12,00|import.err.negative_invoice"}},
		{"missing number", []string{issueRow(map[string]string{"N° facture": ""})},
			[]string{"2|N° facture||import.err.missing_number"}},
		{"missing debtor", []string{issueRow(map[string]string{"Client": " "})},
			[]string{"2|Client| |import.err.missing_debtor"}},
		{"open above amount", []string{issueRow(map[string]string{"Reste dû": "150,00"})},
			[]string{"2|Reste dû|150,00|import.err.open_above_amount"}},
		{"open of the other sign", []string{issueRow(map[string]string{"Reste dû": "-10,00"})},
			[]string{"2|Reste dû|-10,00|import.err.open_sign"}},
		{"unknown debtor kind", []string{issueRow(map[string]string{"Type client": "martien"})},
			[]string{"2|Type client|martien|import.err.kind"}},
		{"unknown document type", []string{issueRow(map[string]string{"Type": "Bon de commande"})},
			[]string{"2|Type|Bon de commande|import.err.doc_type"}},
		{"bad SIREN", []string{issueRow(map[string]string{"SIREN": "123 456 789"})},
			[]string{"2|SIREN|123 456 789|import.err.siren"}},
		{"bad SIRET", []string{issueRow(map[string]string{"SIRET": "55210055400014"})},
			[]string{"2|SIRET|55210055400014|import.err.siret"}},
		{"bad VAT number", []string{issueRow(map[string]string{"N° TVA": "FR00552100554"})},
			[]string{"2|N° TVA|FR00552100554|import.err.vat"}},
		{"bad email", []string{issueRow(map[string]string{"Email": "jean.dupont@"})},
			[]string{"2|Email|jean.dupont@|import.err.email"}},
		{"unknown currency", []string{issueRow(map[string]string{"Devise": "Florins"})},
			[]string{"2|Devise|Florins|import.err.currency"}},
		{"unknown country", []string{issueRow(map[string]string{"Pays": "Atlantide"})},
			[]string{"2|Pays|Atlantide|import.err.country"}},
		{"bad terms", []string{issueRow(map[string]string{"Délai de paiement": "-5 jours"})},
			[]string{"2|Délai de paiement|-5 jours|import.err.terms"}},
		{"too many fields", []string{issueRow(nil) + ";surplus"},
			[]string{"2|||import.err.columns"}},
		{"too few fields", []string{"F-1;Dupont;;31/01/2025;28/02/2025;100,00"},
			[]string{"2|||import.err.columns"}},
		{"unclosed quote", []string{issueRow(nil), "F-2;\"Martin;;;;1,00"},
			[]string{"3|||import.err.quote"}},
		{"duplicate number, other content", []string{issueRow(nil), issueRow(map[string]string{"Montant": "200,00"})},
			[]string{"3|N° facture|F-1|import.err.duplicate"}},
		{"several issues in one row", []string{issueRow(map[string]string{"Date facture": "32/01/2025", "Montant": "abc", "Email": "x", "N° facture": ""})},
			[]string{
				"2|N° facture||import.err.missing_number",
				"2|Date facture|32/01/2025|import.err.date_impossible",
				"2|Montant|abc|import.err.amount",
				"2|Email|x|import.err.email",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := issueHeader + "\n" + strings.Join(tt.rows, "\n") + "\n"
			rec, _ := parse(t, in, Options{})
			if got, want := issueStrings(rec.issues), strings.Join(tt.want, "\n"); got != want {
				t.Errorf("issues\n got %s\nwant %s", got, want)
			}
			checkMessages(t, rec.issues...)
			if n := len(tt.rows) - len(rec.records); n != len(distinctLines(tt.want)) {
				t.Errorf("%d records for %d rows", len(rec.records), len(tt.rows))
			}
		})
	}
}

func distinctLines(issues []string) map[string]bool {
	out := map[string]bool{}
	for _, is := range issues {
		out[strings.SplitN(is, "|", 2)[0]] = true
	}
	return out
}

func TestIssueMessages(t *testing.T) {
	rec, _ := parse(t, issueHeader+"\n"+issueRow(map[string]string{"Date facture": "31/02/2025"})+"\n", Options{})
	if len(rec.issues) != 1 {
		t.Fatalf("issues %v", rec.issues)
	}
	if got, want := rec.issues[0].Message("fr"), "Date impossible\u00a0: «\u00a031/02/2025\u00a0» n’existe pas au calendrier (attendu JJ/MM/AAAA, le jour avant le mois)"; got != want {
		t.Errorf("fr %q\nwant %q", got, want)
	}
	if got := rec.issues[0].Message("en"); !strings.Contains(got, "“31/02/2025”") {
		t.Errorf("en %q", got)
	}
}
