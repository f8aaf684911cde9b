package tabular

import "github.com/recouvre/recouvre/internal/importer/receivable"

// docTypeWords are the words a "Type de pièce" or "Nature" column holds,
// folded: the document's kind in full, abbreviated, or as a journal code.
var docTypeWords = map[string]receivable.RecordKind{
	"facture": receivable.Invoice, "factures": receivable.Invoice, "fa": receivable.Invoice,
	"fac": receivable.Invoice, "fact": receivable.Invoice, "f": receivable.Invoice,
	"facture client": receivable.Invoice, "facture de vente": receivable.Invoice, "fc": receivable.Invoice,
	"invoice": receivable.Invoice, "inv": receivable.Invoice, "sales invoice": receivable.Invoice,
	"customer invoice": receivable.Invoice, "bill": receivable.Invoice,
	"avoir": receivable.CreditNote, "avoirs": receivable.CreditNote, "av": receivable.CreditNote,
	"a": receivable.CreditNote, "avoir client": receivable.CreditNote, "ac": receivable.CreditNote,
	"facture d avoir": receivable.CreditNote, "note de credit": receivable.CreditNote,
	"credit note": receivable.CreditNote, "credit memo": receivable.CreditNote,
	"cn": receivable.CreditNote, "credit": receivable.CreditNote, "refund": receivable.CreditNote,
	"reglement": receivable.Payment, "rg": receivable.Payment, "rgt": receivable.Payment,
	"paiement": receivable.Payment, "encaissement": receivable.Payment, "enc": receivable.Payment,
	"versement": receivable.Payment, "payment": receivable.Payment, "receipt": receivable.Payment,
}

// parseDocType reads a document kind from its folded word; ok is false
// for a word it does not know.
func parseDocType(folded string) (receivable.RecordKind, bool) {
	k, ok := docTypeWords[folded]
	return k, ok
}
