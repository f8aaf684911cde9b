// Package cfonb reads the CFONB « relevé de compte » in 120-character
// records, the statement French banks deliver through EBICS, into the
// statement shape.
//
// # Records
//
// Each record is 120 characters; its first two give its kind:
//
//   - 01, old balance: opens the statement of one account for one date
//     (bank code 3–7, branch 12–16, currency 17–19, number of decimals 20,
//     account 22–32, date 35–40 JJMMAA, balance 91–104);
//   - 04, operation: one entry (interbank operation code 8–11, internal
//     code 33–34, booking date 35–40, rejection code 41–42, value date
//     43–48, label 49–79, amount 91–104, reference 105–120);
//   - 05, complement of the 04 before it: a qualifier 46–48 and 70
//     characters of text 49–118;
//   - 07, new balance: closes the statement (date 35–40, balance 91–104).
//
// A file chains any number of 01…07 blocks, for several days and several
// accounts. Amounts are right-aligned digits whose last character carries
// the last digit and the sign ({ A–I for +0…+9, } J–R for −0…−9); the
// decimal point is implied by zone 20, and the amount is turned into the
// minor units of the record's currency (a blank currency is EUR).
//
// # What comes out
//
// Each 01…07 block is one Statement: Account.Number is bank + branch +
// account as written (21 characters), Account.BankCode the 01's bank
// code, Account.IBAN the French IBAN these make (the RIB key computed)
// when the three zones have the RIB's shape; From is the 01's date, To
// the 07's; Opening and Closing the two balances (HasBalances when both
// were read). A statement whose 01 balance plus its operations does not
// equal its 07 balance is reported (bank.err.cfonb.balance_mismatch) and
// kept, unless an operation of it was already left out for an issue.
//
// Each 04 is one Entry: the reference (105–120) is its Ref, the
// interbank operation code its BankCode, a rejection code (41–42) makes
// it a Reversal, and the label (49–79) starts its Text. Its 05 records
// add:
//
//   - LIB (free label), and any qualifier this package does not know
//     (AAA, "N Y"…): their text is added to Entry.Text;
//   - NPY (payer) and NBE (beneficiary): the counterparty is the payer of
//     a credit and the beneficiary of a debit, or the one name given when
//     the bank gives only one; NPO and NBU (ultimate parties) stand in
//     when neither is given;
//   - REF (the bank's operation reference): Transaction.AcctSvcrRef;
//   - RCN (the client's reference, 49–83, and the payment's purpose,
//     84–118): Transaction.EndToEndID, the purpose going to Entry.Text;
//   - LCC and LC2 (the 140 characters of unstructured remittance, in two
//     halves): one Transaction.Unstructured line, the halves joined
//     without a space so a word cut in two comes out whole;
//   - LCS (structured remittance): Transaction.CreditorRefs;
//   - IPY, IBE (identifiers), MMO (original amount and currency) and
//     others: Entry.Text.
//
// An entry carries one Transaction when a 05 gives any of these
// transaction details, none otherwise. Text parts are joined by " / ";
// an empty 05 adds nothing.
//
// # Leniency and errors
//
// Blank lines are skipped anywhere; a missing final newline and CR LF,
// CR CR LF or lone CR line ends are read alike. A record shorter than 120
// characters (trailing blanks trimmed by a tool) is padded, as long as it
// reaches its amount; a longer one is cut when the excess is blank; a
// line holding several records without line breaks is split every 120
// characters. Zones that the parser does not need are not checked: in
// particular the entry number (82–88) and the two indices (89–90) of a 04
// may be blank, as in the "non strict" files some banks send, where a
// strict reader refuses the record; and the amount zone may carry
// leading or trailing blanks, the amount being the digits and sign
// character between them.
//
// These are reported as statement.Issue, with the physical line, the
// zone as Column ("91-104") and the zone's text as Value, and the record
// left out: a record of an unknown kind, too short, or whose date,
// amount, currency or number of decimals cannot be read; a 04 or 07
// outside a statement, or of another account than its 01; a 05 with no
// 04 before it in its statement. A 01 that arrives before the 07 of the
// previous statement closes that statement without a closing balance
// (its entries are kept) and is reported; so is a file that ends before
// its last 07, and a 07 in another currency than its 01 (the statement
// is closed without a closing balance). A file whose first record is not CFONB, or larger than
// MaxInputBytes, is a returned error wrapping a statement.Issue.
//
// Lines are counted as grep -n does: a line ends at LF, at CR LF, at a
// run of CRs followed by LF, or at a run of lone CRs. Several records on
// one line share its number.
package cfonb
