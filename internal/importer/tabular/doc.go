// Package tabular reads the receivables that small firms export from their
// accounting software or spreadsheet — an aged balance ("balance âgée"), a
// customer ledger ("grand livre clients"), a list of unpaid invoices — as
// CSV or Excel (.xlsx) files, and streams one receivable.Record per data
// row, or one receivable.Issue per value it cannot read, to a
// receivable.Sink.
//
// The reading has three layers, each in its own files:
//
//   - rows: a CSV reader that detects the delimiter, decodes the text
//     through package textenc and keeps the physical line where each
//     record starts (csv_reader.go, delimiter.go), and an Excel reader
//     streaming a sheet with excelize (xlsx.go); the header row is found
//     among the first rows, after any preamble (header.go);
//   - columns: a Mapping from our fields to the file's headers, detected
//     from French and English synonyms (synonyms.go, mapping.go) or given
//     by the user;
//   - values: dates (date.go), amounts (amount.go), document kinds
//     (doctype.go) and debtor details (debtor.go), turned into a Record
//     or into Issues (record.go).
//
// Nothing holds all the rows: memory stays flat whatever the file's length,
// except for one small entry per invoice number (two hashes and a line,
// about 50 bytes), kept to report the same number read twice with
// different content. A workbook is the exception excelize imposes: its
// small parts are held in memory, its large sheets unzipped to temporary
// files (xlsx.go).
package tabular
