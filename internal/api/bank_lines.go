package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/banking"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// The list of the statement lines' cursor.
const listBankLines = "bank-lines"

var bankLineStatuses = []string{
	string(store.LineMatched), string(store.LineReview), string(store.LineResolved),
	string(store.LineIgnored), string(store.LineReversed),
}

// bankLine is one incoming amount of a statement, or one reversal, and
// where it stands.
type bankLine struct {
	ID               int64      `json:"id"`
	ImportID         int64      `json:"import_id"`
	Account          string     `json:"account"`
	BookingDate      string     `json:"booking_date"`
	ValueDate        *string    `json:"value_date"`
	Amount           amount     `json:"amount"`
	Reversal         bool       `json:"reversal"`
	ReturnReason     string     `json:"return_reason"`
	Counterparty     string     `json:"counterparty"`
	CounterpartyIBAN string     `json:"counterparty_iban"`
	Remittance       string     `json:"remittance"`
	BankRef          string     `json:"bank_ref"`
	FileLine         int        `json:"file_line"`
	Status           string     `json:"status"`
	PaymentID        *int64     `json:"payment_id"`
	DebtorID         *int64     `json:"debtor_id"`
	Confidence       int        `json:"confidence"`
	Note             string     `json:"note"`
	ResolvedAt       *time.Time `json:"resolved_at"`
	ResolvedBy       string     `json:"resolved_by"`
}

func toBankLine(l store.BankLine) bankLine {
	out := bankLine{ID: l.ID, ImportID: l.ImportID, Account: l.Account, BookingDate: l.BookingDate.String(),
		ValueDate: optDate(l.ValueDate), Amount: toAmount(l.Amount), Reversal: l.Reversal, ReturnReason: l.ReturnReason,
		Counterparty: l.Counterparty, CounterpartyIBAN: l.CounterpartyIBAN, Remittance: l.Remittance, BankRef: l.BankRef,
		FileLine: l.FileLine, Status: string(l.Status), PaymentID: optID(l.PaymentID), DebtorID: optID(l.DebtorID),
		Confidence: l.Confidence, Note: l.Note, ResolvedBy: l.ResolvedBy}
	if !l.ResolvedAt.IsZero() {
		t := l.ResolvedAt.UTC()
		out.ResolvedAt = &t
	}
	return out
}

// bankLineDetail is a line with the matcher's proposals, best first.
type bankLineDetail struct {
	bankLine
	Proposals []proposal `json:"proposals"`
}

// proposal is one reading of a line under review: whose payment it is
// and what it pays. Accept it by its index.
type proposal struct {
	Index       int                  `json:"index"`
	DebtorID    int64                `json:"debtor_id"`
	DebtorRef   string               `json:"debtor_ref"`
	DebtorName  string               `json:"debtor_name"`
	Allocations []proposalAllocation `json:"allocations"`
	Unapplied   amount               `json:"unapplied"`
	Fee         amount               `json:"fee"`
	Confidence  int                  `json:"confidence"`
	Reasons     []reason             `json:"reasons"`
}

// proposalAllocation is what a proposal puts on one document.
type proposalAllocation struct {
	InvoiceID  int64  `json:"invoice_id"`
	Number     string `json:"number"`
	CreditNote bool   `json:"credit_note"`
	Amount     amount `json:"amount"`
}

// reason says why a proposal was made, in both languages.
type reason struct {
	Code      string   `json:"code"`
	Args      []string `json:"args"`
	MessageFR string   `json:"message_fr"`
	MessageEN string   `json:"message_en"`
}

// toProposals shows a line's proposals; their amounts are in the line's
// currency when a proposal does not say.
func toProposals(ps []banking.Proposal, lineCur money.Currency) []proposal {
	out := make([]proposal, 0, len(ps))
	for i, p := range ps {
		cur := p.Currency
		if !cur.Valid() {
			cur = lineCur
		}
		pr := proposal{Index: i, DebtorID: p.DebtorID, DebtorRef: p.DebtorRef, DebtorName: p.DebtorName,
			Allocations: make([]proposalAllocation, 0, len(p.Allocations)), Reasons: make([]reason, 0, len(p.Reasons)),
			Unapplied: toAmount(money.New(p.Unapplied, cur)), Fee: toAmount(money.New(p.Fee, cur)), Confidence: p.Confidence}
		for _, al := range p.Allocations {
			pr.Allocations = append(pr.Allocations, proposalAllocation{InvoiceID: al.InvoiceID, Number: al.Number,
				CreditNote: al.CreditNote, Amount: toAmount(money.New(al.Minor, cur))})
		}
		for _, r := range p.Reasons {
			args := r.Args
			if args == nil {
				args = []string{}
			}
			pr.Reasons = append(pr.Reasons, reason{Code: r.Code, Args: args, MessageFR: r.Message("fr"), MessageEN: r.Message("en")})
		}
		out = append(out, pr)
	}
	return out
}

// listBankLines serves GET /api/v1/bank-lines?status=&import_id=, in id
// order.
func (a *API) listBankLines(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r)
	if err != nil {
		return err
	}
	pg, err := pageParams(q, listBankLines)
	if err != nil {
		return err
	}
	lq := store.BankLineQuery{Limit: pg.limit, After: pg.after}
	status, err := enumParam(q, "status", bankLineStatuses)
	if err != nil {
		return err
	}
	lq.Status = store.BankLineStatus(status)
	if lq.ImportID, err = optionalID(q, "import_id"); err != nil {
		return err
	}
	ctx := r.Context()
	lines, err := a.store.BankLines(ctx, lq)
	if err != nil {
		return fmt.Errorf("list bank lines: %w", err)
	}
	var next int64
	if n := len(lines); n >= pg.limit && n > 0 {
		// A full page: a next one only if a later line exists.
		last := lines[n-1].ID
		probe := lq
		probe.Limit, probe.After = 1, last
		more, err := a.store.BankLines(ctx, probe)
		if err != nil {
			return fmt.Errorf("list bank lines after %d: %w", last, err)
		}
		if len(more) > 0 {
			next = last
		}
	}
	out := list[bankLine]{Data: make([]bankLine, 0, len(lines)), NextCursor: encodeCursor(listBankLines, next)}
	for _, l := range lines {
		out.Data = append(out.Data, toBankLine(l))
	}
	return writeJSON(w, http.StatusOK, out)
}

// getBankLine serves GET /api/v1/bank-lines/{id}.
func (a *API) getBankLine(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return a.writeBankLine(r.Context(), w, id)
}

// writeBankLine answers a line with its proposals.
func (a *API) writeBankLine(ctx context.Context, w http.ResponseWriter, id int64) error {
	l, err := a.store.GetBankLine(ctx, id)
	if err != nil {
		return fmt.Errorf("get bank line %d: %w", id, err)
	}
	ps, err := banking.Proposals(l)
	if err != nil {
		return fmt.Errorf("proposals of bank line %d: %w", id, err)
	}
	return writeJSON(w, http.StatusOK, bankLineDetail{bankLine: toBankLine(*l), Proposals: toProposals(ps, l.Amount.Currency)})
}

// acceptIn is the body of POST /api/v1/bank-lines/{id}/accept.
type acceptIn struct {
	Proposal *int `json:"proposal"`
}

// acceptBankLine serves POST /api/v1/bank-lines/{id}/accept: the line is
// recorded as the proposal of that index says.
func (a *API) acceptBankLine(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in acceptIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if in.Proposal == nil || *in.Proposal < 0 {
		return ledger.FieldError("proposal", "want the index of one of the line's proposals, from 0")
	}
	ctx := r.Context()
	if err := a.bank.Accept(ctx, id, *in.Proposal); err != nil {
		return fmt.Errorf("accept proposal %d of bank line %d: %w", *in.Proposal, id, err)
	}
	return a.writeBankLine(ctx, w, id)
}

// assignIn is the body of POST /api/v1/bank-lines/{id}/assign.
type assignIn struct {
	DebtorID    int64     `json:"debtor_id"`
	Allocations []splitIn `json:"allocations"`
}

// assignBankLine serves POST /api/v1/bank-lines/{id}/assign: the user
// says whose payment the line is and what it pays; what is left stays as
// credit.
func (a *API) assignBankLine(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in assignIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if in.DebtorID <= 0 {
		return ledger.FieldError("debtor_id", "want a positive integer id")
	}
	ctx := r.Context()
	l, err := a.store.GetBankLine(ctx, id)
	if err != nil {
		return fmt.Errorf("get bank line %d: %w", id, err)
	}
	splits, err := parseSplits(in.Allocations, l.Amount.Currency)
	if err != nil {
		return err
	}
	if err := a.bank.Assign(ctx, id, in.DebtorID, splits); err != nil {
		return fmt.Errorf("assign bank line %d: %w", id, err)
	}
	return a.writeBankLine(ctx, w, id)
}

// ignoreIn is the body of POST /api/v1/bank-lines/{id}/ignore.
type ignoreIn struct {
	Note string `json:"note"`
}

// ignoreBankLine serves POST /api/v1/bank-lines/{id}/ignore: the line is
// no customer's payment (a refund, a transfer between accounts).
func (a *API) ignoreBankLine(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in ignoreIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	ctx := r.Context()
	if err := a.bank.Ignore(ctx, id, strings.TrimSpace(in.Note)); err != nil {
		return fmt.Errorf("ignore bank line %d: %w", id, err)
	}
	return a.writeBankLine(ctx, w, id)
}

// lineReversalIn is the body of POST /api/v1/bank-lines/{id}/reversal.
type lineReversalIn struct {
	PaymentID int64 `json:"payment_id"`
}

// reverseBankLine serves POST /api/v1/bank-lines/{id}/reversal: a
// reversal line under review is applied to the payment it returns.
func (a *API) reverseBankLine(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in lineReversalIn
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if in.PaymentID <= 0 {
		return ledger.FieldError("payment_id", "want a positive integer id")
	}
	ctx := r.Context()
	if err := a.store.ResolveReversal(ctx, id, in.PaymentID); err != nil {
		return fmt.Errorf("apply reversal line %d to payment %d: %w", id, in.PaymentID, err)
	}
	return a.writeBankLine(ctx, w, id)
}
