package banking

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/recouvre/recouvre/internal/bank/bankcsv"
	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/reconcile"
	"github.com/recouvre/recouvre/internal/store"
)

// ErrRefused says the statement has lines that cannot be read: the
// report lists them (file line, column, value, reason), and nothing was
// written.
var ErrRefused = ledger.Errorf(ledger.EInvalid, "%s", i18n.T("en", "banking.refused"))

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("banking: dry run")

// keptProposals is how many proposals a line under review keeps.
const keptProposals = 5

// Import reads a statement file and brings it into the ledger in one
// transaction: lines already imported are skipped, sure matches are
// recorded and lettered, the others wait for review, reversals undo the
// payment they return. A file with unreadable lines writes nothing and
// returns ErrRefused with the report of its issues.
func (s *Service) Import(ctx context.Context, data []byte, opt ImportOptions) (*Report, error) {
	sum := sha256.Sum256(data)
	rep := &Report{FileName: opt.FileName, DryRun: opt.DryRun}
	var mapping *bankcsv.Mapping
	if opt.Mapping != "" {
		m, err := s.mapping(ctx, opt.Mapping)
		if err != nil {
			return nil, err
		}
		mapping = m
	}
	f, err := Parse(ctx, data, mapping)
	var fe *formatError
	if errors.As(err, &fe) {
		rep.Issues = []store.ImportError{{Key: fe.Key, Message: i18n.T("fr", fe.Key), MessageEN: i18n.T("en", fe.Key)}}
		return rep, ErrRefused
	}
	if fatal := issuesIn(err); len(fatal) > 0 {
		// A file the parser had to stop reading (truncated, malformed).
		rep.Issues = issues(fatal)
		return rep, ErrRefused
	}
	if err != nil {
		return nil, err
	}
	rep.Format, rep.Encoding = string(f.Format), f.Encoding
	rep.Issues = issues(f.Issues)
	if slices.ContainsFunc(f.Issues, blocking) {
		return rep, ErrRefused
	}
	settings, err := s.store.BankSettings(ctx)
	if err != nil {
		return nil, err
	}
	bk, err := s.loadBook(ctx, settings)
	if err != nil {
		return nil, err
	}
	imp := &store.BankImport{FileName: opt.FileName, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)),
		Format: string(f.Format), Encoding: f.Encoding, Mapping: opt.Mapping, Issues: rep.Issues}
	err = s.store.ImportBank(ctx, imp, func(w store.BankWriter) error {
		if err := bk.apply(w, f, imp); err != nil {
			return err
		}
		if opt.DryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, fmt.Errorf("import statement: %w", err)
	}
	if !opt.DryRun {
		rep.ImportID = imp.ID
	}
	rep.Entries, rep.PaymentsCreated, rep.DuplicatesSkipped = imp.Entries, imp.PaymentsCreated, imp.DuplicatesSkipped
	rep.AutoMatched, rep.ToReview, rep.Reversals = imp.AutoMatched, imp.ToReview, imp.Reversals
	rep.DebitsIgnored, rep.Pending = imp.DebitsIgnored, imp.Pending
	return rep, nil
}

// blocking reports whether an issue loses something of the statement
// (an entry, an amount, a date…): the file is then refused whole. The
// balances are not used, so a balance that does not add up or is in
// another currency is only reported.
func blocking(is statement.Issue) bool {
	return !strings.Contains(is.Key, "balance")
}

// mapping reads a saved bank CSV mapping.
func (s *Service) mapping(ctx context.Context, name string) (*bankcsv.Mapping, error) {
	ms, err := s.store.BankMappings(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		if m.Name == name {
			var out bankcsv.Mapping
			if err := json.Unmarshal(m.Mapping, &out); err != nil {
				return nil, fmt.Errorf("bank mapping %q: %w", name, err)
			}
			return &out, nil
		}
	}
	return nil, ledger.Errorf(ledger.ENotFound, "no bank mapping named %q", name)
}

// apply writes a parsed file through w, counting into imp.
func (bk *book) apply(w store.BankWriter, f *statement.File, imp *store.BankImport) error {
	type item struct {
		st  *statement.Statement
		pay statement.Payment
	}
	var items []item
	var keys []string
	for si := range f.Statements {
		st := &f.Statements[si]
		imp.Entries += len(st.Entries)
		for _, p := range st.Payments() {
			e := p.Entry
			switch {
			case e.Status == "pending":
				imp.Pending++
				continue
			case e.Reversal && e.Credit, !e.Reversal && !e.Credit:
				// Money going out, or coming back from an outgoing payment:
				// never a customer's payment.
				imp.DebitsIgnored++
				continue
			case p.Amount.Minor <= 0:
				continue
			}
			items = append(items, item{st, p})
			keys = append(keys, p.Key)
		}
	}
	known, err := w.KnownKeys(keys)
	if err != nil {
		return err
	}
	// Oldest first, so that a reversal meets the payment it returns when
	// both are in the file.
	slices.SortStableFunc(items, func(a, b item) int { return a.pay.Entry.BookingDate.Compare(b.pay.Entry.BookingDate) })
	var todo []decision
	for _, it := range items {
		if known[it.pay.Key] {
			imp.DuplicatesSkipped++
			continue
		}
		known[it.pay.Key] = true
		todo = append(todo, decision{line: lineOf(it.st, it.pay), pay: it.pay})
	}
	// The matcher decides each line in order, ahead of the writes: its
	// state (what is still open, the IBANs learnt) follows its own
	// decisions, never the store, so the store writes the decisions as
	// they come.
	decided := make(chan *decision, 64)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(decided)
		for i := range todo {
			if !todo[i].line.Reversal {
				bk.decide(&todo[i])
			}
			select {
			case decided <- &todo[i]:
			case <-stop:
				return
			}
		}
	}()
	for d := range decided {
		var err error
		if d.line.Reversal {
			err = bk.reversal(w, d.line, imp)
		} else {
			imp.Payments++
			err = write(w, d, imp)
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", d.line.FileLine, err)
		}
	}
	return nil
}

// decision is what the matcher made of a line: to record (entries, and
// the IBAN to learn) or to review, with its proposals.
type decision struct {
	line    *store.BankLine
	pay     statement.Payment
	auto    bool
	entries []store.PaymentEntry
	learn   bool
	err     error
}

// lineOf is the stored shape of a payment of a statement.
func lineOf(st *statement.Statement, p statement.Payment) *store.BankLine {
	e, tx := p.Entry, p.Transaction
	account := st.Account.IBAN
	if account == "" {
		account = st.Account.Number
	}
	ref := ""
	for _, r := range []string{tx.EndToEndID, tx.TxID, tx.AcctSvcrRef, e.Ref} {
		if r = strings.TrimSpace(r); r != "" && !strings.EqualFold(r, "NOTPROVIDED") {
			ref = r
			break
		}
	}
	iban := ""
	if n, ok := ledger.NormalizeIBAN(tx.CounterpartyIBAN); ok {
		iban = n
	}
	date := e.BookingDate
	if date.IsZero() {
		date = e.ValueDate
	}
	return &store.BankLine{Key: p.Key, Account: account, BookingDate: date, ValueDate: e.ValueDate, Amount: p.Amount,
		Reversal: e.Reversal, ReturnReason: tx.ReturnReason, Counterparty: strings.TrimSpace(tx.Counterparty), CounterpartyIBAN: iban,
		Remittance: strings.TrimSpace(p.Remittance()), BankRef: ref, FileLine: e.Line}
}

// method guesses how the money came from what the statement says.
func method(p statement.Payment) ledger.PaymentMethod {
	if p.Transaction.MandateID != "" {
		return ledger.MethodDirectDebit
	}
	return ledger.MethodTransfer
}

// decide matches an incoming amount: recorded and lettered when the
// matcher is sure (applied to its state at once, so that the next lines
// see it), else queued with its best proposals.
func (bk *book) decide(d *decision) {
	l := d.line
	found := bk.matcher.Match(d.pay)
	best, auto := bk.matcher.Auto(found)
	kept := make([]Proposal, 0, min(len(found), keptProposals))
	for _, f := range found[:min(len(found), keptProposals)] {
		kept = append(kept, bk.proposal(f))
	}
	if l.Proposals, d.err = json.Marshal(kept); d.err != nil {
		return
	}
	for _, f := range found {
		l.Confidence = max(l.Confidence, f.Confidence)
	}
	if !auto {
		l.Status = store.LineReview
		return
	}
	l.Status, l.DebtorID, l.Confidence = store.LineMatched, best.DebtorID, best.Confidence
	open := func(id int64) int64 {
		a, _ := bk.matcher.Open(id)
		return a.Minor
	}
	d.auto, d.entries = true, entries(l, bk.proposal(best), method(d.pay), open)
	bk.matcher.Apply(best)
	// A document the payer named ties its account to the debtor.
	if l.CounterpartyIBAN != "" && (best.Has(reconcile.CodeNumber) || best.Has(reconcile.CodeRF)) {
		bk.matcher.Learn(l.CounterpartyIBAN, best.DebtorID)
		d.learn = true
	}
}

// write records what the matcher decided of a line.
func write(w store.BankWriter, d *decision, imp *store.BankImport) error {
	if d.err != nil {
		return fmt.Errorf("proposals: %w", d.err)
	}
	l := d.line
	if !d.auto {
		imp.ToReview++
		return w.AddLine(l)
	}
	if err := w.AddLine(l); err != nil {
		return err
	}
	if err := w.Pay(l, d.entries); err != nil {
		return err
	}
	imp.AutoMatched++
	imp.PaymentsCreated++
	if d.learn {
		return w.LearnIBAN(l.CounterpartyIBAN, l.DebtorID)
	}
	return nil
}

// reversal applies a returned payment to the payment it returns, or
// queues it when that payment cannot be found.
func (bk *book) reversal(w store.BankWriter, l *store.BankLine, imp *store.BankImport) error {
	orig, err := w.FindReversed(l)
	if err != nil {
		return err
	}
	if orig == nil {
		l.Status = store.LineReview
		imp.ToReview++
		return w.AddLine(l)
	}
	l.Status, l.DebtorID = store.LineReversed, orig.DebtorID
	if err := w.AddLine(l); err != nil {
		return err
	}
	if err := w.Reverse(l, orig.ID); err != nil {
		return err
	}
	imp.Reversals++
	return nil
}
