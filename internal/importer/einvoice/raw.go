package einvoice

import (
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/ledger"
)

// rawDoc is what a CII or UBL reader finds in the document, as written,
// before any value is checked. Each field keeps the element name an Issue
// shows when the value cannot be read.
type rawDoc struct {
	format receivable.Format
	// creditNoteRoot is true for a UBL CreditNote document, whatever its
	// type code says.
	creditNoteRoot bool
	number         field
	typeCode       field
	issueDate      dateField
	dueDates       []dateField
	currency       field
	// grandTotal is BT-112, duePayable BT-115; amountCurrency is the
	// currencyID attribute of either, the fallback when BT-5 is missing.
	grandTotal     field
	duePayable     field
	amountCurrency string
	terms          []string // BT-20, one per payment terms element
	meansCode      string   // BT-81
	meansText      string   // BT-82
	accounts       []string // BT-84, in document order
	buyer          *rawParty
	buyerColumn    string
}

// field is one element's text and the name an Issue gives it.
type field struct {
	text   string
	column string
}

// dateField is a date element: its text, and the CII format attribute
// ("102" for YYYYMMDD; empty in UBL).
type dateField struct {
	field
	format string
}

// scheme is an identifier with its scheme: "0002" SIREN, "0009" SIRET,
// "0225" the French e-invoicing directory's SIREN-based address, "EM" an
// email address, "VA" a VAT number, "" none.
type scheme struct {
	id, scheme string
}

// rawParty is the buyer as the document describes them.
type rawParty struct {
	name string
	// ref is the identifier the seller gives the buyer (BT-46 with no
	// scheme, or CII's ram:ID).
	ref string
	// legal holds the legal registration identifiers (BT-47) and the
	// global identifiers (BT-46 with a scheme) and electronic address
	// (BT-49), all candidates for SIREN and SIRET.
	legal        []scheme
	vat          []string
	email        string
	contactEmail string
	phone        string
	address      ledger.Address
}
