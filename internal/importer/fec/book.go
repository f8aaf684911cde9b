package fec

import "strings"

// item is one customer line kept in memory until the file is read: 80
// bytes on a 64-bit machine, plus the text of num and piece (the lettering
// code is shared by the lines of its group).
type item struct {
	amount  int64 // minor units: a debit is positive, a credit negative
	line    int32 // physical line
	date    day   // PieceDate, else EcritureDate: the record's IssueDate
	entry   day   // EcritureDate, part of the entry's identity
	debtor  int32 // index in book.debtors
	journal int32 // index in journals.list
	// bad: a date could not be read. The line counts in its group's
	// balance, so that a settled group stays settled, but gives no record.
	bad    bool
	num    string // EcritureNum
	piece  string // PieceRef, "" for none or a placeholder
	letter string // EcritureLet, "" for an unlettered line
}

// debtor is a customer account as the file names it.
type debtor struct {
	ref  string
	name string
	// account: the debtor is a general account (CompteNum), the line
	// having no CompAuxNum.
	account bool
}

// book holds the customer lines of a file.
type book struct {
	items   []item
	debtors []debtor
	index   map[string]int32  // debtor key → index in debtors
	letters map[string]string // interned lettering codes
	// anyAux: some customer line names an auxiliary account, so the file
	// keeps its customers in a sub-ledger.
	anyAux bool
}

func newBook() *book {
	return &book{index: map[string]int32{}, letters: map[string]string{}}
}

// debtor returns the index of the line's debtor: its auxiliary account
// when it has one, else its general account.
func (b *book) debtor(aux, auxLib, account, accountLib []byte) int32 {
	ref, label, key := aux, auxLib, string(aux)
	if len(aux) == 0 {
		ref, label, key = account, accountLib, "\x00"+string(account)
	} else {
		b.anyAux = true
	}
	if i, ok := b.index[key]; ok {
		if d := &b.debtors[i]; d.name == "" && len(label) > 0 {
			d.name = string(label)
		}
		return i
	}
	i := int32(len(b.debtors))
	b.debtors = append(b.debtors, debtor{ref: string(ref), name: string(label), account: len(aux) == 0})
	b.index[key] = i
	return i
}

// letter returns the lettering code, shared between the lines that
// carry it.
func (b *book) letter(code []byte) string {
	if len(code) == 0 {
		return ""
	}
	if s, ok := b.letters[string(code)]; ok {
		return s
	}
	s := string(code)
	b.letters[s] = s
	return s
}

// placeholders are PieceRef values that name no document.
var placeholders = map[string]bool{
	"sans": true, "néant": true, "neant": true, "aucun": true, "aucune": true,
	"-": true, "--": true, ".": true, "/": true, "?": true, "n/a": true,
}

// pieceRef returns the document reference of a PieceRef field, "" when
// it is empty or a placeholder ("0000000", "sans").
func pieceRef(b []byte) string {
	zeros := true
	for _, c := range b {
		if c != '0' {
			zeros = false
			break
		}
	}
	if zeros || placeholders[strings.ToLower(string(b))] {
		return ""
	}
	return string(b)
}
