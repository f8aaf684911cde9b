package fec

import (
	"strings"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// journal is what the parser learns of a journal from all its lines, to
// tell a sales journal from the others once the file is read.
type journal struct {
	code  string
	label string // the first non-empty JournalLib
	// treasury: a line on a cash or bank account (class 5).
	treasury bool
	// revenue: a credit on a revenue account (70…).
	revenue bool
}

// journals indexes the journals of a file by code.
type journals struct {
	list  []journal
	index map[string]int32
}

func newJournals() *journals { return &journals{index: map[string]int32{}} }

// get returns the index of the journal code, adding it when new.
func (js *journals) get(code []byte) int32 {
	if i, ok := js.index[string(code)]; ok {
		return i
	}
	i := int32(len(js.list))
	js.list = append(js.list, journal{code: string(code)})
	js.index[string(code)] = i
	return i
}

// see records what one line says of its journal.
func (js *journals) see(i int32, label, account []byte, credit bool) {
	j := &js.list[i]
	if j.label == "" && len(label) > 0 {
		j.label = string(label)
	}
	if len(account) > 0 && account[0] == '5' {
		j.treasury = true
	}
	if credit {
		j.revenue = true
	}
}

// openingCodes are the usual codes of à-nouveaux journals.
var openingCodes = map[string]bool{"AN": true, "ANO": true, "RAN": true, "AND": true, "ANX": true, "ANV": true}

// opening reports whether j carries the opening balances (à-nouveaux,
// reports).
func (j *journal) opening() bool {
	if openingCodes[strings.ToUpper(j.code)] {
		return true
	}
	l := receivable.Fold(j.label)
	return strings.Contains(l, "nouveau") || strings.Contains(l, "report")
}

// sales reports whether j is a sales journal, where a credit on a
// customer account is a credit note rather than a payment.
func (j *journal) sales() bool {
	if j.opening() {
		return false
	}
	l := " " + receivable.Fold(j.label) + " "
	if strings.Contains(l, " vente") || strings.Contains(l, " sales") || strings.Contains(l, " sale ") {
		return true
	}
	c := strings.ToUpper(j.code)
	if strings.HasPrefix(c, "VE") || strings.HasPrefix(c, "VT") {
		return true
	}
	return j.revenue && !j.treasury
}
