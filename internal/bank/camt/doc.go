// Package camt reads ISO 20022 bank-to-customer cash management messages:
// camt.053 statements (BkToCstmrStmt) and camt.054 debit and credit
// notifications (BkToCstmrDbtCdtNtfctn), in any version (.001.02, .04,
// .08 and the others: elements are matched by local name, whatever the
// namespace), into the statement package's shape.
//
// Parse reads a whole message: each Stmt or Ntfctn block becomes a
// statement.Statement with its account, period and booked opening and
// closing balances; each Ntry an Entry (one booking), and each TxDtls of
// the entry a Transaction (several for a batch). Amounts are read exactly
// as integer minor units. A value that cannot be read (an amount, a
// currency, a date, a direction, a status) is reported as a
// statement.Issue naming its line and element path, and the entry that
// holds it is left out, so that no half-read booking reaches the
// reconciliation; the other entries are kept. A file that is not a camt
// message at all, or is damaged XML, is a returned error that is also a
// statement.Issue.
//
// The reader is bounded: it refuses inputs above MaxSize, elements nested
// deeper than MaxDepth, start tags with too many attributes, and keeps only
// the elements it reads, each subtree within a node and byte budget, so
// that a hostile file cannot exhaust memory or time.
//
// Judgement calls, where the standard leaves room:
//
//   - Entry.Ref is the entry's AcctSvcrRef (the bank's unique reference,
//     the same in a camt.053 and the camt.054 detailing it), else its
//     NtryRef: Swiss banks put the QR/ESR participant number in NtryRef,
//     which repeats across entries.
//   - Entry.Text is AddtlNtryInf; an entry without one that has a single
//     TxDtls takes that transaction's AddtlTxInf, the bank's only label.
//   - The counterparty follows the entry's direction: the debtor (Dbtr,
//     else UltmtDbtr) of a credit, the creditor (Cdtr, else UltmtCdtr) of
//     a debit, reversals included (banks report a return with the parties
//     of the return). Only an IBAN fills CounterpartyIBAN.
//   - A transaction's amount is the first of TxDtls/Amt (.08),
//     AmtDtls/TxAmt, AmtDtls/InstdAmt and AmtDtls/CntrValAmt in the
//     entry's currency, else the first given.
//   - TxID is TxId, else the UETR (Transaction has no field of its own for
//     it; both identify the payment uniquely).
//   - A missing Sts is read as booked; FUTR (future) as pending. A missing
//     Ccy takes the account's currency when the file gives one.
//   - The opening balance is OPBD, else PRCD (the previous closing
//     balance); the closing balance is CLBD. Both must be present and in
//     the statement's currency for HasBalances.
//   - The statement's currency is the account's Ccy, else the opening
//     balance's, else the closing balance's, else the first entry's.
package camt
