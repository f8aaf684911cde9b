package storetest

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
)

func TestScratchScale(t *testing.T) {
	nd, _ := strconv.Atoi(os.Getenv("ND"))
	if nd == 0 {
		t.Skip()
	}
	var db *sqldb.DB
	if os.Getenv("PG") != "" {
		db = OpenPostgres(t)
	} else {
		db = OpenSQLite(t)
	}
	db.Now = func() time.Time { return Now }
	f := NewFixture(t, db, "Acme")
	t0 := time.Now()
	must(t, db.Bulk(f.Ctx, func(w store.BulkWriter) error {
		for i := 0; i < nd; i++ {
			d := &ledger.Debtor{CreditorID: f.Creditor.ID, Ref: fmt.Sprintf("C%06d", i), Name: fmt.Sprintf("Debtor %d", i), Kind: ledger.KindBusiness,
				Contacts: []ledger.Contact{{Email: fmt.Sprintf("d%d@x.test", i), Primary: true}}}
			if err := w.AddDebtor(d); err != nil {
				return err
			}
			for k := 0; k < 5; k++ {
				due := Today.AddDays(-10*k - (i % 30) + 10)
				inv := &ledger.Invoice{DebtorID: d.ID, Number: fmt.Sprintf("F%06d-%d", i, k), IssueDate: due.AddDays(-30), DueDate: due, Amount: eur(int64(10000 + k))}
				if err := w.AddInvoice(inv); err != nil {
					return err
				}
			}
		}
		return nil
	}))
	t.Logf("bulk %v", time.Since(t0))
	t0 = time.Now()
	var n, ninv int
	var plan []store.PlanWrite
	must(t, db.PlanningFacts(f.Ctx, store.FactsQuery{Now: Now, DueBy: Today.AddDays(5)}, func(x *dunning.Facts) error {
		n++
		ninv += len(x.Invoices)
		plan = append(plan, store.PlanWrite{DebtorID: x.Debtor.ID, Actions: []ledger.Action{{StepKey: "j+1", Channel: ledger.ChannelEmail,
			ScheduledFor: Now.Add(time.Hour), InvoiceIDs: []int64{x.Invoices[0].ID, x.Invoices[1].ID}, AmountDue: eur(100)}}})
		return nil
	}))
	t.Logf("facts: %d debtors, %d invoices in %v", n, ninv, time.Since(t0))
	t0 = time.Now()
	out, err := db.WritePlan(f.Ctx, plan)
	must(t, err)
	t.Logf("write plan: %d actions in %v", len(out), time.Since(t0))
	t0 = time.Now()
	n = 0
	must(t, db.PlanningFacts(f.Ctx, store.FactsQuery{Now: Now, DueBy: Today.AddDays(5)}, func(x *dunning.Facts) error { n++; return nil }))
	t.Logf("facts again (with cases and steps): %d in %v", n, time.Since(t0))
	for i := range plan {
		plan[i].CaseID = out[i].CaseID
	}
	t0 = time.Now()
	out, err = db.WritePlan(f.Ctx, plan)
	must(t, err)
	t.Logf("write plan again (all duplicates): %d actions in %v", len(out), time.Since(t0))
	t0 = time.Now()
	got, err := db.ClaimActions(f.Ctx, store.ClaimQuery{Now: Now.Add(2 * time.Hour), Worker: "w", Lease: time.Minute, Limit: 100})
	must(t, err)
	t.Logf("claim %d in %v", len(got), time.Since(t0))
	t0 = time.Now()
	for i := 0; i < 200; i++ {
		must(t, db.PlanningFacts(f.Ctx, store.FactsQuery{Now: Now, DueBy: Today.AddDays(3650), DebtorID: out[i*10].DebtorID}, func(x *dunning.Facts) error { return nil }))
	}
	t.Logf("one debtor's facts: %v each", time.Since(t0)/200)
}
