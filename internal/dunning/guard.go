package dunning

import (
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
)

// Recheck is the last look at action a at the moment now of sending it,
// on facts f read as of now. It tells whether it may go; when it may
// not, why, and when to try again (zero: do not retry by itself — the
// action is then skipped or cancelled with that reason, and a later cycle
// plans the step again once the reason is gone, see Done). In order:
//
//   - its invoices: those still open (in f.Invoices with Outstanding > 0)
//     and not disputed must total more than zero, else ReasonDispute when
//     an open one is disputed, ReasonPaid otherwise;
//   - no pause: ReasonInsolvency, ReasonDoNotContact, ReasonPaused,
//     ReasonPromise, ReasonPlan, as the planner (pauseReason);
//   - the calendar: outside quiet hours, a Sunday or a holiday of the
//     debtor → ReasonQuietHours, retry at NextAllowed;
//   - the weekly cap: ReasonWeeklyCap, retry when the oldest contact of
//     the window leaves it (ApplyWeeklyCap);
//   - the recipient: someone still reachable on the action's channel
//     (Recipient: not bounced), else ReasonNoContact.
func Recheck(in *Input, f *Facts, a ledger.Action, now time.Time) (ok bool, reason string, retryAt time.Time) {
	today := civil.Today(now, civil.Paris)
	open := make(map[int64]OpenInvoice, len(f.Invoices))
	for _, iv := range f.Invoices {
		open[iv.ID] = iv
	}
	var total int64
	disputed := false
	for _, id := range a.InvoiceIDs {
		iv, found := open[id]
		if !found || iv.Outstanding.Minor <= 0 {
			continue
		}
		if iv.Disputed {
			disputed = true
			continue
		}
		total += iv.Outstanding.Minor
	}
	if total <= 0 {
		if disputed {
			return false, ReasonDispute, time.Time{}
		}
		return false, ReasonPaid, time.Time{}
	}
	if r := pauseReason(f, today); r != "" {
		return false, r, time.Time{}
	}
	loc := TimeZone(f.Debtor)
	cal := CalendarOf(in.Settings).ForDebtor(f.Debtor)
	if !cal.Allowed(now, loc) {
		return false, ReasonQuietHours, cal.NextAllowed(now, loc)
	}
	if m := ApplyWeeklyCap(cal, loc, now, f.Contacts7, in.Settings.WeeklyCap); m.After(now) {
		return false, ReasonWeeklyCap, m
	}
	if _, found := Recipient(f.Debtor, a.Channel, f.Bounced); !found {
		return false, ReasonNoContact, time.Time{}
	}
	return true, "", time.Time{}
}
