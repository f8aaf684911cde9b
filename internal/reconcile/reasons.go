package reconcile

// Reason codes. Each has the message key "reconcile.reason.<code>" in
// the catalogues (internal/i18n/*.reconcile.json).
const (
	// what designates the documents
	CodeNumber          = "number_in_text"    // args: the number as written, the invoice number
	CodeLastGroup       = "number_last_group" // args: the number as written, the invoice number
	CodeRF              = "rf_reference"      // args: the reference, the invoice number
	CodeNumberAmbiguous = "number_ambiguous"  // args: the number as written
	CodeAlreadyPaid     = "already_paid"      // args: the invoice number
	CodeNumberUnknown   = "number_unknown"    // args: the number as written
	// who paid
	CodeIBAN            = "iban_known"        // args: the IBAN
	CodeIBANOther       = "iban_other_debtor" // args: the IBAN
	CodeName            = "name_match"        // args: the payer's name, the debtor's name
	CodeNameAmbiguous   = "name_ambiguous"    // args: the payer's name
	CodeNameOther       = "name_other_debtor" // args: the payer's name
	CodeNumberedDebtor  = "debtor_of_number"  // no args
	CodeNoOpenInvoice   = "no_open_invoice"   // no args
	CodeAmountOnly      = "amount_only"       // no args
	CodeSeveralOfAmount = "several_of_amount" // no args
	// how the amount fits
	CodeExact          = "exact_amount"         // args: the invoice number
	CodeSum            = "sum_of_invoices"      // args: how many documents
	CodeSeveralCombos  = "several_combinations" // no args
	CodeFees           = "amount_less_fees"     // no args
	CodeCreditNote     = "credit_note"          // args: the credit note's number
	CodePartialRef     = "partial_reference"    // no args
	CodeOldestFirst    = "oldest_first"         // no args
	CodeAmountMismatch = "amount_mismatch"      // no args
	CodeOverpayment    = "overpayment"          // no args
)

// reason builds a Reason of a code.
func reason(code string, args ...any) Reason {
	return Reason{Code: code, Key: "reconcile.reason." + code, Args: args}
}

// Codes lists every reason code, for the catalogue test.
var Codes = []string{
	CodeNumber, CodeLastGroup, CodeRF, CodeNumberAmbiguous, CodeAlreadyPaid, CodeNumberUnknown,
	CodeIBAN, CodeIBANOther, CodeName, CodeNameAmbiguous, CodeNameOther, CodeNumberedDebtor,
	CodeNoOpenInvoice, CodeAmountOnly, CodeSeveralOfAmount,
	CodeExact, CodeSum, CodeSeveralCombos, CodeFees, CodeCreditNote, CodePartialRef,
	CodeOldestFirst, CodeAmountMismatch, CodeOverpayment,
}

// identifying are the reasons that tie a payment to a debtor or to its
// documents; a proposal with none of them (an amount alone) is never
// applied by itself.
var identifying = map[string]bool{CodeNumber: true, CodeLastGroup: true, CodeRF: true, CodeIBAN: true, CodeName: true}
