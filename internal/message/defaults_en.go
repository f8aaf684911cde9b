package message

import "github.com/recouvre/recouvre/internal/ledger"

// The English templates say what the French ones say, for debtors who
// read English; the law quoted is French law, named in French where a
// reader would need to find it.
var catalogueEN = catalogue{
	lang: "en",
	snippets: map[string]string{
		"greet": `{{if .Debtor.Public}}Dear Sir or Madam,{{else if .Debtor.ContactName}}Dear {{.Debtor.ContactName}},{{else}}Hello,{{end}}`,

		"agency": `{{if .Agency.Name}}{{if .Agency.FirstLetterRef}}We are writing again, on behalf of {{.Creditor.Name}}, about our letter of {{date .Agency.FirstLetterDate}} (ref. {{.Agency.FirstLetterRef}}). As a reminder, {{.Agency.Name}} carries out amicable debt collection.{{else}}{{.Agency.Name}}{{with .Agency.AddressLine}} ({{.}}){{end}} carries out amicable debt collection. We are acting in the name and on behalf of {{.Creditor.Name}}{{with .Creditor.AddressLine}} ({{.}}){{end}}, who has entrusted us with the amicable collection of the sums below.{{end}}

{{end}}`,

		"agency_law": `{{if .Agency.Name}}{{if not .Agency.FirstLetterRef}}The costs of our work are borne by {{.Creditor.Name}}; they are not claimed from you. As article R124-4 of the French Code of Civil Enforcement Procedures requires, here is the text of paragraphs 2 and 3 of its article L111-8:
{{.L111_8}}
Unofficial translation:
{{.L111_8EN}}

{{end}}{{end}}`,

		"ways": `{{if and .ReplyEmail .ReplyPhone}} by email at {{.ReplyEmail}} or by phone on {{.ReplyPhone}}{{else if .ReplyEmail}} by email at {{.ReplyEmail}}{{else if .ReplyPhone}} by phone on {{.ReplyPhone}}{{end}}`,

		"penalties": `{{if .ShowPenalties}}{{if .Debtor.Business}}{{if .Soft}}We would like to point out that, under{{else}}Under{{end}} article L441-10 of the French Commercial Code, any late payment gives rise, as of right and from the day after the due date, to late-payment penalties{{with .InterestRateText}} at the {{.}}{{end}}, and to a fixed indemnity of €40 per invoice for recovery costs (article D441-5 of the same code).{{else if .Debtor.Public}}Under articles L2192-13 and R2192-31 of the French Public Procurement Code, exceeding the maximum payment period gives rise, as of right, to late-payment interest{{with .InterestRateText}} at the {{.}}{{end}} and to a fixed indemnity of €40 for recovery costs.{{else}}The sums due bear interest at the statutory rate {{if .NoticeDate.IsZero}}from our formal notice{{else}}since our formal notice of {{date .NoticeDate}}{{end}} (article 1344-1 of the French Civil Code).{{end}}{{end}}`,

		"payment": `{{if .PortalURL}}To see your invoices and pay online{{if not .Debtor.Public}}, or to propose a payment plan{{end}}: {{.PortalURL}}

{{end}}{{if .PayIBAN}}{{if .Debtor.Public}}Payment by bank transfer, ordered by your public accountant:{{else}}Payment by bank transfer:{{end}}
- payee: {{.Payee}}
- IBAN: {{iban .PayIBAN}}{{with .PayBIC}}
- BIC: {{.}}{{end}}{{with .PaymentRef}}
- reference to quote: {{.}}{{end}}{{else if .PaymentRef}}Please quote the reference {{.PaymentRef}} with your payment.{{end}}`,

		"contact": `{{if .Debtor.Consumer}}If you dispute all or part of this amount, if you have already paid it, or if you have difficulty paying, please contact us[[ways]]: we will look into your situation and can offer you a payment plan.{{if .Creditor.Mediator}} In the event of a dispute, you may refer it free of charge to the consumer mediator: {{.Creditor.Mediator}}.{{end}}{{else}}If you have any question, or if you dispute any of these invoices, please contact us[[ways]].{{end}}`,

		"already_paid_email":  `If your payment has reached us in the meantime, please disregard this message.`,
		"already_paid_letter": `If your payment has reached us in the meantime, please disregard this letter.`,

		"sign": `{{if .Soft}}Thank you in advance for your attention to this matter; we remain at your disposal.{{else}}Thank you in advance for your payment.{{end}}

Kind regards,

{{if .Sender.Name}}{{.Sender.Name}}{{with .Sender.Role}}, {{.}}{{end}}
{{end}}{{.From}}{{if .Agency.Name}}, on behalf of {{.Creditor.Name}}{{end}}{{with .Sender.Phone}}
Tel. {{.}}{{end}}`,

		"letter_close": `Yours faithfully,`,

		"numbers": `{{plural .Count "invoice" "invoices"}}{{if .Invoices}} no. {{.InvoiceNumbers}}{{end}}`,

		"sms_from":     `{{.From}}{{if .Agency.Name}} for {{.Creditor.Name}}{{end}}`,
		"sms_consumer": `{{if and .Debtor.Consumer .ReplyPhone}} Disagreement or difficulty? Call {{.ReplyPhone}}.{{end}}`,

		"r1_intro": `{{if .Soft}}Unless we are mistaken, we have not yet received payment of the {{plural .Count "invoice below, which is" "invoices below, which are"}} now due. May we kindly remind you of {{plural .Count "it" "them"}}.{{else if .Debtor.Consumer}}Unless we are mistaken, we have not yet received payment of the {{plural .Count "invoice below, whose due date has passed" "invoices below, whose due date has passed"}}.{{else}}Unless we are mistaken, the {{plural .Count "invoice below remains" "invoices below remain"}} unpaid to date, although {{plural .Count "its due date has" "their due date has"}} passed.{{end}}`,
		"r1_ask":   `{{if .Debtor.Public}}As the maximum payment period has been exceeded, we would be grateful if you would order payment of {{plural .Count "this invoice" "these invoices"}} as soon as possible{{if .HasChorus}} (Chorus Pro references above){{end}}.{{else if .Soft}}We would be grateful if you would settle {{money .Grand}} as soon as possible, or let us know when payment will be made.{{else}}This is probably an oversight: we would be grateful if you would settle {{money .Grand}} as soon as possible.{{end}}`,

		"r2_intro": `{{if .Soft}}Despite our previous reminder, we note that the {{plural .Count "invoice below is" "invoices below are"}} still unpaid, and we take the liberty of writing to you again.{{else}}Despite our previous reminder, the {{plural .Count "invoice below remains" "invoices below remain"}} unpaid.{{end}}{{if .MaxDaysLate}} {{if gt .Count 1}}The oldest is{{else}}It is{{end}} now {{.MaxDaysLate}} {{plural .MaxDaysLate "day" "days"}} overdue.{{end}}`,
		"r2_ask":   `{{if .Debtor.Public}}Please order payment of {{money .Grand}} without delay, or tell us what prevents payment (service not yet certified, invoice to be corrected or rejected in Chorus Pro).{{else if .Debtor.Consumer}}Please pay {{money .Grand}} as soon as possible.{{else if .Soft}}We would be grateful if you would settle {{money .Grand}}, or let us know when payment will be made.{{else}}Please settle {{money .Grand}} without delay.{{end}}`,

		"final_intro": `Despite our previous reminders{{if .History}} ({{range $i, $h := .History}}{{if $i}}, {{end}}{{date $h.On}}{{end}}){{end}}, the {{plural .Count "invoice below remains" "invoices below remain"}} unpaid.`,
		"final_ask": `{{if .Soft}}We would be grateful if you would pay{{else if .Debtor.Public}}Please order payment of{{else}}Please pay{{end}} {{money .Grand}} {{if .PayBy.IsZero}}within eight days{{else}}by {{date .PayBy}} at the latest{{end}}.

Failing payment {{if .PayBy.IsZero}}within that time{{else}}by that date{{end}}, {{if .Soft}}we would have to send you a formal notice to pay{{else}}we will send you a formal notice to pay{{end}}{{if .Debtor.Consumer}}, from which interest at the statutory rate will run (article 1344-1 of the French Civil Code){{else}}, setting out the sums due{{end}}. This is our last amicable reminder before that step.`,

		"notice_intro": `Despite our reminders, {{plural .Count "invoice" "invoices"}}{{if .Invoices}} no. {{.InvoiceNumbers}}{{end}} {{plural .Count "remains" "remain"}} unpaid to date.`,
	},
	templates: []shipped{
		{key: KeyPreDue, ch: ledger.ChannelEmail, name: "Reminder before the due date",
			subject: `{{if .Soft}}For your information: upcoming due date{{else}}Friendly reminder: upcoming due date{{end}}{{if .Invoices}} of {{date .NextDue}}{{end}} — {{.From}}`,
			body: `[[greet]]

[[agency]]{{if .Soft}}May we let you know that the {{plural .Count "invoice below falls" "invoices below fall"}} due shortly{{else}}A friendly reminder: the {{plural .Count "invoice below falls" "invoices below fall"}} due soon{{end}}{{if .Invoices}}, {{if gt .Count 1}}the first one {{end}}on {{date .NextDue}}{{end}}.

{{invoiceTable}}

{{if .Debtor.Public}}So that the maximum payment period is met, we would be grateful if you would pass {{plural .Count "it" "them"}} on now to your public accountant for payment{{if .HasChorus}} (Chorus Pro references above){{end}}.{{else}}If payment is already scheduled, please disregard this message.{{end}}

[[payment]]

[[contact]]

[[sign]]
`},
		{key: KeyPreDue, ch: ledger.ChannelSMS, name: "Reminder before the due date (SMS)",
			body: `{{if .Soft}}For your information, from [[sms_from]].{{else}}Friendly reminder from [[sms_from]].{{end}} Your {{plural .Count "invoice" "invoices"}} of {{money .Total}} {{plural .Count "falls" "fall"}} due on {{date .NextDue}}.{{if .PortalURL}} Details and payment at {{.PortalURL}}{{else if .ReplyPhone}} Questions? Call {{.ReplyPhone}}.{{end}} If already paid, please ignore this SMS.`},

		{key: KeyReminder1, ch: ledger.ChannelEmail, name: "First reminder",
			subject: `{{if .Soft}}{{plural .Count "Invoice" "Invoices"}} awaiting payment{{else}}Reminder: {{plural .Count "overdue invoice" "overdue invoices"}}{{end}} — {{money .Grand}} — {{.From}}`,
			body: `[[greet]]

[[agency]][[r1_intro]]

{{invoiceTable}}

[[r1_ask]]

[[penalties]]

[[payment]]

[[already_paid_email]]

[[contact]]

[[agency_law]][[sign]]
`},
		{key: KeyReminder1, ch: ledger.ChannelSMS, name: "First reminder (SMS)",
			body: `[[sms_from]]. Unless we are mistaken, your {{plural .Count "invoice" "invoices"}} of {{money .Total}} {{plural .Count "has" "have"}} been unpaid since {{date .OldestDue}}.{{if .PortalURL}} Details and payment at {{.PortalURL}}{{else if .ReplyPhone}} Questions? Call {{.ReplyPhone}}.{{end}}[[sms_consumer]] Already paid? Please ignore this SMS.`},

		{key: KeyReminder2, ch: ledger.ChannelEmail, name: "Firm reminder",
			subject: `{{if .Soft}}Second reminder{{else}}Reminder{{end}}: {{plural .Count "unpaid invoice" "unpaid invoices"}} — {{money .Grand}} — {{.From}}`,
			body: `[[greet]]

[[agency]][[r2_intro]]

{{invoiceTable}}

[[r2_ask]]

[[penalties]]

[[payment]]

[[already_paid_email]]

[[contact]]

[[agency_law]][[sign]]
`},
		{key: KeyReminder2, ch: ledger.ChannelSMS, name: "Firm reminder (SMS)",
			body: `Reminder from [[sms_from]]. Despite our reminder, your {{plural .Count "invoice" "invoices"}} of {{money .Total}} {{plural .Count "remains" "remain"}} unpaid. Please pay without delay{{if .PortalURL}} at {{.PortalURL}}{{end}}{{if .ReplyPhone}}{{if .PortalURL}} or{{end}} call us on {{.ReplyPhone}}{{end}}.{{if .Debtor.Consumer}} A payment plan is possible.{{end}}`},
		{key: KeyReminder2, ch: ledger.ChannelLetter, name: "Firm reminder (letter)",
			subject: `Reminder — [[numbers]]`,
			body: `Dear Sir or Madam,

[[agency]][[r2_intro]]

{{invoiceTable}}

[[r2_ask]]

[[penalties]]

[[payment]]

[[already_paid_letter]]

[[contact]]

[[agency_law]][[letter_close]]
`},

		{key: KeyFinal, ch: ledger.ChannelEmail, name: "Last reminder before formal notice",
			subject: `Last reminder before formal notice — {{money .Grand}} — {{.From}}`,
			body: `[[greet]]

[[agency]][[final_intro]]

{{invoiceTable}}

[[final_ask]]

[[penalties]]

[[payment]]

[[already_paid_email]]

[[contact]]

[[agency_law]][[sign]]
`},
		{key: KeyFinal, ch: ledger.ChannelLetter, name: "Last reminder before formal notice (letter)",
			subject: `Last reminder before formal notice — [[numbers]]`,
			body: `Dear Sir or Madam,

[[agency]][[final_intro]]

{{invoiceTable}}

[[final_ask]]

[[penalties]]

[[payment]]

[[already_paid_letter]]

[[contact]]

[[agency_law]][[letter_close]]
`},

		{key: KeyFormalNotice, ch: ledger.ChannelEmail, name: "Formal notice (cover email)",
			subject: `Formal notice to pay — [[numbers]] — {{.From}}`,
			body: `[[greet]]

[[agency]][[notice_intro]] {{if .Attached}}Please find attached our formal notice to pay {{money .Grand}}{{else}}We are sending you a formal notice to pay {{money .Grand}}{{end}}{{if .Registered}}{{if .Attached}}, which is also sent to you{{else}}, sent{{end}} by registered post with acknowledgment of receipt{{end}}.

{{invoiceTable}}

The formal notice sets out the sums due and the time allowed for payment{{if not .PayBy.IsZero}}: by {{date .PayBy}} at the latest{{end}}.{{if .Debtor.Consumer}} From it, interest at the statutory rate runs on these sums (article 1344-1 of the French Civil Code).{{end}}

[[payment]]

[[contact]]

[[agency_law]][[sign]]
`},
		{key: KeyFormalNotice, ch: ledger.ChannelLetter, name: "Formal notice (cover letter)",
			subject: `Formal notice to pay — [[numbers]]`,
			body: `Dear Sir or Madam,

[[agency]][[notice_intro]] Please find enclosed our formal notice to pay {{money .Grand}}{{if not .PayBy.IsZero}} by {{date .PayBy}} at the latest{{end}}.{{if .Debtor.Consumer}} From it, interest at the statutory rate runs on this sum (article 1344-1 of the French Civil Code).{{end}}

[[contact]]

[[agency_law]][[letter_close]]
`},

		{key: KeyCall, ch: ledger.ChannelCall, name: "Reminder call",
			subject: `Call — {{.Debtor.Name}} — {{money .Total}}`,
			body: `Reminder call — {{.Debtor.Name}}{{with .Debtor.Ref}} (customer {{.}}){{end}}

Context
- Person to speak to: {{if .Debtor.ContactName}}{{.Debtor.ContactName}}{{else}}to be found (accounts or purchasing department){{end}}{{with .Debtor.Phone}}, tel. {{.}}{{end}}
- Customer type: {{if .Debtor.Consumer}}consumer{{else if .Debtor.Public}}public body{{else}}business{{end}}{{if .Soft}}, large account: especially courteous tone{{end}}
- Outstanding: {{money .Total}} on {{.Count}} {{plural .Count "invoice" "invoices"}}{{if .MaxDaysLate}}, oldest {{.MaxDaysLate}} {{plural .MaxDaysLate "day" "days"}} overdue{{end}}{{if .HasInterest}}
- Interest to date: {{money .Interest}}{{end}}{{if .HasIndemnity}}
- Fixed recovery indemnities: {{money .Indemnity}}{{end}}{{if .History}}
- Reminders already sent: {{range $i, $h := .History}}{{if $i}}; {{end}}{{date $h.On}} ({{channel $h.Channel}}{{with $h.Step}}, {{.}}{{end}}){{end}}{{end}}{{if not .NoticeDate.IsZero}}
- Formal notice sent on {{date .NoticeDate}}{{end}}

{{invoiceTable}}

Course of the call
1. Introduce yourself: {{with .Sender.Name}}{{.}}, {{end}}{{if .Agency.Name}}{{.Agency.Name}}, amicable debt collection agency, on behalf of {{.Creditor.Name}}{{else}}{{.Creditor.Name}}{{end}}. Make sure you are speaking to the debtor or their representative before mentioning the debt.
2. Go through the invoices and the amount, then ask whether they were received{{if .Debtor.Public}}, whether the service has been certified and whether they were approved in Chorus Pro{{else}} and approved{{end}}.
3. Ask when and how payment will be made; get a precise commitment: an amount and a date.
4. If the debtor disputes, note the reason and the invoices concerned: a dispute will be opened and reminders paused.
5. If the debtor has difficulty paying, offer a payment plan{{if .PortalURL}} (they can also propose one online: {{.PortalURL}}){{end}}.
6. Give the payment details{{with .PayIBAN}} (IBAN {{iban .}}){{end}}{{with .PaymentRef}} and the reference {{.}}{{end}}, then confirm in writing what was agreed.

Rules
- Courteous and factual: no threat, no pressure{{if .Debtor.Consumer}} (French consumer law forbids aggressive practices){{end}}.
- Announce no step that has not been decided; never mention a criminal complaint or sanction.
- Discuss the debt only with the debtor or their representative.{{if .Debtor.Consumer}}
- Claim no collection costs: they are borne by the creditor (article L111-8 of the French Code of Civil Enforcement Procedures).{{end}}

Outcome to record: paid, promise to pay (amount and date), dispute, no answer, wrong number, call back (date and time).
`},

		{key: KeyHandoff, ch: ledger.ChannelCall, name: "Litigation hand-off",
			subject: `Litigation hand-off — {{.Debtor.Name}} — {{money .Grand}}`,
			body: `Litigation hand-off — {{.Debtor.Name}}{{with .Debtor.Ref}} (customer {{.}}){{end}}

Amicable collection has failed. Before passing the file to a commissaire de justice (bailiff) or a lawyer, or filing an application, check it and gather the documents below.

File
- Creditor: {{.Creditor.Name}}{{with .Creditor.SIREN}} (SIREN {{.}}){{end}}{{if .Agency.Name}}
- Amicable collection entrusted to: {{.Agency.Name}}{{with .Agency.FirstLetterRef}} (first letter ref. {{.}}){{end}}{{end}}
- Debtor: {{.Debtor.Name}}{{if .Debtor.Consumer}}, consumer{{else if .Debtor.Public}}, public body{{else}}, business{{end}}{{with .Debtor.SIREN}} (SIREN {{.}}){{end}}
- Principal outstanding: {{money .Total}}{{if .HasInterest}}
- Interest to date: {{money .Interest}}{{with .InterestRateText}} ({{.}}){{end}}{{end}}{{if .HasIndemnity}}
- Fixed recovery indemnities: {{money .Indemnity}}{{end}}
- Total: {{money .Grand}}
- Formal notice: {{if .NoticeDate.IsZero}}none recorded; send one before any action{{else}}sent on {{date .NoticeDate}}{{if .Registered}} by registered post with acknowledgment of receipt (attach the receipt){{end}}{{end}}{{if .History}}
- Reminders: {{range $i, $h := .History}}{{if $i}}; {{end}}{{date $h.On}} ({{channel $h.Channel}}{{with $h.Step}}, {{.}}{{end}}){{end}}{{end}}

{{invoiceTable}}

Checks
- No invoice is disputed; otherwise settle the dispute first.
- The debtor is not in insolvency proceedings (see the BODACC); otherwise declare the claim to the mandataire judiciaire within two months of the judgment's publication.
- Limitation: {{if .Debtor.Consumer}}2 years against a consumer (article L218-2 of the French Consumer Code){{else if .Debtor.Public}}4 years from 1 January of the year after the claim arose (déchéance quadriennale, law no. 68-1250 of 31 December 1968){{else}}5 years (article L110-4 of the French Commercial Code){{end}}{{if .Invoices}}; oldest due date: {{date .OldestDue}}{{end}}. A formal notice does not interrupt limitation; a part payment or an acknowledgment of the debt does.
- The amount at stake justifies the cost of the procedure.

Documents to gather
- the invoices, the signed quote or purchase order, the accepted terms of sale;
- proof of delivery or performance (delivery note, acceptance report{{if .Debtor.Public}}, certificate of service performed{{end}});
- the formal notice and its receipt, the reminders and the exchanges with the debtor;
- an up-to-date statement of account.

Route to consider
{{if .Debtor.Public}}- Public body: no payment order and no forced enforcement against a public person. As a rule, a claim to the authorising officer and the public accountant, then an interim payment application (référé-provision) before the administrative court.{{else if .Debtor.Consumer}}- Undisputed claim: application for a payment order (injonction de payer) to the tribunal judiciaire of the debtor's home.{{if .SmallClaim}}
- Amount of €5,000 or less: simplified small-claims procedure through a commissaire de justice (article L125-1 of the French Code of Civil Enforcement Procedures), if the debtor agrees.{{end}}{{else}}- Undisputed commercial claim: procedure for undisputed commercial claims through a commissaire de justice (articles L126-1 et seq. of the French Code of Civil Enforcement Procedures), or an application for a payment order to the commercial court of the debtor's registered office.
- Claim that cannot seriously be contested: interim payment application (référé-provision).{{end}}
`},
	},
}
