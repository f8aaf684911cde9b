package fec

import (
	"fmt"
	"strings"

	"github.com/recouvre/recouvre/internal/money"
)

// Options tune Parse. The zero value reads a euro FEC with detection of
// its character set.
type Options struct {
	// Encoding forces the character set ("UTF-8", "Windows-1252",
	// "ISO-8859-15"); empty detects it.
	Encoding string
	// Currency of the book; empty means "EUR".
	Currency money.Currency
	// CustomerPrefixes are the beginnings of the customer accounts;
	// empty means DefaultCustomerPrefixes. Accounts under 418 and 419
	// are left out unless a prefix names them.
	CustomerPrefixes []string
}

// DefaultCustomerPrefixes are the customer accounts of the French chart
// of accounts: 411 customers, 416 doubtful or disputed customers.
var DefaultCustomerPrefixes = []string{"411", "416"}

// excludedPrefixes are accounts under 41 that are not receivables to
// collect: 418 invoices still to issue, 419 advances received.
var excludedPrefixes = []string{"418", "419"}

// settings are Options checked and filled with their defaults.
type settings struct {
	encoding string
	currency money.Currency
	prefixes []string
	excluded []string
}

func (o Options) settings() (settings, error) {
	s := settings{encoding: o.Encoding, currency: o.Currency}
	if s.currency == "" {
		s.currency = "EUR"
	}
	if !s.currency.Valid() {
		return settings{}, fmt.Errorf("fec: invalid currency %q", o.Currency)
	}
	for _, p := range o.CustomerPrefixes {
		if p = strings.TrimSpace(p); p != "" {
			s.prefixes = append(s.prefixes, p)
		}
	}
	if len(s.prefixes) == 0 {
		s.prefixes = DefaultCustomerPrefixes
	}
	for _, x := range excludedPrefixes {
		named := false
		for _, p := range s.prefixes {
			if strings.HasPrefix(p, x) {
				named = true
			}
		}
		if !named {
			s.excluded = append(s.excluded, x)
		}
	}
	return s, nil
}

// customer reports whether account is a customer account.
func (s *settings) customer(account []byte) bool {
	for _, x := range s.excluded {
		if hasPrefix(account, x) {
			return false
		}
	}
	for _, p := range s.prefixes {
		if hasPrefix(account, p) {
			return true
		}
	}
	return false
}
