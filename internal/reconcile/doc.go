// Package reconcile finds what each incoming bank payment pays among a
// creditor's open invoices: it reads the invoice numbers people type in
// a remittance text, the structured creditor reference (ISO 11649 RF),
// the account the money came from (an IBAN memory learnt from confirmed
// matches) and the payer's name, and fits the amount to one invoice, to
// several invoices of one debtor, or to what is owed less small bank
// fees. Each proposal has a confidence and the reasons for it; above a
// threshold the best one is applied by itself, below it waits for review.
// The package is pure: the caller loads the Book and stores the results.
//
// # Reading a payment
//
// Numbers (ExtractNumbers): the text is cut into words; dates, amounts
// and IBANs are left out; invoice words ("FACT", "facture", "N°", "INV")
// are dropped and mark what follows as invoice numbers, through lists
// ("fac 12 et 13"). A number is read as runs of letters and digits and
// looked up under keys (keys.go): every run, leading zeros dropped
// ("F2024/12" is F2024-0012); every character, zeros kept ("F20240012");
// the same two without the invoice word in front ("FACT 2024-0012"); the
// digit runs only. The keys keeping zeros are tried first when the number
// is typed with leading zeros ("2025-0058" is F2025-0058, not
// 2025/00058), last otherwise; the first key that finds documents wins,
// with whatever the same key finds at a later level ("2025-58" may be
// either). A number of one or two digits is only looked up as the end of
// the numbers of a debtor the account or the name designates ("fac 12"
// for F2024-0012).
//
// RF references: an RF reference recouvre prints embeds the invoice
// number, letters and digits only (RFReference); a valid one is looked
// up by that embedded reference.
//
// Debtor: the IBAN memory first; then the payer's name, folded (case,
// accents, punctuation) and compared as a set of words without legal
// forms, titles and the bank's words — the same words as exactly one
// debtor, or words that hold or are held by one debtor's, or several
// debtors (ambiguous). An entry without counterparty is searched for a
// debtor's whole name.
//
// # Proposals and their confidence
//
// A proposal's confidence is the sum of the points of its evidence,
// clamped to 1–99 (score.go). The points were set on the labelled test
// set (labelled_test.go) so that what reaches 90, the default threshold,
// is right at least 99 times in 100, and what is ambiguous stays below.
//
// Documents cited in the text, one proposal per debtor they belong to:
//
//	what cites them       RF reference 85; distinctive number 65 (five
//	                      digits, or four with a letter or two runs,
//	                      or three with two letters: "2024-0012",
//	                      "FA000123", "INV-7781"); short number 45
//	                      ("123"); end of a number of a debtor the
//	                      account or the name designates 40 ("fac 12");
//	                      the weakest of the documents cited counts
//	who paid              IBAN known +25; the same name +20; a name
//	                      fitting +12; an ambiguous name +5; the IBAN
//	                      known for another debtor −30; the name
//	                      designating other debtors −10; a number that
//	                      designates documents of several debtors,
//	                      nothing choosing between them, −20
//	the amount            their sum +30; their sum less a fee +20; the
//	                      sum of some of them only +22 (a second
//	                      proposal); more or less than their sum 0 (a
//	                      partial payment goes oldest first, an
//	                      overpayment stays unapplied), −10 more when
//	                      the text cites a number found nowhere
//	already paid          −25, nothing allocated
//
// A distinctive number with the exact amount gives 95; with another
// amount 65, and 90 when the IBAN confirms the debtor.
//
// The debtors the account, the name or a cited number designate (when
// the amount did not fit the documents cited), by the amount among their
// open documents:
//
//	who paid              IBAN known 45 (+5 when the name agrees); the
//	                      same name 42; a name fitting 30; an ambiguous
//	                      name 20; the debtor of a number cited 25; the
//	                      IBAN known for another debtor −30
//	the amount            the one invoice of that amount +50 (several:
//	                      the oldest +35, the others +20); the one
//	                      combination of 2–4 documents of that sum +45,
//	                      +35 among more than 8 open documents (several:
//	                      the oldest +25, the next +20); the one invoice
//	                      owed less a fee +35 (several: +25); the oldest
//	                      documents first, or all of them and the rest
//	                      unapplied, +10 (+5 beside a better proposal);
//	                      nothing open −20, all unapplied
//
// The known IBAN and the one invoice of the amount give 95, the same
// name 92, a combination with the IBAN 90.
//
// Nothing known of the payer, no number: the one invoice of the whole
// book of that amount 50 (one of two or three: 25). Such a proposal is
// never applied by itself, whatever the threshold.
//
// A fee is at most Options.FeeTolerance and at most 5% of what was owed.
// A larger gap within the tolerance may be a fee or a partial payment:
// both are proposed, with the same confidence, for the user to choose.
//
// Auto applies the best proposal when its confidence reaches the
// threshold, it leads the next one by 10 points at least, it allocates
// something, and it rests on a number, an RF reference, the IBAN memory
// or a name.
//
// # Amounts
//
// Amounts are integer minor units. An allocation never exceeds its
// document's open amount; a credit note of the debtor may be combined, as
// a negative allocation that lowers the sum. For every proposal
// Σ Allocations + Unapplied = payment + Fee, Fee being at most the
// tolerance. Apply lowers the open amounts, so that the later payments
// of a file do not pay an invoice twice.
package reconcile
