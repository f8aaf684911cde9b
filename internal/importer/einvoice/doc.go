// Package einvoice reads French and European electronic invoices into
// receivable records: Factur-X and ZUGFeRD PDFs (a PDF/A-3 or PDF/A-4 with
// the invoice XML attached), UN/CEFACT Cross Industry Invoice XML (CII
// D16B of Factur-X and ZUGFeRD 2, and the older ZUGFeRD 1.0
// CrossIndustryDocument) and OASIS UBL 2.1 Invoice and CreditNote
// documents (EN 16931, Peppol BIS 3, XRechnung, French CTC).
//
// An e-invoice is one document: Parse emits at most one Record, on line 1,
// for the buyer (BG-7), who is the debtor. The fields come from the
// EN 16931 business terms: number BT-1, type BT-3, issue date BT-2, due
// date BT-9, currency BT-5, total with VAT BT-112, amount due BT-115,
// payment terms BT-20, payment means BT-81/82 and the seller's account
// BT-84. A field that cannot be read is reported to the sink as an Issue
// naming its element, and no record is emitted; a fault of the whole file
// (not XML, not an invoice, a PDF without an invoice, too large) is
// returned as an *Error.
//
// XML is read with encoding/xml, by local names, so any namespace prefix
// works; encoding/xml expands no external entity, and the reader caps the
// nesting depth and the number of elements it keeps. PDFs are read
// without a PDF library: the package scans the file's objects (object
// streams included), follows the file specifications (/EF) to the
// embedded files, inflates them with compress/zlib under size limits, and
// falls back to sniffing decoded streams for an invoice root.
package einvoice
