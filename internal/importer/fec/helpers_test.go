package fec

import (
	"context"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// collect is a Sink that keeps what it is handed.
type collect struct {
	records []receivable.Record
	issues  []receivable.Issue
}

func (c *collect) Record(r receivable.Record) error {
	c.records = append(c.records, r)
	return nil
}

func (c *collect) Issue(is receivable.Issue) { c.issues = append(c.issues, is) }

// byKind counts the records of each kind.
func (c *collect) byKind() map[receivable.RecordKind]int {
	m := map[receivable.RecordKind]int{}
	for _, r := range c.records {
		m[r.Kind]++
	}
	return m
}

// openTotal sums the Open of the records of kind k, in minor units.
func (c *collect) openTotal(k receivable.RecordKind) int64 {
	var t int64
	for _, r := range c.records {
		if r.Kind == k {
			t += r.Open.Minor
		}
	}
	return t
}

// record returns the record of line n.
func (c *collect) record(t *testing.T, n int) receivable.Record {
	t.Helper()
	for _, r := range c.records {
		if r.Line == n {
			return r
		}
	}
	t.Fatalf("no record at line %d", n)
	return receivable.Record{}
}

// parseText parses a FEC written in a test: rows joined by LF.
func parseText(t *testing.T, opts Options, rows ...string) (*collect, receivable.Info, error) {
	t.Helper()
	c := &collect{}
	info, err := Parse(context.Background(), strings.NewReader(strings.Join(rows, "\n")+"\n"), opts, c)
	return c, info, err
}

// fec18 is the header of an 18-column FEC, tab-separated.
const fec18 = "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise"

// row builds a line of an 18-column FEC from its meaningful fields.
func row(journal, journalLib, num, date, account, aux, auxLib, piece, debit, credit, letter string) string {
	return strings.Join([]string{
		journal, journalLib, num, date, account, "Clients", aux, auxLib, piece, date, "lib",
		debit, credit, letter, "", date, "", "",
	}, "\t")
}
