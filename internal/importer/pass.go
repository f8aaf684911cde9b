package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/importer/receivable"
	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// chunkSize is how many records are resolved against the store at once.
const chunkSize = 5000

// pass is one import's walk through the records of a file.
type pass struct {
	ctx      context.Context
	w        store.ImportWriter
	creditor int64
	settings ledger.LegalSettings
	opts     Options
	rep      *Report
	chunk    []receivable.Record
	// debtors maps the hashes of debtor keys (DebtorKey) to ids, for the
	// whole file: a hash, not the key, for a file of 200,000 customers
	// (two keys of equal 64-bit hash: about 1 in 10^9 at that size).
	debtors debtorMap
	// seen are the ids of the known invoices the file lists (snapshot).
	seen []int64
	// since is the day of the creditor's previous import, zero when none.
	since civil.Date
}

// paidOn is the day given to money a file says was paid outside
// recouvre, whose real day is unknown: the earliest it can have been —
// the day after the previous import, which still saw it owed, and never
// before the invoice's issue nor after today — so that no interest is
// claimed on money the debtor may have paid earlier.
func (p *pass) paidOn(inv ledger.Invoice) civil.Date {
	on := p.opts.Today
	if !p.since.IsZero() && p.since.Before(on) {
		on = p.since.AddDays(1)
	}
	if on.Before(inv.IssueDate) {
		on = inv.IssueDate
	}
	if on.After(p.opts.Today) {
		on = p.opts.Today
	}
	return on
}

type debtorRef struct {
	id       int64
	termDays int
}

// debtorMap maps debtor keys to debtors by a 64-bit hash of the key.
type debtorMap struct {
	seed maphash.Seed
	m    map[uint64]debtorRef
}

func newDebtorMap() debtorMap {
	return debtorMap{seed: maphash.MakeSeed(), m: map[uint64]debtorRef{}}
}

func (dm debtorMap) get(key string) (debtorRef, bool) {
	r, ok := dm.m[maphash.String(dm.seed, key)]
	return r, ok
}

func (dm debtorMap) set(key string, r debtorRef) { dm.m[maphash.String(dm.seed, key)] = r }

func newPass(ctx context.Context, w store.ImportWriter, creditor int64, settings ledger.LegalSettings, opts Options, rep *Report) *pass {
	return &pass{ctx: ctx, w: w, creditor: creditor, settings: settings, opts: opts, rep: rep, debtors: newDebtorMap()}
}

// Record is the parsers' sink: records wait in a chunk.
func (p *pass) Record(r receivable.Record) error {
	if err := p.ctx.Err(); err != nil {
		return err
	}
	p.chunk = append(p.chunk, r)
	if len(p.chunk) >= chunkSize {
		return p.flush()
	}
	return nil
}

// Issue is the parsers' sink for a line that cannot be read.
func (p *pass) Issue(is receivable.Issue) { p.rep.addIssue(is) }

// failing says the import will be refused: lookups go on to find every
// error, writes stop.
func (p *pass) failing() bool { return p.rep.ErrorCount > 0 && !p.opts.SkipInvalid }

func (p *pass) finish() error {
	if err := p.flush(); err != nil {
		return err
	}
	if !p.opts.Snapshot {
		return nil
	}
	if p.rep.ErrorCount > 0 {
		p.rep.SnapshotSkipped = true
		return nil
	}
	return p.settleAbsent()
}

// DebtorKey is how a file names a debtor: its reference, else its SIREN,
// else its exact name.
func DebtorKey(d receivable.Debtor) string {
	switch {
	case strings.TrimSpace(d.Ref) != "":
		return "ref:" + strings.TrimSpace(d.Ref)
	case sirenOf(d) != "":
		return "siren:" + sirenOf(d)
	case strings.TrimSpace(d.Name) != "":
		return "name:" + strings.TrimSpace(d.Name)
	}
	return ""
}

func sirenOf(d receivable.Debtor) string {
	if s := digits(d.SIREN); len(s) == 9 {
		return s
	}
	if s := digits(d.SIRET); len(s) == 14 {
		return s[:9]
	}
	return ""
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (p *pass) flush() error {
	if len(p.chunk) == 0 {
		return nil
	}
	defer func() { p.chunk = p.chunk[:0] }()
	if err := p.resolveDebtors(); err != nil {
		return err
	}
	numbers := make([]string, 0, len(p.chunk))
	var keys []string
	for _, r := range p.chunk {
		if r.Kind == receivable.Payment {
			keys = append(keys, paymentKey(r))
		} else {
			numbers = append(numbers, strings.TrimSpace(r.Number))
		}
	}
	found, err := p.w.FindInvoices(p.creditor, numbers)
	if err != nil {
		return err
	}
	known := make(map[string]ledger.Invoice, len(found))
	for _, inv := range found {
		known[inv.Number] = inv
	}
	payments, err := p.w.FindPayments(p.creditor, keys)
	if err != nil {
		return err
	}
	for _, r := range p.chunk {
		if err := p.apply(r, known, payments); err != nil {
			return err
		}
	}
	return nil
}

// resolveDebtors finds the chunk's debtors not met yet, in one query, and
// creates those the store does not know.
func (p *pass) resolveDebtors() error {
	var refs, sirens, names []string
	want := map[string]bool{}
	for _, r := range p.chunk {
		k := DebtorKey(r.Debtor)
		if k == "" || want[k] {
			continue
		}
		if _, ok := p.debtors.get(k); ok {
			continue
		}
		want[k] = true
		switch kind, v, _ := strings.Cut(k, ":"); kind {
		case "ref":
			refs = append(refs, v)
		case "siren":
			sirens = append(sirens, v)
		default:
			names = append(names, v)
		}
	}
	if len(want) == 0 {
		return nil
	}
	found, err := p.w.FindDebtors(p.creditor, refs, sirens, names)
	if err != nil {
		return err
	}
	for _, d := range found {
		ref := debtorRef{d.ID, d.PaymentTermDays}
		for _, k := range []string{"ref:" + d.Ref, "siren:" + d.SIREN, "name:" + d.Name} {
			if want[k] {
				if _, dup := p.debtors.get(k); !dup {
					p.debtors.set(k, ref)
				}
			}
		}
	}
	for _, r := range p.chunk {
		k := DebtorKey(r.Debtor)
		if _, ok := p.debtors.get(k); k == "" || ok {
			continue
		}
		if err := p.createDebtor(k, r); err != nil {
			return err
		}
	}
	return nil
}

func (p *pass) createDebtor(key string, r receivable.Record) error {
	src := r.Debtor
	src.FillKind()
	if k, ok := p.opts.Kinds[key]; ok && k.Valid() {
		src.Kind, src.KindSource = k, receivable.KindFromColumn
	}
	if len(p.rep.NewDebtors) < MaxListed {
		p.rep.NewDebtors = append(p.rep.NewDebtors, NewDebtor{Key: key, Ref: src.Ref, Name: src.Name, SIREN: sirenOf(src),
			Kind: src.Kind, KindSource: src.KindSource, Line: r.Line})
	}
	p.rep.DebtorsCreated++
	d := &ledger.Debtor{CreditorID: p.creditor, Ref: newRef(src), Name: strings.TrimSpace(src.Name), Kind: src.Kind,
		SIREN: sirenOf(src), SIRET: digits14(src.SIRET), VATNumber: strings.TrimSpace(src.VATNumber), Lang: "fr",
		PaymentTermDays: src.TermDays, CreditLimit: money.New(0, r.Amount.Currency)}
	if d.Name == "" {
		d.Name = d.Ref
	}
	if src.Email != "" || src.Phone != "" || !src.Address.IsZero() {
		addr := src.Address
		if addr.Country == "" && !addr.IsZero() {
			addr.Country = "FR"
		}
		d.Contacts = []ledger.Contact{{Name: d.Name, Email: strings.TrimSpace(src.Email), Phone: strings.TrimSpace(src.Phone),
			Address: addr, Primary: true}}
	}
	if p.failing() {
		// The import will be refused: remember the key so that its
		// other lines do not count it again, write nothing.
		p.debtors.set(key, debtorRef{})
		return nil
	}
	if err := p.w.AddDebtor(d); err != nil {
		return fmt.Errorf("importer: line %d: debtor %s: %w", r.Line, d.Ref, err)
	}
	p.debtors.set(key, debtorRef{d.ID, d.PaymentTermDays})
	return p.w.AddEvent(&journal.Event{Type: "debtor.created", DebtorID: d.ID,
		Payload: payload("ref", d.Ref, "name", d.Name, "kind", string(d.Kind), "kind_source", string(src.KindSource), "batch", p.w.Batch().ID)})
}

func digits14(s string) string {
	if d := digits(s); len(d) == 14 {
		return d
	}
	return ""
}

// newRef is the reference of a debtor the file names without one.
func newRef(d receivable.Debtor) string {
	if ref := strings.TrimSpace(d.Ref); ref != "" {
		return ref
	}
	if s := sirenOf(d); s != "" {
		return s
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(d.Name)))
	return "N-" + strings.ToUpper(hex.EncodeToString(sum[:4]))
}

func paymentKey(r receivable.Record) string {
	return fmt.Sprintf("%s|%s|%s|%d", DebtorKey(r.Debtor), strings.TrimSpace(r.Number), r.IssueDate, r.Amount.Minor)
}

// incomplete reports a record a parser let through without what the
// ledger needs — a number, a date, a positive amount in a known currency —
// as an error of its line rather than a failure of the whole import.
func (p *pass) incomplete(r receivable.Record) bool {
	switch {
	case r.Kind != receivable.Payment && strings.TrimSpace(r.Number) == "":
		p.issue(r, "", "", "import.err.no_number")
	case r.IssueDate.IsZero():
		p.issue(r, "", r.Number, "import.err.no_issue_date", r.Number)
	case r.Amount.Minor <= 0 || (r.HasOpen && r.Open.Minor > r.Amount.Minor):
		p.issue(r, "", money.Decimal(r.Amount), "import.err.bad_amount", r.Number)
	case !r.Amount.Currency.Valid():
		p.issue(r, "", string(r.Amount.Currency), "import.err.no_currency", r.Number)
	default:
		return false
	}
	return true
}

// apply decides what one record does.
func (p *pass) apply(r receivable.Record, known map[string]ledger.Invoice, payments map[string]int64) error {
	if p.incomplete(r) {
		return nil
	}
	ref, ok := p.debtors.get(DebtorKey(r.Debtor))
	if !ok {
		p.issue(r, "", "", "import.err.no_debtor")
		return nil
	}
	if r.Kind == receivable.Payment {
		return p.applyPayment(r, ref, payments)
	}
	number := strings.TrimSpace(r.Number)
	inv, exists := known[number]
	if !exists {
		return p.create(r, ref, known)
	}
	return p.update(r, ref, inv)
}

func (p *pass) issue(r receivable.Record, column, value, key string, args ...any) {
	p.rep.addIssue(receivable.Issue{Line: r.Line, Column: column, Value: value, Key: key, Args: args})
}

// applyPayment records money received on account; only the part the
// file says is not used yet comes in (HasOpen), the rest having settled
// documents already settled in the file.
func (p *pass) applyPayment(r receivable.Record, ref debtorRef, payments map[string]int64) error {
	key := paymentKey(r)
	if _, ok := payments[key]; ok {
		p.rep.Unchanged++
		return nil
	}
	amount := r.Amount
	if r.HasOpen {
		amount = r.Open
	}
	if amount.Minor <= 0 {
		p.rep.Unchanged++
		return nil
	}
	payments[key] = -1 // the same line twice in one file is one payment
	p.rep.Created++
	if p.failing() {
		return nil
	}
	pay := &ledger.Payment{DebtorID: ref.id, ReceivedOn: r.IssueDate, Amount: amount, Method: ledger.MethodOther,
		Reference: strings.TrimSpace(r.Number), ImportKey: key}
	if err := p.w.AddPayment(pay); err != nil {
		return fmt.Errorf("importer: line %d: payment: %w", r.Line, err)
	}
	return p.w.AddEvent(&journal.Event{Type: "payment.recorded", DebtorID: ref.id,
		Payload: payload("amount", money.Decimal(amount), "currency", string(amount.Currency), "method", string(pay.Method),
			"reference", pay.Reference, "received_on", r.IssueDate.String(), "batch", p.w.Batch().ID)})
}

func docKind(k receivable.RecordKind) ledger.DocKind {
	if k == receivable.CreditNote {
		return ledger.DocCreditNote
	}
	return ledger.DocInvoice
}

// dueDate is the record's due date, else its issue date plus the
// debtor's term, the file's, or the organization's.
func (p *pass) dueDate(r receivable.Record, ref debtorRef) civil.Date {
	if !r.DueDate.IsZero() || r.Kind == receivable.CreditNote {
		return r.DueDate
	}
	days := ref.termDays
	if days <= 0 {
		days = r.Debtor.TermDays
	}
	if days <= 0 {
		days = p.settings.DefaultTermDays
	}
	if days <= 0 {
		days = ledger.DefaultTermDays
	}
	return r.IssueDate.AddDays(days)
}

func (p *pass) create(r receivable.Record, ref debtorRef, known map[string]ledger.Invoice) error {
	number := strings.TrimSpace(r.Number)
	amount := r.Amount
	if r.Kind == receivable.CreditNote && r.HasOpen {
		// What a credit note has already credited is not ours to
		// allocate again: only what is left comes in.
		amount = r.Open
	}
	inv := ledger.Invoice{DebtorID: ref.id, Kind: docKind(r.Kind), Number: number, IssueDate: r.IssueDate,
		DueDate: p.dueDate(r, ref), Amount: amount}
	// Later lines with the same number meet this one as known.
	known[number] = ledger.Invoice{ID: -1, DebtorID: ref.id, Kind: inv.Kind, Number: number, IssueDate: inv.IssueDate,
		DueDate: inv.DueDate, Amount: inv.Amount, ImportBatchID: p.w.Batch().ID}
	if amount.Minor <= 0 {
		p.rep.Unchanged++
		return nil
	}
	p.rep.Created++
	if p.failing() {
		return nil
	}
	if err := p.w.AddInvoice(&inv); err != nil {
		return fmt.Errorf("importer: line %d: invoice %s: %w", r.Line, number, err)
	}
	inv.ImportBatchID = p.w.Batch().ID
	known[number] = inv
	kv := []any{"number", number, "amount", money.Decimal(inv.Amount), "currency", string(inv.Amount.Currency),
		"due_date", inv.DueDate.String(), "batch", p.w.Batch().ID, "line", r.Line}
	// The document's own words on how to pay are kept for the record.
	for _, f := range [][2]string{{"payment_terms", r.PaymentTerms}, {"payment_means", r.PaymentMeans}, {"iban", r.IBAN}} {
		if v := strings.TrimSpace(f[1]); v != "" {
			kv = append(kv, f[0], v)
		}
	}
	ev := &journal.Event{Type: eventType(inv.Kind), DebtorID: ref.id, InvoiceID: inv.ID, Payload: payload(kv...)}
	if err := p.w.AddEvent(ev); err != nil {
		return err
	}
	if r.Document != nil {
		if err := p.w.AddFile(inv.ID, store.File{Name: r.Document.Name, ContentType: r.Document.ContentType, Data: r.Document.Data}); err != nil {
			return err
		}
	}
	if inv.Kind != ledger.DocInvoice || !r.HasOpen || r.Open.Minor >= r.Amount.Minor {
		return nil
	}
	return p.paidBeforeImport(inv, r)
}

// paidBeforeImport records what the file says was already paid of a new
// invoice. The day of that payment is unknown; the issue date is taken,
// so that no interest is ever claimed on money the debtor may have paid
// on time.
func (p *pass) paidBeforeImport(inv ledger.Invoice, r receivable.Record) error {
	paid := money.New(r.Amount.Minor-max(r.Open.Minor, 0), r.Amount.Currency)
	pay := &ledger.Payment{DebtorID: inv.DebtorID, ReceivedOn: inv.IssueDate, Amount: paid, Method: ledger.MethodOther,
		Reference: "Réglé avant import — " + inv.Number}
	if err := p.w.AddPayment(pay); err != nil {
		return fmt.Errorf("importer: line %d: payment before import: %w", r.Line, err)
	}
	if err := p.w.AddAllocation(&ledger.Allocation{InvoiceID: inv.ID, PaymentID: pay.ID, Amount: paid}); err != nil {
		return fmt.Errorf("importer: line %d: allocation: %w", r.Line, err)
	}
	return p.w.AddEvent(&journal.Event{Type: "invoice.paid_before_import", DebtorID: inv.DebtorID, InvoiceID: inv.ID,
		Payload: payload("number", inv.Number, "amount", money.Decimal(paid), "currency", string(paid.Currency), "batch", p.w.Batch().ID)})
}

func eventType(k ledger.DocKind) string {
	if k == ledger.DocCreditNote {
		return "credit_note.created"
	}
	return "invoice.created"
}

// update compares a record with the invoice of the same number.
func (p *pass) update(r receivable.Record, ref debtorRef, inv ledger.Invoice) error {
	if inv.ImportBatchID == p.w.Batch().ID && inv.ImportBatchID != 0 {
		return p.duplicate(r, inv)
	}
	switch {
	case ref.id != 0 && inv.DebtorID != ref.id:
		p.issue(r, "", r.Number, "import.err.other_debtor", r.Number)
		return nil
	case docKind(r.Kind) != inv.Kind:
		p.issue(r, "", r.Number, "import.err.kind_changed", r.Number)
		return nil
	case r.Amount.Currency != inv.Amount.Currency:
		p.issue(r, "", string(r.Amount.Currency), "import.err.currency_changed", r.Number, string(inv.Amount.Currency))
		return nil
	}
	p.seen = append(p.seen, inv.ID)
	after := inv
	amount := r.Amount
	if inv.Kind == ledger.DocCreditNote && r.HasOpen {
		amount = r.Open
	}
	after.Amount = amount
	after.IssueDate = r.IssueDate
	if !r.DueDate.IsZero() {
		after.DueDate = r.DueDate
	}
	changed := p.listChanges(r, inv, after)
	if changed && after.Amount.Minor < inv.Allocated.Minor {
		p.issue(r, "", money.Decimal(after.Amount), "import.err.below_settled", r.Number, money.Decimal(inv.Allocated))
		return nil
	}
	paid := p.paidOutside(r, after)
	if !changed && paid.Minor == 0 {
		p.rep.Unchanged++
		return nil
	}
	p.rep.Updated++
	if p.failing() {
		return nil
	}
	if changed {
		if err := p.w.UpdateInvoice(inv, after); err != nil {
			return fmt.Errorf("importer: line %d: %w", r.Line, err)
		}
	}
	if paid.Minor > 0 {
		return p.w.Settle(store.Settlement{InvoiceID: inv.ID, DebtorID: inv.DebtorID, Amount: paid, On: p.paidOn(inv),
			Reference: "Réglé hors recouvre — " + inv.Number, Action: "paid"})
	}
	return nil
}

// listChanges notes what differs between an invoice and its new version.
func (p *pass) listChanges(r receivable.Record, before, after ledger.Invoice) bool {
	changed := false
	note := func(field, b, a string) {
		changed = true
		if len(p.rep.Changes) < MaxListed {
			p.rep.Changes = append(p.rep.Changes, Change{Line: r.Line, Number: before.Number, Field: field, Before: b, After: a})
		}
	}
	if after.Amount.Minor != before.Amount.Minor {
		note("amount", money.Decimal(before.Amount), money.Decimal(after.Amount))
	}
	if after.DueDate != before.DueDate {
		note("due_date", before.DueDate.String(), after.DueDate.String())
	}
	if after.IssueDate != before.IssueDate {
		note("issue_date", before.IssueDate.String(), after.IssueDate.String())
	}
	return changed
}

// paidOutside is what the file's remaining amount says was paid since
// recouvre last knew: never negative (recouvre may know of payments the
// accounting has not booked yet).
func (p *pass) paidOutside(r receivable.Record, after ledger.Invoice) money.Amount {
	if !r.HasOpen || after.Kind != ledger.DocInvoice {
		return money.New(0, after.Amount.Currency)
	}
	open := after.Amount.Minor - after.Allocated.Minor
	fileOpen := max(r.Open.Minor, 0)
	if fileOpen >= open {
		return money.New(0, after.Amount.Currency)
	}
	if p.failing() {
		return money.New(open-fileOpen, after.Amount.Currency)
	}
	if len(p.rep.Changes) < MaxListed {
		p.rep.Changes = append(p.rep.Changes, Change{Line: r.Line, Number: after.Number, Field: "paid",
			Before: money.Decimal(money.New(open, after.Amount.Currency)), After: money.Decimal(money.New(fileOpen, after.Amount.Currency))})
	}
	return money.New(open-fileOpen, after.Amount.Currency)
}

// duplicate handles a number met twice in one file: the same content is
// harmless, another content is an error.
func (p *pass) duplicate(r receivable.Record, first ledger.Invoice) error {
	amount := r.Amount
	if first.Kind == ledger.DocCreditNote && r.HasOpen {
		amount = r.Open
	}
	if docKind(r.Kind) == first.Kind && amount == first.Amount && r.IssueDate == first.IssueDate &&
		(r.DueDate.IsZero() || r.DueDate == first.DueDate) {
		p.rep.Unchanged++
		return nil
	}
	p.issue(r, "", r.Number, "import.err.number_twice", r.Number)
	return nil
}

// settleAbsent takes every open invoice of the creditor that the file did
// not list for settled outside recouvre.
func (p *pass) settleAbsent() error {
	slices.Sort(p.seen)
	var absent []ledger.Invoice
	err := p.w.OpenInvoices(p.creditor, func(inv ledger.Invoice) error {
		if inv.ImportBatchID == p.w.Batch().ID {
			return nil
		}
		if _, ok := slices.BinarySearch(p.seen, inv.ID); !ok {
			absent = append(absent, inv)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, inv := range absent {
		p.rep.Settled++
		if len(p.rep.Changes) < MaxListed {
			p.rep.Changes = append(p.rep.Changes, Change{Number: inv.Number, Field: "settled",
				Before: money.Decimal(inv.Open()), After: "0.00"})
		}
		err := p.w.Settle(store.Settlement{InvoiceID: inv.ID, DebtorID: inv.DebtorID, Amount: inv.Open(), On: p.paidOn(inv),
			Reference: "Soldé hors recouvre (absente de l’export) — " + inv.Number, Action: "settled"})
		if err != nil {
			return err
		}
	}
	return nil
}

// payload builds an event's JSON object from key/value pairs.
func payload(kv ...any) []byte {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("importer: payload: %v", err)) // only plain values are passed
	}
	return b
}
