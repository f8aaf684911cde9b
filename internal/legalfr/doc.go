// Package legalfr holds the French legal rules recouvre computes with, as
// plain functions of their inputs, with no I/O: the rate tables (the ECB
// main refinancing rate and the taux de l'intérêt légal), late-payment
// interest and the recovery indemnity for business, consumer and public
// debtors, limitation periods, public holidays and payment terms.
// docs/legal.md lists each rule, its article and the test that pins it.
package legalfr
