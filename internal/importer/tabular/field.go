package tabular

// Field is one thing a receivables file may say of an invoice or of its
// debtor. Its value is stable: saved mappings name fields by it.
type Field string

// The fields a column may be mapped to.
const (
	FieldNumber       Field = "number"            // invoice or credit note number
	FieldIssueDate    Field = "issue_date"        // date of the invoice
	FieldDueDate      Field = "due_date"          // due date
	FieldAmount       Field = "amount"            // amount, VAT included
	FieldOpen         Field = "open"              // what remains due ("Reste dû", "Solde")
	FieldDebit        Field = "debit"             // debit column of a ledger
	FieldCredit       Field = "credit"            // credit column of a ledger
	FieldDocType      Field = "doc_type"          // Facture / Avoir
	FieldCurrency     Field = "currency"          // ISO 4217 code
	FieldDebtorRef    Field = "debtor_ref"        // customer code or account
	FieldDebtorName   Field = "debtor_name"       // customer name or company name
	FieldFirstName    Field = "debtor_first_name" // a consumer's first name, when apart
	FieldDebtorKind   Field = "debtor_kind"       // particulier, professionnel, public
	FieldSIREN        Field = "siren"
	FieldSIRET        Field = "siret"
	FieldVATNumber    Field = "vat_number"
	FieldEmail        Field = "email"
	FieldPhone        Field = "phone"
	FieldAddressLine1 Field = "address_line1"
	FieldAddressLine2 Field = "address_line2"
	FieldPostalCode   Field = "postal_code"
	FieldCity         Field = "city"
	FieldCountry      Field = "country"
	FieldPaymentTerms Field = "payment_terms" // "30 jours", "45 jours fin de mois"
	FieldPaymentMeans Field = "payment_means" // "Virement", "Chèque"
)

// allFields is every field in the order a mapping page offers them.
var allFields = []Field{
	FieldNumber, FieldIssueDate, FieldDueDate, FieldAmount, FieldOpen, FieldDebit, FieldCredit,
	FieldDocType, FieldCurrency, FieldDebtorRef, FieldDebtorName, FieldFirstName, FieldDebtorKind,
	FieldSIREN, FieldSIRET, FieldVATNumber, FieldEmail, FieldPhone, FieldAddressLine1,
	FieldAddressLine2, FieldPostalCode, FieldCity, FieldCountry, FieldPaymentTerms, FieldPaymentMeans,
}

// Valid reports whether f is a known field.
func (f Field) Valid() bool {
	for _, g := range allFields {
		if f == g {
			return true
		}
	}
	return false
}

// LabelKey is the catalogue key of the field's name, "import.field.<f>".
func (f Field) LabelKey() string { return "import.field." + string(f) }

// FieldInfo describes a field for a mapping page: one <select> per file
// column, whose options are Fields().
type FieldInfo struct {
	Field Field  `json:"field"`
	Label string `json:"label"` // catalogue key of the field's name
}

// Fields lists the fields a column may be mapped to, in display order.
func Fields() []FieldInfo {
	out := make([]FieldInfo, len(allFields))
	for i, f := range allFields {
		out[i] = FieldInfo{Field: f, Label: f.LabelKey()}
	}
	return out
}
