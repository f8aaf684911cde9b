package cycle

import (
	"context"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

// The scheduler runs an organization's cycle once a day, from its run
// hour, and not before; an organization that turned automatic runs off
// is left alone.
func TestScheduleRunsAtTheHour(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	var orgs []int64
	for _, auto := range []bool{true, false} {
		o := &ledger.Organization{Name: "Org", Kind: ledger.OrgCreditor}
		if err := st.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
		octx := store.WithOrg(ctx, o.ID)
		cred := &ledger.Creditor{Name: "Créancier", Address: ledger.Address{PostalCode: "69001", City: "Lyon"}}
		if err := st.CreateCreditor(octx, cred); err != nil {
			t.Fatal(err)
		}
		d := &ledger.Debtor{CreditorID: cred.ID, Ref: "C1", Name: "Client", Kind: ledger.KindBusiness,
			Contacts: []ledger.Contact{{Email: "c@client.example", Primary: true}}}
		if err := st.CreateDebtor(octx, d); err != nil {
			t.Fatal(err)
		}
		due := civil.MustParse("2026-02-20")
		if err := st.CreateInvoice(octx, &ledger.Invoice{CreditorID: cred.ID, DebtorID: d.ID, Kind: ledger.DocInvoice, Number: "F1",
			IssueDate: due.AddDays(-30), DueDate: due, Amount: money.EUR(50000)}); err != nil {
			t.Fatal(err)
		}
		s := ledger.DefaultDunningSettings(o.ID)
		s.AutoRun, s.RunHour = auto, 10
		if err := st.SaveDunningSettings(octx, s); err != nil {
			t.Fatal(err)
		}
		orgs = append(orgs, o.ID)
	}
	now := time.Date(2026, 3, 2, 9, 30, 0, 0, civil.Paris)
	e := &Engine{Store: st, Now: func() time.Time { return now }}
	ran := map[int64]civil.Date{}
	count := func(org int64) int {
		as, err := st.ListActions(store.WithOrg(ctx, org), store.ActionQuery{})
		if err != nil {
			t.Fatal(err)
		}
		return len(as)
	}
	e.scheduleOnce(ctx, ran)
	if n := count(orgs[0]); n != 0 {
		t.Fatalf("planned %d actions before the run hour", n)
	}
	now = now.Add(time.Hour) // 10:30
	e.scheduleOnce(ctx, ran)
	if n := count(orgs[0]); n != 1 {
		t.Fatalf("at the run hour: %d actions", n)
	}
	if ran[orgs[0]] != civil.MustParse("2026-03-02") {
		t.Errorf("the run is not remembered: %v", ran)
	}
	if n := count(orgs[1]); n != 0 {
		t.Errorf("an organization without automatic runs got %d actions", n)
	}
}
