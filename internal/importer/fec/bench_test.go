package fec

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/recouvre/recouvre/internal/importer/receivable"
)

// benchFEC writes a FEC of n data lines: sales entries of three lines
// (customer, revenue, VAT), every other one lettered with a bank payment
// of two lines, 2 000 customers.
func benchFEC(n int) []byte {
	var b bytes.Buffer
	b.WriteString(fec18 + "\n")
	for i := 0; i < n; {
		num := i/5 + 1
		aux := fmt.Sprintf("C%04d", num%2000)
		date := fmt.Sprintf("2023%02d%02d", num%12+1, num%28+1)
		piece := fmt.Sprintf("FA%07d", num)
		letter := ""
		if num%2 == 0 {
			letter = fmt.Sprintf("L%d", num)
		}
		lines := []string{
			row("VE", "Ventes", fmt.Sprint(num), date, "411000", aux, "Client "+aux, piece, "1200,00", "0,00", letter),
			row("VE", "Ventes", fmt.Sprint(num), date, "706000", "", "", piece, "0,00", "1000,00", ""),
			row("VE", "Ventes", fmt.Sprint(num), date, "445710", "", "", piece, "0,00", "200,00", ""),
			row("BQ", "Banque", fmt.Sprint(num), date, "512000", "", "", "VIR", "1200,00", "0,00", ""),
			row("BQ", "Banque", fmt.Sprint(num), date, "411000", aux, "Client "+aux, "VIR", "0,00", "1200,00", letter),
		}
		for _, l := range lines {
			if i == n {
				break
			}
			b.WriteString(l)
			b.WriteByte('\n')
			i++
		}
	}
	return b.Bytes()
}

// discard is a Sink that counts.
type discard struct{ records, issues int }

func (d *discard) Record(receivable.Record) error {
	d.records++
	return nil
}

func (d *discard) Issue(receivable.Issue) { d.issues++ }

func BenchmarkParse(b *testing.B) {
	const n = 200_000
	data := benchFEC(n)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		d := &discard{}
		info, err := Parse(context.Background(), bytes.NewReader(data), Options{}, d)
		if err != nil || d.issues > 0 || info.Lines != n+1 || d.records == 0 {
			b.Fatalf("err %v, %d issues, %d lines, %d records", err, d.issues, info.Lines, d.records)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}
