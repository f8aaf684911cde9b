package courtfile

import (
	"fmt"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// Procedure names a way to obtain an enforceable title. The values are
// stable codes, stored and returned by the API.
type Procedure string

// The procedures Procedures weighs, in the order it lists them.
const (
	// InjonctionDePayer is the court order on request, without a hearing
	// (CPC 1405–1425).
	InjonctionDePayer Procedure = "injonction_de_payer"
	// CreancesCommerciales is the recouvrement des créances commerciales
	// incontestées by a commissaire de justice (CPCE L126-1 and following,
	// loi of 23 April 2026).
	CreancesCommerciales Procedure = "creances_commerciales_incontestees"
	// PetitesCreances is the procédure simplifiée de recouvrement des
	// petites créances (CPCE L125-1, R125-1 to R125-8).
	PetitesCreances Procedure = "petites_creances"
)

// Valid reports whether p is one of the procedures above.
func (p Procedure) Valid() bool {
	return p == InjonctionDePayer || p == CreancesCommerciales || p == PetitesCreances
}

// Name is the procedure's name in French and English.
func (p Procedure) Name() Text {
	switch p {
	case InjonctionDePayer:
		return Text{"Injonction de payer", "Order for payment (injonction de payer)"}
	case CreancesCommerciales:
		return Text{"Recouvrement des créances commerciales incontestées", "Recovery of undisputed commercial claims"}
	case PetitesCreances:
		return Text{"Procédure simplifiée de recouvrement des petites créances", "Simplified small-claims recovery procedure"}
	}
	return Text{string(p), string(p)}
}

// L126Law is the date of the loi that created the L126-1 procedure. It
// cannot apply to a procedure begun earlier; it applies to those begun
// from its entry into force, whose exact date (publication in the Journal
// officiel, or a later date set by the law or a décret) is to be checked:
// the option therefore carries a Check note from this day on.
var L126Law = civil.D(2026, time.April, 23)

// SmallClaimsCeiling is the L125-1 ceiling in principal and interest
// (R125-1 CPCE, €5,000 since 2020; €4,000 before).
var SmallClaimsCeiling = money.EUR(5000_00)

// Option is one procedure weighed for a case.
type Option struct {
	Procedure Procedure `json:"procedure"`
	Name      Text      `json:"name"`
	Available bool      `json:"available"`
	// Reasons say why the procedure is not available; empty when it is.
	Reasons []Note `json:"reasons"`
	// Notes are what the user must know before choosing it.
	Notes []Note `json:"notes"`
	// Basis lists the articles the procedure rests on.
	Basis []string `json:"basis"`
}

// Procedures weighs the three procedures for a case, in a fixed order:
// the injonction de payer, the L126-1 procedure, the L125-1 procedure.
// Each is returned, available or not, so the user sees why a path is
// closed rather than wondering where it went.
func Procedures(c Case) []Option {
	f := assess(c)
	return []Option{injonction(c, f), commerciales(c, f), petites(c, f)}
}

// Find returns the option for procedure p from opts.
func Find(opts []Option, p Procedure) (Option, bool) {
	for _, o := range opts {
		if o.Procedure == p {
			return o, true
		}
	}
	return Option{}, false
}

// facts are what the three procedures share: the reasons that close all
// of them and the notes that apply to all.
type facts struct {
	common   []Note // reasons that close every procedure
	notes    []Note // notes for every procedure
	disputed []string
	totals   Totals
}

func assess(c Case) facts {
	var f facts
	if err := c.Validate(); err != nil {
		msg := ledger.ErrorMessage(err)
		f.common = append(f.common, note(CodeInvalidCase,
			"Le dossier est incomplet ou incohérent : "+msg+".",
			"The case is incomplete or inconsistent: "+msg+"."))
		return f
	}
	f.totals, _ = c.Totals() // Validate checked the currencies
	if f.totals.Principal.Minor <= 0 {
		f.common = append(f.common, note(CodeNothingDue,
			"Aucun principal n’est dû : il n’y a rien à recouvrer.",
			"No principal is due: there is nothing to recover."))
	}
	if c.Debtor.Kind == ledger.KindPublic {
		f.common = append(f.common, Note{Code: CodePublicDebtor,
			FR:    "Le débiteur est une personne publique : une créance née d’un marché public relève du juge administratif (contrat administratif, art. L6 C. commande publique) et aucune voie d’exécution n’est possible contre elle. Réclamez d’abord le paiement par écrit (ce qui interrompt la déchéance quadriennale), puis saisissez le tribunal administratif en référé-provision (art. R541-1 CJA) avec un avocat ; condamnée, la personne publique doit payer dans les deux mois, à défaut le préfet mandate d’office (art. L911-9 CJA).",
			EN:    "The debtor is a public body: a claim under a public contract belongs to the administrative court (administrative contract, art. L6 of the public procurement code) and no enforcement measure can target it. First claim payment in writing (which interrupts the four-year bar), then bring a référé-provision before the administrative court (art. R541-1 CJA) with a lawyer; once ordered to pay, the public body must pay within two months, failing which the prefect orders the payment (art. L911-9 CJA).",
			Check: true})
	}
	f.disputed, f.common, f.notes = invoiceFacts(c, f.common, f.notes)
	return f
}

// invoiceFacts checks each invoice: disputed, not yet due, time-barred,
// or close to being barred. An invoice not due or barred closes every
// procedure, with its number, so the user knows which to take out.
func invoiceFacts(c Case, common, notes []Note) (disputed []string, _, _ []Note) {
	var notDue, barred, soon []string
	for _, inv := range c.Invoices {
		if inv.Disputed {
			disputed = append(disputed, inv.Number)
		}
		if !inv.DueDate.Before(c.On) {
			notDue = append(notDue, inv.Number)
		}
		l := inv.limitation(c.Debtor.Kind)
		switch {
		case l.Expired(c.On):
			barred = append(barred, fmt.Sprintf("%s (%s)", inv.Number, l.Expires.FormatFR()))
		case l.Alert(c.On) > 0:
			soon = append(soon, fmt.Sprintf("%s (%s)", inv.Number, l.Expires.FormatFR()))
		}
	}
	if len(notDue) > 0 {
		list := strings.Join(notDue, ", ")
		common = append(common, note(CodeNotDue,
			"Facture(s) non encore échue(s) : "+list+". La créance doit être exigible ; retirez-les du dossier.",
			"Invoice(s) not yet due: "+list+". The claim must be due; take them out of the case."))
	}
	if len(barred) > 0 {
		list := strings.Join(barred, ", ")
		common = append(common, note(CodeTimeBarred,
			"Facture(s) prescrite(s) (date de fin de la prescription entre parenthèses) : "+list+". Retirez-les du dossier : l’action est éteinte.",
			"Time-barred invoice(s) (end of the limitation period in brackets): "+list+". Take them out of the case: the action is extinguished."))
	}
	if len(soon) > 0 {
		list := strings.Join(soon, ", ")
		notes = append(notes, note(CodeLimitationSoon,
			"La prescription approche pour : "+list+". Agissez sans attendre ; une mise en demeure ne l’interrompt pas (C. civ. 2240 à 2244).",
			"The limitation period ends soon for: "+list+". Act at once; a formal notice does not interrupt it (C. civ. 2240 to 2244)."))
	}
	return disputed, common, notes
}

func disputedNote(c Case, f facts) Note {
	what, whatEN := "un litige est ouvert sur le débiteur", "a dispute is open on the debtor"
	if !c.DisputeOpen {
		list := strings.Join(f.disputed, ", ")
		what, whatEN = "facture(s) contestée(s) : "+list, "disputed invoice(s): "+list
	}
	return note(CodeDisputed,
		"La créance doit être incontestée ; "+what+". Retirez les factures contestées ou réglez le litige ; à défaut, la voie est une assignation au fond.",
		"The claim must be undisputed; "+whatEN+". Take the disputed invoices out or settle the dispute; otherwise the way is an action on the merits.")
}

// injonction weighs the injonction de payer: a contractual or statutory
// claim of a determined amount (CPC 1405), certain, liquid and due. The
// judge rejects a request whose claim is seriously disputed, so a dispute
// closes it here.
func injonction(c Case, f facts) Option {
	o := Option{Procedure: InjonctionDePayer, Name: InjonctionDePayer.Name(),
		Basis: []string{"CPC 1405 à 1425"}, Reasons: append([]Note{}, f.common...), Notes: append([]Note{}, f.notes...)}
	if !invalid(f) && c.Disputed() {
		o.Reasons = append(o.Reasons, disputedNote(c, f))
	}
	o.Notes = append(o.Notes, note(CodeNoAmicableAttempt,
		"Pas de tentative préalable de règlement amiable obligatoire (CPC 750-1) pour l’injonction de payer (Cass. 2e civ., avis du 25 sept. 2025, n° 25-70.013).",
		"No prior amicable-settlement attempt is required (CPC 750-1) for an injonction de payer (Cass. 2e civ., opinion of 25 Sep 2025, no. 25-70.013)."))
	if c.NoticeSent.IsZero() {
		o.Notes = append(o.Notes, note(CodeNoNotice,
			"Aucune mise en demeure n’a été envoyée : l’injonction de payer ne l’exige pas, mais c’est la pièce habituelle qui montre au juge que le débiteur a été invité à payer.",
			"No formal notice was sent: the injonction de payer does not require one, but it is the usual exhibit that shows the judge the debtor was asked to pay."))
		if c.Debtor.Kind == ledger.KindConsumer {
			o.Notes = append(o.Notes, note(CodeConsumerNoInterest,
				"Contre un consommateur, l’intérêt au taux légal ne court qu’à compter de la mise en demeure (C. civ. 1231-6 et 1344-1) : sans elle, seul le principal est réclamé.",
				"Against a consumer, interest at the legal rate runs only from the formal notice (C. civ. 1231-6 and 1344-1): without one, only the principal is claimed."))
		}
	}
	o.Available = len(o.Reasons) == 0
	return o
}

// commerciales weighs the L126-1 procedure: a certain, liquid and due
// claim invoiced between traders, undisputed, whatever its amount.
func commerciales(c Case, f facts) Option {
	o := Option{Procedure: CreancesCommerciales, Name: CreancesCommerciales.Name(),
		Basis:   []string{"CPCE L126-1 à L126-5 (loi du 23 avril 2026)"},
		Reasons: append([]Note{}, f.common...), Notes: append([]Note{}, f.notes...)}
	if !invalid(f) {
		if c.Debtor.Kind != ledger.KindPublic && !c.commercial() {
			o.Reasons = append(o.Reasons, note(CodeNotBetweenTraders,
				"Réservée aux créances facturées entre commerçants : le créancier et le débiteur doivent être des entreprises commerçantes.",
				"Only for claims invoiced between traders: the creditor and the debtor must both be trading businesses."))
		}
		if c.On.Before(L126Law) {
			o.Reasons = append(o.Reasons, note(CodeNotInForce,
				"Procédure créée par la loi du 23 avril 2026 : elle n’existe pas à la date du dossier ("+c.On.FormatFR()+").",
				"Procedure created by the loi of 23 April 2026: it does not exist on the date of the case ("+c.On.String()+")."))
		}
		if c.Disputed() {
			o.Reasons = append(o.Reasons, disputedNote(c, f))
		}
	}
	o.Notes = append(o.Notes,
		checked(Note{Code: CodeL126InForce,
			FR: "Loi du 23 avril 2026 (n° 2026-307 à vérifier) : la procédure s’applique aux procédures engagées à compter de son entrée en vigueur. Vérifiez sur Légifrance la date d’entrée en vigueur, les décrets d’application et la numérotation des articles L126-1 et suivants du CPCE.",
			EN: "Loi of 23 April 2026 (no. 2026-307, to be checked): the procedure applies to procedures begun from its entry into force. Check on Légifrance the date of entry into force, the implementing décrets and the numbering of articles L126-1 and following of the CPCE."}),
		Note{Code: CodeL126Steps,
			FR: "Le commissaire de justice signifie un commandement de payer ; le débiteur a un mois pour payer ou contester. Au plus tôt huit jours après ce mois, sans paiement ni contestation, le commissaire dresse un procès-verbal de non-contestation que le greffier du tribunal de commerce rend exécutoire. Un paiement ou une contestation met fin à la procédure.",
			EN: "The commissaire de justice serves a commandement de payer; the debtor has one month to pay or contest. At the earliest eight days after that month, with neither payment nor contest, the commissaire draws up a record of non-contestation which the clerk of the commercial court makes enforceable. A payment or a contest ends the procedure."},
		checked(Note{Code: CodeL126Costs,
			FR: "Le procès-verbal exécutoire doit être signifié dans les six mois (L126-4, à vérifier). Qui supporte les frais de la procédure n’est pas établi par nos sources : demandez-le au commissaire de justice.",
			EN: "The enforceable record must be served within six months (L126-4, to be checked). Our sources do not say who bears the costs of the procedure: ask the commissaire de justice."}))
	o.Available = len(o.Reasons) == 0
	return o
}

// petites weighs the L125-1 procedure: a contractual or statutory claim of
// at most €5,000 in principal and interest — the indemnity is not counted
// —, which since the loi of 23 April 2026 no longer reaches the claims
// invoiced between traders.
func petites(c Case, f facts) Option {
	o := Option{Procedure: PetitesCreances, Name: PetitesCreances.Name(),
		Basis:   []string{"CPCE L125-1", "CPCE R125-1 à R125-8"},
		Reasons: append([]Note{}, f.common...), Notes: append([]Note{}, f.notes...)}
	if !invalid(f) {
		t := f.totals
		pi := money.New(t.Principal.Minor+t.Interest.Minor, t.Principal.Currency)
		switch {
		case pi.Currency != SmallClaimsCeiling.Currency:
			o.Reasons = append(o.Reasons, note(CodeCurrency,
				"Le plafond de 5 000 € s’apprécie en euros : une créance en "+string(pi.Currency)+" ne peut pas être comparée.",
				"The €5,000 ceiling is in euros: a claim in "+string(pi.Currency)+" cannot be compared with it."))
		case pi.Cmp(SmallClaimsCeiling) > 0:
			o.Reasons = append(o.Reasons, note(CodeOverCeiling,
				"Principal et intérêts ("+money.FormatFR(pi)+") dépassent le plafond de "+money.FormatFR(SmallClaimsCeiling)+" (R125-1 CPCE).",
				"Principal and interest ("+money.FormatEN(pi)+") exceed the "+money.FormatEN(SmallClaimsCeiling)+" ceiling (R125-1 CPCE)."))
		}
		if c.commercial() && !c.On.Before(L126Law) {
			o.Reasons = append(o.Reasons, checked(Note{Code: CodeCommercialExclude,
				FR: "Depuis la loi du 23 avril 2026, les créances facturées entre commerçants relèvent de la procédure L126-1 et non plus de L125-1.",
				EN: "Since the loi of 23 April 2026, claims invoiced between traders go to the L126-1 procedure, no longer to L125-1."}))
		}
		if c.Disputed() {
			o.Notes = append(o.Notes, note(CodeL125Disputed,
				"Un litige est ouvert : la procédure repose sur l’accord du débiteur, qui a peu de chances de l’accepter ; l’accord peut porter sur le montant et les modalités de paiement.",
				"A dispute is open: the procedure rests on the debtor’s agreement, which he is unlikely to give; the agreement may cover the amount and the terms of payment."))
		}
	}
	o.Notes = append(o.Notes,
		note(CodeL125Costs,
			"Tous les frais de la procédure sont à la charge du créancier (L125-1 CPCE).",
			"All costs of the procedure are borne by the creditor (L125-1 CPCE)."),
		note(CodeL125Consent,
			"Un commissaire de justice du ressort de la cour d’appel du domicile du débiteur l’invite, par lettre recommandée ou courrier électronique, à participer ; le débiteur a un mois pour accepter. L’accord suspend la prescription (C. civ. 2238) et le commissaire délivre un titre exécutoire ; sans accord, il faut une injonction de payer.",
			"A commissaire de justice of the court of appeal’s area where the debtor lives invites him, by registered letter or e-mail, to take part; the debtor has one month to accept. The agreement suspends the limitation period (C. civ. 2238) and the commissaire issues an enforceable title; without agreement, an injonction de payer is needed."))
	o.Available = len(o.Reasons) == 0
	return o
}

// invalid reports whether the case could not be assessed at all, in which
// case the per-procedure checks would only add noise.
func invalid(f facts) bool {
	return len(f.common) > 0 && f.common[0].Code == CodeInvalidCase
}
