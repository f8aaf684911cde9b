package tabular

import (
	"strings"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// synonymGroup is the headers real exports use for one field. Strong
// headers name the field without doubt ("Date facture"); weak ones are
// generic words ("Date", "Montant", "Client") that name it only when no
// strong header does.
type synonymGroup struct {
	field  Field
	strong []string
	weak   []string
}

// synonymGroups are written as the files write them; headerKey folds
// both sides the same way, so case, accents, punctuation, "N°"/"No"/"#"
// and little words ("de", "la", "of") do not matter.
var synonymGroups = []synonymGroup{
	{FieldNumber, []string{
		"N° facture", "Numéro de facture", "Num facture", "Réf. facture", "Référence facture",
		"N° pièce", "Pièce", "Réf. pièce", "Référence pièce", "N° document", "N° de document",
		"Invoice number", "Invoice #", "Invoice ID", "Invoice ref", "Invoice reference",
		"Document number", "Doc number", "Bill number",
	}, []string{"Facture", "Invoice", "Numéro", "Référence", "Réf", "Number", "Document"}},
	{FieldIssueDate, []string{
		"Date facture", "Date de la facture", "Date pièce", "Date d'émission", "Date document",
		"Date écriture", "Date comptable", "Date de facturation", "Invoice date", "Issue date",
		"Date of issue", "Document date", "Posting date", "Billing date", "Date émise",
	}, []string{"Date"}},
	{FieldDueDate, []string{
		"Échéance", "Date d'échéance", "Date limite de paiement", "Date limite", "Échéance de paiement",
		"Date d'exigibilité", "Due date", "Payment due date", "Date due", "Due", "Due on",
	}, nil},
	{FieldAmount, []string{
		"Montant TTC", "Total TTC", "TTC", "Montant facture", "Montant total", "Montant total TTC",
		"Montant initial", "Montant d'origine", "Net à payer", "Montant pièce",
		"Invoice amount", "Total amount", "Amount incl. VAT", "Total incl. VAT", "Gross amount",
		"Original amount", "Amount (incl. tax)", "Total incl. tax",
	}, []string{"Montant", "Amount", "Total"}},
	{FieldOpen, []string{
		"Reste dû", "Restant dû", "Reste à payer", "Reste", "Montant restant", "Montant restant dû",
		"Montant dû", "Reste à recouvrer", "Solde dû", "Solde restant", "Solde restant dû",
		"Montant impayé", "Impayé", "Non réglé", "Open amount", "Balance due", "Amount due",
		"Outstanding", "Outstanding amount", "Outstanding balance", "Amount remaining",
		"Remaining amount", "Remaining", "Residual", "Amount residual", "Unpaid amount",
	}, []string{"Solde", "Balance"}},
	{FieldDebit, []string{"Débit", "Montant débit", "Debit amount"}, nil},
	{FieldCredit, []string{"Crédit", "Montant crédit", "Credit amount"}, nil},
	{FieldDocType, []string{
		"Type de pièce", "Type de document", "Nature", "Nature de pièce", "Document type", "Doc type",
		"Invoice type", "Type facture",
	}, []string{"Type"}},
	{FieldCurrency, []string{"Devise", "Monnaie", "Code devise", "Currency", "Currency code", "Curr"}, nil},
	{FieldDebtorRef, []string{
		"Code client", "N° client", "Réf. client", "Référence client", "Compte client",
		"Compte auxiliaire", "Compte tiers", "Code tiers", "Identifiant client", "ID client",
		"Customer code", "Customer ID", "Customer number", "Customer ref", "Customer reference",
		"Client ID", "Client code", "Account code", "Debtor code", "Debtor ID", "Partner ID",
		"Partner ref",
	}, []string{"Compte", "Code", "Account"}},
	{FieldDebtorName, []string{
		"Nom client", "Nom du client", "Raison sociale", "Nom ou raison sociale", "Nom tiers",
		"Débiteur", "Nom débiteur", "Dénomination", "Société", "Client nom",
		"Customer name", "Client name", "Company name", "Company", "Debtor", "Debtor name",
		"Partner name", "Bill to", "Billing name",
	}, []string{"Client", "Customer", "Nom", "Name", "Tiers", "Partner"}},
	{FieldFirstName, []string{"Prénom", "Prénom client", "First name", "Given name"}, nil},
	{FieldDebtorKind, []string{
		"Type client", "Type de client", "Catégorie client", "Catégorie de client", "Type tiers",
		"Type de tiers", "Type de débiteur", "Customer type", "Client type", "Debtor type",
		"Customer category", "B2B/B2C", "Particulier/Professionnel",
	}, nil},
	{FieldSIREN, []string{"SIREN", "N° SIREN", "SIREN client", "SIREN/SIRET"}, nil},
	{FieldSIRET, []string{"SIRET", "N° SIRET", "SIRET client"}, nil},
	{FieldVATNumber, []string{
		"N° TVA", "N° TVA intracommunautaire", "N° de TVA intracommunautaire", "TVA intracommunautaire",
		"TVA intracom", "N° TVA intracom", "TVA intra", "Identifiant TVA", "VAT number", "VAT no",
		"VAT ID", "VAT registration number", "Tax ID",
	}, nil},
	{FieldEmail, []string{
		"Email", "E-mail", "Courriel", "Mail", "Adresse email", "Adresse e-mail", "Adresse mail",
		"Email address", "E-mail address", "Email client", "Courriel client", "Contact email",
	}, nil},
	{FieldPhone, []string{
		"Téléphone", "Tél", "Tel", "Téléphone client", "N° téléphone", "Portable", "Mobile", "GSM",
		"Phone", "Phone number", "Telephone", "Contact phone",
	}, nil},
	{FieldAddressLine1, []string{
		"Adresse", "Adresse 1", "Adresse ligne 1", "Adresse client", "Rue", "Voie", "Address",
		"Address 1", "Address line 1", "Street", "Street address", "Billing address",
	}, nil},
	{FieldAddressLine2, []string{
		"Adresse 2", "Adresse ligne 2", "Complément d'adresse", "Complément adresse", "Complément",
		"Address 2", "Address line 2",
	}, nil},
	{FieldPostalCode, []string{"Code postal", "CP", "Postal code", "Zip", "Zip code", "Postcode", "Post code"}, nil},
	{FieldCity, []string{"Ville", "Commune", "Localité", "City", "Town"}, nil},
	{FieldCountry, []string{"Pays", "Code pays", "Country", "Country code"}, nil},
	{FieldPaymentTerms, []string{
		"Délai de paiement", "Délai de règlement", "Conditions de paiement", "Conditions de règlement",
		"Condition de paiement", "Délai", "Payment terms", "Terms",
	}, nil},
	{FieldPaymentMeans, []string{
		"Mode de règlement", "Mode de paiement", "Moyen de paiement", "Moyen de règlement",
		"Payment method", "Payment means", "Payment mode",
	}, nil},
}

// synonym is what a folded header means.
type synonym struct {
	field  Field
	strong bool
}

var synonyms = buildSynonyms()

func buildSynonyms() map[string]synonym {
	m := map[string]synonym{}
	for _, g := range synonymGroups {
		for _, s := range g.strong {
			m[headerKey(s)] = synonym{g.field, true}
		}
		for _, s := range g.weak {
			m[headerKey(s)] = synonym{g.field, false}
		}
	}
	return m
}

// lookupHeader tells which field a header names, if any.
func lookupHeader(h string) (synonym, bool) {
	s, ok := synonyms[headerKey(h)]
	return s, ok
}

// tokenAliases are the ways of writing one word in a header: "N°", "No",
// "Num" and "Number" are all "numero".
var tokenAliases = map[string]string{
	"n": "numero", "no": "numero", "nr": "numero", "num": "numero", "nbr": "numero",
	"number": "numero", "numero": "numero",
	"ref": "ref", "reference": "ref", "refs": "ref",
	"email": "email", "mail": "mail",
}

// littleWords carry nothing in a header: "Date d'échéance" is "Date
// échéance", "Montant (en euros)" is "Montant".
var littleWords = map[string]bool{
	"de": true, "d": true, "des": true, "la": true, "le": true, "l": true, "les": true,
	"a": true, "en": true, "the": true, "of": true, "eur": true, "euro": true, "euros": true,
}

// headerKey folds a header to the words that name it: "N° de facture",
// "No facture" and "Numéro facture" all give "numero facture".
func headerKey(h string) string {
	h = strings.NewReplacer("°", "o ", "º", "o ", "#", " no ").Replace(h)
	words := strings.Fields(receivable.Fold(h))
	out := words[:0]
	for _, w := range words {
		if littleWords[w] {
			continue
		}
		if a, ok := tokenAliases[w]; ok {
			w = a
		}
		if len(out) > 0 && out[len(out)-1] == w {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}
