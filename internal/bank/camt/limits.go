package camt

// Limits of the reader. A bank's daily camt.053 is a few hundred
// kilobytes and its elements nest about fifteen deep; these bounds leave
// ample room for real files and none for a memory or time bomb.
const (
	// MaxSize is the largest input Parse reads, in bytes.
	MaxSize = 50 << 20
	// MaxDepth is the deepest element nesting Parse follows.
	MaxDepth = 64

	// maxAttrs is the most attributes a start tag may carry (encoding/xml
	// keeps them all in memory before handing the tag over).
	maxAttrs = 64
	// maxUnitNodes and maxUnitBytes bound what one unit keeps: a
	// statement's header (Id, FrToDt, Acct, Bal), an entry's own fields,
	// or one TxDtls.
	maxUnitNodes = 10_000
	maxUnitBytes = 1 << 20
	// maxText is the most bytes of text kept per element.
	maxText = 4 << 10
	// maxIssues is how many issues a file lists; the rest are counted.
	maxIssues = 1_000
)

// Counts a file may hold: a real TxDtls takes a few hundred bytes, an
// entry a little less, so a file within MaxSize stays within them. They
// are variables for the tests only.
var (
	maxStatements   = 10_000
	maxEntries      = 250_000
	maxTransactions = 150_000
)
