package bankcsv

// synonyms are the names French and English bank exports give each
// field's column, normalized. A strong name says the field for sure
// ("Date opération"); a weak one only when no column has a strong name
// ("Date", "Description", "Gross"). A bare "IBAN" is no counterparty's:
// several exports give the account's own IBAN on every row.
var synonyms = map[Field]struct{ strong, weak []string }{
	FieldBookingDate: {strong: []string{
		"date operation", "date d operation", "date de l operation", "date op",
		"date comptable", "date de comptabilisation", "date comptabilisation",
		"date de transaction", "date transaction", "booking date", "posting date",
		"transaction date", "date d execution", "date execution", "dateop",
	}, weak: []string{"date", "jour"}},
	FieldValueDate: {strong: []string{
		"date valeur", "date de valeur", "value date", "date val", "valeur", "dateval",
	}},
	FieldAmount: {strong: []string{
		"montant", "amount", "somme", "montant de l operation", "montant operation",
		"transaction amount", "montant net",
	}, weak: []string{"gross", "brut", "net"}},
	FieldDebit: {strong: []string{
		"debit", "debits", "montant debit", "withdrawal", "withdrawals", "paid out",
		"money out", "sorties", "depenses",
	}},
	FieldCredit: {strong: []string{
		"credit", "credits", "montant credit", "deposit", "deposits", "paid in",
		"money in", "entrees", "recettes",
	}},
	FieldDirection: {strong: []string{
		"sens", "d c", "dc", "c d", "cd", "dr cr", "cr dr", "debit credit indicator",
		"credit debit indicator", "indicateur debit credit", "type d c", "sens d c",
	}},
	FieldLabel: {strong: []string{
		"libelle", "libelles", "libelle operation", "libelle de l operation",
		"libelle simplifie", "libelle court", "intitule", "label", "wording",
		"nature de l operation", "nature operation",
	}, weak: []string{"description", "designation", "motif", "nature", "objet"}},
	FieldDetail: {strong: []string{
		"detail", "details", "libelle complementaire", "libelle long",
		"informations complementaires", "information complementaire", "complement",
		"memo", "commentaire", "commentaires", "comment", "note", "notes", "remarque",
		"additional information", "reference interne",
	}, weak: []string{"description", "informations"}},
	FieldCounterparty: {strong: []string{
		"tiers", "nom du tiers", "contrepartie", "nom de la contrepartie",
		"counterparty", "counterparty name", "partner", "partner name",
		"beneficiaire", "nom du beneficiaire", "emetteur", "donneur d ordre",
		"payeur", "nom du payeur", "payee", "payer", "debiteur", "crediteur",
		"supplierfound",
	}, weak: []string{"name", "nom"}},
	FieldCounterpartyAccount: {strong: []string{
		"iban contrepartie", "iban de la contrepartie", "compte contrepartie",
		"compte de la contrepartie", "counterparty account", "counterparty iban",
		"bank account", "iban du tiers", "compte du tiers", "partner bank account",
		"iban emetteur", "iban beneficiaire", "iban du payeur",
	}},
	FieldReference: {strong: []string{
		"reference", "ref", "reference operation", "reference de l operation",
		"reference bancaire", "numero d operation", "n d operation", "no d operation",
		"n operation", "numero operation", "operation number", "transaction id",
		"id transaction", "identifiant", "identifiant operation", "bank reference",
		"transaction reference", "reference transaction",
	}, weak: []string{"id"}},
	FieldDocument: {strong: []string{
		"invoice id", "invoice", "invoice number", "invoice no", "numero de facture",
		"n de facture", "n facture", "no facture", "facture", "reference facture",
	}},
	FieldCurrency: {strong: []string{
		"devise", "currency", "monnaie", "ccy", "code devise", "currency code",
	}},
	FieldBalance: {strong: []string{
		"solde", "balance", "running balance", "solde apres operation",
		"nouveau solde", "solde courant", "accountbalance",
	}},
}
