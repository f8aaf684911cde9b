package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

func TestDebtorsPagination(t *testing.T) {
	t.Parallel()
	b := setup(t)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	var want []int64
	for i := 1; i <= 7; i++ {
		want = append(want, f.Debtor(t, b.st, fmt.Sprintf("C%03d", i), fmt.Sprintf("Client %d", i)).ID)
	}
	items, pages := walk(t, b, "/api/v1/debtors?limit=3", tok, 3, debtorID)
	if pages != 3 {
		t.Errorf("%d pages, want 3", pages)
	}
	if got := ids(items, debtorID); !slices.Equal(got, want) {
		t.Errorf("walked %v, want %v", got, want)
	}
	// The default page holds them all, and says it is the last.
	page := decode[listBody[debtorJSON]](t, b.get(t, "/api/v1/debtors", tok, http.StatusOK))
	if len(page.Data) != 7 || page.NextCursor != nil {
		t.Errorf("default page: %d debtors, next %v", len(page.Data), page.NextCursor)
	}
	// A search walks the same way: all 7 match "client", paged by 2.
	items, pages = walk(t, b, "/api/v1/debtors?q=client&limit=2", tok, 2, debtorID)
	if len(items) != 7 || pages != 4 {
		t.Errorf("filtered walk: %d debtors in %d pages", len(items), pages)
	}
}

// portfolio is four debtors of one organization in the four situations
// the filters tell apart.
type portfolio struct {
	f          storetest.Fixture
	tok        string
	a, b, c, d *ledger.Debtor
}

func newPortfolio(t *testing.T, b *bundle) portfolio {
	t.Helper()
	p := portfolio{f: storetest.NewFixture(t, b.st, "Acme")}
	p.tok = b.token(t, p.f)
	mk := func(d *ledger.Debtor) *ledger.Debtor {
		d.CreditorID = p.f.Creditor.ID
		must(t, b.st.CreateDebtor(p.f.Ctx, d))
		return d
	}
	p.a = mk(&ledger.Debtor{Ref: "C001", Name: "Électricité Dupont SARL", Kind: ledger.KindBusiness, SIREN: "732829320", Tags: []string{"BTP"}})
	p.b = mk(&ledger.Debtor{Ref: "C002", Name: "Mme Chloé Martin", Kind: ledger.KindConsumer})
	p.c = mk(&ledger.Debtor{Ref: "C003", Name: "Mairie de Lyon", Kind: ledger.KindPublic, Tags: []string{"sensible"}})
	p.d = mk(&ledger.Debtor{Ref: "C004", Name: "Boulangerie Petit", Kind: ledger.KindBusiness})
	p.f.Invoice(t, b.st, p.a.ID, "F1", "2025-01-01", "2025-02-01", 500000)     // 134 days late
	p.f.Invoice(t, b.st, p.b.ID, "F2", "2025-05-01", "2025-06-01", 12000)      // 14 days late
	p.f.Invoice(t, b.st, p.c.ID, "F3", "2025-05-01", "2025-07-01", 90000)      // not due
	f4 := p.f.Invoice(t, b.st, p.c.ID, "F4", "2025-04-01", "2025-05-10", 1000) // 36 days late, then paid
	pay := p.f.Payment(t, b.st, p.c.ID, "2025-06-10", 1500, "VIR 1")
	must(t, b.st.Allocate(p.f.Ctx, &ledger.Allocation{InvoiceID: f4.ID, PaymentID: pay.ID, Amount: eur(1000)}))
	return p
}

func TestDebtorsFilters(t *testing.T) {
	t.Parallel()
	b := setup(t)
	p := newPortfolio(t, b)
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"", []string{"C001", "C002", "C003", "C004"}},
		{"q=electricite", []string{"C001"}},
		{"q=" + url.QueryEscape("CHLOÉ"), []string{"C002"}},
		{"q=" + url.QueryEscape("732 829"), []string{"C001"}},
		{"q=c003", []string{"C003"}},
		{"q=nobody", nil},
		{"kind=public", []string{"C003"}},
		{"kind=business", []string{"C001", "C004"}},
		{"tag=BTP", []string{"C001"}},
		{"only_due=true", []string{"C001", "C002", "C003"}},
		{"only_due=false", []string{"C001", "C002", "C003", "C004"}},
		{"bucket=1-30", []string{"C002"}},
		{"bucket=current", []string{"C003"}},
		{"bucket=90%2B", []string{"C001"}},
		{"bucket=61-90", nil},
		{"kind=business&only_due=1", []string{"C001"}},
	} {
		page := decode[listBody[debtorJSON]](t, b.get(t, "/api/v1/debtors?"+tt.query, p.tok, http.StatusOK))
		var got []string
		for _, d := range page.Data {
			got = append(got, d.Ref)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("?%s: got %v, want %v", tt.query, got, tt.want)
		}
		if page.Data == nil {
			t.Errorf("?%s: data is null, want []", tt.query)
		}
	}
}

// The balances of the list (the store's summaries) and of the detail
// (derived from the documents) both equal what the ledger computes.
func TestDebtorsBalances(t *testing.T) {
	t.Parallel()
	b := setup(t)
	p := newPortfolio(t, b)
	page := decode[listBody[debtorJSON]](t, b.get(t, "/api/v1/debtors", p.tok, http.StatusOK))
	if len(page.Data) != 4 {
		t.Fatalf("%d debtors", len(page.Data))
	}
	for _, d := range page.Data {
		want, err := b.st.DebtorBalance(p.f.Ctx, d.ID, today)
		must(t, err)
		checkBalance(t, d.Balance, want)
		detail := decode[debtorDetailJSON](t, b.get(t, fmt.Sprintf("/api/v1/debtors/%d", d.ID), p.tok, http.StatusOK))
		checkBalance(t, detail.Balance, want)
		if !reflect.DeepEqual(detail.Balance, d.Balance) {
			t.Errorf("%s: list balance %+v, detail %+v", d.Ref, d.Balance, detail.Balance)
		}
	}
	byRef := map[string]balanceJSON{}
	for _, d := range page.Data {
		byRef[d.Ref] = d.Balance
	}
	for ref, want := range map[string]string{"C001": "90+", "C002": "1-30", "C003": "current", "C004": ""} {
		if got := deref(byRef[ref].Bucket); got != want {
			t.Errorf("%s: bucket %q, want %q", ref, got, want)
		}
	}
	// C003: 90 000 due (not yet), 1 000 settled, 500 of the payment left.
	c := byRef["C003"]
	if c.Due.amount() != eur(90000) || c.Overdue.amount() != eur(0) || c.Credit.amount() != eur(500) || c.Net.amount() != eur(89500) || c.OldestDue != nil {
		t.Errorf("C003 balance %+v", c)
	}
	if a := byRef["C001"]; a.DaysLate != 134 || deref(a.OldestDue) != "2025-02-01" || a.LateCount != 1 {
		t.Errorf("C001 balance %+v", a)
	}
}

func TestGetDebtor(t *testing.T) {
	t.Parallel()
	b := setup(t)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	d := &ledger.Debtor{
		CreditorID: f.Creditor.ID, Ref: "C042", Name: "Société Générale de Plomberie", Kind: ledger.KindBusiness,
		SIREN: "732829320", SIRET: "73282932000074", VATNumber: "FR44732829320", Lang: "en",
		Tags: []string{"vip", "BTP"}, CreditLimit: money.EUR(1500000),
		Contacts: []ledger.Contact{
			{Name: "Compta", Email: "compta@sgp.test"},
			{Name: "Jeanne Roux", Role: "DAF", Email: "j.roux@sgp.test", Phone: "+33612345678",
				Address:          ledger.Address{Line1: "1 rue de la Paix", PostalCode: "75002", City: "Paris", Country: "FR"},
				PreferredChannel: ledger.ChannelEmail, SMSConsent: true, Primary: true},
		},
	}
	must(t, b.st.CreateDebtor(f.Ctx, d))
	f.Invoice(t, b.st, d.ID, "F1", "2025-05-01", "2025-05-31", 250000)

	rec := b.get(t, fmt.Sprintf("/api/v1/debtors/%d", d.ID), tok, http.StatusOK)
	got := decode[debtorDetailJSON](t, rec)
	switch {
	case got.ID != d.ID, got.CreditorID != f.Creditor.ID, got.Ref != "C042", got.Name != d.Name, got.Kind != "business",
		got.SIREN != d.SIREN, got.SIRET != d.SIRET, got.VATNumber != d.VATNumber, got.Lang != "en",
		got.CreditLimit != (moneyJSON{1500000, "EUR"}), !got.CreatedAt.Equal(now):
		t.Errorf("identity %+v", got.debtorJSON)
	}
	if !slices.Equal(got.Tags, []string{"BTP", "vip"}) {
		t.Errorf("tags %v", got.Tags)
	}
	if len(got.Contacts) != 2 {
		t.Fatalf("contacts %+v", got.Contacts)
	}
	primary := got.Contacts[0] // the store lists the primary contact first
	if !primary.Primary || primary.Name != "Jeanne Roux" || primary.Role != "DAF" || primary.Phone != "+33612345678" ||
		primary.Address.City != "Paris" || primary.Address.PostalCode != "75002" || primary.PreferredChannel != "email" || !primary.SMSConsent {
		t.Errorf("primary contact %+v", primary)
	}
	want, err := b.st.DebtorBalance(f.Ctx, d.ID, today)
	must(t, err)
	checkBalance(t, got.Balance, want)
	if deref(got.Balance.Bucket) != "1-30" || got.Balance.DaysLate != 15 {
		t.Errorf("balance %+v", got.Balance)
	}
	// Money is an object of integer minor units, never a float.
	if body := rec.Body.String(); !contains(body, `"credit_limit":{"minor":1500000,"currency":"EUR"}`) ||
		!contains(body, `"due":{"minor":250000,"currency":"EUR"}`) {
		t.Errorf("money in %s", body)
	}
	// A debtor with nothing: empty arrays, not null; null dates and bucket.
	empty := f.Debtor(t, b.st, "C043", "Nouveau client")
	rec = b.get(t, fmt.Sprintf("/api/v1/debtors/%d", empty.ID), tok, http.StatusOK)
	for _, frag := range []string{`"tags":[]`, `"contacts":[]`, `"oldest_due":null`, `"bucket":null`, `"siren":""`} {
		if !contains(rec.Body.String(), frag) {
			t.Errorf("%s not in %s", frag, rec.Body)
		}
	}
}

func TestGetDebtorNotFound(t *testing.T) {
	t.Parallel()
	b := setup(t)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	wantError(t, b.request(http.MethodGet, "/api/v1/debtors/999999", tok), http.StatusNotFound, "not_found", "debtor")
}

func TestDebtorsInvalidParams(t *testing.T) {
	t.Parallel()
	b := setup(t)
	f := storetest.NewFixture(t, b.st, "Acme")
	tok := b.token(t, f)
	for _, tt := range []struct{ target, param string }{
		{"/api/v1/debtors?limit=0", "limit"},
		{"/api/v1/debtors?limit=501", "limit"},
		{"/api/v1/debtors?limit=ten", "limit"},
		{"/api/v1/debtors?limit=-3", "limit"},
		{"/api/v1/debtors?cursor=%zz", "query"},
		{"/api/v1/debtors?cursor=not-a-cursor", "cursor"},
		{"/api/v1/debtors?cursor=" + cursorOf("invoices", 3), "cursor"}, // another list's cursor
		{"/api/v1/debtors?cursor=" + cursorOf("debtors", -3), "cursor"},
		{"/api/v1/debtors?kind=martian", "kind"},
		{"/api/v1/debtors?bucket=120%2B", "bucket"},
		{"/api/v1/debtors?only_due=maybe", "only_due"},
		{"/api/v1/debtors/abc", "id"},
		{"/api/v1/debtors/0", "id"},
		{"/api/v1/debtors/-1", "id"},
		{"/api/v1/debtors/99999999999999999999", "id"},
	} {
		t.Run(tt.target, func(t *testing.T) {
			wantError(t, b.request(http.MethodGet, tt.target, tok), http.StatusBadRequest, "invalid", tt.param)
		})
	}
	// A valid hand-made cursor works: it is documented, if opaque.
	page := decode[listBody[debtorJSON]](t, b.get(t, "/api/v1/debtors?cursor="+cursorOf("debtors", 1<<40), tok, http.StatusOK))
	if len(page.Data) != 0 {
		t.Errorf("after a huge id: %+v", page.Data)
	}
}
