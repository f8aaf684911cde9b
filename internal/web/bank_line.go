package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/banking"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// debtorResults bounds the debtors a search on the line page lists.
const debtorResults = 20

// linePage is the data of a statement line's page: what it says, and
// while under review, the choice of a debtor and of the invoices it pays.
type linePage struct {
	*view
	Line     reviewLine
	CanWrite bool
	Alert    string // translated
	// Search is the debtor search as typed, Found what it found.
	Search string
	Found  []store.DebtorRow
	// Debtor is the debtor chosen, Rows its open invoices with the
	// amount to put on each.
	Debtor *ledger.Debtor
	Rows   []splitRow
}

// splitRow is an open invoice with the amount the line puts on it, as
// planned or typed.
type splitRow struct {
	Invoice ledger.Invoice
	Amount  string
}

// UnderReview reports whether the line still waits for a decision.
func (p *linePage) UnderReview() bool { return p.Line.Status == store.LineReview }

// showBankLine serves GET /bank/lines/{id}.
func (ui *UI) showBankLine(w http.ResponseWriter, r *http.Request, v *view) error {
	debtorID, _ := strconv.ParseInt(r.URL.Query().Get("debtor"), 10, 64)
	return ui.renderLine(w, r, v, http.StatusOK, &linePage{Search: strings.TrimSpace(r.URL.Query().Get("q"))}, debtorID, nil)
}

// renderLine loads the line of the path and renders its page. The
// debtor is the one chosen, else the line's, else the best proposal's;
// typed are the amounts posted back, by invoice (nil: planned).
func (ui *UI) renderLine(w http.ResponseWriter, r *http.Request, v *view, status int, data *linePage, debtorID int64, typed map[int64]string) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	l, err := ui.store.GetBankLine(ctx, id)
	if err != nil {
		return err
	}
	data.view = v
	v.Nav, v.Title, v.titleArgs = "bank", "bankui.line_title", []any{v.Money(l.Amount), v.Date(l.BookingDate)}
	data.CanWrite = v.User.Can(auth.PermWriteLedger)
	lines, err := ui.reviewLines(ctx, []store.BankLine{*l})
	if err != nil {
		return err
	}
	data.Line = lines[0]
	if data.Search != "" {
		page, err := ui.store.ListDebtors(ctx, store.DebtorQuery{Search: data.Search, Limit: debtorResults, SkipTotal: true}, v.Today)
		if err != nil {
			return fmt.Errorf("search debtors: %w", err)
		}
		data.Found = page.Rows
	}
	if debtorID == 0 {
		debtorID = l.DebtorID
	}
	if debtorID == 0 && len(data.Line.Proposals) > 0 {
		debtorID = data.Line.Proposals[0].DebtorID
	}
	if debtorID > 0 && data.UnderReview() && !l.Reversal {
		if err := ui.splitRows(r, v, data, l, debtorID, typed); err != nil {
			return err
		}
	}
	ui.render(w, r, status, "bank_line", data)
	return nil
}

// splitRows loads the chosen debtor's open invoices with the amounts to
// put on each: those typed, else the plan of automatic lettrage (the
// references the line carries, then the oldest first).
func (ui *UI) splitRows(r *http.Request, v *view, data *linePage, l *store.BankLine, debtorID int64, typed map[int64]string) error {
	ctx := r.Context()
	d, err := ui.store.GetDebtor(ctx, debtorID)
	if ledger.IsNotFound(err) {
		return nil // a stale or altered link: choose again
	}
	if err != nil {
		return fmt.Errorf("load debtor %d: %w", debtorID, err)
	}
	open, err := ui.openInvoices(ctx, d.ID)
	if err != nil {
		return err
	}
	data.Debtor = d
	planned := map[int64]money.Amount{}
	if typed == nil {
		for _, s := range banking.Plan(l.Amount, l.Remittance, open) {
			planned[s.InvoiceID] = s.Amount
		}
	}
	for _, inv := range open {
		row := splitRow{Invoice: inv, Amount: typed[inv.ID]}
		if a, ok := planned[inv.ID]; ok && a.Minor > 0 {
			row.Amount = v.AmountInput(a)
		}
		data.Rows = append(data.Rows, row)
	}
	return nil
}

// assignLine serves POST /bank/lines/{id}/assign: the line pays the
// debtor chosen, split over the invoices as typed; the rest stays as
// credit.
func (ui *UI) assignLine(w http.ResponseWriter, r *http.Request, v *view) error {
	l, err := ui.lineAction(r, v)
	if err != nil {
		return err
	}
	debtorID, _ := strconv.ParseInt(r.PostFormValue("debtor"), 10, 64)
	typed := map[int64]string{}
	refuse := func(status int, msg string) error {
		return ui.renderLine(w, r, v, status, &linePage{Alert: msg}, debtorID, typed)
	}
	if debtorID <= 0 {
		return refuse(http.StatusBadRequest, v.T("bankui.err.no_debtor"))
	}
	var splits []banking.Split
	total := int64(0)
	for i := range maxFormColumns {
		invID, err := strconv.ParseInt(r.PostFormValue(fmt.Sprintf("inv%d", i)), 10, 64)
		if err != nil {
			break
		}
		txt := strings.TrimSpace(r.PostFormValue(fmt.Sprintf("amt%d", i)))
		typed[invID] = txt
		if txt == "" {
			continue
		}
		a, err := money.Parse(txt, l.Amount.Currency)
		if err != nil {
			return refuse(http.StatusBadRequest, v.amountError(err))
		}
		switch {
		case a.Minor < 0:
			return refuse(http.StatusBadRequest, v.T("bankui.err.not_positive"))
		case a.Minor == 0:
			continue
		}
		total += a.Minor
		splits = append(splits, banking.Split{InvoiceID: invID, Amount: a})
	}
	if total > l.Amount.Minor {
		return refuse(http.StatusBadRequest, v.T("bankui.err.split_over", v.Money(money.New(total, l.Amount.Currency)), v.Money(l.Amount)))
	}
	err = ui.banking.Assign(r.Context(), l.ID, debtorID, splits)
	if err != nil {
		if status, msg, ok := v.refusal(err); ok {
			return refuse(status, msg)
		}
		return fmt.Errorf("assign line %d: %w", l.ID, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/bank/review?done=assigned&line=%d", l.ID), http.StatusSeeOther)
	return nil
}

// Chosen reports whether the debtor id is the one the split is for.
func (p *linePage) Chosen(id int64) bool { return p.Debtor != nil && p.Debtor.ID == id }
