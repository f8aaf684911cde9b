package message

import (
	"errors"
	"strings"

	"github.com/recouvre/recouvre/internal/document"
	"github.com/recouvre/recouvre/internal/ledger"
)

// AddressBlock is the recipient as the envelope's window shows it.
type AddressBlock struct {
	Name string // the debtor: "Dupont & Fils SAS", "Mme Claire Durand"
	// Attention is the person the letter is for, printed under the name
	// (« À l’attention de Marie Lefèvre »); empty for none.
	Attention string
	Address   ledger.Address
}

// Letter lays out a rendered letter as an A4 PDF: the sender (the agency,
// else the creditor) at the top left, the recipient in the window of a
// French DL envelope, place and date, « Lettre recommandée avec accusé de
// réception » when d.Registered, the reference and the object line
// (r.Subject), the text's paragraphs with the invoices as a ruled table
// where the template printed {{invoiceTable}}, the signature (d.Sender)
// and page numbers. d must be the data r was rendered from. The same
// input gives the same bytes.
func Letter(d Data, r Rendered, recipient AddressBlock) ([]byte, error) {
	l, err := reminderLetter(d, r, recipient)
	if err != nil {
		return nil, err
	}
	return document.RenderReminder(l)
}

// BatchLetter is one letter of the day's print batch.
type BatchLetter struct {
	Data      Data
	Rendered  Rendered
	Recipient AddressBlock
}

// PrintBatch lays out the day's letters as one PDF to print double-sided:
// a cover sheet listing them (recipient, city, reference, registered or
// not, pages), then each letter, each starting on an odd page (a blank
// verso is added after a letter with an odd number of pages), each
// numbered on its own. The cover is in French; the batch's date is the
// latest of the letters'. The same input gives the same bytes.
func PrintBatch(letters []BatchLetter) ([]byte, error) {
	if len(letters) == 0 {
		return nil, errors.New("message: an empty print batch")
	}
	b := document.ReminderBatch{Lang: "fr"}
	for _, bl := range letters {
		l, err := reminderLetter(bl.Data, bl.Rendered, bl.Recipient)
		if err != nil {
			return nil, err
		}
		if l.Date.After(b.Date) {
			b.Date = l.Date
		}
		b.Letters = append(b.Letters, l)
	}
	return document.RenderBatch(b)
}

func reminderLetter(d Data, r Rendered, to AddressBlock) (document.ReminderLetter, error) {
	d = d.complete()
	if to.Name == "" {
		to.Name = d.Debtor.Name
	}
	if to.Name == "" {
		return document.ReminderLetter{}, errors.New("message: a letter needs a recipient")
	}
	date := d.Today
	if date.IsZero() {
		return document.ReminderLetter{}, errors.New("message: a letter needs a date (Data.Today)")
	}
	l := document.ReminderLetter{
		Lang: d.Lang, Date: date, Place: d.Place, Reference: d.Reference, Registered: d.Registered,
		Sender:        sender(d),
		Recipient:     document.Party{Name: to.Name, Address: to.Address},
		Attention:     to.Attention,
		Object:        r.Subject,
		Signatory:     d.Sender.Name,
		SignatoryRole: d.Sender.Role,
	}
	table := textTable(d)
	for i, part := range strings.Split(r.Text, table) {
		if i > 0 {
			l.Blocks = append(l.Blocks, document.ReminderBlock{Table: pdfTable(model(d))})
		}
		for _, p := range strings.Split(part, "\n\n") {
			if p = strings.Trim(p, "\n"); p != "" {
				l.Blocks = append(l.Blocks, document.ReminderBlock{Text: p})
			}
		}
	}
	return l, nil
}

// sender is who writes: the agency when there is one, else the creditor.
func sender(d Data) document.Party {
	if d.IsAgency() {
		a := d.Agency
		return document.Party{Name: a.Name, SIREN: a.SIREN, Address: a.Address, Email: a.Email, Phone: a.Phone}
	}
	c := d.Creditor
	return document.Party{Name: c.Name, SIREN: c.SIREN, Address: c.Address, Email: c.Email, Phone: c.Phone}
}

// pdfTable is the invoices table for a letter.
func pdfTable(t tableModel) *document.ReminderTable {
	out := &document.ReminderTable{Rows: t.rows}
	for _, c := range t.cols {
		align := "L"
		if c.right {
			align = "R"
		}
		out.Columns = append(out.Columns, document.ReminderColumn{Title: c.title, Width: c.width, Align: align})
	}
	for _, s := range t.sums {
		out.Summary = append(out.Summary, document.ReminderSum{Label: s.label, Value: s.value, Bold: s.bold})
	}
	return out
}
