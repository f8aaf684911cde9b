package fec

import (
	"bytes"
	"strings"

	"github.com/recouvre/recouvre/internal/importer/textenc"
)

// sniffFields are the header fields that tell a FEC from another text
// file, with Debit and Credit or Montant and Sens.
var sniffFields = []string{fJournalCode, fEcritureNum, fEcritureDate, fCompteNum}

// Sniff reports whether sample, the beginning of a file, is a FEC: its
// first line names the FEC fields, separated by tabs or pipes.
func Sniff(sample []byte) bool {
	text, _ := textenc.DecodeString(sample, "")
	line := []byte(strings.TrimLeft(text, "\r\n\t \uFEFF"))
	if i := bytes.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	var sep byte
	switch tabs, pipes := bytes.Count(line, []byte{'\t'}), bytes.Count(line, []byte{'|'}); {
	case tabs > 0 && tabs >= pipes:
		sep = '\t'
	case pipes > 0:
		sep = '|'
	default:
		return false
	}
	names := map[string]bool{}
	for _, f := range splitFields(nil, line, sep) {
		names[strings.ToLower(string(clean(f)))] = true
	}
	for _, f := range sniffFields {
		if !names[f] {
			return false
		}
	}
	return (names[fDebit] && names[fCredit]) || (names[fMontant] && names[fSens])
}
