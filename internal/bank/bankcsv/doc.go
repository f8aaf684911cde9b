// Package bankcsv reads the account lines a bank exports as CSV or Excel
// (.xlsx) into the statement shape, through a Mapping of its columns that
// DetectMapping proposes from French and English headers and that a user
// saves under a name for the next exports of the same bank.
//
// # Rows
//
// A CSV file's character set is detected by package textenc (UTF-8 with
// or without BOM, Windows-1252, ISO-8859-15); its delimiter (; , tab |)
// is the one whose count is the same on most of the first lines, outside
// quotes, unless an Excel "sep=;" first line says it; quotes are read
// leniently; CR LF, CR CR LF and lone CR end lines like LF. A label
// quoted over a few lines is one row, numbered by its first line; a row
// spanning more than 20 lines is a quote never closed, reported and left
// out. A workbook's first sheet (or Options.Sheet) is streamed by
// excelize with raw cell values; its line numbers are row numbers.
//
// The header is the first of the first HeaderWindow rows in which the
// mapping finds a booking date and an amount (one Amount column, or
// Debit and/or Credit), or the row Options.HeaderLine names. The rows
// before it are a preamble: "Key : value" cells (or a key cell and a
// value cell) give the account number, bank code, owner and currency
// ("Numéro de compte : …", "Bank code : …", ": EUR"), and a cell holding
// an IBAN gives it. A row repeating the header is skipped.
//
// # Lines
//
// A data row is skipped silently when it is blank, when its date cell
// holds no date and it speaks of a balance or a total ("Solde au …",
// "Balance at end of period", "Total"), or when it has neither a date nor
// an amount (a title inside the table). A balance line that says which
// it is (début, start, initial, ancien… or fin, end, final, nouveau…),
// before the header or after the rows, gives the statement's opening or
// closing balance; when both are found in a single-currency file the
// statement HasBalances, and an issue reports entries that do not lead
// from one to the other (the 2-cent gap of one sample).
//
// Dates are numeric (31/01/2024, 31.01.24, 31-01-2024 10:22), in the
// order Mapping.DateFormat gives; with none, month first when some date
// only reads month first (12/15/2018) and none only reads day first,
// else day first. A date that starts with a four-digit year, YYYYMMDD
// and, in a workbook, Excel serial numbers (1900 or 1904 system) read
// whatever the order. Two-digit years 00–69 are 20xx.
//
// Amounts are what money.Parse reads (1 234,56, "-50,00", 1,058.09,
// (12,00), 12,00-, 12,50 €); a workbook's numbers are machine decimals,
// rounded half away from zero to the currency's decimals. Direction:
//
//   - one Amount column: its sign, unless a Direction (D/C) column is
//     mapped and filled, which then decides alone, the sign being
//     ignored. Files with an indicator often write amounts unsigned or
//     with the bank's sign; in the sample that has both, the indicator
//     disagrees with the sign on both rows and the running balance
//     proves the indicator right. An indicator the package does not know
//     is reported and the row left out.
//   - Debit and Credit columns: the column decides, whatever the sign
//     written in it (many French exports write debits negative); a zero
//     counts as empty; a row with both a debit and a credit is reported
//     and left out.
//
// A zero amount is kept, as a debit. Only credits are money in; debits
// are kept as entries with Credit false.
//
// # What comes out
//
// Each row is one Entry: the reference its Ref, the label and the detail
// its Text (joined by " / "), its Line the row's. It carries one
// Transaction when the row names a counterparty, a counterparty IBAN
// (kept only when it is a valid IBAN) or a document (an invoice number
// the payer gave, in DocumentNumbers). The currency is the row's
// currency cell, else Mapping.Currency, Options.Currency, the
// preamble's, EUR; a file mixing currencies (PayPal) gives one Statement
// per currency, in the order they appear, From and To spanning its
// booking dates. The account is Options.Account completed by the
// preamble.
//
// # Errors
//
// A row whose date, amount, direction or currency cannot be read is
// reported as a statement.Issue (its line, the column's header, the
// cell's text) and left out; an unreadable value date is reported and
// the entry kept without it. A file that cannot be read at all (empty,
// no header, a column the saved mapping names absent, an old .xls or an
// .ods, a damaged workbook, more than MaxInputBytes) is a returned error
// wrapping a statement.Issue.
//
// # Memory
//
// The file is read whole (up to MaxInputBytes) and its rows are kept
// until the end, since the date order may depend on the last one: about
// three times the file's size at the peak for a CSV file. A workbook is
// refused when its parts declare more than a gigabyte once unzipped;
// excelize keeps its large sheets in temporary files.
package bankcsv
