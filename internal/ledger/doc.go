// Package ledger holds recouvre's domain: organizations and their creditors,
// debtors and their contacts, invoices and credit notes, payments and the
// allocations (lettrage) that settle one with the other.
//
// It is plain Go with no I/O: the store persists these types, the services
// apply the rules defined here, and the edges show them. Amounts are integer
// minor units (see package money); dates are civil dates in Europe/Paris.
package ledger
