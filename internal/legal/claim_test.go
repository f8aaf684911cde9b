package legal_test

import (
	"net/url"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/legalfr"
)

func TestParseClaim(t *testing.T) {
	today := civil.MustParse("2025-06-15")
	q := url.Values{"kind": {"b2b"}, "principal": {"10 000,00"}, "due": {"2025-03-31"}, "payment": {"2025-05-15=4 000"},
		"payment_on": {"2025-05-20", ""}, "payment_amount": {"10.50", ""}, "contract_rate": {"12,5"}, "costs": {"150"},
		"creditor_consumer": {"on"}, "year365": {"true"}, "principal_first": {"1"}}
	c, s, err := legal.ParseClaim(q, today)
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind != ledger.KindBusiness || c.Principal.Minor != 10000_00 || c.Until != today || len(c.Payments) != 2 ||
		c.Payments[1].Amount.Minor != 10_50 || c.ContractRate != 1250 || !c.HasContractRate || c.RecoveryCosts.Minor != 150_00 ||
		!c.CreditorIsConsumer || !s.Year365 || !s.PrincipalFirst {
		t.Errorf("claim %+v settings %+v", c, s)
	}
	for field, bad := range map[string]url.Values{
		"kind":          {"kind": {"b2x"}},
		"principal":     {"kind": {"b2b"}, "principal": {"abc"}},
		"due":           {"kind": {"b2b"}, "principal": {"1"}},
		"currency":      {"kind": {"b2b"}, "principal": {"1"}, "currency": {"EURO"}},
		"payment":       {"kind": {"b2b"}, "principal": {"1"}, "due": {"2025-01-01"}, "payment": {"2025-01-02"}},
		"contract_rate": {"kind": {"b2b"}, "principal": {"1"}, "due": {"2025-01-01"}, "contract_rate": {"1.234"}},
	} {
		_, _, err := legal.ParseClaim(bad, today)
		var e *ledger.Error
		if ledger.ErrorCode(err) != ledger.EInvalid || !asField(err, &e) || e.Field != field {
			t.Errorf("%s: %v", field, err)
		}
	}
}

func asField(err error, e **ledger.Error) bool {
	le, ok := err.(*ledger.Error)
	*e = le
	return ok
}

// FuzzParseClaim: whatever a form or a query string holds, reading it and
// computing never panics, and a claim read without error either computes
// or is refused with a domain error.
func FuzzParseClaim(f *testing.F) {
	f.Add("b2b", "10000.00", "2025-03-31", "2025-09-30", "", "2025-05-15=4000", "12.5")
	f.Add("b2c", "1 200,00", "2025-01-31", "2025-08-09", "2025-05-10", "", "")
	f.Add("public", "(12,00)", "2024-02-29", "2030-01-01", "", "2024-03-01=1", "0")
	tbl := legalfr.Default()
	today := civil.MustParse("2025-06-15")
	f.Fuzz(func(t *testing.T, kind, principal, due, until, notice, payment, rate string) {
		q := url.Values{"kind": {kind}, "principal": {principal}, "due": {due}, "until": {until}, "notice": {notice},
			"payment": {payment}, "contract_rate": {rate}}
		c, s, err := legal.ParseClaim(q, today)
		if err != nil {
			if ledger.ErrorCode(err) != ledger.EInvalid {
				t.Fatalf("read error %v is not invalid", err)
			}
			return
		}
		if c.Until.Year-c.Due.Year > 50 { // keep each run short
			return
		}
		if _, err := legalfr.Compute(tbl, c, s); err != nil && ledger.ErrorCode(err) != ledger.EInvalid {
			t.Fatalf("compute error %v is not invalid", err)
		}
	})
}
