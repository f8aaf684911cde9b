package message

import "github.com/recouvre/recouvre/internal/ledger"

// The French templates are written with ordinary spaces before : ; ! ?
// and inside « » (Render puts the no-break spaces), and with the
// typographic apostrophe. The SMS keep to the GSM alphabet: plain ' and
// ", no colon after a space, no ê, â, î, ô, û, ç.
var catalogueFR = catalogue{
	lang: "fr",
	snippets: map[string]string{
		"greet": `{{if .Debtor.Public}}Madame, Monsieur,{{else if .Debtor.ContactName}}Bonjour {{.Debtor.ContactName}},{{else}}Bonjour,{{end}}`,

		// R124-4 CPCE: who collects, that it collects amicably, for whom.
		"agency": `{{if .Agency.Name}}{{if .Agency.FirstLetterRef}}Nous revenons vers vous, pour le compte de notre mandant, {{.Creditor.Name}}, au sujet de notre courrier du {{date .Agency.FirstLetterDate}} (réf. {{.Agency.FirstLetterRef}}). Pour mémoire, {{.Agency.Name}} exerce une activité de recouvrement amiable de créances.{{else}}{{.Agency.Name}}{{with .Agency.AddressLine}} ({{.}}){{end}} exerce une activité de recouvrement amiable de créances. Nous intervenons au nom et pour le compte de notre mandant, {{.Creditor.Name}}{{with .Creditor.AddressLine}} ({{.}}){{end}}, qui nous a confié le recouvrement amiable des sommes ci-dessous.{{end}}

{{end}}`,

		// R124-4 5° CPCE: the first letter quotes L111-8 CPCE.
		"agency_law": `{{if .Agency.Name}}{{if not .Agency.FirstLetterRef}}Les frais de notre intervention restent à la charge de notre mandant, {{.Creditor.Name}} ; ils ne vous sont pas réclamés. En application de l’article R124-4 du Code des procédures civiles d’exécution, voici le texte des alinéas 2 et 3 de l’article L111-8 de ce code :
{{.L111_8}}

{{end}}{{end}}`,

		"ways": `{{if and .ReplyEmail .ReplyPhone}} par courriel à {{.ReplyEmail}} ou par téléphone au {{.ReplyPhone}}{{else if .ReplyEmail}} par courriel à {{.ReplyEmail}}{{else if .ReplyPhone}} par téléphone au {{.ReplyPhone}}{{end}}`,

		// Late-payment penalties, as each law has them.
		"penalties": `{{if .ShowPenalties}}{{if .Debtor.Business}}{{if .Soft}}Nous nous permettons de rappeler que, conformément{{else}}Conformément{{end}} à l’article L441-10 du Code de commerce, tout retard de paiement fait courir de plein droit, dès le lendemain de la date d’échéance, des pénalités de retard{{with .InterestRateText}} au {{.}}{{end}}, ainsi qu’une indemnité forfaitaire pour frais de recouvrement de 40 € par facture (article D441-5 du même code).{{else if .Debtor.Public}}Conformément aux articles L2192-13 et R2192-31 du Code de la commande publique, le dépassement du délai global de paiement fait courir de plein droit des intérêts moratoires{{with .InterestRateText}} au {{.}}{{end}} et ouvre droit à une indemnité forfaitaire pour frais de recouvrement de 40 €.{{else}}Les sommes dues portent intérêts au taux légal {{if .NoticeDate.IsZero}}à compter de notre mise en demeure{{else}}depuis notre mise en demeure du {{date .NoticeDate}}{{end}} (article 1344-1 du Code civil).{{end}}{{end}}`,

		"payment": `{{if .PortalURL}}Pour consulter vos factures et les régler en ligne{{if not .Debtor.Public}}, ou pour nous proposer un échéancier{{end}} : {{.PortalURL}}

{{end}}{{if .PayIBAN}}{{if .Debtor.Public}}Règlement par virement, à l’initiative de votre comptable public :{{else}}Règlement par virement bancaire :{{end}}
- bénéficiaire : {{.Payee}}
- IBAN : {{iban .PayIBAN}}{{with .PayBIC}}
- BIC : {{.}}{{end}}{{with .PaymentRef}}
- référence à indiquer : {{.}}{{end}}{{else if .PaymentRef}}Merci de rappeler la référence {{.PaymentRef}} avec votre règlement.{{end}}`,

		"contact": `{{if .Debtor.Consumer}}Si vous contestez tout ou partie de cette somme, si vous l’avez déjà réglée ou si vous rencontrez des difficultés de paiement, contactez-nous[[ways]] : nous examinerons votre situation et pourrons vous proposer un échéancier.{{if .Creditor.Mediator}} En cas de litige, vous pouvez recourir gratuitement au médiateur de la consommation : {{.Creditor.Mediator}}.{{end}}{{else}}Pour toute question, ou si vous contestez l’une de ces factures, contactez-nous[[ways]].{{end}}`,

		"already_paid_email":  `Si votre règlement nous est parvenu entre-temps, merci de ne pas tenir compte de ce message.`,
		"already_paid_letter": `Si votre règlement nous est parvenu entre-temps, nous vous prions de ne pas tenir compte de ce courrier.`,

		"sign": `{{if .Soft}}Nous vous remercions par avance de l’attention que vous porterez à ce message et restons à votre entière disposition.{{else}}Nous vous remercions par avance de votre règlement.{{end}}

Cordialement,

{{if .Sender.Name}}{{.Sender.Name}}{{with .Sender.Role}}, {{.}}{{end}}
{{end}}{{.From}}{{if .Agency.Name}}
Mandant : {{.Creditor.Name}}{{end}}{{with .Sender.Phone}}
Tél. {{.}}{{end}}`,

		"letter_close": `Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.`,

		"numbers": `{{plural .Count "facture" "factures"}}{{if .Invoices}} n° {{.InvoiceNumbers}}{{end}}`,

		"sms_from":     `{{.From}}{{if .Agency.Name}} pour {{.Creditor.Name}}{{end}}`,
		"sms_consumer": `{{if and .Debtor.Consumer .ReplyPhone}} Désaccord ou difficulté ? Appelez le {{.ReplyPhone}}.{{end}}`,

		// The wording of each stage, shared by email and letter.
		"r1_intro": `{{if .Soft}}Sauf erreur de notre part, nous n’avons pas encore reçu le règlement {{plural .Count "de la facture ci-dessous, arrivée" "des factures ci-dessous, arrivées"}} à échéance. Nous nous permettons de vous {{plural .Count "la" "les"}} rappeler.{{else if .Debtor.Consumer}}Sauf erreur de notre part, nous n’avons pas encore reçu le paiement {{plural .Count "de la facture ci-dessous, dont la date d’échéance est passée" "des factures ci-dessous, dont la date d’échéance est passée"}}.{{else}}Sauf erreur de notre part, {{plural .Count "la facture ci-dessous reste impayée" "les factures ci-dessous restent impayées"}} à ce jour, alors que {{plural .Count "son échéance est dépassée" "leur échéance est dépassée"}}.{{end}}`,
		"r1_ask":   `{{if .Debtor.Public}}Le délai global de paiement étant dépassé, nous vous remercions de bien vouloir procéder au mandatement de {{plural .Count "cette facture" "ces factures"}} dans les meilleurs délais{{if .HasChorus}} (références Chorus Pro indiquées ci-dessus){{end}}.{{else if .Soft}}Nous vous serions reconnaissants de bien vouloir procéder au règlement de {{money .Grand}} dans les meilleurs délais, ou de nous indiquer la date à laquelle il interviendra.{{else}}Il s’agit sans doute d’un simple oubli : nous vous remercions de bien vouloir procéder au règlement de {{money .Grand}} dans les meilleurs délais.{{end}}`,

		"r2_intro": `{{if .Soft}}Malgré notre précédent rappel, nous constatons que {{plural .Count "la facture ci-dessous n’est toujours pas réglée" "les factures ci-dessous ne sont toujours pas réglées"}}, et nous nous permettons de revenir vers vous à ce sujet.{{else}}Malgré notre précédent rappel, {{plural .Count "la facture ci-dessous reste impayée" "les factures ci-dessous restent impayées"}}.{{end}}{{if .MaxDaysLate}} Le retard atteint {{.MaxDaysLate}} {{plural .MaxDaysLate "jour" "jours"}}{{if gt .Count 1}} pour la plus ancienne{{end}}.{{end}}`,
		"r2_ask":   `{{if .Debtor.Public}}Nous vous remercions de bien vouloir procéder sans délai au mandatement de la somme de {{money .Grand}}, ou de nous indiquer ce qui fait obstacle au paiement (service fait non constaté, facture à rectifier ou rejetée dans Chorus Pro).{{else if .Debtor.Consumer}}Nous vous demandons de bien vouloir régler la somme de {{money .Grand}} dans les plus brefs délais.{{else if .Soft}}Nous vous serions reconnaissants de bien vouloir procéder au règlement de la somme de {{money .Grand}}, ou de nous indiquer la date à laquelle il interviendra.{{else}}Nous vous demandons de procéder sans délai au règlement de la somme de {{money .Grand}}.{{end}}`,

		"final_intro": `Malgré nos précédentes relances{{if .History}} ({{range $i, $h := .History}}{{if $i}}, {{end}}{{date $h.On}}{{end}}){{end}}, {{plural .Count "la facture ci-dessous reste impayée" "les factures ci-dessous restent impayées"}}.`,
		"final_ask": `{{if .Soft}}Nous vous serions reconnaissants de bien vouloir régler{{else if .Debtor.Public}}Nous vous demandons de procéder au mandatement de{{else}}Nous vous demandons de régler{{end}} la somme de {{money .Grand}} {{if .PayBy.IsZero}}sous huit jours{{else}}au plus tard le {{date .PayBy}}{{end}}.

Sans règlement de votre part {{if .PayBy.IsZero}}dans ce délai{{else}}à cette date{{end}}, {{if .Soft}}nous nous verrions dans l’obligation de vous adresser une mise en demeure de payer{{else}}nous vous adresserons une mise en demeure de payer{{end}}{{if .Debtor.Consumer}}, qui fera courir les intérêts au taux légal (article 1344-1 du Code civil){{else}}, qui reprendra le détail des sommes dues{{end}}. Il s’agit de notre dernière relance amiable avant cette étape.`,

		"notice_intro": `Malgré nos relances, {{plural .Count "la facture" "les factures"}}{{if .Invoices}} n° {{.InvoiceNumbers}}{{end}} {{plural .Count "reste impayée" "restent impayées"}} à ce jour.`,
	},
	templates: []shipped{
		{key: KeyPreDue, ch: ledger.ChannelEmail, name: "Rappel avant échéance",
			subject: `{{if .Soft}}Information : prochaine échéance{{else}}Petit rappel amical : prochaine échéance{{end}}{{if .Invoices}} du {{date .NextDue}}{{end}} — {{.From}}`,
			body: `[[greet]]

[[agency]]{{if .Soft}}Nous nous permettons de vous informer que {{plural .Count "la facture ci-dessous arrivera" "les factures ci-dessous arriveront"}} prochainement à échéance{{else}}Petit rappel amical : {{plural .Count "la facture ci-dessous arrive" "les factures ci-dessous arrivent"}} bientôt à échéance{{end}}{{if .Invoices}}, {{if gt .Count 1}}la première {{end}}le {{date .NextDue}}{{end}}.

{{invoiceTable}}

{{if .Debtor.Public}}Afin que le délai global de paiement soit respecté, nous vous remercions de bien vouloir {{plural .Count "la" "les"}} transmettre dès à présent pour mandatement à votre comptable public{{if .HasChorus}} (références Chorus Pro indiquées ci-dessus){{end}}.{{else}}Si le règlement est déjà programmé, merci de ne pas tenir compte de ce message.{{end}}

[[payment]]

[[contact]]

[[sign]]
`},
		{key: KeyPreDue, ch: ledger.ChannelSMS, name: "Rappel avant échéance (SMS)",
			body: `{{if .Soft}}Information ([[sms_from]]).{{else}}Petit rappel amical ([[sms_from]]).{{end}} {{plural .Count "Votre facture" "Vos factures"}} de {{money .Total}} {{plural .Count "arrive" "arrivent"}} à échéance le {{date .NextDue}}.{{if .PortalURL}} Détail et paiement sur {{.PortalURL}}{{else if .ReplyPhone}} Questions au {{.ReplyPhone}}.{{end}} Si c'est déjà réglé, merci d'ignorer ce SMS.`},

		{key: KeyReminder1, ch: ledger.ChannelEmail, name: "Premier rappel",
			subject: `{{if .Soft}}{{plural .Count "Facture" "Factures"}} en attente de règlement{{else}}Rappel : {{plural .Count "facture échue" "factures échues"}}{{end}} — {{money .Grand}} — {{.From}}`,
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
		{key: KeyReminder1, ch: ledger.ChannelSMS, name: "Premier rappel (SMS)",
			body: `[[sms_from]]. Sauf erreur, {{plural .Count "votre facture" "vos factures"}} de {{money .Total}} {{plural .Count "reste impayée" "restent impayées"}} depuis le {{date .OldestDue}}.{{if .PortalURL}} Détail et paiement sur {{.PortalURL}}{{else if .ReplyPhone}} Questions au {{.ReplyPhone}}.{{end}}[[sms_consumer]] Déjà réglé ? Merci d'ignorer ce SMS.`},

		{key: KeyReminder2, ch: ledger.ChannelEmail, name: "Relance ferme",
			subject: `{{if .Soft}}Deuxième rappel{{else}}Relance{{end}} : {{plural .Count "facture impayée" "factures impayées"}} — {{money .Grand}} — {{.From}}`,
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
		{key: KeyReminder2, ch: ledger.ChannelSMS, name: "Relance ferme (SMS)",
			body: `Relance ([[sms_from]]). Malgré notre rappel, {{plural .Count "votre facture" "vos factures"}} de {{money .Total}} {{plural .Count "reste impayée" "restent impayées"}}. Merci de régler sans attendre{{if .PortalURL}} sur {{.PortalURL}}{{end}}{{if .ReplyPhone}}{{if .PortalURL}} ou{{end}} de nous appeler au {{.ReplyPhone}}{{end}}.{{if .Debtor.Consumer}} Un échéancier est possible.{{end}}`},
		{key: KeyReminder2, ch: ledger.ChannelLetter, name: "Relance ferme (courrier)",
			subject: `Relance — [[numbers]]`,
			body: `Madame, Monsieur,

[[agency]][[r2_intro]]

{{invoiceTable}}

[[r2_ask]]

[[penalties]]

[[payment]]

[[already_paid_letter]]

[[contact]]

[[agency_law]][[letter_close]]
`},

		{key: KeyFinal, ch: ledger.ChannelEmail, name: "Dernière relance avant mise en demeure",
			subject: `{{if .Soft}}Dernier rappel avant mise en demeure{{else}}Dernière relance avant mise en demeure{{end}} — {{money .Grand}} — {{.From}}`,
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
		{key: KeyFinal, ch: ledger.ChannelLetter, name: "Dernière relance avant mise en demeure (courrier)",
			subject: `Dernière relance avant mise en demeure — [[numbers]]`,
			body: `Madame, Monsieur,

[[agency]][[final_intro]]

{{invoiceTable}}

[[final_ask]]

[[penalties]]

[[payment]]

[[already_paid_letter]]

[[contact]]

[[agency_law]][[letter_close]]
`},

		{key: KeyFormalNotice, ch: ledger.ChannelEmail, name: "Mise en demeure (courriel d’accompagnement)",
			subject: `Mise en demeure — [[numbers]] — {{.From}}`,
			body: `[[greet]]

[[agency]][[notice_intro]] {{if .Attached}}Vous trouverez ci-joint notre mise en demeure de payer la somme de {{money .Grand}}{{else}}Nous vous adressons une mise en demeure de payer la somme de {{money .Grand}}{{end}}{{if .Registered}}{{if .Attached}}, qui vous est également adressée{{else}}, envoyée{{end}} par lettre recommandée avec accusé de réception{{end}}.

{{invoiceTable}}

La mise en demeure détaille les sommes dues et le délai de règlement{{if not .PayBy.IsZero}} : au plus tard le {{date .PayBy}}{{end}}.{{if .Debtor.Consumer}} Elle fait courir les intérêts au taux légal sur ces sommes (article 1344-1 du Code civil).{{end}}

[[payment]]

[[contact]]

[[agency_law]][[sign]]
`},
		{key: KeyFormalNotice, ch: ledger.ChannelLetter, name: "Mise en demeure (lettre d’accompagnement)",
			subject: `Mise en demeure — [[numbers]]`,
			body: `Madame, Monsieur,

[[agency]][[notice_intro]] Vous trouverez ci-joint notre mise en demeure de payer la somme de {{money .Grand}}{{if not .PayBy.IsZero}} au plus tard le {{date .PayBy}}{{end}}.{{if .Debtor.Consumer}} Elle fait courir les intérêts au taux légal sur cette somme (article 1344-1 du Code civil).{{end}}

[[contact]]

[[agency_law]][[letter_close]]
`},

		{key: KeyCall, ch: ledger.ChannelCall, name: "Appel de relance",
			subject: `Appel — {{.Debtor.Name}} — {{money .Total}}`,
			body: `Appel de relance — {{.Debtor.Name}}{{with .Debtor.Ref}} (client {{.}}){{end}}

Contexte
- Interlocuteur : {{if .Debtor.ContactName}}{{.Debtor.ContactName}}{{else}}à identifier (service comptabilité ou fournisseurs){{end}}{{with .Debtor.Phone}}, tél. {{.}}{{end}}
- Type de client : {{if .Debtor.Consumer}}particulier{{else if .Debtor.Public}}organisme public{{else}}professionnel{{end}}{{if .Soft}}, grand compte : ton particulièrement courtois{{end}}
- Reste dû : {{money .Total}} sur {{.Count}} {{plural .Count "facture" "factures"}}{{if .MaxDaysLate}}, plus ancien retard : {{.MaxDaysLate}} {{plural .MaxDaysLate "jour" "jours"}}{{end}}{{if .HasInterest}}
- Intérêts à ce jour : {{money .Interest}}{{end}}{{if .HasIndemnity}}
- Indemnités forfaitaires pour frais de recouvrement : {{money .Indemnity}}{{end}}{{if .History}}
- Relances déjà faites : {{range $i, $h := .History}}{{if $i}} ; {{end}}{{date $h.On}} ({{channel $h.Channel}}{{with $h.Step}}, {{.}}{{end}}){{end}}{{end}}{{if not .NoticeDate.IsZero}}
- Mise en demeure envoyée le {{date .NoticeDate}}{{end}}

{{invoiceTable}}

Déroulé de l’appel
1. Présentez-vous : {{with .Sender.Name}}{{.}}, {{end}}{{if .Agency.Name}}{{.Agency.Name}}, société de recouvrement amiable, pour le compte de notre client, {{.Creditor.Name}}{{else}}{{.Creditor.Name}}{{end}}. Vérifiez que vous parlez au débiteur ou à son représentant avant d’évoquer la dette.
2. Rappelez les factures et le montant, puis demandez si elles ont bien été reçues{{if .Debtor.Public}}, si le service fait a été constaté et si elles ont été validées dans Chorus Pro{{else}} et validées{{end}}.
3. Demandez la date de règlement prévue et le mode de paiement ; obtenez un engagement précis : un montant et une date.
4. En cas de contestation, notez le motif et les factures concernées : un litige sera ouvert et les relances suspendues.
5. En cas de difficulté de paiement, proposez un échéancier{{if .PortalURL}} (le client peut aussi le proposer en ligne : {{.PortalURL}}){{end}}.
6. Rappelez les coordonnées de paiement{{with .PayIBAN}} (IBAN {{iban .}}){{end}}{{with .PaymentRef}} et la référence {{.}}{{end}}, puis confirmez par écrit ce qui a été convenu.

À respecter
- Ton courtois et factuel : aucune menace, aucune pression{{if .Debtor.Consumer}} (le Code de la consommation interdit les pratiques agressives){{end}}.
- N’annoncez aucune action qui n’est pas décidée ; n’évoquez ni plainte ni sanction pénale.
- Ne parlez de la dette qu’au débiteur ou à son représentant.{{if .Debtor.Consumer}}
- Ne réclamez aucuns frais de recouvrement : ils restent à la charge du créancier (article L111-8 du Code des procédures civiles d’exécution).{{end}}

Issue de l’appel à enregistrer : payé, promesse de paiement (montant et date), litige, pas de réponse, mauvais numéro, à rappeler (date et heure).
`},

		{key: KeyHandoff, ch: ledger.ChannelCall, name: "Transmission au contentieux",
			subject: `Transmission au contentieux — {{.Debtor.Name}} — {{money .Grand}}`,
			body: `Transmission au contentieux — {{.Debtor.Name}}{{with .Debtor.Ref}} (client {{.}}){{end}}

Le recouvrement amiable n’a pas abouti. Avant de transmettre le dossier à un commissaire de justice ou à un avocat, ou de déposer une requête, vérifiez-le et rassemblez les pièces ci-dessous.

Dossier
- Créancier : {{.Creditor.Name}}{{with .Creditor.SIREN}} (SIREN {{.}}){{end}}{{if .Agency.Name}}
- Recouvrement amiable confié à : {{.Agency.Name}}{{with .Agency.FirstLetterRef}} (premier courrier réf. {{.}}){{end}}{{end}}
- Débiteur : {{.Debtor.Name}}{{if .Debtor.Consumer}}, particulier{{else if .Debtor.Public}}, organisme public{{else}}, professionnel{{end}}{{with .Debtor.SIREN}} (SIREN {{.}}){{end}}
- Principal restant dû : {{money .Total}}{{if .HasInterest}}
- Intérêts à ce jour : {{money .Interest}}{{with .InterestRateText}} ({{.}}){{end}}{{end}}{{if .HasIndemnity}}
- Indemnités forfaitaires pour frais de recouvrement : {{money .Indemnity}}{{end}}
- Total : {{money .Grand}}
- Mise en demeure : {{if .NoticeDate.IsZero}}aucune n’est enregistrée ; à envoyer avant toute action{{else}}envoyée le {{date .NoticeDate}}{{if .Registered}} par lettre recommandée avec accusé de réception (joindre l’avis de réception){{end}}{{end}}{{if .History}}
- Relances : {{range $i, $h := .History}}{{if $i}} ; {{end}}{{date $h.On}} ({{channel $h.Channel}}{{with $h.Step}}, {{.}}{{end}}){{end}}{{end}}

{{invoiceTable}}

Vérifications
- Aucune facture n’est contestée ; sinon, traiter d’abord le litige.
- Le débiteur ne fait pas l’objet d’une procédure collective (consulter le BODACC) ; sinon, déclarer la créance au mandataire judiciaire dans les deux mois de la publication du jugement.
- Prescription : {{if .Debtor.Consumer}}2 ans contre un particulier (article L218-2 du Code de la consommation){{else if .Debtor.Public}}4 ans à compter du 1er janvier de l’année qui suit la naissance de la créance (déchéance quadriennale, loi n° 68-1250 du 31 décembre 1968){{else}}5 ans (article L110-4 du Code de commerce){{end}}{{if .Invoices}} ; plus ancienne échéance : {{date .OldestDue}}{{end}}. Une mise en demeure n’interrompt pas la prescription ; un paiement partiel ou une reconnaissance de dette, si.
- Le montant en jeu justifie le coût de la procédure.

Pièces à réunir
- les factures, le devis ou le bon de commande signé, les conditions générales de vente acceptées ;
- la preuve de la livraison ou de l’exécution (bon de livraison, procès-verbal de réception{{if .Debtor.Public}}, attestation de service fait{{end}}) ;
- la mise en demeure et son avis de réception, les relances et les échanges avec le débiteur ;
- un relevé de compte à jour.

Voie à envisager
{{if .Debtor.Public}}- Organisme public : ni injonction de payer ni exécution forcée contre une personne publique. En principe, réclamation auprès de l’ordonnateur et du comptable public, puis référé-provision devant le tribunal administratif.{{else if .Debtor.Consumer}}- Créance non contestée : requête en injonction de payer au tribunal judiciaire du domicile du débiteur.{{if .SmallClaim}}
- Montant d’au plus ` + "5\u202f000" + ` € : procédure simplifiée de recouvrement des petites créances par un commissaire de justice (article L125-1 du Code des procédures civiles d’exécution), si le débiteur l’accepte.{{end}}{{else}}- Créance commerciale non contestée : procédure de recouvrement des créances commerciales incontestées par un commissaire de justice (articles L126-1 et suivants du Code des procédures civiles d’exécution), ou requête en injonction de payer au tribunal de commerce du siège du débiteur.
- Créance dont l’obligation n’est pas sérieusement contestable : référé-provision.{{end}}
`},
	},
}
