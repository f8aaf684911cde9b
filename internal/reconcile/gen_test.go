package reconcile

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/bank/statement"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// The labelled set: a generated book of French invoices and the payments
// that settle them, written the ways people really pay, with the truth
// kept beside each payment.

// truth is what a payment really pays.
type truth struct {
	debtor int64           // 0: not a debtor of the book
	pays   map[int64]int64 // invoice → amount; nil when nothing is to be applied by itself
}

// labelled is a generated book and its payments.
type labelled struct {
	book     Book
	opts     Options
	payments []statement.Payment
	truths   []truth
	kinds    []string
}

// genDebtor is a generated debtor and how it pays.
type genDebtor struct {
	Debtor
	company bool
	first   string
	surname string
	trade   string
	town    string
	form    string
	iban    string
}

// gen holds the generator's state.
type gen struct {
	r        *rand.Rand
	l        *labelled
	debtors  []genDebtor
	byDebtor map[int64][]int // invoice indexes of a debtor
	used     map[int64]bool  // invoices a payment already targets
	seq      map[string]int
}

var (
	surnames = []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
		"Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
		"Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
		"Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin",
		"Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez",
		"Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Roger", "Roche", "Roy", "Noël", "Meyer",
		"Lucas", "Meunier", "Pérez", "Marchand", "Dufour", "Blanchard", "Barbier", "Brun", "Dumas", "Brunet",
		"Schmitt", "Leroux", "Colin", "Fernandez", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud",
		"Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Lacroix", "Fabre", "Dupuis",
		"Olivier", "Rodriguez", "Da Silva", "Hubert", "Rivière", "Le Gall", "Guillaume", "Adam", "Rey", "Moulin",
		"Berger", "Lecomte", "Ménard", "Fleury", "Deschamps", "Carpentier", "Benoît", "Maillard", "Aubry",
		"Vasseur", "Le Roux", "Jacquet", "Prévost", "Poirier", "Charpentier", "Huet", "Baron", "Dupuy", "Carré",
		"Breton", "Rémy", "Schneider", "Perrot", "Guyot", "Marty", "Cousin", "Besnard", "Hamon", "Tessier"}
	firstNames = []string{"Jean", "Marie", "Pierre", "Sophie", "Michel", "Isabelle", "Philippe", "Nathalie",
		"Alain", "Catherine", "Nicolas", "Sandrine", "Christophe", "Valérie", "Stéphane", "Céline", "Frédéric",
		"Hélène", "Laurent", "Émilie", "Julien", "Aurélie", "François", "Chloé", "Jérôme", "Léa", "Sébastien",
		"Camille", "Thierry", "Inès", "Benoît", "Anaïs", "Gaëlle", "Loïc", "Maëlle", "Cédric", "Noémie"}
	trades = []string{"Boulangerie", "Transports", "Garage", "Menuiserie", "Plomberie", "Pharmacie", "Cabinet",
		"Agence", "Imprimerie", "Boucherie", "Librairie", "Électricité", "Hôtel", "Restaurant", "Fromagerie",
		"Ambulances", "Carrosserie", "Couverture", "Maçonnerie", "Traiteur", "Atelier", "Laboratoire",
		"Auto-école", "Quincaillerie", "Cave", "Scierie", "Serrurerie", "Peinture", "Pâtisserie", "Fleurs",
		"Chauffage", "Paysages", "Optique", "Bâtiment", "Déménagements", "Informatique", "Conseil", "Nettoyage"}
	towns = []string{"Lyon", "Bordeaux", "Nantes", "Lille", "Rennes", "Dijon", "Grenoble", "Angers", "Tours",
		"Limoges", "Amiens", "Metz", "Besançon", "Orléans", "Rouen", "Caen", "Nancy", "Poitiers", "Pau", "Nîmes",
		"Brest", "Le Mans", "Reims", "Toulon", "Perpignan", "Valence", "Chambéry", "Annecy", "Colmar", "Vannes"}
	forms     = []string{"SARL", "SAS", "SASU", "EURL", "SA", "SCI", "SNC", "SELARL", ""}
	strangers = []string{"KOWALSKI JAN", "ACME GMBH", "SMITH JOHN", "URSSAF ILE DE FRANCE", "DGFIP REMBOURSEMENT",
		"CAF DE PARIS", "ROSSI MARCO", "ALLIANZ IARD", "ORANGE SA", "EDF PARTICULIERS", "VAN DER BERG P",
		"MUTUELLE GENERALE", "AMAZON PAYMENTS EUROPE", "STRIPE TECHNOLOGY EUROPE", "SCHULZ ANNA", "GARCIA LOPEZ JAVIER"}
	strangerTexts = []string{"Loyer mars", "Remboursement trop perçu", "VIREMENT", "Cotisation 2024",
		"Remb. sinistre 4471203", "Commande 88123", "Salaire", "Note de frais 12/2024", "", "Ref client 4471",
		"REMBOURSEMENT DOSSIER 2024-118"}
	genericTexts = []string{"", "VIREMENT", "PAIEMENT", "REGLEMENT", "Règlement", "VIR SEPA", "Paiement facture",
		"REGLEMENT SOLDE", "virement", "Merci"}
)

// generate builds a labelled set of nDebtors debtors, nInvoices documents
// and nPayments payments, from a seed.
func generate(seed uint64, nDebtors, nInvoices, nPayments int) *labelled {
	g := &gen{
		r:        rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		l:        &labelled{opts: Options{FeeTolerance: money.EUR(1500)}},
		byDebtor: map[int64][]int{},
		used:     map[int64]bool{},
		seq:      map[string]int{},
	}
	g.l.book.IBANs = map[string]int64{}
	for i := range nDebtors {
		g.addDebtor(int64(i + 1))
	}
	for i := range nInvoices {
		g.addInvoice(int64(i + 1))
	}
	for range nPayments {
		g.addPayment()
	}
	return g.l
}

func (g *gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *gen) chance(pct int) bool { return g.r.IntN(100) < pct }

// addDebtor makes a company (with a legal form) or a consumer; consumers
// share surnames.
func (g *gen) addDebtor(id int64) {
	d := genDebtor{Debtor: Debtor{ID: id, Ref: fmt.Sprintf("C%05d", id)}}
	if g.chance(60) {
		d.company = true
		d.trade, d.surname, d.form = g.pick(trades), g.pick(surnames), g.pick(forms)
		d.Name = d.trade + " " + d.surname
		if g.chance(50) {
			d.town = g.pick(towns)
			d.Name += " " + d.town
		}
		if g.chance(20) {
			d.Name += " et Fils"
		}
		if d.form != "" {
			if g.chance(50) {
				d.Name += " " + d.form
			} else {
				d.Name = d.form + " " + d.Name
			}
		}
		d.SIREN = fmt.Sprintf("%09d", g.r.IntN(1_000_000_000))
	} else {
		d.first, d.surname = g.pick(firstNames), g.pick(surnames)
		d.Name = d.first + " " + d.surname
	}
	d.iban = g.iban()
	if g.chance(45) {
		g.l.book.IBANs[d.iban] = id
	}
	g.debtors = append(g.debtors, d)
	g.l.book.Debtors = append(g.l.book.Debtors, d.Debtor)
}

// iban makes a French IBAN with a correct check.
func (g *gen) iban() string {
	bban := fmt.Sprintf("%05d%05d%011d%02d", g.r.IntN(100000), g.r.IntN(100000), g.r.Int64N(100_000_000_000), g.r.IntN(100))
	return fmt.Sprintf("FR%02d%s", 98-mod97(bban+"FR00"), bban)
}

// addInvoice adds a document in one of the house styles to a debtor
// (companies get more of them).
func (g *gen) addInvoice(id int64) {
	var di int
	for {
		di = g.r.IntN(len(g.debtors))
		if g.debtors[di].company || g.chance(35) {
			break
		}
	}
	d := g.debtors[di]
	issue := civil.D(2024, time.January, 1).AddDays(g.r.IntN(540))
	inv := Invoice{ID: id, DebtorID: d.ID, Kind: ledger.DocInvoice, IssueDate: issue,
		DueDate: issue.AddDays([]int{30, 45, 60}[g.r.IntN(3)])}
	if g.chance(3) {
		inv.Kind = ledger.DocCreditNote
		inv.Number = fmt.Sprintf("AV-%04d", g.next("AV"))
		inv.Open = money.EUR(int64(2000 + g.r.IntN(28000)))
	} else {
		switch style := g.r.IntN(4); style {
		case 0:
			inv.Number = fmt.Sprintf("F%d-%04d", issue.Year, g.next(fmt.Sprint("F", issue.Year)))
		case 1:
			inv.Number = fmt.Sprintf("FA-%06d", g.next("FA"))
		case 2:
			inv.Number = fmt.Sprintf("%d/%05d", issue.Year, g.next(fmt.Sprint("Y", issue.Year)))
		default:
			inv.Number = fmt.Sprintf("INV-%d", 1000+g.next("INV"))
		}
		inv.Open = money.EUR(g.amount(d))
		if g.chance(12) {
			inv.Open.Minor -= inv.Open.Minor * int64(10+g.r.IntN(60)) / 100
		}
	}
	g.byDebtor[d.ID] = append(g.byDebtor[d.ID], len(g.l.book.Invoices))
	g.l.book.Invoices = append(g.l.book.Invoices, inv)
}

func (g *gen) next(style string) int {
	g.seq[style]++
	return g.seq[style]
}

// amount is an invoice total: mostly any number of cents, some round
// figures, some a debtor's recurring price.
func (g *gen) amount(d genDebtor) int64 {
	switch n := g.r.IntN(100); {
	case n < 20:
		return int64(50+g.r.IntN(60)*50) * 100
	case n < 30:
		return 4990 + 1000*(d.ID%7)
	default:
		return 3000 + g.r.Int64N(600000)
	}
}

// openOf returns the open, not yet targeted invoices of a debtor.
func (g *gen) openOf(debtor int64) []int {
	var out []int
	for _, i := range g.byDebtor[debtor] {
		inv := g.l.book.Invoices[i]
		if inv.Kind == ledger.DocInvoice && inv.Open.Minor > 0 && !g.used[inv.ID] {
			out = append(out, i)
		}
	}
	return out
}

// target picks a debtor with at least n open invoices and n of them.
func (g *gen) target(n int) (genDebtor, []Invoice, bool) {
	for range 50 {
		d := g.debtors[g.r.IntN(len(g.debtors))]
		open := g.openOf(d.ID)
		if len(open) < n {
			continue
		}
		g.r.Shuffle(len(open), func(i, j int) { open[i], open[j] = open[j], open[i] })
		var invs []Invoice
		for _, i := range open[:n] {
			invs = append(invs, g.l.book.Invoices[i])
			g.used[g.l.book.Invoices[i].ID] = true
		}
		return d, invs, true
	}
	return genDebtor{}, nil, false
}

// scenario weights, in percent.
var scenarios = []struct {
	name   string
	weight int
}{
	{"number", 22}, {"several_numbers", 8}, {"short_numbers", 4}, {"iban_only", 11}, {"name_only", 11},
	{"combination", 5}, {"partial", 7}, {"overpayment", 3}, {"fees", 5}, {"typo", 5}, {"stranger", 8},
	{"chance_amount", 5}, {"rf", 4}, {"shared_surname", 2},
}

// addPayment draws a scenario and writes its payment.
func (g *gen) addPayment() {
	for range 20 {
		n := g.r.IntN(100)
		for _, s := range scenarios {
			if n < s.weight {
				if g.write(s.name) {
					return
				}
				break
			}
			n -= s.weight
		}
	}
}

// genPayment is what a scenario fills in.
type genPayment struct {
	amount int64
	payer  string
	iban   string
	text   string
	refs   []string
	noCpty bool // the bank gives no counterparty: the name is in the entry text
	truth  truth
}

// write makes one payment of a scenario; false when the book cannot
// give one.
func (g *gen) write(kind string) bool {
	var p genPayment
	switch kind {
	case "number", "partial", "overpayment", "typo", "rf":
		d, invs, ok := g.target(1)
		if !ok {
			return false
		}
		inv := invs[0]
		p = g.from(d)
		p.amount = inv.Open.Minor
		p.truth = truth{debtor: d.ID, pays: map[int64]int64{inv.ID: inv.Open.Minor}}
		num := g.typing(inv.Number)
		switch kind {
		case "partial":
			p.amount = inv.Open.Minor * int64(20+g.r.IntN(70)) / 100
			p.truth.pays[inv.ID] = p.amount
			if g.chance(50) {
				num = "ACOMPTE " + num
			}
		case "overpayment":
			p.amount += int64(100 + g.r.IntN(5000))
		case "typo":
			num = g.typo(inv.Number)
		case "rf":
			p.refs = []string{RFReference(inv.Number)}
			num = ""
		}
		if num != "" {
			p.text = g.around(num, d)
		}
	case "several_numbers", "short_numbers":
		k := 2 + g.r.IntN(2)
		if kind == "short_numbers" {
			k = 2
		}
		d, invs, ok := g.target(k)
		if !ok {
			return false
		}
		p = g.from(d)
		p.truth = truth{debtor: d.ID, pays: map[int64]int64{}}
		var nums []string
		for _, inv := range invs {
			p.amount += inv.Open.Minor
			p.truth.pays[inv.ID] = inv.Open.Minor
			if kind == "short_numbers" {
				nums = append(nums, keysOf(splitGroups(inv.Number), "").last)
			} else {
				nums = append(nums, g.typing(inv.Number))
			}
		}
		if kind == "short_numbers" {
			p.text = g.pick([]string{"fac %s et %s", "FACT %s ET %s", "factures %s, %s", "Fact. %s + %s"})
			p.text = fmt.Sprintf(p.text, nums[0], nums[1])
			p.iban = d.iban
			if g.l.book.IBANs[d.iban] == 0 {
				p.payer = d.Name
			}
		} else {
			p.text = g.list(nums)
		}
	case "iban_only", "name_only", "combination", "fees":
		k := 1
		if kind == "combination" {
			k = 2 + g.r.IntN(2)
		}
		d, invs, ok := g.target(k)
		if !ok || kind == "iban_only" && g.l.book.IBANs[d.iban] == 0 {
			for _, inv := range invs {
				g.used[inv.ID] = false
			}
			return false
		}
		p = g.from(d)
		p.truth = truth{debtor: d.ID, pays: map[int64]int64{}}
		for _, inv := range invs {
			p.amount += inv.Open.Minor
			p.truth.pays[inv.ID] = inv.Open.Minor
		}
		p.text = g.pick(genericTexts)
		switch kind {
		case "iban_only":
			if g.chance(50) {
				p.payer = g.pick(strangers[:4]) // someone paying for the debtor
			}
		case "name_only":
			p.iban = g.iban()
		case "fees":
			p.amount -= int64(100 + g.r.IntN(1400))
			if g.chance(50) {
				p.text = g.around(g.typing(invs[0].Number), d)
			}
		}
	case "shared_surname":
		d, invs, ok := g.target(1)
		if !ok || d.company {
			for _, inv := range invs {
				g.used[inv.ID] = false
			}
			return false
		}
		p = genPayment{amount: invs[0].Open.Minor, iban: g.iban(), text: g.pick(genericTexts),
			payer: strings.ToUpper(d.surname), truth: truth{debtor: d.ID, pays: map[int64]int64{invs[0].ID: invs[0].Open.Minor}}}
	case "stranger":
		p = genPayment{payer: g.pick(strangers), iban: g.iban(), text: g.pick(strangerTexts), amount: 1000 + g.r.Int64N(300000)}
		if g.chance(30) {
			inv := g.l.book.Invoices[g.r.IntN(len(g.l.book.Invoices))]
			p.amount = max(1, inv.Open.Minor)
		}
	case "chance_amount":
		d := g.debtors[g.r.IntN(len(g.debtors))]
		other := g.l.book.Invoices[g.r.IntN(len(g.l.book.Invoices))]
		if other.DebtorID == d.ID || other.Open.Minor%100 == 0 || other.Open.Minor <= 0 || g.sums(d.ID, other.Open.Minor) {
			return false
		}
		p = g.from(d)
		p.amount, p.text = other.Open.Minor, g.pick(genericTexts)
		p.truth = truth{debtor: d.ID}
	}
	g.emit(kind, p)
	return true
}

// from fills who pays: the debtor's account and a variation of its name.
func (g *gen) from(d genDebtor) genPayment {
	p := genPayment{iban: d.iban, payer: g.nameVariant(d)}
	if g.chance(10) {
		p.noCpty = true
	}
	return p
}

// sums reports whether some of a debtor's open invoices (up to three)
// add up to amount.
func (g *gen) sums(debtor, amount int64) bool {
	open := g.openOf(debtor)
	if len(open) > 12 {
		return true
	}
	var walk func(start, left int, sum int64) bool
	walk = func(start, left int, sum int64) bool {
		if sum == amount {
			return true
		}
		if left == 0 {
			return false
		}
		for i := start; i < len(open); i++ {
			if walk(i+1, left-1, sum+g.l.book.Invoices[open[i]].Open.Minor) {
				return true
			}
		}
		return false
	}
	return walk(0, 4, 0)
}

// nameVariant writes a debtor's name the way a bank shows the payer.
func (g *gen) nameVariant(d genDebtor) string {
	var s string
	if d.company {
		switch g.r.IntN(5) {
		case 0:
			s = d.Name
		case 1:
			s = strings.ToUpper(fold(d.Name))
		case 2:
			s = strings.ToUpper(d.trade + " " + d.surname + " " + d.town)
		case 3:
			s = strings.ToUpper(fold("S.A.R.L. " + d.trade + " " + d.surname + " " + d.town))
		default:
			s = strings.ToUpper(fold(d.surname + " " + d.trade + " " + d.town))
		}
		s = strings.TrimSpace(s)
		if strings.Contains(d.Name, "et Fils") && !strings.Contains(s, "ET FILS") && !strings.Contains(s, "et Fils") && g.chance(50) {
			s += " ET FILS"
		}
	} else {
		switch g.r.IntN(5) {
		case 0:
			s = d.Name
		case 1:
			s = "M. " + strings.ToUpper(d.surname+" "+d.first)
		case 2:
			s = strings.ToUpper(fold(d.surname + " " + d.first))
		case 3:
			s = "MME " + d.first + " " + d.surname
		default:
			s = "M OU MME " + strings.ToUpper(fold(d.surname+" "+d.first))
		}
	}
	if len(s) > 24 && g.chance(20) {
		s = s[:24] // a bank cuts long names
	}
	return s
}

// fold strips accents the way a bank's character set does.
func fold(s string) string {
	r := strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "î", "i", "ï", "i",
		"ô", "o", "û", "u", "ù", "u", "ç", "c", "É", "E", "È", "E", "À", "A", "Ç", "C", "Â", "A", "Ê", "E",
		"Î", "I", "Ô", "O", "Û", "U", "ë", "e", "Ë", "E", "Ï", "I")
	return r.Replace(s)
}

// typing writes an invoice number the way a payer types it again.
func (g *gen) typing(n string) string {
	gs := splitGroups(n)
	var digits []string
	for _, gr := range gs {
		if gr.digit {
			digits = append(digits, gr.s)
		}
	}
	prefix := ""
	if !gs[0].digit {
		prefix = strings.ToUpper(gs[0].s)
	}
	switch g.r.IntN(9) {
	case 0, 1:
		return n
	case 2:
		return strings.ToLower(n)
	case 3: // no separator
		return prefix + strings.Join(digits, "")
	case 4: // another separator
		return prefix + strings.Join(digits, g.pick([]string{"/", " ", ".", "-"}))
	case 5: // without leading zeros
		out := make([]string, len(digits))
		for i, d := range digits {
			out[i] = stripZeros(d)
		}
		return prefix + strings.Join(out, "-")
	case 6: // without the house prefix
		return strings.Join(digits, "-")
	case 7:
		return prefix + " " + strings.Join(digits, "-")
	default:
		return n
	}
}

// typo changes one digit of a number, or swaps two.
func (g *gen) typo(n string) string {
	b := []byte(n)
	var at []int
	for i, c := range b {
		if isDigit(c) {
			at = append(at, i)
		}
	}
	if len(at) < 2 {
		return n
	}
	i := at[len(at)-1-g.r.IntN(min(3, len(at)-1))]
	if g.chance(50) {
		j := i - 1
		if !isDigit(b[j]) || b[i] == b[j] {
			b[i] = '0' + (b[i]-'0'+1+byte(g.r.IntN(8)))%10
		} else {
			b[i], b[j] = b[j], b[i]
		}
	} else {
		b[i] = '0' + (b[i]-'0'+1+byte(g.r.IntN(8)))%10
	}
	return string(b)
}

// around puts a number in a remittance sentence.
func (g *gen) around(num string, d genDebtor) string {
	f := g.pick([]string{"FACT {n}", "Facture {n}", "FACTURE N° {n}", "fact. {n}", "REGLEMENT FACTURE {n}", "{n}",
		"Paiement facture {n} - {s}", "VIR {s} FACT {n}", "Réf {n}", "N°{n}", "facture n°{n} du 12/03/2024",
		"REGLEMENT {n} MERCI", "/INV/{n}"})
	return strings.NewReplacer("{n}", num, "{s}", strings.ToUpper(fold(d.surname))).Replace(f)
}

// list writes several numbers in one remittance text.
func (g *gen) list(nums []string) string {
	switch g.r.IntN(5) {
	case 0:
		return "FACTURES " + strings.Join(nums, " ")
	case 1:
		return "fact " + strings.Join(nums[:len(nums)-1], ", ") + " et " + nums[len(nums)-1]
	case 2:
		return strings.Join(nums, ", ")
	case 3:
		return "règlement factures " + strings.Join(nums, " ")
	default:
		return "Invoices " + strings.Join(nums[:len(nums)-1], ", ") + " and " + nums[len(nums)-1]
	}
}

// emit turns a scenario's genPayment into a statement genPayment.
func (g *gen) emit(kind string, p genPayment) {
	if p.amount <= 0 {
		p.amount = 1
	}
	e := &statement.Entry{BookingDate: civil.D(2025, time.July, 1), Amount: money.EUR(p.amount), Credit: true, Status: "booked"}
	tx := statement.Transaction{CounterpartyIBAN: p.iban, CreditorRefs: p.refs}
	if p.text != "" {
		tx.Unstructured = []string{p.text}
	}
	if p.noCpty {
		e.Text = "VIR SEPA RECU /DE " + strings.ToUpper(fold(p.payer)) + " /MOTIF " + p.text
		tx.Unstructured = nil
	} else {
		tx.Counterparty = p.payer
	}
	e.Transactions = []statement.Transaction{tx}
	g.l.payments = append(g.l.payments, statement.Payment{Entry: e, Transaction: tx, Amount: e.Amount})
	g.l.truths = append(g.l.truths, p.truth)
	g.l.kinds = append(g.l.kinds, kind)
}

// correct reports whether a proposal is what the truth says.
func (t truth) correct(p Proposal) bool {
	if t.pays == nil || p.DebtorID != t.debtor || len(p.Allocations) != len(t.pays) {
		return false
	}
	for _, a := range p.Allocations {
		if t.pays[a.InvoiceID] != a.Amount.Minor {
			return false
		}
	}
	return true
}

// allocations are the truth as a proposal, to apply what the user
// chooses in review.
func (t truth) allocations() []Allocation {
	var out []Allocation
	for id, v := range t.pays {
		out = append(out, Allocation{InvoiceID: id, Amount: money.EUR(v)})
	}
	slices.SortFunc(out, func(a, b Allocation) int { return int(a.InvoiceID - b.InvoiceID) })
	return out
}
