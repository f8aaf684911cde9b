// Package fec reads the open receivables out of a FEC, the Fichier des
// Écritures Comptables that every French accounting package exports for
// the tax auditor (LPF art. L47 A, A47 A-1).
//
// # Reading the file
//
// The first line names the fields, in any case (Montantdevise or
// MontantDevise), possibly after a BOM. The separator is a tab or a pipe,
// whichever the header uses; one file uses one. A trailing separator
// (19 fields for 18 names) is tolerated, and so is any number of blank
// fields past the last name. Fields may be blank-padded to a fixed width
// and are trimmed; a field wrapped in double quotes loses them. Columns are
// found by name, so the 18-column layout, the 22-column cash-basis variant
// (DateRglt, ModeRglt, NatOp, IdClient) and the Montant + Sens variant
// (instead of Debit and Credit) all read the same way. Amounts take a
// decimal comma and may be zero-padded ("0000000069,60"); dates are
// AAAAMMJJ; Sens is D or C (also +1 and -1, Débit and Crédit). The
// character set is detected by package textenc (UTF-8 with or without
// BOM, ISO-8859-15, Windows-1252, UTF-8 with stray 8-bit bytes).
//
// A physical line ends at LF, CR LF, or a run of CRs followed by LF
// (CR CR LF counts once), or at a lone CR. So the header is line 1 and the
// Nth record is line N whatever the line endings: it is the line number
// that grep -n, sed, less and vim show for a CR CR LF file, where the
// extra CR only shows as ^M.
//
// # What is open
//
// Only customer lines matter: CompteNum starting with 411 or 416 (their
// sub-accounts such as 4111 included; 418 invoices to issue and 419
// advances received never), or with the prefixes Options.CustomerPrefixes
// gives. The debtor is the auxiliary account (CompAuxNum, named by
// CompAuxLib). A file that keeps no auxiliary account on any customer line
// keeps its customers as general accounts: the debtor is then CompteNum,
// named by CompteLib. In a file that does use auxiliary accounts, a
// customer line without one sits on the collective account and says
// nobody's debt: it is reported (import.err.fec.no_debtor) and left out.
//
// A debit is an invoice, a credit a payment or a credit note; a negative
// debit is a credit and the other way round. The lettering code
// (EcritureLet, trimmed, case-sensitive: some packages mark partial
// lettering in lower case) groups, per debtor, the lines that settle one
// another:
//
//   - a group whose debits equal its credits is settled and gives nothing;
//   - a group that does not balance is open: its invoices come out, oldest
//     first (PieceDate, then line), each with Open lowered by the group's
//     credits taken oldest first; an invoice the credits cover in full is
//     left out; what credit remains once every invoice is covered comes
//     out as the credit's own record, Open being its unused part;
//   - an unlettered line is open on its own: an unlettered debit is an
//     invoice open for its whole amount, an unlettered credit is a credit
//     on account. Unlettered debits and credits of one debtor are not
//     set against each other: the book has not said which pays which.
//
// The debit lines of one entry (JournalCode, EcritureNum, EcritureDate)
// that share a PieceRef and a lettering code for one debtor are one
// invoice split over lines and make one record. À-nouveaux entries (AN,
// RAN, "A nouveaux", "Reports") are ordinary lines: an opening balance
// carried as one unlettered line per customer is one open invoice, and
// the payments lettered against last year's invoices (absent from the
// file) come out as credits on account that offset it.
//
// A credit that comes out is a credit note (avoir) when its journal is a
// sales journal, else a payment (bank, cash, miscellaneous, à-nouveaux).
// A journal is a sales journal when its label says so ("Ventes", "Sales"),
// when its code starts with VE or VT (VE, ve, VEN, VT, VTE), or, failing
// both, when it credits a revenue account (70…) and touches no cash or
// bank account (class 5); an à-nouveaux journal never is.
//
// A record's Number is the PieceRef; when that is empty or a placeholder
// ("0000000", "sans", "néant", "-"), JournalCode-EcritureNum. When several
// records of one debtor and one kind would share a Number (packages that
// write a period such as "VE  0323" as PieceRef), each gets a suffix that
// tells them apart: " (JournalCode-EcritureNum)", or " (n)", its rank in
// the file, when the entry numbers do not (EcritureNum 0 on every line).
// IssueDate is PieceDate, else EcritureDate. The FEC has no due date:
// DueDate stays zero. Every record has HasOpen set, Open being what the
// lettering leaves unsettled.
//
// Amounts are in the book's currency, Options.Currency: Debit and Credit
// are always kept in it, lettering balances in it, and the foreign amount
// of Montantdevise/Idevise cannot be split between the lines of a group
// without the exchange rates, so it is not used.
//
// # Errors
//
// A customer line whose amount, direction (Sens) or date cannot be read,
// or with both a debit and a credit, is reported as a receivable.Issue
// naming the field as the header writes it. A line with an unreadable
// amount is left out; a line with an unreadable date still counts in its
// lettering group's balance, so that a settled group stays settled, but
// gives no record. A line of any account with the wrong number of fields
// is reported and left out. Other lines are checked for their shape only:
// the parser reads no more of them than their journal and account, and
// the amount of a revenue line, silently. The mandatory header fields are
// those the parser reads: JournalCode, EcritureNum, EcritureDate,
// CompteNum, CompAuxNum, PieceRef, EcritureLet, and Debit and Credit or
// Montant and Sens. A header that lacks one, an empty file and a line
// over MaxLineBytes stop the parse with an error that is a
// receivable.Issue.
//
// # Memory
//
// The open items can only be known once every line of a lettering group
// is read, so the parser keeps the customer lines in memory, and only
// them: 80 bytes each (item) plus the text of their PieceRef and
// EcritureNum, about 100 bytes a line in all, the lettering codes and
// debtors being shared; the slice that holds them may have up to twice
// the room it uses. Other lines leave nothing behind but a few flags per
// journal. Once the file is read, working out the open items and their
// numbers takes about as much again (a 104-byte document per customer
// line, sharing the text of the lines). A FEC with 100 000 customer lines
// thus needs some 20 to 30 MB, whatever the number of its other lines.
package fec
