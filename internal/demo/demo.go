// Package demo generates a believable French receivables portfolio,
// reproducible from a seed: small and large firms, consumers and public
// bodies with valid-looking SIREN/SIRET and VAT numbers, eighteen months of
// invoices with French payment terms, and the way customers really pay —
// most on time or a little late, some in part, some several invoices in one
// transfer, a few never — with credit notes, overpayments, reminders and
// the journal events of it all. It streams into a store.BulkWriter, one
// debtor at a time, so that a million invoices need little memory.
package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/journal"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// Options sizes the portfolio.
type Options struct {
	Debtors    int
	Invoices   int
	Seed       int64
	Today      civil.Date
	CreditorID int64
	Currency   money.Currency
}

// Stats counts what was generated.
type Stats struct {
	Debtors, Contacts, Invoices, CreditNotes, Payments, Allocations, Events int
	Elapsed                                                                 time.Duration
}

// segment is the kind of customer; behaviour is how it pays.
type segment int

const (
	segSmall segment = iota
	segLarge
	segConsumer
	segPublic
)

type behaviour int

const (
	payOnTime behaviour = iota
	payLate
	payPartly
	payNever
	payGrouped
)

// gen holds the state of one generation.
type gen struct {
	w        store.BulkWriter
	o        Options
	r        *rand.Rand
	st       Stats
	number   int
	events   []*journal.Event
	cheque   int
	currency money.Currency
}

// Generate streams the portfolio into w.
func Generate(w store.BulkWriter, o Options) (Stats, error) {
	start := time.Now()
	if o.Currency == "" {
		o.Currency = "EUR"
	}
	if o.Today.IsZero() {
		o.Today = civil.Today(time.Now(), civil.Paris)
	}
	g := &gen{w: w, o: o, r: rand.New(rand.NewPCG(uint64(o.Seed), 0x7265636f75767265)), currency: o.Currency}
	remaining := o.Invoices
	for i := 0; i < o.Debtors; i++ {
		seg := g.segment()
		n := g.invoiceCount(seg, remaining, o.Debtors-i)
		remaining -= n
		if err := g.debtor(i+1, seg, n); err != nil {
			return g.st, err
		}
	}
	g.st.Elapsed = time.Since(start)
	return g.st, nil
}

func (g *gen) segment() segment {
	switch x := g.r.IntN(100); {
	case x < 55:
		return segSmall
	case x < 65:
		return segLarge
	case x < 95:
		return segConsumer
	default:
		return segPublic
	}
}

// invoiceCount spreads the invoices left over the debtors left, large
// accounts getting more, so that the total is exact.
func (g *gen) invoiceCount(seg segment, remaining, debtorsLeft int) int {
	if debtorsLeft == 1 {
		return remaining
	}
	factor := [...]float64{segSmall: 1.1, segLarge: 3, segConsumer: 0.45, segPublic: 1.5}[seg]
	avg := float64(remaining) / float64(debtorsLeft)
	n := int(math.Round(avg * factor * (0.5 + g.r.Float64())))
	return max(0, min(n, remaining))
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) behaviour(seg segment) behaviour {
	x := g.r.IntN(100)
	if seg == segPublic { // public bodies pay, slowly
		if x < 40 {
			return payOnTime
		}
		return payLate
	}
	switch {
	case x < 52:
		return payOnTime
	case x < 77:
		return payLate
	case x < 86:
		return payPartly
	case x < 93:
		return payNever
	default:
		return payGrouped
	}
}

// amountRanges are each segment's invoice amounts in euros: lowest,
// median, highest.
var amountRanges = [...][3]float64{
	segSmall:    {300, 1800, 15000},
	segLarge:    {2000, 14000, 120000},
	segConsumer: {50, 190, 800},
	segPublic:   {500, 4500, 40000},
}

// amount draws a log-normal amount around the segment's median, clamped
// to its range. The float stays here: what leaves is whole cents.
func (g *gen) amount(seg segment) money.Amount {
	r := amountRanges[seg]
	v := math.Max(r[0], math.Min(r[2], r[1]*math.Exp(0.8*g.r.NormFloat64())))
	return money.New(int64(v)*100+int64(g.r.IntN(100)), g.currency)
}

// dueDate applies one of the payment terms French firms use, a few of
// them beyond the legal maximum on purpose.
func (g *gen) dueDate(issue civil.Date, seg segment) civil.Date {
	endOfMonth := func(d civil.Date) civil.Date { return civil.D(d.Year, d.Month+1, 0) }
	if seg == segConsumer {
		return issue.AddDays(15)
	}
	switch x := g.r.IntN(100); {
	case x < 40:
		return issue.AddDays(30)
	case x < 60:
		return endOfMonth(issue.AddDays(45))
	case x < 80:
		return issue.AddDays(60)
	case x < 96:
		return endOfMonth(issue.AddDays(30))
	default:
		return issue.AddDays(90)
	}
}

// at is a working-hours instant on day d in Paris.
func (g *gen) at(d civil.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 8+g.r.IntN(10), g.r.IntN(60), g.r.IntN(60), 0, civil.Paris)
}

func (g *gen) event(typ string, d civil.Date, debtorID, invoiceID int64, payload []byte) {
	g.eventAt(typ, g.at(d), debtorID, invoiceID, payload)
}

func (g *gen) eventAt(typ string, at time.Time, debtorID, invoiceID int64, payload []byte) {
	g.events = append(g.events, &journal.Event{Type: typ, At: at, DebtorID: debtorID, InvoiceID: invoiceID,
		Actor: "demo", Payload: payload})
}

// payload builds a flat JSON object of string values.
func payload(kv ...string) []byte {
	b := make([]byte, 0, 96)
	b = append(b, '{')
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, kv[i])
		b = append(b, ':')
		b = strconv.AppendQuote(b, kv[i+1])
	}
	return append(b, '}')
}

// flushEvents adds the debtor's events to the journal in time order, so
// that the timeline reads as it happened.
func (g *gen) flushEvents() error {
	slices.SortStableFunc(g.events, func(a, b *journal.Event) int { return a.At.Compare(b.At) })
	for _, e := range g.events {
		if err := g.w.AddEvent(e); err != nil {
			return err
		}
		g.st.Events++
	}
	g.events = g.events[:0]
	return nil
}

func (g *gen) nextNumber(prefix string, d civil.Date) string {
	g.number++
	return fmt.Sprintf("%s%d-%06d", prefix, d.Year, g.number)
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case strings.ContainsRune("éèêë", r):
			b.WriteByte('e')
		case strings.ContainsRune("àâä", r):
			b.WriteByte('a')
		case strings.ContainsRune("îï", r):
			b.WriteByte('i')
		case strings.ContainsRune("ôö", r):
			b.WriteByte('o')
		case strings.ContainsRune("ùûü", r):
			b.WriteByte('u')
		case r == 'ç':
			b.WriteByte('c')
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
