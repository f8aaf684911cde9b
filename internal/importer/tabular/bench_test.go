package tabular

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// counter is a Sink that only counts.
type counter struct{ records, issues int }

func (c *counter) Record(receivable.Record) error { c.records++; return nil }
func (c *counter) Issue(receivable.Issue)         { c.issues++ }

// generatedCSV writes a French aged balance of n invoices.
func generatedCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Code client;Raison sociale;N° facture;Date facture;Échéance;Montant TTC;Reste dû;Email\r\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "C%05d;\"Client %d SARL\";FA-%07d;%02d/%02d/2024;%02d/%02d/2025;%d %03d,%02d;%d,%02d;compta%d@exemple.fr\r\n",
			i%5000, i%5000, i, i%28+1, i%12+1, i%28+1, i%12+1, i%90+1, i%1000, i%100, i%900+1, i%100, i%5000)
	}
	return b.Bytes()
}

func BenchmarkParseCSV(b *testing.B) {
	const rows = 100_000
	data := generatedCSV(rows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var c counter
		if _, err := Parse(context.Background(), bytes.NewReader(data), Options{}, &c); err != nil {
			b.Fatal(err)
		}
		if c.records != rows || c.issues != 0 {
			b.Fatalf("%d records, %d issues", c.records, c.issues)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// endless is a CSV of invoices that never ends.
type endless struct {
	n   int
	buf []byte
}

func (e *endless) Read(p []byte) (int, error) {
	if len(e.buf) == 0 {
		if e.n == 0 {
			e.buf = []byte("Facture;Client;Montant\n")
		}
		e.n++
		e.buf = fmt.Appendf(e.buf, "F-%d;Client;%d,00\n", e.n, e.n%1000+1)
	}
	n := copy(p, e.buf)
	e.buf = e.buf[n:]
	return n, nil
}

// stopAt stops the parse after n records.
type stopAt struct {
	counter
	n int
}

var errEnough = errors.New("enough")

func (s *stopAt) Record(r receivable.Record) error {
	if s.records++; s.records == s.n {
		return errEnough
	}
	return nil
}

func TestParseStreams(t *testing.T) {
	// An endless file is read as a stream: records come before the end.
	s := &stopAt{n: 1000}
	_, err := Parse(context.Background(), &endless{}, Options{}, s)
	if err != errEnough {
		t.Fatalf("err %v after %d records", err, s.records)
	}
}
