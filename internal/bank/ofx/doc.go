// Package ofx reads Open Financial Exchange bank and credit-card
// statements into the statement shape: OFX 1.x (SGML, leaf tags usually
// left unclosed) and OFX 2.x (XML). It is our own reader; it needs no
// DTD and never trusts the file's CHARSET.
//
// # Reading the file
//
// A 1.x file starts with header lines (OFXHEADER:100, DATA:OFXSGML,
// CHARSET:1252…), possibly after blank lines, possibly all on one line; a
// 2.x file starts with <?xml …?> and <?OFX …?>. The body is read as a
// stream of tags whatever the layout: one tag a line, one transaction a
// line, or the whole file on a single line. A leaf tag (<TRNAMT>-75.00)
// takes the text up to the next tag, and its closing tag is optional;
// an aggregate (<STMTTRN>) is closed by its end tag, or implicitly by the
// end tag of an aggregate around it. An empty tag is a leaf when it is
// closed at once (<ACCTID></ACCTID>) or is a known leaf (<TRNUID> followed
// by <STATUS>); otherwise it opens an aggregate. A leaf is read in the
// innermost known aggregate around it, so an unknown empty tag does not
// hide the leaves that follow it. Entities (&amp;, &#233;…) are decoded;
// comments, processing instructions and DOCTYPE are skipped.
//
// The character set is decided by the bytes, not by the header: a body
// that is valid UTF-8 is UTF-8 even under CHARSET:1252 (a common bank
// bug); otherwise the header's code page is used (ISO-8859-15 when it says
// so, Windows-1252 for 1252, ISO-8859-1 and anything else), through
// package textenc. File.Encoding says what was used.
//
// # What comes out
//
// Each STMTRS (bank account) and CCSTMTRS (credit card) is one Statement,
// whatever the number of STMTTRNRS in the file: ID is the TRNUID, Account
// the BANKACCTFROM (BANKID → BankCode, ACCTID → Number, and IBAN when the
// ACCTID is one) or CCACCTFROM, Currency the CURDEF. Several BANKTRANLIST
// in one statement add up; From and To are the earliest DTSTART and the
// latest DTEND. LEDGERBAL/BALAMT fills Closing, but HasBalances stays
// false: OFX gives no opening balance, and deriving one from the entries
// would make any balance check pass by construction.
//
// Each STMTTRN is one Entry: DTPOSTED the booking date, DTAVAIL (or the
// non-standard VALUEDATE) the value date, TRNAMT the signed amount (the
// sign decides Credit, whatever TRNTYPE says), TRNTYPE upper-cased the
// BankCode, FITID the Ref (REFNUM when FITID is empty), NAME and MEMO the
// Text (joined by " / "). The entry carries one Transaction when there is
// a counterparty (NAME, or PAYEE/NAME when NAME is absent), a BANKACCTTO
// account that is an IBAN, a CHECKNUM or a REFNUM (the last two as
// DocumentNumbers). A CURRENCY/CURSYM in the transaction is the currency
// of its amount; otherwise CURDEF is. Dates are YYYYMMDD, optionally
// followed by a time, fractions and a zone ([-5:EST]); the date is taken
// as written, in the zone the bank wrote it, not moved to Paris.
//
// # Errors
//
// A transaction whose date or amount cannot be read, or that sits outside
// any statement, is reported as a statement.Issue (the physical line of
// the tag, the tag as Column, the text as Value) and left out; the others
// are kept. An unreadable optional value is reported and left empty, its
// entry or statement kept: a DTAVAIL (the entry has no value date), a
// CURDEF (the transactions' currency, else EUR, stands in), a CURSYM (the
// statement's currency stands in), a BALAMT (no closing balance). A file that ends inside its <OFX> is read
// as far as it goes and reported. Investment statements (INVSTMTRS) are
// not read: their bank transactions are reported as outside a statement.
// A file that is not OFX at all, or larger than MaxInputBytes, is a
// returned error wrapping a statement.Issue.
//
// Lines are counted as grep -n does: a line ends at LF, at CR LF, at a
// run of CRs followed by LF, or at a run of lone CRs.
//
// # Memory
//
// The file is read whole (up to MaxInputBytes) and decoded once; the
// reader keeps one token of look-ahead and a stack of open aggregates at
// most MaxDepth deep, so work is linear in the size of the file.
package ofx
