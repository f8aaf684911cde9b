package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// debtor is a debtor as lists show it: identity and balance.
type debtor struct {
	ID          int64     `json:"id"`
	CreditorID  int64     `json:"creditor_id"`
	Ref         string    `json:"ref"`
	Name        string    `json:"name"`
	Kind        string    `json:"kind"`
	SIREN       string    `json:"siren"`
	SIRET       string    `json:"siret"`
	VATNumber   string    `json:"vat_number"`
	Lang        string    `json:"lang"`
	CreditLimit amount    `json:"credit_limit"`
	CreatedAt   time.Time `json:"created_at"`
	Balance     balance   `json:"balance"`
}

// debtorDetail adds what only GET /debtors/{id} loads.
type debtorDetail struct {
	debtor
	Tags     []string  `json:"tags"`
	Contacts []contact `json:"contacts"`
}

// balance is a debtor's position on AsOf.
type balance struct {
	AsOf      string  `json:"as_of"`
	Due       amount  `json:"due"`
	Overdue   amount  `json:"overdue"`
	Credit    amount  `json:"credit"`
	Net       amount  `json:"net"`
	OpenCount int     `json:"open_count"`
	LateCount int     `json:"late_count"`
	DaysLate  int     `json:"days_late"`
	OldestDue *string `json:"oldest_due"`
	Bucket    *string `json:"bucket"` // null when nothing is open, like the bucket filter
}

type contact struct {
	ID               int64   `json:"id"`
	Name             string  `json:"name"`
	Role             string  `json:"role"`
	Email            string  `json:"email"`
	Phone            string  `json:"phone"`
	Address          address `json:"address"`
	PreferredChannel string  `json:"preferred_channel"`
	SMSConsent       bool    `json:"sms_consent"`
	Primary          bool    `json:"primary"`
}

type address struct {
	Line1      string `json:"line1"`
	Line2      string `json:"line2"`
	PostalCode string `json:"postal_code"`
	City       string `json:"city"`
	Country    string `json:"country"`
}

func toDebtor(d ledger.Debtor, b ledger.Balance, asOf civil.Date) debtor {
	return debtor{
		ID: d.ID, CreditorID: d.CreditorID, Ref: d.Ref, Name: d.Name, Kind: string(d.Kind),
		SIREN: d.SIREN, SIRET: d.SIRET, VATNumber: d.VATNumber, Lang: d.Lang,
		CreditLimit: toAmount(d.CreditLimit), CreatedAt: d.CreatedAt.UTC(),
		Balance: toBalance(b, asOf),
	}
}

func toBalance(b ledger.Balance, asOf civil.Date) balance {
	out := balance{
		AsOf: asOf.String(), Due: toAmount(b.Due), Overdue: toAmount(b.Overdue), Credit: toAmount(b.Credit),
		Net: toAmount(b.Net()), OpenCount: b.OpenCount, LateCount: b.LateCount, DaysLate: b.DaysLate,
		OldestDue: optDate(b.OldestDue),
	}
	if b.OpenCount > 0 {
		bucket := ledger.AgingBucket(b.DaysLate)
		out.Bucket = &bucket
	}
	return out
}

func toDebtorDetail(d ledger.Debtor, b ledger.Balance, asOf civil.Date) debtorDetail {
	out := debtorDetail{debtor: toDebtor(d, b, asOf), Tags: d.Tags, Contacts: make([]contact, 0, len(d.Contacts))}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	for _, c := range d.Contacts {
		a := c.Address
		out.Contacts = append(out.Contacts, contact{
			ID: c.ID, Name: c.Name, Role: c.Role, Email: c.Email, Phone: c.Phone,
			Address:          address{Line1: a.Line1, Line2: a.Line2, PostalCode: a.PostalCode, City: a.City, Country: a.Country},
			PreferredChannel: string(c.PreferredChannel), SMSConsent: c.SMSConsent, Primary: c.Primary,
		})
	}
	return out
}

var debtorKinds = []string{string(ledger.KindConsumer), string(ledger.KindBusiness), string(ledger.KindPublic)}

// listDebtors serves GET /api/v1/debtors: the portfolio in id order, with
// each debtor's balance from the store's summaries.
func (a *API) listDebtors(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	pg, err := pageParams(q, listDebtors)
	if err != nil {
		return err
	}
	// The API pages by cursor and returns no total: the count is skipped.
	dq := store.DebtorQuery{Search: q.Get("q"), Tag: q.Get("tag"), Limit: pg.limit, After: pg.after, SkipTotal: true}
	kind, err := enumParam(q, "kind", debtorKinds)
	if err != nil {
		return err
	}
	dq.Kind = ledger.DebtorKind(kind)
	if dq.Bucket, err = enumParam(q, "bucket", ledger.Buckets); err != nil {
		return err
	}
	if dq.OnlyDue, err = boolParam(q, "only_due"); err != nil {
		return err
	}
	today := a.today()
	res, err := a.store.ListDebtors(r.Context(), dq, today)
	if err != nil {
		return fmt.Errorf("list debtors: %w", err)
	}
	out := list[debtor]{Data: make([]debtor, 0, len(res.Rows)), NextCursor: encodeCursor(listDebtors, res.Next)}
	for _, row := range res.Rows {
		out.Data = append(out.Data, toDebtor(row.Debtor, row.Balance, today))
	}
	return writeJSON(w, http.StatusOK, out)
}

// getDebtor serves GET /api/v1/debtors/{id}: one debtor with its contacts,
// tags and a balance derived from its documents.
func (a *API) getDebtor(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := a.store.GetDebtor(r.Context(), id)
	if err != nil {
		return fmt.Errorf("get debtor %d: %w", id, err)
	}
	today := a.today()
	b, err := a.store.DebtorBalance(r.Context(), id, today)
	if err != nil {
		return fmt.Errorf("balance of debtor %d: %w", id, err)
	}
	return writeJSON(w, http.StatusOK, toDebtorDetail(*d, b, today))
}
