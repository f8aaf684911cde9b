package importer_test

// The import benchmark: a generated CSV of RECOUVRE_BENCH_LINES invoice
// lines (default 20,000; docs/benchmarks.md gives the figures at
// 1,000,000) imported through importer.Run, against a bare load of the
// same rows — the same tables, counts and shapes — through nothing but the
// dialect's CopyRows in one transaction.
//
//	RECOUVRE_BENCH_LINES=1000000 go test ./internal/importer/ -run '^$' \
//	    -bench 'ImportCSV|ImportBare' -benchtime=1x -timeout 60m

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

func benchLines(b *testing.B) int {
	n := 20000
	if s := os.Getenv("RECOUVRE_BENCH_LINES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 10 {
			b.Fatalf("RECOUVRE_BENCH_LINES=%q: want a number of lines, 10 or more", s)
		}
		n = v
	}
	return n
}

// shape is what the generated file holds, and so what its import writes.
type shape struct{ lines, debtors, partial int }

func shapeOf(n int) shape {
	s := shape{lines: n, debtors: max(1, n/5)}
	for k := 0; k < n; k++ {
		if partial(k) {
			s.partial++
		}
	}
	return s
}

// rows counts the rows an import of the file writes: each debtor with its
// contact and creation event, each invoice with its event, each invoice
// partly paid before the import with a payment, an allocation and an
// event, and the batch.
func (s shape) rows() int {
	return 3*s.debtors + 2*s.lines + 3*s.partial + 1
}

func partial(k int) bool { return k%10 == 3 }

var firms = []string{"Boulangerie", "Garage", "Transports", "Menuiserie", "Pharmacie", "Cabinet", "Atelier", "Imprimerie"}
var forms = []string{"SARL", "SAS", "", "EURL", "SA"}

// writeCSV writes a French open-items export of n lines over n/5
// customers, in the order an accounting package lists them (by date).
func writeCSV(b *testing.B, n int) string {
	b.Helper()
	p := filepath.Join(b.TempDir(), "balance.csv")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprint(w, "N° facture;Date facture;Échéance;Code client;Client;Email;Montant TTC;Reste dû\r\n")
	debtors := max(1, n/5)
	for k := 0; k < n; k++ {
		d := (k*7919 + k/3) % debtors
		issue := civil.D(2025, time.Month(1+(k/28)%12), 1+k%28)
		due := issue.AddDays(30)
		amount := 1000 + (k*7717)%900000
		open := amount
		if partial(k) {
			open = amount / 3
		}
		fmt.Fprintf(w, "F%07d;%s;%s;C%06d;%s %d %s;compta%d@client.example;%d,%02d;%d,%02d\r\n",
			k+1, issue.FormatFR(), due.FormatFR(), d, firms[d%len(firms)], d, forms[d%len(forms)], d,
			amount/100, amount%100, open/100, open%100)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return p
}

// peakMemory samples the process's memory held from the system (heap,
// stacks and runtime, less what was returned) until stop is closed.
func peakMemory(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var m runtime.MemStats
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.Sys-m.HeapReleased)
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

func benchStore(b *testing.B) (*sqldb.DB, storetest.Fixture) {
	db := storetest.Open(b)
	db.Now = func() time.Time { return today.Time(time.UTC).Add(9 * time.Hour) }
	return db, storetest.NewFixture(b, db, "Bench")
}

// BenchmarkImportCSV imports the generated file: detection, decoding,
// parsing, debtor and invoice resolution, the writes, the journal's hash
// chain, then the summaries' refresh. Everything is timed.
func BenchmarkImportCSV(b *testing.B) {
	n := benchLines(b)
	s := shapeOf(n)
	path := writeCSV(b, n)
	var total time.Duration
	var peak uint64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, f := benchStore(b)
		file, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		stop := make(chan struct{})
		mem := peakMemory(stop)
		b.StartTimer()
		start := time.Now()
		rep, err := importer.Run(f.Ctx, db, file, importer.Options{FileName: "balance.csv", Today: today})
		took := time.Since(start)
		b.StopTimer()
		close(stop)
		peak = max(peak, <-mem)
		file.Close()
		if err != nil {
			b.Fatal(err)
		}
		if rep.Created != n || rep.DebtorsCreated != s.debtors || rep.ErrorCount != 0 {
			b.Fatalf("report: created %d of %d, %d debtors of %d, %d errors, first %+v", rep.Created, n, rep.DebtorsCreated, s.debtors,
				rep.ErrorCount, rep.Errors[:min(3, len(rep.Errors))])
		}
		total += took
		b.Logf("%s: %d lines, %d rows written in %.2fs, peak memory %d MB", db.Dialect(), n, s.rows(), took.Seconds(), peak>>20)
		db.Close()
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "lines/s")
	b.ReportMetric(float64(s.rows()*b.N)/total.Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

// BenchmarkImportBareInsert writes rows of the same tables, shapes and
// counts as BenchmarkImportCSV through nothing but CopyRows in one
// transaction. Building the rows is not timed: this is the store's own
// rate.
func BenchmarkImportBareInsert(b *testing.B) {
	n := benchLines(b)
	s := shapeOf(n)
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, f := benchStore(b)
		ld := &bareImport{s: s, org: f.Org.ID, creditor: f.Creditor.ID}
		if err := ld.firstIDs(db); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		err := db.BareBulk(f.Ctx, ld.run)
		took := time.Since(start) - ld.building
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		total += took
		b.Logf("%s: %d rows in %.2fs (building them, not counted: %.2fs)", db.Dialect(), s.rows(), took.Seconds(), ld.building.Seconds())
		db.Close()
	}
	b.ReportMetric(float64(s.rows()*b.N)/total.Seconds(), "rows/s")
}

// bareImport builds the rows an import of the generated file writes.
type bareImport struct {
	s                         shape
	org, creditor             int64
	debtor, contact, inv, pay int64
	alloc, event, seq         int64
	building                  time.Duration
	at                        time.Time
}

func (ld *bareImport) firstIDs(db *sqldb.DB) error {
	for _, q := range []struct {
		dst *int64
		sql string
	}{
		{&ld.debtor, `SELECT COALESCE(MAX(id), 0) + 1 FROM debtors`},
		{&ld.contact, `SELECT COALESCE(MAX(id), 0) + 1 FROM contacts`},
		{&ld.inv, `SELECT COALESCE(MAX(id), 0) + 1 FROM invoices`},
		{&ld.pay, `SELECT COALESCE(MAX(id), 0) + 1 FROM payments`},
		{&ld.alloc, `SELECT COALESCE(MAX(id), 0) + 1 FROM allocations`},
		{&ld.event, `SELECT COALESCE(MAX(id), 0) + 1 FROM events`},
		{&ld.seq, `SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE org_id = ` + strconv.FormatInt(ld.org, 10)},
	} {
		if err := db.Writer().QueryRow(q.sql).Scan(q.dst); err != nil {
			return err
		}
	}
	ld.at = today.Time(time.UTC).Add(9 * time.Hour)
	return nil
}

const bareBatch = 50000

func (ld *bareImport) run(copyRows func(table string, cols []string, rows [][]any) error) error {
	build := map[string]struct {
		n   int
		row func(k int) []any
	}{
		"debtors":     {ld.s.debtors, ld.debtorRow},
		"debtor_tags": {0, nil},
		"contacts":    {ld.s.debtors, ld.contactRow},
		"invoices":    {ld.s.lines, ld.invoiceRow},
		"payments":    {ld.s.partial, ld.paymentRow},
		"allocations": {ld.s.partial, ld.allocationRow},
		"events":      {ld.s.debtors + ld.s.lines + ld.s.partial, ld.eventRow},
	}
	// The batch row, as the import writes it.
	if err := copyRows("import_batches", []string{"org_id", "creditor_id", "file_name", "sha256", "format", "created_at"},
		[][]any{{ld.org, ld.creditor, "balance.csv", "0123456789abcdef", "csv", ld.at}}); err != nil {
		return fmt.Errorf("bare import batch: %w", err)
	}
	batch := make([][]any, 0, bareBatch)
	for _, t := range sqldb.BulkTables() {
		bt := build[t.Name]
		for k := 0; k < bt.n; {
			start := time.Now()
			batch = batch[:0]
			for ; k < bt.n && len(batch) < bareBatch; k++ {
				batch = append(batch, bt.row(k))
			}
			ld.building += time.Since(start)
			if err := copyRows(t.Name, t.Cols, batch); err != nil {
				return fmt.Errorf("bare import %s: %w", t.Name, err)
			}
		}
	}
	return nil
}

func (ld *bareImport) debtorRow(k int) []any {
	name := fmt.Sprintf("%s %d %s", firms[k%len(firms)], k, forms[k%len(forms)])
	ref := fmt.Sprintf("C%06d", k)
	return []any{ld.debtor + int64(k), ld.org, ld.creditor, ref, name, name + " " + ref, "business", "", "", "", "fr", int64(0), "EUR",
		ld.at, ld.at, "debtor.created", 0, int64(1)}
}

func (ld *bareImport) contactRow(k int) []any {
	return []any{ld.contact + int64(k), ld.org, ld.debtor + int64(k), fmt.Sprintf("%s %d", firms[k%len(firms)], k), "",
		fmt.Sprintf("compta%d@client.example", k), "", "", "", "", "", "", "", false, true}
}

func (ld *bareImport) invoiceRow(k int) []any {
	amount := int64(1000 + (k*7717)%900000)
	allocated := int64(0)
	if partial(k) {
		allocated = amount - amount/3
	}
	return []any{ld.inv + int64(k), ld.org, ld.creditor, ld.debtor + int64((k*7919+k/3)%ld.s.debtors), "invoice", fmt.Sprintf("F%07d", k+1),
		"2025-01-05", "2025-02-04", amount, "EUR", allocated, "", false, ld.at, int64(1)}
}

// partialIndex is the k-th invoice paid in part before the import.
func partialIndex(k int) int { return k*10 + 3 }

func (ld *bareImport) paymentRow(k int) []any {
	i := partialIndex(k)
	amount := int64(1000 + (i*7717)%900000)
	paid := amount - amount/3
	return []any{ld.pay + int64(k), ld.org, ld.creditor, ld.debtor + int64((i*7919+i/3)%ld.s.debtors), "2025-01-05", paid, "EUR", "other",
		fmt.Sprintf("Réglé avant import — F%07d", i+1), paid, ld.at, int64(1), ""}
}

func (ld *bareImport) allocationRow(k int) []any {
	i := partialIndex(k)
	amount := int64(1000 + (i*7717)%900000)
	return []any{ld.alloc + int64(k), ld.org, ld.inv + int64(i), ld.pay + int64(k), nil, amount - amount/3, "EUR", ld.at, int64(0), int64(1)}
}

func (ld *bareImport) eventRow(k int) []any {
	hash := make([]byte, 32)
	prev := make([]byte, 32)
	for j := range 8 {
		hash[j], prev[j] = byte(k>>(8*j)), byte((k-1)>>(8*j))
	}
	typ, debtor, inv := "invoice.created", ld.debtor+int64(k%ld.s.debtors), ld.inv+int64(k%ld.s.lines)
	payload := fmt.Appendf(nil, `{"amount":"%d.%02d","batch":1,"currency":"EUR","due_date":"2025-02-04","line":%d,"number":"F%07d"}`,
		k%9000, k%100, k+2, k+1)
	if k < ld.s.debtors {
		typ, inv = "debtor.created", 0
		payload = fmt.Appendf(nil, `{"batch":1,"kind":"business","kind_source":"identity","name":"%s %d SARL","ref":"C%06d"}`, firms[k%len(firms)], k, k)
	}
	return []any{ld.event + int64(k), ld.org, ld.seq + int64(k), ld.at, int64(0), "bench", typ, debtor, inv, payload, prev, hash}
}
