package reconcile

// The points of the scoring (see the package documentation). A
// proposal's confidence is the sum of the points of its evidence,
// clamped to 1–99.

// What designates the documents of a proposal citing them.
const (
	ptsRF        = 85 // a valid RF reference embedding the invoice number
	ptsStrong    = 65 // a distinctive number ("2024-0012", "FA000123")
	ptsWeak      = 45 // a short number ("123", "7781"), three digits at least
	ptsLastGroup = 40 // "fac 12": the end of a number, among one debtor's documents
	ptsPaidOff   = 25 // the cited invoice is already settled: taken off
)

// Who paid, for a proposal citing documents.
const (
	ptsRefIBAN      = 25
	ptsRefNameExact = 20
	ptsRefNameFit   = 12
	ptsRefNameAmbig = 5
)

// How the amount fits the documents cited.
const (
	ptsRefExact      = 30 // the amount is their sum
	ptsRefFee        = 20 // their sum less fees within the tolerance
	ptsRefSubset     = 22 // the amount is the sum of some of them only
	ptsRefMismatch   = 0  // partial payment or overpayment
	ptsAmbiguousRef  = 20 // taken off: the number designates several debtors' documents
	ptsIBANElsewhere = 30 // taken off: the paying account is another debtor's
	ptsNameElsewhere = 10 // taken off: the payer's name designates other debtors
	ptsUnknownNumber = 10 // taken off when the amount does not fit: the text cites a number found nowhere
)

// Who paid, for a proposal found by the amount alone among one debtor's
// documents.
const (
	ptsIBAN       = 45
	ptsNameExact  = 42
	ptsNameFit    = 30
	ptsNameAmbig  = 20
	ptsRefDebtor  = 25 // the debtor of a number cited, whose amount did not fit
	ptsBothAgree  = 5  // IBAN and name designate the same debtor
	ptsNoOpenDocs = 20 // taken off: nothing is open, the payment becomes credit
)

// How the amount fits a debtor's documents.
const (
	ptsSingleUnique   = 50 // the one open invoice of that amount
	ptsSingleOldest   = 35 // the oldest of several invoices of that amount
	ptsSingleOther    = 20 // another of them
	ptsComboUnique    = 45 // the one combination of 2–4 documents of that sum, among few
	ptsComboAmongMany = 35 // the same among more than maxFewDocs documents
	maxFewDocs        = 8
	ptsComboOldest    = 25 // the oldest of several combinations
	ptsComboOther     = 20
	ptsFeeUnique      = 35 // the one document owed, less fees
	ptsFeeOldest      = 25
	ptsOldestFirst    = 10 // nothing fits: oldest first, or everything and credit
	ptsOldestAltern   = 5  // the same, offered beside a better reading
	ptsAmountOnly     = 50 // no debtor known: the one invoice of the book of that amount
	ptsAmountFew      = 25 // one of two or three
	maxAmountOnly     = 3
	maxNameDebtors    = 8  // a name fitting more debtors designates none
	maxProposals      = 5  // what Match returns at most
	autoMargin        = 10 // how far the best proposal must lead the second to be applied
	maxCombSolutions  = 3  // combinations looked for, to know whether one is unique
)

// clamp bounds a score to a confidence.
func clamp(pts int) int { return max(1, min(99, pts)) }
