package ofx

// aggregates are the OFX aggregates the reader knows, from the banking,
// credit-card and sign-on parts of the specification (1.6 and 2.x). A
// leaf is read in the innermost of these around it; an unknown empty tag
// does not count.
var aggregates = setOf(
	"OFX", "SIGNONMSGSRSV1", "SONRS", "STATUS", "FI", "SIGNUPMSGSRSV1",
	"BANKMSGSRSV1", "STMTTRNRS", "STMTRS", "BANKACCTFROM", "BANKACCTTO",
	"BANKTRANLIST", "STMTTRN", "PAYEE", "CURRENCY", "ORIGCURRENCY",
	"LEDGERBAL", "AVAILBAL", "BALLIST", "BAL", "IMAGEDATA",
	"CREDITCARDMSGSRSV1", "CCSTMTTRNRS", "CCSTMTRS", "CCACCTFROM", "CCACCTTO",
	"STMTENDTRNRS", "STMTENDRS", "CCSTMTENDTRNRS", "CCSTMTENDRS", "CLOSING",
	"INTRATRNRS", "INTRARS", "XFERINFO", "EXTBANKACCTTO", "LOANACCTTO",
	"INVSTMTMSGSRSV1", "INVSTMTTRNRS", "INVSTMTRS", "INVACCTFROM",
	"INVTRANLIST", "INVBANKTRAN", "INVPOSLIST", "INVBAL", "MKTGINFO",
)

// leaves are the OFX elements that hold a value. An empty one that is not
// closed at once is still a leaf, not an aggregate (<TRNUID> followed by
// <STATUS>, <BALAMT> followed by <DTASOF>).
var leaves = setOf(
	"CODE", "SEVERITY", "MESSAGE", "DTSERVER", "LANGUAGE", "DTPROFUP",
	"DTACCTUP", "ORG", "FID", "SESSCOOKIE", "ACCESSKEY", "USERKEY",
	"TRNUID", "CLTCOOKIE", "CURDEF", "BANKID", "BRANCHID", "ACCTID",
	"ACCTTYPE", "ACCTKEY", "DTSTART", "DTEND", "TRNTYPE", "DTPOSTED",
	"DTUSER", "DTAVAIL", "TRNAMT", "FITID", "CORRECTFITID",
	"CORRECTACTION", "SRVRTID", "CHECKNUM", "REFNUM", "SIC", "PAYEEID",
	"NAME", "EXTDNAME", "MEMO", "CURRATE", "CURSYM", "BALAMT", "DTASOF",
	"ADDR1", "ADDR2", "ADDR3", "CITY", "STATE", "POSTALCODE", "COUNTRY",
	"PHONE", "INV401KSOURCE", "VALUEDATE", "DESC", "BALTYPE", "VALUE",
	"INTU.BID", "INTU.USERID",
)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
