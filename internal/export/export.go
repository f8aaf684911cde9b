// Package export writes an organization's debtors and invoices out, as
// JSON ({"items": […]}) or CSV, page by page from the store, so that
// memory does not grow with the portfolio. Amounts are decimal strings in
// the currency's unit; a debtor's balance due is its open invoices less
// its unallocated credits.
package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// Format is how the items are written.
type Format string

const (
	JSON Format = "json"
	CSV  Format = "csv"
)

// pageSize is how many rows one store call reads.
const pageSize = 500

// Debtor is one exported debtor.
type Debtor struct {
	Ref        string `json:"ref"`
	Name       string `json:"name"`
	Kind       string `json:"kind"`
	SIREN      string `json:"siren"`
	SIRET      string `json:"siret"`
	VATNumber  string `json:"vat_number"`
	BalanceDue string `json:"balance_due"`
	Overdue    string `json:"overdue"`
	Credit     string `json:"credit"`
	Currency   string `json:"currency"`
	DaysLate   int    `json:"days_late"`
	OpenCount  int    `json:"open_count"`
}

var debtorHeader = []string{"ref", "name", "kind", "siren", "siret", "vat_number", "balance_due", "overdue", "credit", "currency", "days_late", "open_count"}

func (d Debtor) row() []string {
	return []string{d.Ref, d.Name, d.Kind, d.SIREN, d.SIRET, d.VATNumber, d.BalanceDue, d.Overdue, d.Credit, d.Currency,
		strconv.Itoa(d.DaysLate), strconv.Itoa(d.OpenCount)}
}

// Invoice is one exported invoice or credit note.
type Invoice struct {
	Number     string `json:"number"`
	Kind       string `json:"kind"`
	DebtorRef  string `json:"debtor_ref"`
	IssueDate  string `json:"issue_date"`
	DueDate    string `json:"due_date"`
	Amount     string `json:"amount"`
	OpenAmount string `json:"open_amount"`
	Currency   string `json:"currency"`
	Status     string `json:"status"`
}

var invoiceHeader = []string{"number", "kind", "debtor_ref", "issue_date", "due_date", "amount", "open_amount", "currency", "status"}

func (i Invoice) row() []string {
	return []string{i.Number, i.Kind, i.DebtorRef, i.IssueDate, i.DueDate, i.Amount, i.OpenAmount, i.Currency, i.Status}
}

// writer writes items one by one in a format.
type writer struct {
	f     Format
	bw    *bufio.Writer
	csv   *csv.Writer
	count int
}

func newWriter(w io.Writer, f Format, header []string) (*writer, error) {
	wr := &writer{f: f, bw: bufio.NewWriterSize(w, 64<<10)}
	switch f {
	case JSON:
		_, err := wr.bw.WriteString(`{"items":[`)
		return wr, err
	case CSV:
		wr.csv = csv.NewWriter(wr.bw)
		return wr, wr.csv.Write(header)
	}
	return nil, ledger.FieldError("format", "unknown format %q (want json or csv)", f)
}

func (w *writer) item(v any, row []string) error {
	if w.f == CSV {
		return w.csv.Write(row)
	}
	if w.count > 0 {
		if err := w.bw.WriteByte(','); err != nil {
			return err
		}
	}
	w.count++
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.bw.Write(b)
	return err
}

func (w *writer) close() error {
	if w.f == CSV {
		w.csv.Flush()
		if err := w.csv.Error(); err != nil {
			return err
		}
	} else if _, err := w.bw.WriteString("]}\n"); err != nil {
		return err
	}
	return w.bw.Flush()
}

// Debtors writes every debtor of the organization in ctx with its balance
// on day today, in id order.
func Debtors(ctx context.Context, st store.Store, w io.Writer, f Format, today civil.Date) (int, error) {
	out, err := newWriter(w, f, debtorHeader)
	if err != nil {
		return 0, err
	}
	n := 0
	for after := int64(0); ; {
		page, err := st.ListDebtors(ctx, store.DebtorQuery{Limit: pageSize, After: after, SkipTotal: true}, today)
		if err != nil {
			return n, fmt.Errorf("list debtors: %w", err)
		}
		for _, r := range page.Rows {
			d, b := r.Debtor, r.Balance
			item := Debtor{Ref: d.Ref, Name: d.Name, Kind: string(d.Kind), SIREN: d.SIREN, SIRET: d.SIRET, VATNumber: d.VATNumber,
				BalanceDue: money.Decimal(b.Net()), Overdue: money.Decimal(b.Overdue), Credit: money.Decimal(b.Credit),
				Currency: string(b.Due.Currency), DaysLate: b.DaysLate, OpenCount: b.OpenCount}
			if err := out.item(item, item.row()); err != nil {
				return n, err
			}
			n++
		}
		if page.Next == 0 {
			break
		}
		after = page.Next
	}
	return n, out.close()
}

// Invoices writes every invoice and credit note of the organization in
// ctx with its open amount and status on day today, in id order.
func Invoices(ctx context.Context, st store.Store, w io.Writer, f Format, today civil.Date) (int, error) {
	refs, err := debtorRefs(ctx, st, today)
	if err != nil {
		return 0, err
	}
	out, err := newWriter(w, f, invoiceHeader)
	if err != nil {
		return 0, err
	}
	n := 0
	for after := int64(0); ; {
		page, err := st.ListInvoices(ctx, store.InvoiceQuery{Limit: pageSize, After: after, Today: today})
		if err != nil {
			return n, fmt.Errorf("list invoices: %w", err)
		}
		for _, inv := range page.Invoices {
			item := Invoice{Number: inv.Number, Kind: string(inv.Kind), DebtorRef: refs[inv.DebtorID], IssueDate: inv.IssueDate.String(),
				DueDate: inv.DueDate.String(), Amount: money.Decimal(inv.Amount), OpenAmount: money.Decimal(inv.Open()),
				Currency: string(inv.Amount.Currency), Status: string(inv.Status(today))}
			if err := out.item(item, item.row()); err != nil {
				return n, err
			}
			n++
		}
		if page.Next == 0 {
			break
		}
		after = page.Next
	}
	return n, out.close()
}

// debtorRefs maps each debtor's id to its customer code.
func debtorRefs(ctx context.Context, st store.Store, today civil.Date) (map[int64]string, error) {
	refs := map[int64]string{}
	for after := int64(0); ; {
		page, err := st.ListDebtors(ctx, store.DebtorQuery{Limit: pageSize, After: after, SkipTotal: true}, today)
		if err != nil {
			return nil, fmt.Errorf("list debtors: %w", err)
		}
		for _, r := range page.Rows {
			refs[r.Debtor.ID] = r.Debtor.Ref
		}
		if page.Next == 0 {
			return refs, nil
		}
		after = page.Next
	}
}
