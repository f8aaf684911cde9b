package bankcsv

// Field is a piece of a bank statement line that a column may hold.
type Field string

// The fields of a statement line. A file gives the amount either as one
// signed Amount column (its sign, or a Direction column, telling debit
// from credit) or as Debit and Credit columns.
const (
	FieldBookingDate         Field = "booking_date"
	FieldValueDate           Field = "value_date"
	FieldAmount              Field = "amount"
	FieldDebit               Field = "debit"
	FieldCredit              Field = "credit"
	FieldDirection           Field = "direction" // D/C indicator: D, C, Débit, Crédit, DBIT, CRDT, -, +
	FieldLabel               Field = "label"
	FieldDetail              Field = "detail" // more text: a second label, details, a memo
	FieldCounterparty        Field = "counterparty"
	FieldCounterpartyAccount Field = "counterparty_account"
	FieldReference           Field = "reference"
	FieldDocument            Field = "document" // an invoice number the payer gave
	FieldCurrency            Field = "currency"
	FieldBalance             Field = "balance" // the running balance, read to be left alone
)

// allFields lists the fields in display order, which is also the order
// DetectMapping gives them their columns.
var allFields = []Field{
	FieldBookingDate, FieldValueDate, FieldAmount, FieldDebit, FieldCredit,
	FieldDirection, FieldLabel, FieldDetail, FieldCounterparty,
	FieldCounterpartyAccount, FieldReference, FieldDocument, FieldCurrency,
	FieldBalance,
}

// Fields returns every field, in display order.
func Fields() []Field { return append([]Field(nil), allFields...) }

// Valid reports whether f is a known field.
func (f Field) Valid() bool {
	for _, g := range allFields {
		if f == g {
			return true
		}
	}
	return false
}

// LabelKey is the catalogue key of the field's name in the interface.
func (f Field) LabelKey() string { return "bank.bankcsv.field." + string(f) }
