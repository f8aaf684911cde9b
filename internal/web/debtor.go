package web

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/courtfile"
	"github.com/recouvre/recouvre/internal/document"
	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// timelineSize is how many events a page shows.
const timelineSize = 200

// debtorPage is the data of a debtor's page.
type debtorPage struct {
	*view
	Debtor      *ledger.Debtor
	Balance     ledger.Balance
	Invoices    []ledger.Invoice
	Payments    []ledger.Payment
	Allocations []store.AllocationView
	Timeline    []timelineEntry
	Legal       *legal.Debtor
	Procedures  []courtfile.Option
	Issued      int64 // the notice just issued, to say so
	Pay         payBox
	Credit      creditBox
	Cases       []ledger.Case   // newest first
	Actions     []ledger.Action // by schedule
	Dunning     dunningBox      // the « Relances » block
	Members     []store.Member  // the organization's, to own the case
	Owner       ownerBox        // the case owner form
	numbers     map[int64]string
}

// Declare is the last day to declare the claim, zero when unknown.
func (p *debtorPage) Declare() civil.Date {
	if in := p.Legal.Insolvency; in != nil && !in.PublicationDate.IsZero() {
		return document.ClaimDeadline(in.PublicationDate, false)
	}
	return civil.Date{}
}

// Limits counts the open invoices time-barred, and those whose limitation
// period ends within 30 and within 90 days.
func (p *debtorPage) Limits() (out struct{ Expired, Within30, Within90 int }) {
	for _, li := range p.Legal.Invoices {
		if li.Open().Minor <= 0 {
			continue
		}
		switch {
		case li.Limitation.Expired(p.Today):
			out.Expired++
		case li.Limitation.Alert(p.Today) == 30:
			out.Within30++
		case li.Limitation.Alert(p.Today) == 90:
			out.Within90++
		}
	}
	return out
}

// Claimable counts the invoices a formal notice would claim.
func (p *debtorPage) Claimable() int { return len(p.Legal.Claimable()) }

// Text picks the page's language of a court-file text.
func (p *debtorPage) Text(t courtfile.Text) string {
	if p.Lang == "en" {
		return t.EN
	}
	return t.FR
}

// Reasons words why a procedure is not available.
func (p *debtorPage) Reasons(o courtfile.Option) string {
	var out []string
	for _, n := range o.Reasons {
		out = append(out, p.Text(courtfile.Text{FR: n.FR, EN: n.EN}))
	}
	return strings.Join(out, " ")
}

// Case is the debtor's current case (the open one, else the last), nil
// when it never had one.
func (p *debtorPage) Case() *ledger.Case {
	if len(p.Cases) == 0 {
		return nil
	}
	return &p.Cases[0]
}

// Numbers lists the numbers of the invoices an action is about.
func (p *debtorPage) Numbers(a ledger.Action) []string {
	out := make([]string, 0, len(a.InvoiceIDs))
	for _, id := range a.InvoiceIDs {
		out = append(out, p.numbers[id])
	}
	return out
}

// CanWrite reports whether the user may record on the ledger.
func (p *debtorPage) CanWrite() bool { return p.User.Can(auth.PermWriteLedger) }

// InsolvencyKinds are the kinds of collective proceedings.
func (p *debtorPage) InsolvencyKinds() []ledger.InsolvencyKind {
	return []ledger.InsolvencyKind{ledger.InsolvencySafeguard, ledger.InsolvencyRecovery, ledger.InsolvencyLiquidation}
}

// LegalOf is the legal view of an invoice of the page, nil for a credit
// note.
func (p *debtorPage) LegalOf(id int64) *legal.Invoice { return p.Legal.Find(id) }

// Penalties is the interest and indemnity claimable on the open invoices.
func (p *debtorPage) Penalties() money.Amount {
	return money.New(p.Legal.Interest.Minor+p.Legal.Indemnity.Minor, p.Legal.Interest.Currency)
}

func (ui *UI) showDebtorPage(w http.ResponseWriter, r *http.Request, v *view) error {
	return ui.renderDebtor(w, r, v, http.StatusOK, &debtorPage{})
}

// renderDebtor loads the debtor of the path and renders its page with
// status.
func (ui *UI) renderDebtor(w http.ResponseWriter, r *http.Request, v *view, status int, data *debtorPage) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	d, err := ui.store.GetDebtor(ctx, id)
	if err != nil {
		return err
	}
	data.view, data.Debtor = v, d
	v.Nav, v.Title, v.titleArgs = "portfolio", "debtor.title", []any{d.Name}
	// A negative limit lists every document of the debtor, by due date.
	inv, err := ui.store.ListInvoices(ctx, store.InvoiceQuery{DebtorID: id, Limit: -1, Today: v.Today})
	if err != nil {
		return err
	}
	data.Invoices = inv.Invoices
	slices.SortStableFunc(data.Invoices, func(a, b ledger.Invoice) int { return b.DueDate.Compare(a.DueDate) })
	pay, err := ui.store.ListPayments(ctx, store.PaymentQuery{DebtorID: id, Limit: -1})
	if err != nil {
		return err
	}
	data.Payments = pay.Payments
	// The balance derives from the documents and payments loaded for the
	// page, by the rule the store's summaries are tested against.
	data.Balance = ledger.ComputeBalance(d.CreditLimit.Currency, inv.Invoices, pay.Payments, v.Today)
	slices.SortStableFunc(data.Payments, func(a, b ledger.Payment) int {
		return cmp.Or(b.ReceivedOn.Compare(a.ReceivedOn), cmp.Compare(b.ID, a.ID))
	})
	if data.Allocations, err = ui.store.ListAllocations(ctx, store.AllocationQuery{DebtorID: id}); err != nil {
		return err
	}
	if data.Legal, err = legal.Build(ctx, ui.store, d, inv.Invoices, data.Allocations, v.Today); err != nil {
		return err
	}
	c, err := legal.CourtCase(ctx, ui.store, data.Legal)
	if err != nil {
		return err
	}
	data.Procedures = courtfile.Procedures(c)
	data.Issued, _ = strconv.ParseInt(r.URL.Query().Get("notice"), 10, 64)
	data.Credit.Applied = data.Credit.Error == "" && r.URL.Query().Get("credited") == "1"
	events, err := ui.timelineEvents(r, v, store.EventQuery{DebtorID: id})
	if err != nil {
		return err
	}
	data.Timeline = timeline(v, events)
	if data.Cases, err = ui.store.Cases(ctx, id); err != nil {
		return err
	}
	if data.Actions, err = ui.store.Actions(ctx, store.ActionQuery{DebtorID: id}); err != nil {
		return err
	}
	if err := ui.loadOwner(r, data); err != nil {
		return err
	}
	data.numbers = make(map[int64]string, len(data.Invoices))
	for _, inv := range data.Invoices {
		data.numbers[inv.ID] = inv.Number
	}
	if err := ui.debtorPayBox(r, v, &data.Pay); err != nil {
		return err
	}
	if err := ui.debtorDunning(r, v, data); err != nil {
		return err
	}
	ui.render(w, r, status, "debtor", data)
	return nil
}

// timelineEvents reads a page of the timeline, newest first, from the
// ?before= sequence number, and sets the link to the next older page.
func (ui *UI) timelineEvents(r *http.Request, v *view, q store.EventQuery) ([]journal.Event, error) {
	q.Limit = timelineSize
	q.Before, _ = strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	events, err := ui.store.Events(r.Context(), q)
	if err != nil {
		return nil, err
	}
	if len(events) == timelineSize {
		v.Older = fmt.Sprintf("%s?before=%d#timeline", r.URL.Path, events[len(events)-1].Seq)
	}
	return events, nil
}

// pathID reads the {id} of the path; a malformed id is simply not found.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, ledger.Errorf(ledger.ENotFound, "no such id %q", r.PathValue("id"))
	}
	return id, nil
}

// timelineEntry is a journal event as the timeline shows it.
type timelineEntry struct {
	journal.Event
	Details []detail
}

// detail is one field of an event's payload, labelled and formatted for
// the reader; Href links it to its page (an import batch).
type detail struct {
	Label, Value string
	Href         string
}

// timeline turns events into entries whose payload fields are labelled
// and formatted in the page's language, in the payload's own order.
func timeline(v *view, events []journal.Event) []timelineEntry {
	out := make([]timelineEntry, 0, len(events))
	for _, e := range events {
		out = append(out, timelineEntry{Event: e, Details: v.details(e.Payload)})
	}
	return out
}

// details formats the fields of a payload: amounts with their currency,
// dates, kinds, channels and methods translated; identifiers as they are.
func (v *view) details(raw []byte) []detail {
	fields, err := payloadFields(raw)
	if err != nil {
		return []detail{{Label: v.T("field.payload"), Value: string(raw)}}
	}
	cur := money.Currency("EUR")
	for _, f := range fields {
		if f.key == "currency" && money.Currency(f.value).Valid() {
			cur = money.Currency(f.value)
		}
	}
	var out []detail
	for _, f := range fields {
		val, href := f.value, ""
		switch f.key {
		case "currency", "user_id", "token_id", "creditor_id", "case", "message_id", "dispute", "promise", "plan", "revived", "owner_id":
			continue
		case "amount", "amount_before", "amount_due", "total":
			if a, err := money.ParseDecimal(val, cur); err == nil {
				val = v.Money(a)
			}
		case "due_date", "received_on", "due_date_before", "issue_date", "issue_date_before",
			"due_on", "opened_on", "resolved_on", "until", "on", "first", "last":
			if d, err := civil.Parse(val); err == nil {
				val = v.Date(d)
			}
		case "scheduled_for", "retry_at":
			if t, err := time.Parse(time.RFC3339, val); err == nil {
				val = v.DateTime(t)
			}
		case "action":
			if id, err := strconv.ParseInt(val, 10, 64); err == nil && id > 0 {
				val, href = v.T("dunningui.action_no", id), fmt.Sprintf("/dunning/actions/%d", id)
			}
		case "stage", "from":
			val = v.Stage(ledger.Stage(val))
		case "status":
			val = v.translated("action."+val, v.translated("dunningui.status."+val, val))
		case "outcome":
			val = v.Outcome(ledger.CallOutcome(val))
		case "reason":
			val = v.Reason(val)
		case "steps", "segments":
			var list []string
			if json.Unmarshal([]byte(val), &list) == nil {
				val = strings.Join(list, ", ")
			}
		case "batch":
			if id, err := strconv.ParseInt(val, 10, 64); err == nil && id > 0 {
				val, href = v.T("imports.batch_no", id), fmt.Sprintf("/imports/%d", id)
			}
		case "kind_source":
			val = v.translated("imports.kind_source."+val, val)
		case "kind":
			val = v.translated("kind."+val, val)
		case "channel":
			val = v.translated("channel."+val, val)
		case "method":
			val = v.translated("method."+val, val)
		case "role":
			val = v.translated("role."+val, val)
		case "owner":
			if val == "" {
				val = v.T("dunningui.owner.none")
			}
		}
		switch val {
		case "true":
			val = v.T("dunningui.yes")
		case "false":
			val = v.T("dunningui.no")
		}
		if val == "" {
			continue
		}
		out = append(out, detail{Label: v.translated("field."+f.key, f.key), Value: val, Href: href})
	}
	return out
}

// field is one top-level field of a JSON payload, its value as text.
type field struct{ key, value string }

// payloadFields lists the top-level fields of a JSON object payload,
// keeping the order they were written in.
func payloadFields(raw []byte) ([]field, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var out []field
	dec := newObjectDecoder(raw)
	for {
		k, val, ok := dec.next()
		if !ok {
			break
		}
		out = append(out, field{k, val})
	}
	return out, dec.err
}
