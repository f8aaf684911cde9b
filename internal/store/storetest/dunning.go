package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
	"github.com/recouvre/recouvre/internal/store/sqldb"
)

// eventCounts counts the organization's events by type (a debtor's for
// debtorID not 0).
func eventCounts(t *testing.T, db *sqldb.DB, f Fixture, debtorID int64) map[string]int {
	t.Helper()
	evs, err := db.Events(f.Ctx, store.EventQuery{DebtorID: debtorID, Limit: 1000})
	must(t, err)
	out := map[string]int{}
	for _, e := range evs {
		out[e.Type]++
	}
	return out
}

// at runs fn with the store's clock set to t.
func at(db *sqldb.DB, t time.Time, fn func()) {
	prev := db.Now
	db.Now = func() time.Time { return t }
	defer func() { db.Now = prev }()
	fn()
}

func testDunningSettings(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	s, err := db.DunningSettings(f.Ctx)
	must(t, err)
	if s != ledger.DefaultDunningSettings(f.Org.ID) {
		t.Fatalf("defaults = %+v", s)
	}
	s.AutoRun, s.RunHour, s.QuietStart, s.QuietEnd, s.WeeklyCap, s.AlsaceMoselle = false, 6, 8, 20, 3, true
	s.SMTPURL, s.FromEmail, s.FromName, s.ReplyTo = "smtp://u:secret@mail.test:587", "relances@acme.test", "Acme", "compta@acme.test"
	s.SMSProvider, s.SMSKey, s.SMSSender, s.PortalURL = "brevo", "sms-secret", "ACME", "https://pay.acme.test"
	must(t, db.SaveDunningSettings(f.Ctx, s))
	got, err := db.DunningSettings(f.Ctx)
	must(t, err)
	s.UpdatedAt = got.UpdatedAt
	if got != s || got.UpdatedAt.IsZero() {
		t.Fatalf("saved %+v, read %+v", s, got)
	}
	for _, bad := range []func(*ledger.DunningSettings){
		func(s *ledger.DunningSettings) { s.RunHour = 24 },
		func(s *ledger.DunningSettings) { s.RunHour = -1 },
		func(s *ledger.DunningSettings) { s.QuietStart, s.QuietEnd = 19, 9 },
		func(s *ledger.DunningSettings) { s.QuietStart, s.QuietEnd = 9, 9 },
		func(s *ledger.DunningSettings) { s.QuietStart, s.QuietEnd = -1, 9 },
		func(s *ledger.DunningSettings) { s.QuietStart, s.QuietEnd = 9, 25 },
		func(s *ledger.DunningSettings) { s.WeeklyCap = 0 },
	} {
		x := s
		bad(&x)
		wantCode(t, db.SaveDunningSettings(f.Ctx, x), ledger.EInvalid)
	}
	// The boundaries are accepted.
	x := s
	x.RunHour, x.QuietStart, x.QuietEnd, x.WeeklyCap = 23, 0, 24, 1
	must(t, db.SaveDunningSettings(f.Ctx, x))
	// The journal keeps the change, never the secrets.
	evs, err := db.Events(f.Ctx, store.EventQuery{})
	must(t, err)
	if len(evs) == 0 || evs[0].Type != "settings.dunning_changed" {
		t.Fatalf("not journaled: %+v", evs)
	}
	for _, e := range evs {
		if p := string(e.Payload); strings.Contains(p, "secret") {
			t.Fatalf("a secret in the journal: %s", p)
		}
	}
	if o, _ := db.DunningSettings(g.Ctx); o != ledger.DefaultDunningSettings(g.Org.ID) {
		t.Fatalf("other organization reads %+v", o)
	}
}

// scenario is a valid scenario of key with two steps.
func scenario(key string) *ledger.Scenario {
	return &ledger.Scenario{Key: key, Name: "Scénario " + key, Steps: []ledger.Step{
		{Key: "j-3", Name: "Rappel courtois", OffsetDays: -3, Channel: ledger.ChannelEmail, Template: "pre", Stage: ledger.StagePreventive},
		{Key: "j+15", Name: "Relance ferme", OffsetDays: 15, Channel: ledger.ChannelLetter, Template: "ferme", Stage: ledger.StageAmicable,
			MinAmount: eur(5000), OnlyIfNoReply: true, Approval: true, AttachLetter: true},
		{Key: "j+45", Name: "Mise en demeure", OffsetDays: 45, Channel: ledger.ChannelLetter, Template: "med", Stage: ledger.StageFormalNotice,
			Registered: true},
	}}
}

func testScenariosSegmentsTemplates(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	if ss, err := db.Scenarios(f.Ctx); err != nil || len(ss) != 0 {
		t.Fatalf("scenarios before any = %v, %v", ss, err)
	}
	tpe := scenario("tpe")
	must(t, db.SaveScenario(f.Ctx, tpe))
	must(t, db.SaveScenario(f.Ctx, scenario("grands-comptes")))
	if tpe.ID == 0 || tpe.OrgID != f.Org.ID {
		t.Fatalf("saved = %+v", tpe)
	}
	// Saving a key again replaces its scenario.
	again := scenario("tpe")
	again.Name, again.Steps = "TPE", again.Steps[:2]
	must(t, db.SaveScenario(f.Ctx, again))
	ss, err := db.Scenarios(f.Ctx)
	must(t, err)
	if len(ss) != 2 || ss[0].Key != "grands-comptes" || ss[1].Key != "tpe" || ss[1].Name != "TPE" || len(ss[1].Steps) != 2 || ss[1].ID != tpe.ID {
		t.Fatalf("scenarios = %+v", ss)
	}
	if st := ss[1].Steps[1]; st != again.Steps[1] {
		t.Fatalf("step read back %+v, saved %+v", st, again.Steps[1])
	}
	for name, bad := range map[string]func(*ledger.Scenario){
		"key":             func(s *ledger.Scenario) { s.Key = "Grands Comptes" },
		"empty key":       func(s *ledger.Scenario) { s.Key = "" },
		"no steps":        func(s *ledger.Scenario) { s.Steps = nil },
		"step key":        func(s *ledger.Scenario) { s.Steps[1].Key = "" },
		"duplicate steps": func(s *ledger.Scenario) { s.Steps[1].Key = s.Steps[0].Key },
		"channel":         func(s *ledger.Scenario) { s.Steps[0].Channel = "fax" },
		"stage":           func(s *ledger.Scenario) { s.Steps[0].Stage = "closed" },
		"preventive":      func(s *ledger.Scenario) { s.Steps[1].Stage = ledger.StagePreventive },
	} {
		s := scenario("x")
		bad(s)
		if err := db.SaveScenario(f.Ctx, s); ledger.ErrorCode(err) != ledger.EInvalid {
			t.Errorf("%s: error = %v, want invalid", name, err)
		}
	}

	// Segments name scenarios that exist, and come back in order.
	segs := []ledger.Segment{
		{Name: "Grands comptes", Kinds: []ledger.DebtorKind{ledger.KindBusiness, ledger.KindPublic}, MinDue: eur(1000000), ScenarioKey: "grands-comptes",
			Tags: []string{"key-account"}},
		{Name: "Risqués", MinRisk: 60, MaxRisk: 100, MinAgeDays: 10, MaxAgeDays: 90, MaxDue: eur(500000), ScenarioKey: "tpe"},
		{Name: "Tous", ScenarioKey: "tpe"},
	}
	bad := append([]ledger.Segment(nil), segs...)
	bad[2].ScenarioKey = "inconnu"
	wantCode(t, db.SaveSegments(f.Ctx, bad), ledger.EInvalid)
	wantCode(t, db.SaveSegments(f.Ctx, []ledger.Segment{{Name: "x", MinRisk: 50, MaxRisk: 20, ScenarioKey: "tpe"}}), ledger.EInvalid)
	wantCode(t, db.SaveSegments(f.Ctx, []ledger.Segment{{Name: "x", Kinds: []ledger.DebtorKind{"martian"}, ScenarioKey: "tpe"}}), ledger.EInvalid)
	if got, _ := db.Segments(f.Ctx); len(got) != 0 {
		t.Fatalf("a refused list was written: %+v", got)
	}
	must(t, db.SaveSegments(f.Ctx, segs))
	got, err := db.Segments(f.Ctx)
	must(t, err)
	if len(got) != 3 || got[0].Position != 1 || got[2].Position != 3 || got[0].ScenarioKey != "grands-comptes" ||
		len(got[0].Kinds) != 2 || got[0].MinDue != eur(1000000) || got[0].Tags[0] != "key-account" ||
		got[1].MinRisk != 60 || got[1].MaxRisk != 100 || got[1].MinAgeDays != 10 || got[1].MaxAgeDays != 90 || got[1].MaxDue != eur(500000) ||
		got[2].Name != "Tous" || len(got[2].Kinds) != 0 || len(got[2].Tags) != 0 {
		t.Fatalf("segments = %+v", got)
	}
	// The list is replaced as a whole.
	must(t, db.SaveSegments(f.Ctx, segs[2:]))
	if got, _ := db.Segments(f.Ctx); len(got) != 1 || got[0].Position != 1 || got[0].Name != "Tous" {
		t.Fatalf("segments after replacing = %+v", got)
	}
	// A scenario in use cannot go.
	wantCode(t, db.DeleteScenario(f.Ctx, "tpe"), ledger.EConflict)
	must(t, db.DeleteScenario(f.Ctx, "grands-comptes"))
	wantCode(t, db.DeleteScenario(f.Ctx, "grands-comptes"), ledger.ENotFound)
	must(t, db.SaveSegments(f.Ctx, nil))
	must(t, db.DeleteScenario(f.Ctx, "tpe"))

	// Templates by (key, channel, lang).
	tm := &ledger.Template{Key: "ferme", Channel: ledger.ChannelEmail, Name: "Relance ferme", Subject: "Facture {{.Number}}", Body: "Bonjour,"}
	must(t, db.SaveTemplate(f.Ctx, tm))
	if tm.ID == 0 || tm.Lang != "fr" {
		t.Fatalf("template = %+v", tm)
	}
	must(t, db.SaveTemplate(f.Ctx, &ledger.Template{Key: "ferme", Channel: ledger.ChannelEmail, Lang: "en", Subject: "Invoice", Body: "Hello,"}))
	must(t, db.SaveTemplate(f.Ctx, &ledger.Template{Key: "ferme", Channel: ledger.ChannelSMS, Body: "Votre facture"}))
	must(t, db.SaveTemplate(f.Ctx, &ledger.Template{Key: "ferme", Channel: ledger.ChannelEmail, Name: "v2", Subject: "Rappel", Body: "Madame, Monsieur,"}))
	wantCode(t, db.SaveTemplate(f.Ctx, &ledger.Template{Key: "ferme", Channel: "fax", Body: "x"}), ledger.EInvalid)
	wantCode(t, db.SaveTemplate(f.Ctx, &ledger.Template{Key: "", Channel: ledger.ChannelSMS, Body: "x"}), ledger.EInvalid)
	wantCode(t, db.SaveTemplate(f.Ctx, &ledger.Template{Key: "vide", Channel: ledger.ChannelSMS}), ledger.EInvalid)
	ts, err := db.Templates(f.Ctx)
	must(t, err)
	if len(ts) != 3 || ts[0].Lang != "en" || ts[1].Lang != "fr" || ts[1].Name != "v2" || ts[1].Body != "Madame, Monsieur," || ts[1].ID != tm.ID ||
		ts[2].Channel != ledger.ChannelSMS {
		t.Fatalf("templates = %+v", ts)
	}
	must(t, db.DeleteTemplate(f.Ctx, "ferme", ledger.ChannelSMS, "fr"))
	wantCode(t, db.DeleteTemplate(f.Ctx, "ferme", ledger.ChannelSMS, "fr"), ledger.ENotFound)

	// Journaled; another organization sees none of it.
	c := eventCounts(t, db, f, 0)
	if c["scenario.saved"] != 3 || c["segments.saved"] != 3 || c["scenario.deleted"] != 2 || c["template.saved"] != 4 || c["template.deleted"] != 1 {
		t.Fatalf("journal = %v", c)
	}
	if ss, _ := db.Scenarios(g.Ctx); len(ss) != 0 {
		t.Fatalf("other org sees %d scenarios", len(ss))
	}
	if ts, _ := db.Templates(g.Ctx); len(ts) != 0 {
		t.Fatalf("other org sees %d templates", len(ts))
	}
	wantCode(t, db.DeleteTemplate(g.Ctx, "ferme", ledger.ChannelEmail, "fr"), ledger.ENotFound)
}

func testDisputes(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	d := f.Debtor(t, db, "C1", "Client")
	e := f.Debtor(t, db, "C2", "Autre")
	i1 := f.Invoice(t, db, d.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	i2 := f.Invoice(t, db, d.ID, "F2", "2025-04-01", "2025-05-01", 20000)
	cn := &ledger.Invoice{DebtorID: d.ID, Kind: ledger.DocCreditNote, Number: "A1", IssueDate: civil.MustParse("2025-05-01"), Amount: eur(1000)}
	must(t, db.CreateInvoice(f.Ctx, cn))
	disputed := func(id int64) bool {
		t.Helper()
		inv, err := db.GetInvoice(f.Ctx, id)
		must(t, err)
		return inv.Disputed
	}
	d1 := &ledger.Dispute{DebtorID: d.ID, InvoiceID: i1.ID, Reason: "marchandise abîmée", Amount: eur(30000)}
	must(t, db.OpenDispute(f.Ctx, d1))
	if d1.ID == 0 || d1.Status != ledger.DisputeOpen || d1.OpenedOn != Today || !disputed(i1.ID) || disputed(i2.ID) {
		t.Fatalf("dispute = %+v", d1)
	}
	d2 := &ledger.Dispute{InvoiceID: i1.ID, Reason: "prix"}
	must(t, db.OpenDispute(f.Ctx, d2))
	if d2.DebtorID != d.ID || d2.Amount != eur(0) {
		t.Fatalf("second dispute = %+v", d2)
	}
	wantCode(t, db.OpenDispute(f.Ctx, &ledger.Dispute{DebtorID: d.ID, InvoiceID: cn.ID}), ledger.EInvalid)
	wantCode(t, db.OpenDispute(f.Ctx, &ledger.Dispute{DebtorID: e.ID, InvoiceID: i2.ID}), ledger.EInvalid)
	wantCode(t, db.OpenDispute(g.Ctx, &ledger.Dispute{DebtorID: d.ID, InvoiceID: i2.ID}), ledger.ENotFound)
	must(t, db.OpenDispute(f.Ctx, &ledger.Dispute{DebtorID: d.ID, InvoiceID: i2.ID, Reason: "déjà payé"}))

	open, err := db.Disputes(f.Ctx, 0)
	must(t, err)
	if len(open) != 3 {
		t.Fatalf("open disputes = %+v", open)
	}
	// F1 stays disputed while one of its two disputes is open.
	must(t, db.CloseDispute(f.Ctx, d1.ID, ledger.DisputeResolved, "avoir refusé", civil.MustParse("2025-06-20")))
	if !disputed(i1.ID) {
		t.Fatal("F1 no longer disputed while a dispute is open")
	}
	wantCode(t, db.CloseDispute(f.Ctx, d1.ID, ledger.DisputeUpheld, "", Today), ledger.EConflict)
	wantCode(t, db.CloseDispute(f.Ctx, d2.ID, ledger.DisputeOpen, "", Today), ledger.EInvalid)
	wantCode(t, db.CloseDispute(g.Ctx, d2.ID, ledger.DisputeUpheld, "", Today), ledger.ENotFound)
	must(t, db.CloseDispute(f.Ctx, d2.ID, ledger.DisputeUpheld, "avoir à émettre", civil.Date{}))
	if disputed(i1.ID) || !disputed(i2.ID) {
		t.Fatal("F1 disputed after its disputes closed, or F2 not")
	}
	all, err := db.Disputes(f.Ctx, d.ID)
	must(t, err)
	if len(all) != 3 || all[0].Status != ledger.DisputeResolved || all[0].ResolvedOn != civil.MustParse("2025-06-20") ||
		all[0].Resolution != "avoir refusé" || all[0].Amount != eur(30000) || all[1].Status != ledger.DisputeUpheld || all[1].ResolvedOn != Today {
		t.Fatalf("debtor's disputes = %+v", all)
	}
	if open, _ := db.Disputes(f.Ctx, 0); len(open) != 1 || open[0].InvoiceID != i2.ID {
		t.Fatalf("open disputes after closing = %+v", open)
	}
	if o, _ := db.Disputes(g.Ctx, 0); len(o) != 0 {
		t.Fatalf("other org sees %d disputes", len(o))
	}
	c := eventCounts(t, db, f, d.ID)
	if c["dispute.opened"] != 3 || c["dispute.closed"] != 2 {
		t.Fatalf("journal = %v", c)
	}
	evs, _ := db.Events(f.Ctx, store.EventQuery{InvoiceID: i1.ID})
	if len(evs) == 0 || evs[0].Type != "dispute.closed" {
		t.Fatalf("the invoice's journal = %+v", evs)
	}
}

func testPromisesAndPlans(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	d := f.Debtor(t, db, "C1", "Client")
	i1 := f.Invoice(t, db, d.ID, "F1", "2025-04-01", "2025-05-01", 100000)
	// Paid so far: 300 + 200; the reversed cheque and the bank fee count
	// for nothing.
	must(t, db.RecordPayment(f.Ctx, &store.PaymentEntry{Payment: ledger.Payment{DebtorID: d.ID, ReceivedOn: civil.MustParse("2025-05-10"), Amount: eur(30000)},
		Allocations: []ledger.Allocation{{InvoiceID: i1.ID, Amount: eur(30000)}}}))
	f.Payment(t, db, d.ID, "2025-05-12", 20000, "VIR")
	chq := f.Payment(t, db, d.ID, "2025-05-13", 40000, "CHQ")
	must(t, db.ReversePayment(f.Ctx, chq.ID, civil.MustParse("2025-05-20"), "sans provision"))
	must(t, db.CreatePayment(f.Ctx, &ledger.Payment{DebtorID: d.ID, ReceivedOn: civil.MustParse("2025-05-14"), Amount: eur(150), Method: ledger.MethodBankFee}))

	wantCode(t, db.RecordPromise(f.Ctx, &ledger.Promise{DebtorID: d.ID, Amount: eur(0), DueOn: Today}), ledger.EInvalid)
	wantCode(t, db.RecordPromise(f.Ctx, &ledger.Promise{DebtorID: d.ID, Amount: eur(100)}), ledger.EInvalid)
	wantCode(t, db.RecordPromise(g.Ctx, &ledger.Promise{DebtorID: d.ID, Amount: eur(100), DueOn: Today}), ledger.ENotFound)
	p := &ledger.Promise{DebtorID: d.ID, Amount: eur(50000), DueOn: civil.MustParse("2025-06-30"), Note: "au téléphone"}
	must(t, db.RecordPromise(f.Ctx, p))
	if p.ID == 0 || p.Status != ledger.PromisePending || p.PaidBase != eur(50000) || p.CreatedAt.IsZero() {
		t.Fatalf("promise = %+v", p)
	}
	p2 := &ledger.Promise{DebtorID: d.ID, Amount: eur(1000), DueOn: civil.MustParse("2025-06-20")}
	must(t, db.RecordPromise(f.Ctx, p2))
	ps, err := db.Promises(f.Ctx, d.ID)
	must(t, err)
	if len(ps) != 2 || ps[0].ID != p2.ID || ps[1].PaidBase != eur(50000) || ps[1].Note != "au téléphone" || ps[1].DueOn != p.DueOn {
		t.Fatalf("promises = %+v", ps)
	}
	wantCode(t, db.SetPromiseStatus(f.Ctx, p.ID, ledger.PromisePending, Today), ledger.EInvalid)
	wantCode(t, db.SetPromiseStatus(g.Ctx, p.ID, ledger.PromiseKept, Today), ledger.ENotFound)
	must(t, db.SetPromiseStatus(f.Ctx, p.ID, ledger.PromiseKept, civil.MustParse("2025-06-29")))
	wantCode(t, db.SetPromiseStatus(f.Ctx, p.ID, ledger.PromiseBroken, Today), ledger.EConflict)
	must(t, db.SetPromiseStatus(f.Ctx, p2.ID, ledger.PromiseCancelled, Today))
	ps, _ = db.Promises(f.Ctx, d.ID)
	if ps[1].Status != ledger.PromiseKept || ps[1].ClosedOn != civil.MustParse("2025-06-29") || ps[0].Status != ledger.PromiseCancelled {
		t.Fatalf("promises after = %+v", ps)
	}
	if pending, _ := db.Promises(f.Ctx, 0); len(pending) != 0 {
		t.Fatalf("pending promises = %+v", pending)
	}

	in := func(due string, minor int64) ledger.Instalment {
		return ledger.Instalment{DueOn: civil.MustParse(due), Amount: eur(minor)}
	}
	for name, bad := range map[string][]ledger.Instalment{
		"none":       nil,
		"negative":   {in("2025-07-01", -100)},
		"zero":       {in("2025-07-01", 0)},
		"same day":   {in("2025-07-01", 100), in("2025-07-01", 100)},
		"backwards":  {in("2025-08-01", 100), in("2025-07-01", 100)},
		"currencies": {in("2025-07-01", 100), {DueOn: civil.MustParse("2025-08-01"), Amount: money.New(100, "USD")}},
	} {
		if err := db.RecordPaymentPlan(f.Ctx, &ledger.PaymentPlan{DebtorID: d.ID, Instalments: bad}); ledger.ErrorCode(err) != ledger.EInvalid {
			t.Errorf("%s: error = %v, want invalid", name, err)
		}
	}
	plan := &ledger.PaymentPlan{DebtorID: d.ID, Instalments: []ledger.Instalment{in("2025-07-01", 25000), in("2025-08-01", 25000)}, GraceDays: 5, Note: "2 fois"}
	must(t, db.RecordPaymentPlan(f.Ctx, plan))
	if plan.ID == 0 || plan.Status != ledger.PlanActive || plan.PaidBase != eur(50000) {
		t.Fatalf("plan = %+v", plan)
	}
	pls, err := db.PaymentPlans(f.Ctx, 0)
	must(t, err)
	if len(pls) != 1 || len(pls[0].Instalments) != 2 || pls[0].Instalments[1] != in("2025-08-01", 25000) || pls[0].GraceDays != 5 ||
		pls[0].Total() != eur(50000) || pls[0].Note != "2 fois" {
		t.Fatalf("plans = %+v", pls)
	}
	wantCode(t, db.SetPlanStatus(f.Ctx, plan.ID, ledger.PlanActive, Today), ledger.EInvalid)
	wantCode(t, db.SetPlanStatus(g.Ctx, plan.ID, ledger.PlanBroken, Today), ledger.ENotFound)
	must(t, db.SetPlanStatus(f.Ctx, plan.ID, ledger.PlanBroken, Today))
	wantCode(t, db.SetPlanStatus(f.Ctx, plan.ID, ledger.PlanCompleted, Today), ledger.EConflict)
	if pls, _ := db.PaymentPlans(f.Ctx, d.ID); len(pls) != 1 || pls[0].Status != ledger.PlanBroken || pls[0].ClosedOn != Today {
		t.Fatalf("plans after = %+v", pls)
	}
	c := eventCounts(t, db, f, d.ID)
	if c["promise.recorded"] != 2 || c["promise.kept"] != 1 || c["promise.cancelled"] != 1 || c["plan.recorded"] != 1 || c["plan.broken"] != 1 {
		t.Fatalf("journal = %v", c)
	}
	if ps, _ := db.Promises(g.Ctx, d.ID); len(ps) != 0 {
		t.Fatalf("other org sees %d promises", len(ps))
	}
}

func testContactHolds(t *testing.T, db *sqldb.DB) {
	f := NewFixture(t, db, "Acme")
	g := NewFixture(t, db, "Other")
	d := f.Debtor(t, db, "C1", "Client")
	p, err := db.ContactPause(f.Ctx, d.ID)
	must(t, err)
	if p != (ledger.ContactPause{}) {
		t.Fatalf("pause before any = %+v", p)
	}
	must(t, db.SetContactPause(f.Ctx, d.ID, ledger.ContactPause{PausedUntil: civil.MustParse("2025-07-01"), Reason: "congés"}))
	if p, _ := db.ContactPause(f.Ctx, d.ID); p.PausedUntil != civil.MustParse("2025-07-01") || p.Reason != "congés" || p.DoNotContact {
		t.Fatalf("pause = %+v", p)
	}
	must(t, db.SetContactPause(f.Ctx, d.ID, ledger.ContactPause{DoNotContact: true, Reason: "avocat"}))
	if p, _ := db.ContactPause(f.Ctx, d.ID); !p.DoNotContact || !p.PausedUntil.IsZero() {
		t.Fatalf("do not contact = %+v", p)
	}
	must(t, db.SetContactPause(f.Ctx, d.ID, ledger.ContactPause{}))
	wantCode(t, db.SetContactPause(g.Ctx, d.ID, ledger.ContactPause{DoNotContact: true}), ledger.ENotFound)
	_, err = db.ContactPause(g.Ctx, d.ID)
	wantCode(t, err, ledger.ENotFound)
	c := eventCounts(t, db, f, d.ID)
	if c["debtor.paused"] != 1 || c["debtor.do_not_contact"] != 1 || c["debtor.resumed"] != 1 {
		t.Fatalf("journal = %v", c)
	}

	wantCode(t, db.SetRiskScore(f.Ctx, d.ID, 101), ledger.EInvalid)
	wantCode(t, db.SetRiskScore(f.Ctx, d.ID, -2), ledger.EInvalid)
	wantCode(t, db.SetRiskScore(g.Ctx, d.ID, 50), ledger.ENotFound)
	must(t, db.SetRiskScore(f.Ctx, d.ID, 0))
	must(t, db.SetRiskScore(f.Ctx, d.ID, -1))

	wantCode(t, db.RecordBounce(f.Ctx, dunning.Bounce{DebtorID: d.ID, Address: "x@y.test", Kind: "fax"}), ledger.EInvalid)
	wantCode(t, db.RecordBounce(f.Ctx, dunning.Bounce{DebtorID: d.ID, Kind: "email"}), ledger.EInvalid)
	wantCode(t, db.RecordBounce(g.Ctx, dunning.Bounce{DebtorID: d.ID, Address: "x@y.test", Kind: "email"}), ledger.ENotFound)
	must(t, db.RecordBounce(f.Ctx, dunning.Bounce{DebtorID: d.ID, Address: "compta@client.test", Kind: "email", Reason: "550 unknown user",
		At: Now.Add(-time.Hour)}))
	must(t, db.RecordBounce(f.Ctx, dunning.Bounce{DebtorID: d.ID, Address: "+33600000000", Kind: "phone", Reason: "wrong number"}))
	must(t, db.RecordBounce(f.Ctx, dunning.Bounce{DebtorID: d.ID, Address: "compta@client.test", Kind: "email", Reason: "mailbox full"}))
	bs, err := db.Bounces(f.Ctx, d.ID)
	must(t, err)
	if len(bs) != 2 || bs[0].Address != "compta@client.test" || bs[0].Reason != "mailbox full" || !bs[0].At.Equal(Now) || bs[0].DebtorID != d.ID ||
		bs[1].Address != "+33600000000" {
		t.Fatalf("bounces = %+v", bs)
	}
	if bs, _ := db.Bounces(g.Ctx, d.ID); len(bs) != 0 {
		t.Fatalf("other org sees %d bounces", len(bs))
	}
	if c := eventCounts(t, db, f, d.ID); c["contact.bounced"] != 3 {
		t.Fatalf("journal = %v", c)
	}
}
