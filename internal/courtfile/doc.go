// Package courtfile prepares the judicial step of a collection: which
// procedure fits an unpaid claim, before which court, and the file the
// creditor hands to the court's registry or to a commissaire de justice.
//
// The choice is made by pure functions of a Case, with no I/O and no
// clock: Procedures weighs the injonction de payer (CPC 1405–1425), the
// new recouvrement des créances commerciales incontestées (CPCE L126-1 and
// following, loi of 23 April 2026) and the procédure simplifiée de
// recouvrement des petites créances (CPCE L125-1); Court names the court
// and the form for an injonction de payer. Every answer carries a stable
// code with a French and an English sentence, so that the interface, the
// API and the file itself say the same thing without this package
// depending on a catalogue. Rules found in a single source, or whose
// article numbers are recent, are marked Check: the user must verify them
// on Légifrance before relying on them.
//
// Bundle then writes the court file as one ZIP: a French index to print,
// the request laid out as the Cerfa asks (or the cover note to the
// commissaire de justice), the exhibits, and a machine-readable case.json.
// The amounts are those of the interest engine (legalfr.Statement), never
// recomputed here, so the file cannot disagree with the letters already
// sent.
//
// This is a tool to prepare a file, not legal advice: the notes say where
// the user must decide or check.
package courtfile
