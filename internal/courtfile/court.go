package courtfile

import (
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/money"
)

// CourtKind names a kind of court. The values are stable codes.
type CourtKind string

// The courts an injonction de payer can be asked of, and the
// administrative court that stands in for them against a public body.
const (
	TribunalDeCommerce    CourtKind = "tribunal_de_commerce"
	TribunalJudiciaire    CourtKind = "tribunal_judiciaire"
	JugeProtection        CourtKind = "juge_des_contentieux_de_la_protection"
	TribunalAdministratif CourtKind = "tribunal_administratif"
)

// The Cerfa forms of the injonction de payer request.
const (
	CerfaTJ  = "12948*06" // tribunal judiciaire
	CerfaJCP = "16040*01" // juge des contentieux de la protection
	CerfaTC  = "12946*02" // tribunal de commerce
)

// Decree202696From is the first day of orders that must be served within
// three months instead of six (décret n° 2026-96 of 16 Feb 2026, CPC 1411).
var Decree202696From = civil.D(2026, time.September, 1)

// TAEClaimsThreshold is the amount above which the pilot economic-activity
// courts charge the contribution pour la justice économique.
var TAEClaimsThreshold = money.EUR(50000_00)

// Place is where the debtor lives, which fixes the court's territory. We
// have no court directory: the user finds the court of that place.
type Place struct {
	City       string `json:"city"`
	PostalCode string `json:"postal_code"`
}

// CourtOption is a court the user may choose instead of the default one,
// with when it applies.
type CourtOption struct {
	Kind  CourtKind `json:"kind"`
	Name  Text      `json:"name"`
	Form  string    `json:"form,omitempty"`
	When  Note      `json:"when"`
	Basis []string  `json:"basis,omitempty"`
}

// CourtChoice is the court to ask for an injonction de payer, the form and
// how to file it.
type CourtChoice struct {
	Kind CourtKind `json:"kind"`
	// Name is the judge the request is addressed to, without the place
	// ("Président du tribunal de commerce"), which the user completes.
	Name Text `json:"name"`
	// Form is the Cerfa number, empty when there is none.
	Form string `json:"form,omitempty"`
	// Filing says how to file the request.
	Filing Text `json:"filing"`
	// Place is the debtor's town, whose court the user must look up.
	Place Place `json:"place"`
	// Basis lists the articles that give the court jurisdiction.
	Basis []string `json:"basis"`
	// Notes are what the user must know about the court and the order.
	Notes []Note `json:"notes"`
	// Alternatives are courts the user may choose instead, never chosen
	// for him.
	Alternatives []CourtOption `json:"alternatives,omitempty"`
}

// Court chooses the court for an injonction de payer against the case's
// debtor.
//
// Subject matter: the commercial court hears the claims between traders
// (C. com. L721-3), so a business creditor's claim on a business debtor
// goes there; every other claim — on a consumer, or by or on a business
// that is not a trader — goes to the tribunal judiciaire. The juge des
// contentieux de la protection, within the tribunal judiciaire, is listed
// as an option for a consumer debtor (consumer credit, residential
// lease), never chosen: recouvre does not know what the contract was. A
// public body is sued before the administrative court.
//
// Territory: the court of the place where the debtor lives (CPC 1406).
func Court(c Case) CourtChoice {
	place := Place{City: strings.TrimSpace(c.Debtor.Address.City), PostalCode: strings.TrimSpace(c.Debtor.Address.PostalCode)}
	if c.Debtor.Kind == ledger.KindPublic {
		return publicCourt(place)
	}
	var ch CourtChoice
	if c.commercial() {
		ch = commercialCourt(c)
	} else {
		ch = judicialCourt(c)
	}
	ch.Place = place
	ch.Basis = append(ch.Basis, "CPC 1406")
	ch.Notes = append(placeNotes(c, place), ch.Notes...)
	ch.Notes = append(ch.Notes, injonctionNotes()...)
	return ch
}

func commercialCourt(c Case) CourtChoice {
	ch := CourtChoice{Kind: TribunalDeCommerce,
		Name: Text{"Président du tribunal de commerce", "President of the commercial court (tribunal de commerce)"},
		Form: CerfaTC,
		Filing: Text{
			"En ligne sur Tribunal digital (tribunaldigital.fr), ouvert aux requêtes en injonction de payer depuis le 28 février 2022, ou au greffe du tribunal de commerce, par courrier ou sur place.",
			"Online through Tribunal digital (tribunaldigital.fr), open to injonction de payer requests since 28 February 2022, or at the commercial court’s registry, by post or in person."},
		Basis: []string{"C. com. L721-3"}}
	ch.Notes = append(ch.Notes,
		note(CodeCourtTAE,
			"Dans les douze tribunaux pilotes (Avignon, Auxerre, Le Havre, Le Mans, Limoges, Lyon, Marseille, Nancy, Nanterre, Paris, Saint-Brieuc, Versailles), le tribunal de commerce s’appelle tribunal des activités économiques du 1er janvier 2025 au 31 décembre 2028.",
			"In the twelve pilot courts (Avignon, Auxerre, Le Havre, Le Mans, Limoges, Lyon, Marseille, Nancy, Nanterre, Paris, Saint-Brieuc, Versailles), the commercial court is called tribunal des activités économiques from 1 January 2025 to 31 December 2028."))
	if t, err := c.Totals(); err == nil && t.Total.Currency == TAEClaimsThreshold.Currency && t.Total.Cmp(TAEClaimsThreshold) > 0 {
		ch.Notes = append(ch.Notes, checked(Note{Code: CodeCourtContribution,
			FR: "Demandes de plus de 50 000 € devant un tribunal des activités économiques : une contribution pour la justice économique de 3 à 5 % (plafond 100 000 €) est due, sauf pour un demandeur de moins de 250 salariés. Nos sources ne disent pas si elle s’applique à l’injonction de payer.",
			EN: "Claims above €50,000 before a tribunal des activités économiques: a contribution pour la justice économique of 3 to 5% (capped at €100,000) is due, except by a claimant with fewer than 250 employees. Our sources do not say whether it applies to an injonction de payer."}))
	}
	switch region := legalfr.RegionOfPostalCode(c.Debtor.Address.PostalCode); {
	case region == legalfr.RegionAlsaceMoselle:
		ch.Notes = append(ch.Notes, checked(Note{Code: CodeCourtAlsace,
			FR: "Alsace-Moselle (57, 67, 68) : il n’y a pas de tribunal de commerce ; les affaires commerciales vont à la chambre commerciale du tribunal judiciaire. Vérifiez auprès du greffe le formulaire à utiliser.",
			EN: "Alsace-Moselle (57, 67, 68): there is no tribunal de commerce; commercial cases go to the commercial chamber of the tribunal judiciaire. Check with its registry which form to use."}))
	case strings.HasPrefix(strings.TrimSpace(c.Debtor.Address.PostalCode), "97"):
		ch.Notes = append(ch.Notes, checked(Note{Code: CodeCourtOverseas,
			FR: "Outre-mer : les affaires commerciales sont jugées par un tribunal mixte de commerce. Vérifiez auprès de son greffe.",
			EN: "Overseas: commercial cases are heard by a tribunal mixte de commerce. Check with its registry."}))
	}
	return ch
}

func judicialCourt(c Case) CourtChoice {
	ch := CourtChoice{Kind: TribunalJudiciaire,
		Name: Text{"Juge du tribunal judiciaire", "Judge of the tribunal judiciaire"},
		Form: CerfaTJ,
		Filing: Text{
			"Au greffe du tribunal judiciaire, par courrier ou sur place.",
			"At the registry of the tribunal judiciaire, by post or in person."}}
	if c.Debtor.Kind == ledger.KindConsumer {
		ch.Alternatives = append(ch.Alternatives, CourtOption{Kind: JugeProtection,
			Name: Text{"Juge des contentieux de la protection (tribunal judiciaire)", "Judge for protection disputes (juge des contentieux de la protection)"},
			Form: CerfaJCP,
			When: note(CodeCourtJCP,
				"Seulement si la créance naît d’un crédit à la consommation ou d’un bail d’habitation : ce juge en connaît alors à la place du tribunal judiciaire.",
				"Only when the claim arises from a consumer credit or a residential lease: that judge then hears it instead of the tribunal judiciaire.")})
	}
	if c.Debtor.Kind == ledger.KindBusiness && !c.Debtor.NonCommercial && (!c.Creditor.IsBusiness || c.Creditor.NonCommercial) {
		ch.Alternatives = append(ch.Alternatives, CourtOption{Kind: TribunalDeCommerce,
			Name: Text{"Président du tribunal de commerce", "President of the commercial court (tribunal de commerce)"},
			Form: CerfaTC,
			When: checked(Note{Code: CodeCourtMixedAct,
				FR: "Acte mixte : le débiteur est commerçant mais pas le créancier. Le créancier non commerçant peut choisir le tribunal de commerce.",
				EN: "Mixed act: the debtor is a trader but the creditor is not. The non-trading creditor may choose the commercial court."}),
			Basis: []string{"C. com. L721-3"}})
	}
	return ch
}

func publicCourt(place Place) CourtChoice {
	return CourtChoice{Kind: TribunalAdministratif,
		Name:   Text{"Juge des référés du tribunal administratif", "Interim-relief judge of the administrative court"},
		Filing: Text{"Par un avocat, sur Télérecours.", "Through a lawyer, on Télérecours."},
		Place:  place,
		Basis:  []string{"C. commande publique L6", "CJA R541-1"},
		Notes: []Note{checked(Note{Code: CodeCourtPublic,
			FR: "Personne publique : pas d’injonction de payer devant le juge judiciaire pour un contrat administratif. Le référé-provision (R541-1 CJA) se forme devant le tribunal administratif, en principe celui du lieu d’exécution du contrat ; l’avocat est en principe obligatoire pour une demande de somme d’argent. Vérifiez avec un avocat, notamment si le débiteur agit sous le droit privé (EPIC, société d’économie mixte).",
			EN: "Public body: no injonction de payer before the ordinary courts for an administrative contract. The référé-provision (R541-1 CJA) is brought before the administrative court, as a rule that of the place the contract was performed; a lawyer is as a rule required for a money claim. Check with a lawyer, especially if the debtor acts under private law (an EPIC, a mixed-economy company)."})},
	}
}

func placeNotes(c Case, p Place) []Note {
	var out []Note
	if p.City == "" || p.PostalCode == "" {
		out = append(out, note(CodeCourtNoAddress,
			"L’adresse du débiteur est incomplète (ville ou code postal manquant) : le tribunal compétent ne peut pas être déterminé.",
			"The debtor’s address is incomplete (city or postal code missing): the competent court cannot be determined."))
	} else {
		out = append(out, note(CodeCourtPlace,
			"Tribunal du lieu où demeure le débiteur (CPC 1406) : "+p.PostalCode+" "+p.City+". Recherchez le tribunal compétent pour cette commune dans l’annuaire des juridictions (justice.fr) ; le juge relève d’office son incompétence territoriale.",
			"The court of the place where the debtor lives (CPC 1406): "+p.PostalCode+" "+p.City+". Look up the court for that town in the court directory (justice.fr); the judge raises lack of territorial jurisdiction of his own motion."))
	}
	if c.Debtor.Kind == ledger.KindBusiness {
		out = append(out, note(CodeCourtSeat,
			"Pour une société, le lieu où elle demeure est son siège social (CPC 43) : vérifiez-le sur l’extrait Kbis ou le répertoire SIRENE, il peut différer de l’adresse de facturation.",
			"For a company, the place where it lives is its registered office (CPC 43): check it on the Kbis extract or the SIRENE register, it may differ from the billing address."))
	}
	out = append(out, checked(Note{Code: CodeCourtClause,
		FR: "Une clause attributive de juridiction des conditions générales n’écarte pas cette règle : CPC 1406 est d’ordre public.",
		EN: "A jurisdiction clause in the general terms does not set this rule aside: CPC 1406 is a public-policy rule."}))
	return out
}

func injonctionNotes() []Note {
	return []Note{
		note(CodeCourtDecree202696,
			"Décret n° 2026-96 du 16 février 2026 : une ordonnance rendue à compter du 1er septembre 2026 doit être signifiée dans les 3 mois, sinon elle est non avenue (CPC 1411) ; une ordonnance rendue avant garde le délai de 6 mois. Le greffe ne notifie plus que les oppositions ; le créancier peut faire exécuter si aucune opposition ne lui est notifiée dans les 2 mois de la signification.",
			"Décret no. 2026-96 of 16 February 2026: an order made from 1 September 2026 must be served within 3 months, or it is void (CPC 1411); an order made earlier keeps the 6-month limit. The registry now notifies oppositions only; the creditor may enforce if no opposition is notified within 2 months of service."),
		note(CodeCourtOpposition,
			"Le débiteur peut former opposition dans le mois de la signification (CPC 1416) ; l’affaire est alors jugée au fond.",
			"The debtor may oppose within one month of service (CPC 1416); the case is then tried on the merits."),
	}
}

// SignificationDeadline is the last day to serve an injonction de payer
// made on day order before it becomes void (CPC 1411): three months for an
// order made from 1 September 2026 (décret n° 2026-96), six months before.
//
// A month-counted deadline ends on the same day-number, or on the
// month's last day when there is none (CPC 641). The day is not moved off
// a weekend or a holiday: whether CPC 642 extends this deadline is not
// something a creditor should find out at the cost of his order.
func SignificationDeadline(order civil.Date) civil.Date {
	months := 6
	if !order.Before(Decree202696From) {
		months = 3
	}
	return addMonths641(order, months)
}

// addMonths641 adds n months, ending on the month's last day when the
// target month is shorter (CPC 641), where civil.Date.AddMonths would
// spill into the next month.
func addMonths641(d civil.Date, n int) civil.Date {
	first := civil.D(d.Year, d.Month+time.Month(n), 1)
	last := civil.D(first.Year, first.Month+1, 0).Day
	return civil.Date{Year: first.Year, Month: first.Month, Day: min(d.Day, last)}
}
