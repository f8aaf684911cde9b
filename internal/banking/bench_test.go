package banking

// The statement import benchmark: an organization of 20,000 debtors and
// 100,000 open invoices, and one camt.053 of 10,000 credit lines, imported
// through Service.Import; against a bare baseline writing rows of the same
// tables through prepared statements in one transaction, without any
// matching. With -short: 2,000 debtors, 10,000 invoices, 1,000 lines.
// docs/benchmarks.md gives the figures.
//
//	go test ./internal/banking/ -run '^$' -bench 'ImportStatement' -benchtime=1x -timeout 30m
//	RECOUVRE_TEST_DB=postgres go test … (the same)
//	go test ./internal/banking/ -run '^$' -bench 'ImportStatement' -benchtime=1x -short
//
// RECOUVRE_BENCH_CPUPROFILE=file writes a CPU profile of the import alone.

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// benchSize is the book and the statement the benchmarks work on.
type benchSize struct{ debtors, invoices, lines int }

func benchSizeOf() benchSize {
	if testing.Short() {
		return benchSize{debtors: 2000, invoices: 10000, lines: 1000}
	}
	return benchSize{debtors: 20000, invoices: 100000, lines: 10000}
}

// benchAccount is the organization's account the statement is of.
const benchAccount = "FR7630006000011234567890189"

// benchToday is the benchmark's clock: the statement's last day.
var benchToday = civil.D(2025, time.June, 30)

// benchDebtor is a generated debtor: its name and the account it pays
// from. id is set once it is loaded.
type benchDebtor struct {
	ref, name string
	company   bool
	trade     string // companies: the name without legal form
	form      string
	first     string // individuals
	surname   string
	iban      string
	id        int64
}

// benchInvoice is a generated open invoice.
type benchInvoice struct {
	debtor     int // index in benchBook.debtors
	number     string
	seq        int // the number's sequence: F2025-000123 is 123
	issue, due civil.Date
	minor      int64
	id         int64
}

// benchLine is one credit line of the statement with what it really
// pays: the debtor (-1: nobody of the book) and the invoices.
type benchLine struct {
	kind   string
	entry  genEntry
	debtor int
	pays   []int // invoice indexes, each paid in full
}

// benchBook is the generated organization and statement.
type benchBook struct {
	size     benchSize
	debtors  []benchDebtor
	invoices []benchInvoice
	lines    []benchLine
	file     []byte
}

var (
	benchTrades = []string{"Boulangerie", "Transports", "Garage", "Menuiserie", "Plomberie", "Pharmacie", "Cabinet",
		"Agence", "Imprimerie", "Boucherie", "Librairie", "Électricité", "Hôtel", "Restaurant", "Fromagerie",
		"Ambulances", "Carrosserie", "Couverture", "Maçonnerie", "Traiteur", "Atelier", "Laboratoire",
		"Quincaillerie", "Scierie", "Serrurerie", "Peinture", "Pâtisserie", "Chauffage", "Optique", "Nettoyage"}
	benchSurnames = []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
		"Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
		"Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
		"Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin",
		"Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez",
		"Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Roger", "Roche", "Meyer", "Lucas",
		"Meunier", "Pérez", "Marchand", "Dufour", "Blanchard", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt",
		"Leroux", "Colin", "Fernandez", "Renard", "Arnaud", "Rolland", "Caron", "Aubert"}
	benchFirstNames = []string{"Jean", "Marie", "Pierre", "Sophie", "Michel", "Isabelle", "Philippe", "Nathalie",
		"Alain", "Catherine", "Nicolas", "Sandrine", "Christophe", "Valérie", "Stéphane", "Céline", "Frédéric",
		"Hélène", "Laurent", "Émilie", "Julien", "Aurélie", "François", "Chloé", "Jérôme", "Léa", "Sébastien",
		"Camille", "Thierry", "Inès"}
	benchTowns = []string{"Lyon", "Bordeaux", "Nantes", "Lille", "Rennes", "Dijon", "Grenoble", "Angers", "Tours",
		"Limoges", "Amiens", "Metz", "Besançon", "Orléans", "Rouen", "Caen", "Nancy", "Poitiers", "Pau", "Nîmes",
		"Brest", "Le Mans", "Reims", "Toulon", "Perpignan", "Valence", "Chambéry", "Annecy", "Colmar", "Vannes"}
	benchForms     = []string{"SARL", "SAS", "SASU", "EURL", "SA"}
	benchStrangers = []string{"KOWALSKI JAN", "ACME GMBH", "SMITH JOHN", "URSSAF ILE DE FRANCE", "DGFIP REMBOURSEMENT",
		"CAF DE PARIS", "ROSSI MARCO", "ALLIANZ IARD", "EDF PARTICULIERS", "MUTUELLE GENERALE", "STRIPE TECHNOLOGY EUROPE"}
	benchStrangerTexts = []string{"Loyer juin", "Remboursement trop perçu", "VIREMENT", "Cotisation 2025",
		"Remb. sinistre 4471203", "Commande 88123", "", "Ref client 4471", "REMBOURSEMENT DOSSIER 2025-118"}
	benchGenericTexts = []string{"", "VIREMENT", "PAIEMENT", "REGLEMENT", "Règlement", "VIR SEPA", "REGLEMENT SOLDE", "Merci"}
)

var benchFolder = strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "î", "i", "ï", "i",
	"ô", "o", "û", "u", "ù", "u", "ç", "c", "É", "E", "È", "E", "À", "A", "Ç", "C")

// benchIBAN makes the French IBAN of account n, with correct check digits.
func benchIBAN(n int) string {
	bban := fmt.Sprintf("%05d%05d%011d%02d", 10000+n%90000, 20000+n%70000, n, n%97)
	rem := 0
	for _, c := range bban + "152700" { // "FR00": F=15, R=27
		rem = (rem*10 + int(c-'0')) % 97
	}
	return fmt.Sprintf("FR%02d%s", 98-rem, bban)
}

// benchGenerate builds the organization and its statement from a seed.
func benchGenerate(size benchSize) *benchBook {
	r := rand.New(rand.NewPCG(20250630, 1))
	bb := &benchBook{size: size}
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	// Debtors: nine in ten companies, each name its own (a trade, a
	// surname, a town and a legal form); the others individuals, whose
	// names may be shared.
	combos := r.Perm(len(benchTrades) * len(benchSurnames) * len(benchTowns))
	for i := range size.debtors {
		d := benchDebtor{ref: fmt.Sprintf("C%06d", i+1), iban: benchIBAN(i + 1)}
		if i%10 != 9 {
			c := combos[i]
			town := benchTowns[c%len(benchTowns)]
			c /= len(benchTowns)
			d.company, d.surname = true, benchSurnames[c%len(benchSurnames)]
			d.trade = benchTrades[c/len(benchSurnames)] + " " + d.surname + " " + town
			d.form = pick(benchForms)
			if r.IntN(2) == 0 {
				d.name = d.trade + " " + d.form
			} else {
				d.name = d.form + " " + d.trade
			}
		} else {
			d.first, d.surname = pick(benchFirstNames), pick(benchSurnames)
			d.name = d.first + " " + d.surname
		}
		bb.debtors = append(bb.debtors, d)
	}
	// Invoices: due over the last six months, issued 30 days before,
	// numbered in the order of issue; a tenth of the debtors (the large
	// accounts) get a third of them.
	for range size.invoices {
		di := r.IntN(size.debtors)
		if r.IntN(3) == 0 {
			di = r.IntN(max(1, size.debtors/10))
		}
		due := benchToday.AddDays(-r.IntN(181))
		inv := benchInvoice{debtor: di, due: due, issue: due.AddDays(-30), minor: benchAmount(r, di)}
		bb.invoices = append(bb.invoices, inv)
	}
	slices.SortStableFunc(bb.invoices, func(a, b benchInvoice) int { return a.issue.Compare(b.issue) })
	byDebtor := make([][]int, size.debtors)
	for i := range bb.invoices {
		bb.invoices[i].seq = i + 1
		bb.invoices[i].number = fmt.Sprintf("F2025-%06d", i+1)
		byDebtor[bb.invoices[i].debtor] = append(byDebtor[bb.invoices[i].debtor], i)
	}
	// The lines pay distinct invoices, drawn at random.
	order := r.Perm(len(bb.invoices))
	used := make([]bool, len(bb.invoices))
	next := func() int {
		for len(order) > 0 {
			i := order[0]
			order = order[1:]
			if !used[i] {
				used[i] = true
				return i
			}
		}
		panic("bench: out of invoices")
	}
	// another returns an unpaid invoice of the debtor of invoice i, -1
	// when it has none left.
	another := func(i int) int {
		for _, j := range byDebtor[bb.invoices[i].debtor] {
			if !used[j] {
				used[j] = true
				return j
			}
		}
		return -1
	}
	for k := range size.lines {
		l := benchLine{debtor: -1}
		on := civil.D(2025, time.June, 2).AddDays(k * 28 / size.lines)
		tx := genTx{E2E: fmt.Sprintf("E2E-%07d", k+1)}
		switch n := r.IntN(100); {
		case n < 50:
			l.kind = "one number"
			i := next()
			l.pays = []int{i}
			tx.Text = benchOneNumber(r, bb.invoices[i])
		case n < 70:
			l.kind = "two numbers"
			i := next()
			j := another(i)
			if j < 0 {
				l.kind = "one number"
				l.pays = []int{i}
				tx.Text = benchOneNumber(r, bb.invoices[i])
				break
			}
			l.pays = []int{i, j}
			tx.Text = benchTwoNumbers(r, bb.invoices[i], bb.invoices[j])
		case n < 90:
			l.kind = "name only"
			i := next()
			l.pays = []int{i}
			tx.Text = pick(benchGenericTexts)
		default:
			l.kind = "unknown"
			tx.Payer, tx.IBAN, tx.Text = pick(benchStrangers), benchIBAN(900000+k), pick(benchStrangerTexts)
			tx.Minor = int64(1000 + r.IntN(300000))
		}
		if len(l.pays) > 0 {
			l.debtor = bb.invoices[l.pays[0]].debtor
			d := bb.debtors[l.debtor]
			tx.Payer, tx.IBAN = benchPayer(r, d), d.iban
			for _, i := range l.pays {
				tx.Minor += bb.invoices[i].minor
			}
		}
		l.entry = genEntry{Ref: fmt.Sprintf("NTRY-%07d", k+1), On: on, Minor: tx.Minor, Txs: []genTx{tx}}
		bb.lines = append(bb.lines, l)
	}
	entries := make([]genEntry, len(bb.lines))
	for i, l := range bb.lines {
		entries[i] = l.entry
	}
	bb.file = genCAMT(benchAccount, entries)
	return bb
}

// benchAmount is an invoice total: mostly any number of cents, some
// round figures, some a debtor's recurring price.
func benchAmount(r *rand.Rand, debtor int) int64 {
	switch n := r.IntN(100); {
	case n < 20:
		return int64(50+r.IntN(60)*50) * 100
	case n < 30:
		return int64(4990 + 1000*(debtor%7))
	case n < 90:
		return 3000 + r.Int64N(300000)
	default:
		return 300000 + r.Int64N(2000000)
	}
}

// benchOneNumber cites an invoice the ways people type its number.
func benchOneNumber(r *rand.Rand, inv benchInvoice) string {
	switch r.IntN(8) {
	case 0:
		return "FACT " + inv.number
	case 1:
		return fmt.Sprintf("F2025/%d", inv.seq)
	case 2:
		return fmt.Sprintf("règlement facture 2025-%06d", inv.seq)
	case 3:
		return "Facture " + inv.number + " du " + inv.issue.FormatFR()
	case 4:
		return fmt.Sprintf("F2025%06d", inv.seq)
	case 5:
		return "REGLEMENT FACTURE N° " + inv.number
	case 6:
		return inv.number
	default:
		return strings.ToLower(inv.number) + " merci"
	}
}

// benchTwoNumbers cites two invoices of a debtor.
func benchTwoNumbers(r *rand.Rand, a, b benchInvoice) string {
	switch r.IntN(4) {
	case 0:
		return "FACT " + a.number + " " + b.number
	case 1:
		return fmt.Sprintf("factures F2025/%d et F2025/%d", a.seq, b.seq)
	case 2:
		return fmt.Sprintf("règlement factures 2025-%06d, 2025-%06d", a.seq, b.seq)
	default:
		return "Factures " + a.number + " + " + b.number
	}
}

// benchPayer writes a debtor's name the way a bank shows the payer:
// another legal form, another case, accents lost, words reordered.
func benchPayer(r *rand.Rand, d benchDebtor) string {
	if !d.company {
		switch r.IntN(4) {
		case 0:
			return d.name
		case 1:
			return "M. " + strings.ToUpper(d.surname+" "+d.first)
		case 2:
			return strings.ToUpper(benchFolder.Replace(d.surname + " " + d.first))
		default:
			return "M OU MME " + strings.ToUpper(benchFolder.Replace(d.surname+" "+d.first))
		}
	}
	switch r.IntN(5) {
	case 0:
		return d.name
	case 1:
		return strings.ToUpper(benchFolder.Replace(d.name))
	case 2: // the legal form changed
		other := benchForms[(slices.Index(benchForms, d.form)+1+r.IntN(len(benchForms)-1))%len(benchForms)]
		return strings.ToUpper(benchFolder.Replace(d.trade)) + " " + other
	case 3:
		return strings.ToLower(d.trade)
	default:
		return "S.A.R.L. " + strings.ToUpper(benchFolder.Replace(d.trade))
	}
}

// benchStore opens a fresh database of the kind RECOUVRE_TEST_DB names,
// on the benchmark's clock.
func benchStore(b *testing.B) (*sqldb.DB, storetest.Fixture) {
	db := storetest.Open(b)
	db.Now = func() time.Time { return benchToday.Time(civil.Paris).Add(18 * time.Hour) }
	return db, storetest.NewFixture(b, db, "Bench")
}

// load writes the debtors and invoices through Store.Bulk, with their
// creation events, and keeps their ids.
func (bb *benchBook) load(db *sqldb.DB, f storetest.Fixture) error {
	return db.Bulk(f.Ctx, func(w store.BulkWriter) error {
		for i := range bb.debtors {
			d := &bb.debtors[i]
			kind := ledger.KindBusiness
			if !d.company {
				kind = ledger.KindConsumer
			}
			ld := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: d.ref, Name: d.name, Kind: kind}
			if err := w.AddDebtor(ld); err != nil {
				return err
			}
			d.id = ld.ID
			payload := fmt.Appendf(nil, `{"name":%q,"ref":%q}`, d.name, d.ref)
			if err := w.AddEvent(&journal.Event{Type: "debtor.created", DebtorID: d.id, Payload: payload}); err != nil {
				return err
			}
		}
		for i := range bb.invoices {
			inv := &bb.invoices[i]
			li := &ledger.Invoice{DebtorID: bb.debtors[inv.debtor].id, Number: inv.number, IssueDate: inv.issue, DueDate: inv.due,
				Amount: money.EUR(inv.minor)}
			if err := w.AddInvoice(li); err != nil {
				return err
			}
			inv.id = li.ID
			payload := fmt.Appendf(nil, `{"amount":%q,"currency":"EUR","due_date":%q,"number":%q}`,
				money.Decimal(li.Amount), inv.due.String(), inv.number)
			if err := w.AddEvent(&journal.Event{Type: "invoice.created", DebtorID: li.DebtorID, InvoiceID: li.ID, Payload: payload}); err != nil {
				return err
			}
		}
		return nil
	})
}

// benchPeakHeap samples the Go heap in use (the spans holding objects,
// HeapInuse) every 10 ms, through runtime/metrics, which does not stop
// the world, until stop is closed, and returns its peak.
func benchPeakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64()+sample[1].Value.Uint64())
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

// BenchmarkImportStatement imports the generated statement into a fresh
// database holding the generated book: parsing, loading the open
// invoices, debtors and IBAN memory, matching every line, and writing the
// lines, payments, allocations, journal events and the summaries' refresh
// in one transaction. Loading the book is not timed.
func BenchmarkImportStatement(b *testing.B) {
	b.StopTimer() // the clock runs over the import alone
	bb := benchGenerate(benchSizeOf())
	b.Logf("statement: %d credit lines, %.1f MB of camt.053", len(bb.lines), float64(len(bb.file))/(1<<20))
	var total, cpu time.Duration
	var peak, allocated uint64
	var rep *Report
	var rows, wrong int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, f := benchStore(b)
		start := time.Now()
		if err := bb.load(db, f); err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: loaded %d debtors and %d invoices in %.1fs", db.Dialect(), len(bb.debtors), len(bb.invoices), time.Since(start).Seconds())
		before, byBefore, err := benchRows(db, f.Org.ID)
		if err != nil {
			b.Fatal(err)
		}
		s := New(db, db.Now)
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		stop := make(chan struct{})
		heap := benchPeakHeap(stop)
		stopProfile := benchProfile(b)
		cpu0 := benchCPU()
		b.StartTimer()
		start = time.Now()
		rep, err = s.Import(f.Ctx, bb.file, ImportOptions{FileName: "releve.xml"})
		took := time.Since(start)
		b.StopTimer()
		cpu += benchCPU() - cpu0
		stopProfile()
		close(stop)
		runtime.ReadMemStats(&m1)
		peak = max(peak, <-heap)
		allocated = max(allocated, m1.TotalAlloc-m0.TotalAlloc)
		if err != nil {
			b.Fatalf("import: %v (report %+v)", err, rep)
		}
		if rep.Entries != len(bb.lines) || rep.AutoMatched+rep.ToReview != len(bb.lines) {
			b.Fatalf("report %+v, want %d entries, each matched or in review", rep, len(bb.lines))
		}
		after, byAfter, err := benchRows(db, f.Org.ID)
		if err != nil {
			b.Fatal(err)
		}
		rows = after - before
		var written []string
		for _, t := range benchTables {
			written = append(written, fmt.Sprintf("%s %d", t, byAfter[t]-byBefore[t]))
		}
		b.Logf("  rows written: %s", strings.Join(written, ", "))
		if wrong, err = bb.check(db, f.Org.ID, b); err != nil {
			b.Fatal(err)
		}
		total += took
		b.Logf("%s: %d lines in %.2fs (%.0f lines/s; the process's CPU time %.2fs), %d rows written; %d matched automatically (%.1f%%), "+
			"%d in review, %d wrong; peak heap %d MB, %d MB allocated", db.Dialect(), len(bb.lines), took.Seconds(),
			float64(len(bb.lines))/took.Seconds(), cpu.Seconds()/float64(i+1), rows, rep.AutoMatched,
			100*float64(rep.AutoMatched)/float64(len(bb.lines)), rep.ToReview, wrong, peak>>20, allocated>>20)
		bb.breakdown(b, s, f.Ctx)
		db.Close()
	}
	b.ReportMetric(float64(len(bb.lines)*b.N)/total.Seconds(), "lines/s")
	b.ReportMetric(float64(rows*b.N)/total.Seconds(), "rows/s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(100*float64(rep.AutoMatched)/float64(len(bb.lines)), "%auto")
	b.ReportMetric(float64(wrong), "wrong")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(allocated)/(1<<20), "alloc-MB")
}

// benchCPU is the CPU time the process has used, user and system, from
// /proc/self/stat (Linux; 0 elsewhere): with the wall time, it tells the
// import's own work from waiting (the database's I/O, or other processes
// on a shared machine).
func benchCPU() time.Duration {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	// The fields after the command's closing parenthesis: state, ppid…,
	// utime and stime 11th and 12th, in clock ticks (USER_HZ, 100).
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(utime+stime) * (time.Second / 100)
}

// benchProfile starts a CPU profile of the import alone into the file
// RECOUVRE_BENCH_CPUPROFILE names (not to be combined with -cpuprofile),
// and returns what stops it.
func benchProfile(b *testing.B) func() {
	path := os.Getenv("RECOUVRE_BENCH_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	out, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(out); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		if err := out.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// benchTables are the tables a statement import writes rows into.
var benchTables = []string{"bank_imports", "bank_lines", "payments", "allocations", "events", "debtor_ibans"}

// benchRows counts the rows of the tables a statement import writes,
// in all and by table.
func benchRows(db *sqldb.DB, org int64) (int, map[string]int, error) {
	n, by := 0, map[string]int{}
	for _, t := range benchTables {
		var c int
		if err := db.Writer().QueryRow(`SELECT COUNT(*) FROM `+t+` WHERE org_id = $1`, org).Scan(&c); err != nil {
			return 0, nil, fmt.Errorf("count %s: %w", t, err)
		}
		n += c
		by[t] = c
	}
	return n, by, nil
}

// check compares what was applied automatically with what each line
// really pays, by kind, and returns how many automatic matches are wrong
// (another debtor, or other invoices or amounts).
func (bb *benchBook) check(db *sqldb.DB, org int64, b *testing.B) (int, error) {
	type got struct {
		status string
		pays   map[int64]int64
	}
	byRef := map[string]*got{}
	rows, err := db.Writer().Query(`SELECT bank_ref, status FROM bank_lines WHERE org_id = $1`, org)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var ref, status string
		if err := rows.Scan(&ref, &status); err != nil {
			rows.Close()
			return 0, err
		}
		byRef[ref] = &got{status: status, pays: map[int64]int64{}}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	rows, err = db.Writer().Query(`SELECT l.bank_ref, a.invoice_id, a.amount_minor
		FROM payments p
		JOIN bank_lines l ON l.org_id = p.org_id AND l.id = p.bank_line_id
		JOIN allocations a ON a.payment_id = p.id
		WHERE p.org_id = $1 AND p.bank_line_id > 0 AND p.method <> $2`, org, ledger.MethodBankFee)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var ref string
		var inv, minor int64
		if err := rows.Scan(&ref, &inv, &minor); err != nil {
			return 0, err
		}
		if g := byRef[ref]; g != nil {
			g.pays[inv] += minor
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	type tally struct{ lines, auto, wrong int }
	kinds := map[string]*tally{}
	wrong := 0
	for _, l := range bb.lines {
		t := kinds[l.kind]
		if t == nil {
			t = &tally{}
			kinds[l.kind] = t
		}
		t.lines++
		g := byRef[l.entry.Txs[0].E2E]
		if g == nil {
			return 0, fmt.Errorf("line %s not imported", l.entry.Txs[0].E2E)
		}
		if g.status != string(store.LineMatched) {
			continue
		}
		t.auto++
		right := len(g.pays) == len(l.pays)
		for _, i := range l.pays {
			right = right && g.pays[bb.invoices[i].id] == bb.invoices[i].minor
		}
		if !right {
			t.wrong++
			wrong++
		}
	}
	for _, k := range []string{"one number", "two numbers", "name only", "unknown"} {
		if t := kinds[k]; t != nil {
			b.Logf("  %-12s %5d lines, %5d automatic (%.1f%%), %d wrong", k, t.lines, t.auto, 100*float64(t.auto)/float64(t.lines), t.wrong)
		}
	}
	return wrong, nil
}

// breakdown times, after the import and outside the benchmark's clock,
// the parts of an import that are not the writes: reading the file,
// loading the book (from the database as the import left it) and
// matching every line in memory.
func (bb *benchBook) breakdown(b *testing.B, s *Service, ctx context.Context) {
	start := time.Now()
	f, err := Parse(ctx, bb.file, nil)
	if err != nil {
		b.Fatal(err)
	}
	parsed := time.Since(start)
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	start = time.Now()
	settings, err := s.store.BankSettings(ctx)
	if err != nil {
		b.Fatal(err)
	}
	bk, err := s.loadBook(ctx, settings)
	if err != nil {
		b.Fatal(err)
	}
	loaded := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&m1)
	live := int64(m1.HeapAlloc) - int64(m0.HeapAlloc)
	start = time.Now()
	for _, p := range f.Statements[0].Payments() {
		if best, ok := bk.matcher.Auto(bk.matcher.Match(p)); ok {
			bk.matcher.Apply(best)
		}
	}
	b.Logf("  outside the clock: parse %.2fs, load the book %.2fs (%d open documents, %d MB live), match in memory %.2fs",
		parsed.Seconds(), loaded.Seconds(), len(bk.numbers), live>>20, time.Since(start).Seconds())
}

// BenchmarkImportStatementBare writes, into a fresh database holding the
// same book, rows of the same tables and shapes as the statement import
// would if it matched every line of a debtor of the book: a bank line per
// line, a payment with its allocations for each line of a debtor, a
// journal event per payment and per allocation — through prepared
// statements in one transaction, ids given, no matching, no checks, no
// hash chain, no summaries. Building the rows is timed with them (it is
// a few string formats per row).
func BenchmarkImportStatementBare(b *testing.B) {
	b.StopTimer() // the clock runs over the bare writes alone
	bb := benchGenerate(benchSizeOf())
	var total time.Duration
	var rows int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, f := benchStore(b)
		if err := bb.load(db, f); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
		start := time.Now()
		n, err := bb.bare(db, f)
		took := time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		rows = n
		total += took
		b.Logf("%s: %d lines, %d rows in %.2fs (%.0f rows/s)", db.Dialect(), len(bb.lines), rows, took.Seconds(), float64(rows)/took.Seconds())
		db.Close()
	}
	b.ReportMetric(float64(len(bb.lines)*b.N)/total.Seconds(), "lines/s")
	b.ReportMetric(float64(rows*b.N)/total.Seconds(), "rows/s")
}

// benchProposal is the size and shape of the proposals a line keeps.
const benchProposal = `[{"debtor_id":%d,"debtor_ref":"C000001","debtor_name":"%s","currency":"EUR","allocations":[{"invoice_id":%d,` +
	`"number":"F2025-000001","amount_minor":%d}],"unapplied_minor":0,"fee_minor":0,"confidence":95,"reasons":[{"code":"number",` +
	`"key":"reconcile.reason.number","args":["F2025-000001"]},{"code":"amount_exact","key":"reconcile.reason.amount_exact"}]}]`

// bare writes the rows in one transaction and returns how many.
func (bb *benchBook) bare(db *sqldb.DB, f storetest.Fixture) (int, error) {
	ctx := context.Background()
	org, now := f.Org.ID, db.Now()
	tx, err := db.Writer().BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	var line, pay, alloc, event, seq int64
	for _, q := range []struct {
		dst *int64
		sql string
	}{
		{&line, `SELECT COALESCE(MAX(id), 0) + 1 FROM bank_lines`},
		{&pay, `SELECT COALESCE(MAX(id), 0) + 1 FROM payments`},
		{&alloc, `SELECT COALESCE(MAX(id), 0) + 1 FROM allocations`},
		{&event, `SELECT COALESCE(MAX(id), 0) + 1 FROM events`},
		{&seq, fmt.Sprintf(`SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE org_id = %d`, org)},
	} {
		if err := tx.QueryRowContext(ctx, q.sql).Scan(q.dst); err != nil {
			return 0, err
		}
	}
	var imp int64
	err = tx.QueryRowContext(ctx, `INSERT INTO bank_imports (org_id, file_name, sha256, size_bytes, format, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, org, "releve.xml", "0123456789abcdef", len(bb.file), "camt.053", now).Scan(&imp)
	if err != nil {
		return 0, err
	}
	prepare := func(text string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, text)
		return st
	}
	insLine := prepare(`INSERT INTO bank_lines (id, org_id, import_id, line_key, account, booking_date, value_date, amount_minor, currency,
			counterparty, counterparty_iban, remittance, bank_ref, file_line, status, payment_id, debtor_id, confidence, proposals)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`)
	insPay := prepare(`INSERT INTO payments (id, org_id, creditor_id, debtor_id, received_on, amount_minor, currency, method, reference,
			allocated_minor, created_at, payer_name, payer_iban, bank_line_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`)
	insAlloc := prepare(`INSERT INTO allocations (id, org_id, invoice_id, payment_id, amount_minor, currency, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`)
	insEvent := prepare(`INSERT INTO events (id, org_id, seq, at, actor_id, actor, type, debtor_id, invoice_id, payload, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`)
	if err != nil {
		return 0, err
	}
	rows := 1
	hash := func(n int64) []byte {
		h := make([]byte, 32)
		for j := range 8 {
			h[j] = byte(n >> (8 * j))
		}
		return h
	}
	addEvent := func(typ string, debtor, invoice int64, payload []byte) error {
		_, err := insEvent.ExecContext(ctx, event, org, seq, now, f.User.ID, f.User.Email, typ, debtor, invoice, payload, hash(seq-1), hash(seq))
		event++
		seq++
		rows++
		return err
	}
	for k, l := range bb.lines {
		tx0 := l.entry.Txs[0]
		key := fmt.Sprintf("%s|C|tx:%s|%d|0", benchAccount, tx0.E2E, tx0.Minor)
		status, payID, debtorID, inv0 := string(store.LineReview), int64(0), int64(0), int64(0)
		if l.debtor >= 0 {
			status, payID, debtorID, inv0 = string(store.LineMatched), pay, bb.debtors[l.debtor].id, bb.invoices[l.pays[0]].id
		}
		proposals := fmt.Sprintf(benchProposal, debtorID, bb.debtors[max(0, l.debtor)].name, inv0, tx0.Minor)
		if _, err := insLine.ExecContext(ctx, line, org, imp, key, benchAccount, l.entry.On, l.entry.On, tx0.Minor, "EUR",
			tx0.Payer, tx0.IBAN, tx0.Text, tx0.E2E, k+3, status, payID, debtorID, 95, proposals); err != nil {
			return 0, fmt.Errorf("bare bank line: %w", err)
		}
		rows++
		if l.debtor >= 0 {
			if _, err := insPay.ExecContext(ctx, pay, org, f.Creditor.ID, debtorID, l.entry.On, tx0.Minor, "EUR", ledger.MethodTransfer,
				tx0.Text, tx0.Minor, now, tx0.Payer, tx0.IBAN, line); err != nil {
				return 0, fmt.Errorf("bare payment: %w", err)
			}
			rows++
			payload := fmt.Appendf(nil, `{"amount":"%s","bank_line":%d,"currency":"EUR","iban":%q,"method":"transfer","payer":%q,"received_on":%q,"reference":%q}`,
				money.Decimal(money.EUR(tx0.Minor)), line, tx0.IBAN, tx0.Payer, l.entry.On.String(), tx0.Text)
			if err := addEvent("payment.recorded", debtorID, 0, payload); err != nil {
				return 0, fmt.Errorf("bare event: %w", err)
			}
			for _, i := range l.pays {
				inv := bb.invoices[i]
				if _, err := insAlloc.ExecContext(ctx, alloc, org, inv.id, pay, inv.minor, "EUR", now, f.User.ID); err != nil {
					return 0, fmt.Errorf("bare allocation: %w", err)
				}
				alloc++
				rows++
				payload := fmt.Appendf(nil, `{"amount":"%s","currency":"EUR","invoice":%q,"source":"payment %s"}`,
					money.Decimal(money.EUR(inv.minor)), inv.number, tx0.Text)
				if err := addEvent("allocation.created", debtorID, inv.id, payload); err != nil {
					return 0, fmt.Errorf("bare event: %w", err)
				}
			}
			pay++
		}
		line++
	}
	return rows, tx.Commit()
}
