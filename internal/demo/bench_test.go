package demo

// Load benchmarks: the demo generator through Store.Bulk against a bare
// load of the same rows through the dialect's raw bulk path, on the
// database RECOUVRE_TEST_DB names (SQLite by default). They live here, in
// the generator's package, because the baseline takes its row counts from
// what the generator produces; the store packages do not know the
// generator, and this one reaches the raw path through sqldb.BareBulk.
//
//	go test ./internal/demo/ -run '^$' -bench 'Generate$|BareInsert' -benchtime=1x
//	RECOUVRE_BENCH_INVOICES=1000000 RECOUVRE_TEST_DB=postgres go test … -timeout 60m
//
// docs/benchmarks.md has the measured figures.

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// benchSize reads RECOUVRE_BENCH_INVOICES (default 20,000): the invoices
// to load, over a fifth as many debtors.
func benchSize(b *testing.B) Options {
	n := 20000
	if s := os.Getenv("RECOUVRE_BENCH_INVOICES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 5 {
			b.Fatalf("RECOUVRE_BENCH_INVOICES=%q: want a number of invoices, 5 or more", s)
		}
		n = v
	}
	return Options{Debtors: n / 5, Invoices: n, Seed: 1, Today: today}
}

// counts are the rows of each bulk table a load writes.
type counts struct {
	debtors, tags, contacts, invoices, creditNotes, payments, allocations, cnAllocations, events int
}

func (c counts) rows() int {
	return c.debtors + c.tags + c.contacts + c.invoices + c.payments + c.allocations + c.events
}

func (c counts) String() string {
	return fmt.Sprintf("%d debtors, %d tags, %d contacts, %d invoices (%d credit notes), %d payments, %d allocations, %d events: %d rows",
		c.debtors, c.tags, c.contacts, c.invoices, c.creditNotes, c.payments, c.allocations, c.events, c.rows())
}

// counter counts the rows written through it to w.
type counter struct {
	w store.BulkWriter
	c counts
}

func (k *counter) AddDebtor(d *ledger.Debtor) error {
	if err := k.w.AddDebtor(d); err != nil {
		return err
	}
	k.c.debtors++
	k.c.contacts += len(d.Contacts)
	seen := map[string]bool{}
	for _, t := range d.Tags {
		if t != "" && !seen[t] {
			seen[t] = true
			k.c.tags++
		}
	}
	return nil
}

func (k *counter) AddInvoice(inv *ledger.Invoice) error {
	if inv.Kind == ledger.DocCreditNote {
		k.c.creditNotes++
	}
	k.c.invoices++
	return k.w.AddInvoice(inv)
}

func (k *counter) AddPayment(p *ledger.Payment) error {
	k.c.payments++
	return k.w.AddPayment(p)
}

func (k *counter) AddAllocation(a *ledger.Allocation) error {
	if a.CreditNoteID != 0 {
		k.c.cnAllocations++
	}
	k.c.allocations++
	return k.w.AddAllocation(a)
}

func (k *counter) AddEvent(e *journal.Event) error {
	k.c.events++
	return k.w.AddEvent(e)
}

var plans sync.Map // Options → counts

// planOf returns the rows the generator writes for o, generating once
// into nowhere.
func planOf(b *testing.B, o Options) counts {
	if c, ok := plans.Load(o); ok {
		return c.(counts)
	}
	k := &counter{w: discard{}}
	if _, err := Generate(k, o); err != nil {
		b.Fatal(err)
	}
	plans.Store(o, k.c)
	return k.c
}

// benchStore opens a fresh store with an organization and its creditor,
// on the fixed clock of the generator's today.
func benchStore(b *testing.B) (*sqldb.DB, storetest.Fixture) {
	db := storetest.Open(b)
	db.Now = func() time.Time { return storetest.Now }
	return db, storetest.NewFixture(b, db, "Bench")
}

// BenchmarkGenerate loads the generated portfolio through Store.Bulk, as
// `recouvre demo` does: validation, ids, allocation checks, the journal's
// hash chain, then the summaries' refresh.
func BenchmarkGenerate(b *testing.B) {
	o := benchSize(b)
	var total time.Duration
	var rows int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, f := benchStore(b)
		o.CreditorID = f.Creditor.ID
		k := &counter{}
		b.StartTimer()
		start := time.Now()
		var genDone time.Duration
		err := db.Bulk(f.Ctx, func(w store.BulkWriter) error {
			k.w = w
			_, err := Generate(k, o)
			genDone = time.Since(start)
			return err
		})
		took := time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		total += took
		rows += k.c.rows()
		b.Logf("%s: %s in %.2fs (generation and flushes %.2fs, last flush, commit and summaries %.2fs)",
			db.Dialect(), k.c, took.Seconds(), genDone.Seconds(), (took - genDone).Seconds())
		db.Close()
	}
	b.ReportMetric(float64(rows)/total.Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/float64(b.N), "rows/op")
}

// BenchmarkBareInsert loads rows of the same shape and in the same counts
// as BenchmarkGenerate, through nothing but the dialect's CopyRows in one
// transaction (COPY on PostgreSQL, multi-row INSERT on SQLite). Building
// the rows is not timed, so this is the database's own rate.
func BenchmarkBareInsert(b *testing.B) {
	o := benchSize(b)
	c := planOf(b, o)
	var total time.Duration
	var rows int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, f := benchStore(b)
		ld, err := newBareLoad(db, f, c)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		err = db.BareBulk(context.Background(), ld.run)
		took := time.Since(start) - ld.building
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		total += took
		rows += c.rows()
		b.Logf("%s: %s in %.2fs (building the rows, not counted: %.2fs)", db.Dialect(), c, took.Seconds(), ld.building.Seconds())
		db.Close()
	}
	b.ReportMetric(float64(rows)/total.Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/float64(b.N), "rows/op")
}

// bareLoad builds plausible rows for each bulk table, batch by batch:
// ids follow those in the store, references between rows hold (the
// foreign keys are checked), and strings have the generator's lengths.
type bareLoad struct {
	c                      counts
	org, creditor          int64
	debtor, contact, inv   int64 // first ids
	pay, alloc, event, seq int64
	at                     time.Time
	building               time.Duration
}

const bareBatch = 50000

func newBareLoad(db *sqldb.DB, f storetest.Fixture, c counts) (*bareLoad, error) {
	ld := &bareLoad{c: c, org: f.Org.ID, creditor: f.Creditor.ID, at: storetest.Now.Add(-400 * 24 * time.Hour)}
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
		{&ld.seq, `SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE org_id = ` + strconv.FormatInt(f.Org.ID, 10)},
	} {
		if err := db.Writer().QueryRow(q.sql).Scan(q.dst); err != nil {
			return nil, err
		}
	}
	return ld, nil
}

func (ld *bareLoad) run(copyRows func(table string, cols []string, rows [][]any) error) error {
	build := map[string]struct {
		n   int
		row func(k int) []any
	}{
		"debtors":     {ld.c.debtors, ld.debtorRow},
		"debtor_tags": {ld.c.tags, ld.tagRow},
		"contacts":    {ld.c.contacts, ld.contactRow},
		"invoices":    {ld.c.invoices, ld.invoiceRow},
		"payments":    {ld.c.payments, ld.paymentRow},
		"allocations": {ld.c.allocations, ld.allocationRow},
		"events":      {ld.c.events, ld.eventRow},
	}
	batch := make([][]any, 0, bareBatch)
	for _, t := range sqldb.BulkTables() {
		bt, ok := build[t.Name]
		if !ok {
			return fmt.Errorf("bare load: no rows for table %s", t.Name)
		}
		for k := 0; k < bt.n; {
			start := time.Now()
			batch = batch[:0]
			for ; k < bt.n && len(batch) < bareBatch; k++ {
				batch = append(batch, bt.row(k))
			}
			ld.building += time.Since(start)
			if err := copyRows(t.Name, t.Cols, batch); err != nil {
				return fmt.Errorf("bare load %s: %w", t.Name, err)
			}
		}
	}
	return nil
}

// mix spreads k over a list pseudo-randomly, so that names and keys do
// not arrive in index order.
func mix(k, salt int) int {
	x := uint64(k)*0x9e3779b97f4a7c15 + uint64(salt)*0xbf58476d1ce4e5b9
	x ^= x >> 31
	return int(x >> 1)
}

func (ld *bareLoad) day(k int) time.Time {
	return ld.at.Add(time.Duration(mix(k, 1)%(540*86400)) * time.Second)
}

func (ld *bareLoad) date(k int) string { return ld.day(k).Format(time.DateOnly) }

// ofDebtor is the debtor of the k-th of n rows, in debtor order like the
// generator's.
func (ld *bareLoad) ofDebtor(k, n int) int64 {
	return ld.debtor + int64(k*ld.c.debtors/max(n, 1))
}

var bareKinds = []string{"business", "business", "consumer", "public"}

func (ld *bareLoad) debtorRow(k int) []any {
	name := trades[mix(k, 2)%len(trades)] + " " + firmWords[mix(k, 3)%len(firmWords)] + " " + legalForms[mix(k, 4)%len(legalForms)]
	ref := fmt.Sprintf("C%05d", k+1)
	siren := strconv.Itoa(300000000 + mix(k, 5)%600000000)
	siret := siren + "00017"
	return []any{ld.debtor + int64(k), ld.org, ld.creditor, ref, name, name + " " + ref + " " + siren + " " + siret,
		bareKinds[k%len(bareKinds)], siren, siret, "FR44" + siren, "fr", int64(mix(k, 6)%40) * 100000, "EUR",
		ld.day(k).UTC(), ld.day(k + 7).UTC(), "reminder.sent", 0, int64(0)}
}

func (ld *bareLoad) tagRow(k int) []any {
	d := k % ld.c.debtors
	return []any{ld.org, ld.debtor + int64(d), tags[(k/ld.c.debtors+d)%len(tags)]}
}

func (ld *bareLoad) contactRow(k int) []any {
	first, last := firstNames[mix(k, 7)%len(firstNames)], lastNames[mix(k, 8)%len(lastNames)]
	c := cities[mix(k, 9)%len(cities)]
	return []any{ld.contact + int64(k), ld.org, ld.ofDebtor(k, ld.c.contacts), first + " " + last, contactRoles[k%len(contactRoles)],
		slug(first) + "." + slug(last) + "@courriel.example", "+33 6 39 98 12 34", strconv.Itoa(1+k%120) + " " + streets[k%len(streets)], "",
		c.postal, c.name, "FR", "email", k%3 == 0, k%2 == 0}
}

// invoiceRow: the last creditNotes rows are credit notes; invoices are
// mostly settled, as generated.
func (ld *bareLoad) invoiceRow(k int) []any {
	kind, prefix, due := "invoice", "F", any(ld.day(k).Add(30*24*time.Hour).Format(time.DateOnly))
	if k >= ld.c.invoices-ld.c.creditNotes {
		kind, prefix, due = "credit_note", "AV", nil
	}
	amount := int64(5000 + mix(k, 10)%2000000)
	allocated := int64(0)
	if k%10 < 7 {
		allocated = amount
	}
	return []any{ld.inv + int64(k), ld.org, ld.creditor, ld.ofDebtor(k, ld.c.invoices), kind, fmt.Sprintf("%s2025-%06d", prefix, k+1),
		ld.date(k), due, amount, "EUR", allocated, "", false, ld.day(k).UTC(), int64(0)}
}

func (ld *bareLoad) paymentRow(k int) []any {
	amount := int64(5000 + mix(k, 11)%2000000)
	return []any{ld.pay + int64(k), ld.org, ld.creditor, ld.ofDebtor(k, ld.c.payments), ld.date(k), amount, "EUR", "transfer",
		fmt.Sprintf("VIR SEPA F2025-%06d", k+1), amount, ld.day(k).UTC(), int64(0), ""}
}

// allocationRow: the first cnAllocations rows settle invoices with credit
// notes, the others with payments.
func (ld *bareLoad) allocationRow(k int) []any {
	invoices := max(1, ld.c.invoices-ld.c.creditNotes)
	var pay, cn any
	if k < ld.c.cnAllocations && ld.c.creditNotes > 0 {
		cn = ld.inv + int64(invoices+k%ld.c.creditNotes)
	} else {
		pay = ld.pay + int64(k%max(1, ld.c.payments))
	}
	return []any{ld.alloc + int64(k), ld.org, ld.inv + int64(k%invoices), pay, cn, int64(1000 + mix(k, 12)%500000), "EUR", ld.day(k).UTC(), int64(0), int64(0)}
}

var bareEventTypes = []string{"debtor.created", "invoice.created", "reminder.sent", "payment.recorded", "allocation.created"}

func (ld *bareLoad) eventRow(k int) []any {
	prev := make([]byte, 32)
	hash := make([]byte, 32)
	for i := range 4 {
		x := uint64(mix(k, 13+i))
		for j := range 8 {
			prev[i*8+j] = byte(x >> (8 * j))
			hash[i*8+j] = byte(x >> (8*j + 3))
		}
	}
	p := payload("number", fmt.Sprintf("F2025-%06d", k+1), "amount", strconv.Itoa(mix(k, 17)%100000)+".00",
		"currency", "EUR", "due_date", ld.date(k))
	return []any{ld.event + int64(k), ld.org, ld.seq + int64(k), ld.day(k).UTC(), int64(0), "demo", bareEventTypes[k%len(bareEventTypes)],
		ld.ofDebtor(k, ld.c.events), ld.inv + int64(k%max(1, ld.c.invoices)), p, prev, hash}
}
