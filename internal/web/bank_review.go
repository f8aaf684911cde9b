package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/banking"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// reviewPageSize is how many lines a page of the review queue shows.
const reviewPageSize = 50

// maxCandidates bounds the payments a reversal line offers.
const maxCandidates = 10

// reviewPage is the data of the review queue.
type reviewPage struct {
	*view
	Lines    []reviewLine
	Total    int
	Next     string // the link to the next page
	CanWrite bool
	Notice   string // translated
	// NoticeHref links the notice to the payment it speaks of.
	NoticeHref string
	Alert      string // translated
	AlertLine  int64  // the line the alert is about
}

// reviewLine is a line under review with what may resolve it.
type reviewLine struct {
	store.BankLine
	Proposals []banking.Proposal
	// Candidates are the payments a reversal line may return.
	Candidates []ledger.Payment
}

// showReviewQueue serves GET /bank/review.
func (ui *UI) showReviewQueue(w http.ResponseWriter, r *http.Request, v *view) error {
	data := &reviewPage{}
	q := r.URL.Query()
	lineID, _ := strconv.ParseInt(q.Get("line"), 10, 64)
	switch q.Get("done") {
	case "accepted", "assigned":
		if err := ui.resolvedNotice(r.Context(), v, data, lineID); err != nil {
			return err
		}
	case "ignored":
		data.Notice = v.T("bankui.done.ignored")
	case "reversal":
		data.Notice = v.T("bankui.done.reversal")
	}
	return ui.renderReview(w, r, v, http.StatusOK, data)
}

// resolvedNotice says what a line just resolved paid.
func (ui *UI) resolvedNotice(ctx context.Context, v *view, data *reviewPage, lineID int64) error {
	if lineID <= 0 {
		return nil
	}
	l, err := ui.store.GetBankLine(ctx, lineID)
	if ledger.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("load line %d: %w", lineID, err)
	}
	n, err := ui.paidNote(ctx, l.PaymentID)
	if err != nil || n == nil {
		return err
	}
	data.Notice = v.PaidText(n)
	data.NoticeHref = fmt.Sprintf("/payments/%d", n.Payment.ID)
	return nil
}

// renderReview lists the lines under review and renders the queue.
func (ui *UI) renderReview(w http.ResponseWriter, r *http.Request, v *view, status int, data *reviewPage) error {
	v.Title, v.Nav = "bankui.review_title", "bank"
	ctx := r.Context()
	data.view = v
	data.CanWrite = v.User.Can(auth.PermWriteLedger)
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	lines, err := ui.store.BankLines(ctx, store.BankLineQuery{Status: store.LineReview, Limit: reviewPageSize, After: max(after, 0)})
	if err != nil {
		return fmt.Errorf("list lines under review: %w", err)
	}
	if len(lines) == reviewPageSize {
		data.Next = fmt.Sprintf("/bank/review?after=%d", lines[len(lines)-1].ID)
	}
	if data.Total, err = ui.store.CountBankLines(ctx, store.LineReview); err != nil {
		return fmt.Errorf("count lines under review: %w", err)
	}
	if data.Lines, err = ui.reviewLines(ctx, lines); err != nil {
		return err
	}
	ui.render(w, r, status, "bank_review", data)
	return nil
}

// reviewLines reads each line's proposals, or for a reversal the
// payments it may return.
func (ui *UI) reviewLines(ctx context.Context, lines []store.BankLine) ([]reviewLine, error) {
	out := make([]reviewLine, 0, len(lines))
	var reversals []*store.BankLine
	for i := range lines {
		rl := reviewLine{BankLine: lines[i]}
		if lines[i].Reversal {
			if lines[i].Status == store.LineReview {
				reversals = append(reversals, &lines[i])
			}
		} else if ps, err := banking.Proposals(&lines[i]); err == nil {
			// A proposal that cannot be read leaves the manual choice.
			rl.Proposals = ps
		}
		out = append(out, rl)
	}
	if len(reversals) == 0 {
		return out, nil
	}
	candidates, err := ui.reversalCandidates(ctx, reversals)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Candidates = candidates[out[i].ID]
	}
	return out, nil
}

// reversalCandidates lists, by line, the payments reversal lines may
// return: of the line's amount, standing, received on or before it;
// those from its IBAN first, then the latest. The payments of each
// amount are read once for all the lines (a debtor's only when every line
// has the same).
func (ui *UI) reversalCandidates(ctx context.Context, lines []*store.BankLine) (map[int64][]ledger.Payment, error) {
	debtorID := lines[0].DebtorID
	amounts := map[int64]bool{}
	for _, l := range lines {
		if l.DebtorID != debtorID {
			debtorID = 0
		}
		amounts[max(l.Amount.Minor, -l.Amount.Minor)] = true
	}
	out := map[int64][]ledger.Payment{}
	for amount := range amounts {
		page, err := ui.store.ListPayments(ctx, store.PaymentQuery{DebtorID: debtorID, Amount: amount, Limit: -1})
		if err != nil {
			return nil, fmt.Errorf("payments a reversal may return: %w", err)
		}
		for _, p := range page.Payments {
			for _, l := range lines {
				if returns(l, p) {
					out[l.ID] = append(out[l.ID], p)
				}
			}
		}
	}
	for _, l := range lines {
		ps := out[l.ID]
		sameIBAN := func(p ledger.Payment) int {
			if l.CounterpartyIBAN != "" && p.PayerIBAN == l.CounterpartyIBAN {
				return 0
			}
			return 1
		}
		slices.SortStableFunc(ps, func(a, b ledger.Payment) int {
			return cmp.Or(cmp.Compare(sameIBAN(a), sameIBAN(b)), b.ReceivedOn.Compare(a.ReceivedOn), cmp.Compare(b.ID, a.ID))
		})
		out[l.ID] = ps[:min(len(ps), maxCandidates)]
	}
	return out, nil
}

// returns reports whether reversal line l may return payment p.
func returns(l *store.BankLine, p ledger.Payment) bool {
	want := l.Amount.Minor
	if want < 0 {
		want = -want
	}
	switch {
	case p.Reversed(), p.Method == ledger.MethodBankFee, p.Amount.Minor != want, p.Amount.Currency != l.Amount.Currency:
		return false
	case l.DebtorID != 0 && p.DebtorID != l.DebtorID:
		return false
	}
	return l.BookingDate.IsZero() || !p.ReceivedOn.After(l.BookingDate)
}

// lineAction checks the user may write, and loads the line of the path:
// another organization's is not found.
func (ui *UI) lineAction(r *http.Request, v *view) (*store.BankLine, error) {
	if !v.User.Can(auth.PermWriteLedger) {
		return nil, ledger.Errorf(ledger.EForbidden, "role %q may not resolve statement lines", v.User.Role)
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return ui.store.GetBankLine(r.Context(), id)
}

// afterReview goes back to the queue once an action succeeded, or shows
// the queue with why it was refused.
func (ui *UI) afterReview(w http.ResponseWriter, r *http.Request, v *view, l *store.BankLine, done string, err error) error {
	if err == nil {
		http.Redirect(w, r, fmt.Sprintf("/bank/review?done=%s&line=%d", done, l.ID), http.StatusSeeOther)
		return nil
	}
	status, msg, ok := v.refusal(err)
	if !ok {
		return fmt.Errorf("%s line %d: %w", done, l.ID, err)
	}
	return ui.renderReview(w, r, v, status, &reviewPage{Alert: msg, AlertLine: l.ID})
}

// acceptProposal serves POST /bank/lines/{id}/accept: the proposal at
// index is recorded as it stands.
func (ui *UI) acceptProposal(w http.ResponseWriter, r *http.Request, v *view) error {
	l, err := ui.lineAction(r, v)
	if err != nil {
		return err
	}
	index, err := strconv.Atoi(r.PostFormValue("index"))
	if err != nil || index < 0 {
		return ui.renderReview(w, r, v, http.StatusBadRequest, &reviewPage{Alert: v.T("bankui.err.proposal"), AlertLine: l.ID})
	}
	return ui.afterReview(w, r, v, l, "accepted", ui.banking.Accept(r.Context(), l.ID, index))
}

// ignoreLine serves POST /bank/lines/{id}/ignore: the line is not a
// customer's payment.
func (ui *UI) ignoreLine(w http.ResponseWriter, r *http.Request, v *view) error {
	l, err := ui.lineAction(r, v)
	if err != nil {
		return err
	}
	return ui.afterReview(w, r, v, l, "ignored", ui.banking.Ignore(r.Context(), l.ID, note(r.PostFormValue("note"))))
}

// resolveReversal serves POST /bank/lines/{id}/reversal: the reversal
// line returns the payment chosen, which is reversed.
func (ui *UI) resolveReversal(w http.ResponseWriter, r *http.Request, v *view) error {
	l, err := ui.lineAction(r, v)
	if err != nil {
		return err
	}
	pid, err := strconv.ParseInt(r.PostFormValue("payment"), 10, 64)
	if err != nil || pid <= 0 {
		return ui.renderReview(w, r, v, http.StatusBadRequest, &reviewPage{Alert: v.T("bankui.err.no_payment"), AlertLine: l.ID})
	}
	return ui.afterReview(w, r, v, l, "reversal", ui.store.ResolveReversal(r.Context(), l.ID, pid))
}
