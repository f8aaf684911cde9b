package legal

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/courtfile"
	"github.com/recouvre/recouvre/internal/document"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// parties are who a letter names: the creditor (with the IBAN to pay to),
// the debtor, and the agency when the organization collects for others.
type parties struct {
	creditor *ledger.Creditor
	Creditor document.Party
	Debtor   document.Party
	Agency   *document.Party
}

func loadParties(ctx context.Context, st store.Store, d *ledger.Debtor) (parties, error) {
	var p parties
	creds, err := st.ListCreditors(ctx)
	if err != nil {
		return p, err
	}
	for i := range creds {
		if creds[i].ID == d.CreditorID {
			p.creditor = &creds[i]
		}
	}
	if p.creditor == nil {
		return p, fmt.Errorf("creditor %d of debtor %d not found", d.CreditorID, d.ID)
	}
	p.Creditor = document.Party{Name: p.creditor.Name, SIREN: p.creditor.SIREN, VATNumber: p.creditor.VATNumber, Address: p.creditor.Address}
	p.Debtor = debtorParty(d)
	if orgID, ok := store.OrgFrom(ctx); ok {
		o, err := st.GetOrganization(ctx, orgID)
		if err != nil {
			return p, err
		}
		if o.Kind == ledger.OrgAgency {
			p.Agency = &document.Party{Name: o.Name}
		}
	}
	return p, nil
}

// debtorParty names the debtor at its primary contact's address (else the
// first contact that has one).
func debtorParty(d *ledger.Debtor) document.Party {
	p := document.Party{Name: d.Name, SIREN: d.SIREN, VATNumber: d.VATNumber}
	contacts := slices.Clone(d.Contacts)
	slices.SortStableFunc(contacts, func(a, b ledger.Contact) int {
		if a.Primary == b.Primary {
			return 0
		}
		if a.Primary {
			return -1
		}
		return 1
	})
	for _, c := range contacts {
		if !c.Address.IsZero() {
			p.Address, p.Email, p.Phone = c.Address, c.Email, c.Phone
			break
		}
	}
	return p
}

// Claimable are the invoices a notice or a court file claims: open, past
// due, with a statement, neither disputed nor time-barred.
func (d *Debtor) Claimable() []Invoice {
	var out []Invoice
	for _, li := range d.Invoices {
		if li.HasStatement && li.Open().Minor > 0 && !li.Disputed && !li.Limitation.Expired(d.AsOf) {
			out = append(out, li)
		}
	}
	return out
}

// Notice prepares the formal notice of a debtor on day date: every
// claimable invoice with its interest to that day. It renders nothing and
// records nothing.
func Notice(ctx context.Context, st store.Store, debtorID int64, date civil.Date, lang string) (document.FormalNotice, *Debtor, error) {
	var n document.FormalNotice
	pos, err := Position(ctx, st, debtorID, date)
	if err != nil {
		return n, nil, err
	}
	if pos.Stopped() {
		return n, pos, ledger.Errorf(ledger.EConflict, "the debtor is in collective proceedings: declare the claim instead of sending a formal notice")
	}
	lines := pos.Claimable()
	if len(lines) == 0 {
		return n, pos, ledger.Errorf(ledger.EConflict, "nothing to claim: no open invoice past due, undisputed and not time-barred")
	}
	p, err := loadParties(ctx, st, pos.Debtor)
	if err != nil {
		return n, pos, err
	}
	s := pos.Settings
	n = document.FormalNotice{Lang: lang, Date: date, Place: s.Place, Reference: noticeReference(pos, date),
		Creditor: p.Creditor, Debtor: p.Debtor, DebtorKind: pos.Debtor.Kind, Agency: p.Agency, DeadlineDays: s.Deadline(),
		IBAN: p.creditor.IBAN, PaymentReference: pos.Debtor.Ref, Signatory: s.Signatory, SignatoryRole: s.SignatoryRole}
	for _, li := range lines {
		n.Lines = append(n.Lines, document.NoticeLine{Number: li.Number, IssueDate: li.IssueDate, DueDate: li.DueDate,
			Amount: li.Amount, Paid: li.Allocated, Remaining: li.Statement.Principal, Interest: li.Statement})
	}
	return n, pos, nil
}

// noticeReference is "MED-2025-C001-2": the year, the debtor's code and
// the rank of the notice.
func noticeReference(pos *Debtor, date civil.Date) string {
	return fmt.Sprintf("MED-%d-%s-%d", date.Year, pos.Debtor.Ref, len(pos.Notices)+1)
}

// IssueNotice renders the formal notice of day date, keeps the letter as
// sent and journals it: from then on a consumer owes interest (art. 1344-1
// C. civ.).
func IssueNotice(ctx context.Context, st store.Store, debtorID int64, date civil.Date, lang string) (*ledger.FormalNotice, error) {
	n, pos, err := Notice(ctx, st, debtorID, date, lang)
	if err != nil {
		return nil, err
	}
	pdf, err := document.RenderFormalNotice(n)
	if err != nil {
		return nil, err
	}
	total, err := n.Total()
	if err != nil {
		return nil, err
	}
	rec := &ledger.FormalNotice{DebtorID: debtorID, Reference: n.Reference, IssuedOn: date, Deadline: n.Deadline(), Total: total, PDF: pdf}
	for _, li := range pos.Claimable() {
		rec.InvoiceIDs = append(rec.InvoiceIDs, li.ID)
	}
	if err := st.RecordFormalNotice(ctx, rec); err != nil {
		return nil, err
	}
	return rec, nil
}

// StatementOfAccount renders a debtor's relevé de compte as of day asOf:
// the documents issued and the payments received by then, each settled
// only by what was applied to it by then.
func StatementOfAccount(ctx context.Context, st store.Store, debtorID int64, asOf civil.Date, lang string) ([]byte, error) {
	d, err := st.GetDebtor(ctx, debtorID)
	if err != nil {
		return nil, err
	}
	p, err := loadParties(ctx, st, d)
	if err != nil {
		return nil, err
	}
	docs, err := st.ListInvoices(ctx, store.InvoiceQuery{DebtorID: debtorID, Limit: -1, Today: asOf})
	if err != nil {
		return nil, err
	}
	pays, err := st.ListPayments(ctx, store.PaymentQuery{DebtorID: debtorID, Limit: -1})
	if err != nil {
		return nil, err
	}
	allocs, err := st.ListAllocations(ctx, store.AllocationQuery{DebtorID: debtorID})
	if err != nil {
		return nil, err
	}
	s := document.AccountStatement{Lang: lang, AsOf: asOf, Reference: d.Ref, Creditor: p.Creditor, Debtor: p.Debtor}
	issued := map[int64]civil.Date{}
	for _, doc := range docs.Invoices {
		issued[doc.ID] = doc.IssueDate
	}
	// What was applied by asOf, to each document and from each payment.
	applied := map[int64]int64{}
	paid := map[int64]int64{}
	for _, a := range allocs {
		on := a.PaymentDate
		if a.CreditNoteID != 0 {
			on = issued[a.CreditNoteID]
		}
		if on.After(asOf) || issued[a.InvoiceID].After(asOf) {
			continue
		}
		applied[a.InvoiceID] += a.Amount.Minor
		if a.CreditNoteID != 0 {
			applied[a.CreditNoteID] += a.Amount.Minor
		} else {
			paid[a.PaymentID] += a.Amount.Minor
		}
	}
	for _, doc := range docs.Invoices {
		if doc.IssueDate.After(asOf) {
			continue
		}
		s.Currency = doc.Amount.Currency
		doc.Allocated = money.New(applied[doc.ID], doc.Amount.Currency)
		s.Documents = append(s.Documents, doc)
	}
	for _, pm := range pays.Payments {
		if pm.ReceivedOn.After(asOf) {
			continue
		}
		pm.Allocated = money.New(paid[pm.ID], pm.Amount.Currency)
		s.Payments = append(s.Payments, pm)
	}
	return document.RenderStatementOfAccount(s)
}

// Declaration renders the declaration of claim to the mandataire of a
// debtor in collective proceedings: every open invoice, with its interest
// stopped at the judgment (art. L622-28 C. com.).
func Declaration(ctx context.Context, st store.Store, debtorID int64, date civil.Date, lang string) ([]byte, error) {
	pos, err := Position(ctx, st, debtorID, date)
	if err != nil {
		return nil, err
	}
	in := pos.Insolvency
	if in == nil {
		return nil, ledger.Errorf(ledger.EConflict, "the debtor is not in collective proceedings")
	}
	p, err := loadParties(ctx, st, pos.Debtor)
	if err != nil {
		return nil, err
	}
	s := pos.Settings
	decl := document.ClaimDeclaration{Lang: lang, Date: date, Place: s.Place, Reference: fmt.Sprintf("DC-%d-%s", date.Year, pos.Debtor.Ref),
		Creditor: p.Creditor, Debtor: p.Debtor, Mandataire: document.Party{Name: in.Mandataire, Address: in.MandataireAddr},
		Court: in.Court, JudgmentDate: in.JudgmentDate, Proceedings: document.Proceedings(in.Kind), Publication: in.PublicationDate,
		Signatory: s.Signatory, SignatoryRole: s.SignatoryRole}
	for _, li := range pos.Invoices {
		if li.Open().Minor <= 0 {
			continue
		}
		c := document.DeclaredClaim{Number: li.Number, IssueDate: li.IssueDate, DueDate: li.DueDate, Remaining: li.Open(),
			Interest: money.New(0, li.Amount.Currency), Indemnity: money.New(0, li.Amount.Currency)}
		if li.HasStatement {
			c.Remaining, c.Interest, c.Indemnity = li.Statement.Principal, li.Statement.Interest, li.Statement.Indemnity
		}
		decl.Claims = append(decl.Claims, c)
	}
	if len(decl.Claims) == 0 {
		return nil, ledger.Errorf(ledger.EConflict, "nothing to declare: no open invoice")
	}
	return document.RenderDeclarationOfClaim(decl)
}

// CourtCase describes a debtor's claim for the court: the claimable
// invoices, the parties, the last formal notice.
func CourtCase(ctx context.Context, st store.Store, pos *Debtor) (courtfile.Case, error) {
	p, err := loadParties(ctx, st, pos.Debtor)
	if err != nil {
		return courtfile.Case{}, err
	}
	c := courtfile.Case{On: pos.AsOf,
		Creditor: courtfile.Creditor{Name: p.Creditor.Name, SIREN: p.Creditor.SIREN, Address: p.Creditor.Address, IsBusiness: true,
			Representative: pos.Settings.Signatory},
		Debtor: courtfile.Debtor{Name: pos.Debtor.Name, Kind: pos.Debtor.Kind, SIREN: pos.Debtor.SIREN, Address: p.Debtor.Address}}
	for _, li := range pos.Invoices {
		if li.Disputed && li.Open().Minor > 0 {
			c.DisputeOpen = true
		}
	}
	for _, li := range pos.Claimable() {
		c.Invoices = append(c.Invoices, courtfile.Invoice{Number: li.Number, IssueDate: li.IssueDate, DueDate: li.DueDate,
			Amount: li.Amount, Remaining: li.Statement.Principal, Disputed: li.Disputed, Statement: li.Statement, Limitation: li.Limitation})
	}
	if n := len(pos.Notices); n > 0 {
		c.NoticeSent = pos.Notices[n-1].IssuedOn
	}
	return c, nil
}

// CourtFile builds the court file of a debtor for procedure, as one ZIP:
// the index, the request or the cover note, and the exhibits recouvre
// holds — the last formal notice as sent and the statement of account —,
// the others listed as missing with what to add.
func CourtFile(ctx context.Context, st store.Store, debtorID int64, date civil.Date, procedure courtfile.Procedure) ([]byte, error) {
	pos, err := Position(ctx, st, debtorID, date)
	if err != nil {
		return nil, err
	}
	if pos.Stopped() {
		return nil, ledger.Errorf(ledger.EConflict, "the debtor is in collective proceedings: individual actions are stopped (art. L622-21 C. com.); declare the claim")
	}
	c, err := CourtCase(ctx, st, pos)
	if err != nil {
		return nil, err
	}
	exhibits := courtfile.ExpectedExhibits(c)
	if n := len(pos.Notices); n > 0 {
		kept, err := st.FormalNoticePDF(ctx, pos.Notices[n-1].ID)
		if err != nil {
			return nil, err
		}
		for i := range exhibits {
			if exhibits[i].FileName == "mise-en-demeure.pdf" && len(kept.PDF) > 0 {
				exhibits[i].Content, exhibits[i].Missing = kept.PDF, ""
			}
		}
	}
	// The proofs of recovery costs claimed above the flat indemnity.
	for _, li := range pos.Claimable() {
		for _, cost := range li.Costs {
			proof, err := st.RecoveryCostProof(ctx, cost.ID)
			if err != nil {
				return nil, err
			}
			exhibits = append(exhibits, courtfile.Exhibit{Title: fmt.Sprintf("Justificatif de frais de recouvrement (%s, facture %s)", cost.Description, li.Number),
				Date: cost.IncurredOn, FileName: proof.ProofName, Content: proof.Proof})
		}
	}
	statement, err := StatementOfAccount(ctx, st, debtorID, date, "fr")
	if err != nil {
		return nil, err
	}
	exhibits = append(exhibits, courtfile.Exhibit{Title: "Relevé de compte au " + date.FormatFR(), Date: date,
		FileName: "releve-de-compte.pdf", Content: statement})
	var buf bytes.Buffer
	err = courtfile.Bundle(&buf, courtfile.File{Case: c, Procedure: procedure, Exhibits: exhibits, Place: pos.Settings.Place, Date: date})
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
