package fec

import (
	"bytes"
	"strings"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// Field names of A47 A-1, lower-cased, as the header is matched.
const (
	fJournalCode  = "journalcode"
	fJournalLib   = "journallib"
	fEcritureNum  = "ecriturenum"
	fEcritureDate = "ecrituredate"
	fCompteNum    = "comptenum"
	fCompteLib    = "comptelib"
	fCompAuxNum   = "compauxnum"
	fCompAuxLib   = "compauxlib"
	fPieceRef     = "pieceref"
	fPieceDate    = "piecedate"
	fDebit        = "debit"
	fCredit       = "credit"
	fMontant      = "montant"
	fSens         = "sens"
	fEcritureLet  = "ecriturelet"
)

// mandatory are the fields the open receivables are read from. The other
// fields of A47 A-1 (EcritureLib, DateLet, ValidDate, Montantdevise,
// Idevise) are not needed, and a file without them still reads.
var mandatory = []string{fJournalCode, fEcritureNum, fEcritureDate, fCompteNum, fCompAuxNum, fPieceRef, fEcritureLet}

// canonical spells a field for a message when the header lacks it.
var canonical = map[string]string{
	fJournalCode: "JournalCode", fEcritureNum: "EcritureNum", fEcritureDate: "EcritureDate",
	fCompteNum: "CompteNum", fCompAuxNum: "CompAuxNum", fPieceRef: "PieceRef", fEcritureLet: "EcritureLet",
	fDebit: "Debit", fCredit: "Credit", fMontant: "Montant", fSens: "Sens",
}

// header is the first line of the file, read.
type header struct {
	sep   byte
	names []string // as the file writes them, trimmed
	col   map[string]int
	// montant is true for the Montant + Sens variant.
	montant bool
}

// index returns the position of field f, -1 when the header lacks it.
func (h *header) index(f string) int {
	if i, ok := h.col[f]; ok {
		return i
	}
	return -1
}

// name returns field f as the header writes it.
func (h *header) name(f string) string {
	if i := h.index(f); i >= 0 {
		return h.names[i]
	}
	return canonical[f]
}

// utf8BOMAs1252 is a UTF-8 BOM read as Windows-1252, when the encoding
// was forced.
const utf8BOMAs1252 = "\u00ef\u00bb\u00bf"

// readHeader reads the field names of line. It returns an Issue when the
// line has no separator or lacks a mandatory field.
func readHeader(line []byte, no int) (*header, error) {
	line = bytes.TrimPrefix(line, []byte("\uFEFF"))
	line = bytes.TrimPrefix(line, []byte(utf8BOMAs1252))
	h := &header{col: map[string]int{}}
	tabs, pipes := bytes.Count(line, []byte{'\t'}), bytes.Count(line, []byte{'|'})
	switch {
	case tabs > 0 && tabs >= pipes:
		h.sep = '\t'
	case pipes > 0:
		h.sep = '|'
	default:
		return nil, receivable.Issue{Line: no, Value: clip(string(line)), Key: keyHeader}
	}
	for _, f := range splitFields(nil, line, h.sep) {
		h.names = append(h.names, string(clean(f)))
	}
	for len(h.names) > 0 && h.names[len(h.names)-1] == "" {
		h.names = h.names[:len(h.names)-1]
	}
	for i, n := range h.names {
		k := strings.ToLower(n)
		if _, dup := h.col[k]; !dup && k != "" {
			h.col[k] = i
		}
	}
	var missing []string
	for _, f := range mandatory {
		if h.index(f) < 0 {
			missing = append(missing, canonical[f])
		}
	}
	switch {
	case h.index(fDebit) >= 0 && h.index(fCredit) >= 0:
	case h.index(fMontant) >= 0 && h.index(fSens) >= 0:
		h.montant = true
	case h.index(fMontant) >= 0:
		missing = append(missing, canonical[fSens])
	default:
		if h.index(fDebit) < 0 {
			missing = append(missing, canonical[fDebit])
		}
		if h.index(fCredit) < 0 {
			missing = append(missing, canonical[fCredit])
		}
	}
	if len(missing) > 0 {
		list := strings.Join(missing, ", ")
		return nil, receivable.Issue{Line: no, Value: list, Key: keyMissingColumns, Args: []any{list}}
	}
	return h, nil
}

// clip shortens a value quoted in an issue.
func clip(s string) string {
	const max = 120
	if len(s) <= max {
		return s
	}
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}
