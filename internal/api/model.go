package api

import (
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/money"
)

// amount is money in JSON: integer minor units and an ISO 4217 currency.
type amount struct {
	Minor    int64  `json:"minor"`
	Currency string `json:"currency"`
}

func toAmount(m money.Amount) amount {
	return amount{Minor: m.Minor, Currency: string(m.Currency)}
}

// optDate is a date that may be absent: null rather than "".
func optDate(d civil.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}
