package courtfile

import (
	"fmt"
	"strings"
)

// letter is the request or the cover note: a title, an addressee and
// sections of labelled rows, paragraphs and lists. The wording is built
// here, in Go, so that the HTML and text versions say exactly the same
// thing and the tests can read it.
type letter struct {
	Title    string
	Subtitle string
	To       []string
	Intro    []string
	Sections []section
	Closing  []string
	Signed   string // « Fait à Lyon, le 22 novembre 2026 »
	Signer   string
}

type section struct {
	Heading string
	Rows    []row
	Paras   []string
	Items   []item
}

type row struct{ Label, Value string }

// item is a line of a list, with its indented sub-lines.
type item struct {
	Text string
	Sub  []string
}

func newLetter(f File, v view) letter {
	l := letter{Signed: signed(f.Place, v.Date), Signer: v.Creditor.Signer}
	if l.Signer == "" {
		l.Signer = v.Creditor.Name
	}
	parties := []section{partySection("Le créancier (demandeur)", v.Creditor), partySection("Le débiteur", v.Debtor)}
	switch f.Procedure {
	case InjonctionDePayer:
		l.Title = "Requête en injonction de payer"
		l.Subtitle = fmt.Sprintf("Données à reporter sur le formulaire Cerfa n° %s (CPC 1405 à 1425)", v.Court.Form)
		l.To = []string{"À l’attention du " + lowerFirst(v.Court.Name.FR) + " de ………… (tribunal du lieu où demeure le débiteur : " + placeFR(v.Court.Place) + ")"}
		l.Sections = append(numberSections(parties, 1), numberSections([]section{amountSection(v), breakdownSection(f, v), exhibitSection(v)}, 3)...)
		l.Closing = []string{
			"Je demande au juge d’enjoindre au débiteur de me payer les sommes ci-dessus, outre les intérêts postérieurs à la date d’arrêté du décompte, calculés selon la même base jusqu’à parfait paiement, et de mettre les dépens à sa charge.",
		}
	case CreancesCommerciales:
		l.Title = "Demande de recouvrement d’une créance commerciale incontestée"
		l.Subtitle = "Procédure des articles L126-1 et suivants du code des procédures civiles d’exécution (loi du 23 avril 2026)"
		l.To = []string{"Maître …………, commissaire de justice"}
		l.Intro = []string{
			"Maître,",
			fmt.Sprintf("Je vous prie de bien vouloir signifier à %s un commandement de payer la somme de %s, selon la procédure de recouvrement des créances commerciales incontestées ; puis, à défaut de paiement intégral ou de contestation dans le délai d’un mois, de dresser le procès-verbal de non-contestation et de le faire rendre exécutoire par le greffier du tribunal de commerce.", v.Debtor.Name, v.Totals.Total),
			"Je déclare que cette créance, facturée entre commerçants, est certaine, liquide et exigible, et qu’elle n’a fait l’objet d’aucune contestation.",
		}
		l.Sections = numberSections(append(parties, amountSection(v), breakdownSection(f, v), exhibitSection(v)), 1)
		l.Closing = []string{"Je vous prie d’agréer, Maître, l’expression de mes salutations distinguées."}
	case PetitesCreances:
		l.Title = "Demande de recouvrement d’une petite créance"
		l.Subtitle = "Procédure simplifiée des articles L125-1 et R125-1 à R125-8 du code des procédures civiles d’exécution"
		l.To = []string{"Maître …………, commissaire de justice (ressort de la cour d’appel où demeure le débiteur : " + placeFR(v.Court.Place) + ")"}
		l.Intro = []string{
			"Maître,",
			fmt.Sprintf("Je vous prie de bien vouloir inviter %s à participer à la procédure simplifiée de recouvrement des petites créances pour le paiement de la somme de %s, dont %s en principal et intérêts.", v.Debtor.Name, v.Totals.Total, v.Totals.PrincipalInterest),
			"J’ai bien noté que les frais de cette procédure restent à ma charge.",
		}
		l.Sections = numberSections(append(parties, amountSection(v), breakdownSection(f, v), exhibitSection(v)), 1)
		l.Closing = []string{"Je vous prie d’agréer, Maître, l’expression de mes salutations distinguées."}
	}
	return l
}

func numberSections(s []section, from int) []section {
	out := make([]section, len(s))
	for i, sec := range s {
		sec.Heading = fmt.Sprintf("%d. %s", from+i, sec.Heading)
		out[i] = sec
	}
	return out
}

func partySection(heading string, p partyView) section {
	s := section{Heading: heading, Rows: []row{{"Nom ou dénomination", p.Name}, {"Qualité", p.Kind}}}
	if p.SIREN != "" {
		s.Rows = append(s.Rows, row{"SIREN", p.SIREN})
	}
	addr := strings.Join(p.Address, ", ")
	if addr == "" {
		addr = "à compléter"
	}
	label := "Adresse"
	if p.Kind == "entreprise" || p.Kind == "professionnel non commerçant" {
		label = "Siège social ou adresse"
	}
	s.Rows = append(s.Rows, row{label, addr})
	if p.Signer != "" {
		s.Rows = append(s.Rows, row{"Représenté par", p.Signer})
	}
	return s
}

func amountSection(v view) section {
	return section{Heading: "Montant de la demande", Rows: []row{
		{"Principal", v.Totals.Principal},
		{"Intérêts échus (voir le décompte)", v.Totals.Interest},
		{"Indemnité forfaitaire pour frais de recouvrement", v.Totals.Indemnity},
		{"Total", v.Totals.Total},
	}}
}

// breakdownSection is the décompte CPC 1407 asks for: each invoice, its
// interest period by period with base, rate and days, and the articles.
func breakdownSection(f File, v view) section {
	s := section{Heading: "Décompte et fondement de la créance"}
	cause := "Créance de nature contractuelle : biens ou services fournis, facturés et demeurés impayés à l’échéance"
	if v.Notice != "" {
		cause += ", malgré la mise en demeure du " + v.Notice
	}
	s.Paras = append(s.Paras, cause+".")
	for _, iv := range v.Invoices {
		it := item{Text: fmt.Sprintf("Facture n° %s du %s, échue le %s : montant TTC %s ; reste dû en principal %s.", iv.Number, iv.Issue, iv.Due, iv.Amount, iv.Remaining)}
		for _, p := range iv.Periods {
			it.Sub = append(it.Sub, fmt.Sprintf("intérêts du %s au %s (%d jours / %d) sur %s au taux de %s : %s", p.From, p.To, p.Days, p.YearDays, p.Base, p.Rate, p.Interest))
		}
		if iv.HasInterestPaid {
			it.Sub = append(it.Sub, "intérêts déjà payés : "+iv.InterestPaid)
		}
		if iv.HasNoInterest {
			it.Sub = append(it.Sub, "pas d’intérêts réclamés")
		} else {
			it.Sub = append(it.Sub, fmt.Sprintf("intérêts dus, arrêtés au %s : %s", iv.Until, iv.Interest))
		}
		if iv.HasIndemnity {
			it.Sub = append(it.Sub, "indemnité forfaitaire pour frais de recouvrement : "+iv.Indemnity)
		}
		if iv.Basis != "" {
			it.Sub = append(it.Sub, "fondement : "+iv.Basis)
		}
		s.Items = append(s.Items, it)
	}
	return s
}

func exhibitSection(v view) section {
	s := section{Heading: "Pièces justificatives"}
	for _, e := range v.Exhibits {
		line := e.Label + " : " + e.Title
		if e.Absent {
			line += " — À JOINDRE : " + e.Missing
		}
		s.Items = append(s.Items, item{Text: line})
	}
	if len(s.Items) == 0 {
		s.Paras = []string{"Aucune pièce : joignez au moins les factures."}
	}
	return s
}

func signed(place, date string) string {
	if strings.TrimSpace(place) == "" {
		place = "…………"
	}
	return "Fait à " + place + ", le " + date
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
