// Package message holds the words of every reminder recouvre sends: the
// shipped templates (French and English) for each step and channel, the
// data a template may use, the checks an organization's own template
// must pass before anything is sent, and the renderers that turn a
// template and its data into an email (text and HTML parts), an SMS, a
// call script or a PDF letter, alone or in the day's print batch.
//
// Templates are Go text/template sources. A template sees a Data value
// and a few functions:
//
//	money        formats an amount for the message's language
//	             ("1 234,56 €" / "€1,234.56")
//	date         formats a date ("15 juin 2026" / "15 June 2026"; in an
//	             SMS "15/06/2026", shorter and within the GSM alphabet)
//	invoiceTable the invoices and their totals: an aligned text table in
//	             the text part, an HTML table in the HTML part, a ruled
//	             table in a letter
//	plural       plural N "facture" "factures": French takes the singular
//	             for 0 and 1, English for 1 only
//	iban         an IBAN in groups of four
//	channel      the name of a channel ("courriel", "SMS", …)
//
// French output follows French typography: Render adds the no-break
// spaces before « : », inside « guillemets » and in amounts, and the
// narrow no-break space before ; ! ?, so that an organization's template
// written with ordinary spaces prints right. An SMS keeps to the GSM 03.38
// alphabet where it can: no-break spaces become spaces and typographic
// quotes become plain ones, since one character outside the alphabet
// turns the whole message into UCS-2 and more than doubles its cost.
//
// What a message may say is bounded by the law (see docs/legal.md): the
// €40 recovery indemnity and the commercial penalties only for a
// business or a public body, legal interest for a consumer only after a
// formal notice, no threat of a step that is not decided, nothing that
// looks like a court document. The shipped templates keep to it and the
// tests pin it.
package message
