package message

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/pdftext"
)

// pages returns the text of each page of pdf, spaces normalised.
func pages(t *testing.T, pdf []byte) []string {
	t.Helper()
	bin := pdftext.Require(t)
	file := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	ps := strings.Split(string(out), "\f")
	if len(ps) > 0 && strings.TrimSpace(ps[len(ps)-1]) == "" {
		ps = ps[:len(ps)-1]
	}
	for i := range ps {
		ps[i] = pdftext.Norm(ps[i])
	}
	return ps
}

func hasAll(t *testing.T, where, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, pdftext.Norm(w)) {
			t.Errorf("%s lacks %q", where, pdftext.Norm(w))
		}
	}
}

var paris = AddressBlock{Name: "Dupont & Fils SAS", Attention: "Marie Lefèvre",
	Address: ledger.Address{Line1: "4 avenue Foch", Line2: "Bâtiment B", PostalCode: "75016", City: "Paris"}}

func letterFor(t *testing.T, key, lang string, kind ledger.DebtorKind, edit func(*Data)) (Data, Rendered, []byte) {
	t.Helper()
	d := Sample(lang, kind)
	if kind == ledger.KindConsumer {
		d.ShowPenalties = false
	}
	if edit != nil {
		edit(&d)
	}
	r := render(t, key, ledger.ChannelLetter, d)
	to := paris
	to.Name = d.Debtor.Name
	pdf, err := Letter(d, r, to)
	if err != nil {
		t.Fatal(err)
	}
	return d, r, pdf
}

func TestLetterReadsBack(t *testing.T) {
	_, _, pdf := letterFor(t, KeyReminder2, "fr", ledger.KindBusiness, nil)
	ps := pages(t, pdf)
	all := strings.Join(ps, " ")
	hasAll(t, "the letter", all,
		"Ateliers Martin SARL", "SIREN 732 829 320", "Lyon, le 15/06/2026",
		"Lettre recommandée avec accusé de réception", "Référence : C0042-2026",
		"Objet : Relance — factures n° F2026-0118 et F2026-0173",
		"F2026-0118", "F2026-0173", "1 250,00 €", "2 618,50 €", "3 868,50 €", "62,59 €", "80,00 €", "4 011,09 €",
		"Total à régler", "FR76 3000 6000 0112 3456 7890 189", "https://pay.ateliers-martin.fr/p/7Kq2xZ",
		"Nous vous prions d’agréer", "Julie Bernard", "Responsable du recouvrement", "Page 1/")
	// The address block is in the envelope's window, on page 1.
	hasAll(t, "page 1", ps[0], "Dupont & Fils SAS", "À l’attention de Marie Lefèvre", "4 avenue Foch", "Bâtiment B", "75016 Paris")
	// The text table became a ruled table: its aligned « label : amount »
	// lines are gone.
	if strings.Contains(all, "Total restant dû :") || strings.Count(all, "Retard (jours)") != 1 {
		t.Errorf("the invoices table should be the PDF table only:\n%s", all)
	}
	if strings.Contains(all, "{{") || strings.Contains(all, "<no value>") {
		t.Error("template residue in the letter")
	}
}

func TestLetterEnglishAndConsumer(t *testing.T) {
	_, _, pdf := letterFor(t, KeyFinal, "en", ledger.KindBusiness, nil)
	hasAll(t, "English letter", strings.Join(pages(t, pdf), " "),
		"Last reminder before formal notice", "€1,250.00", "€4,011.09", "23 June 2026", "Yours faithfully,", "F2026-0173")

	_, _, pdf = letterFor(t, KeyFinal, "fr", ledger.KindConsumer, nil)
	all := strings.Join(pages(t, pdf), " ")
	hasAll(t, "consumer letter", all, "Mme Claire Durand", "3 868,50 €", "médiateur de la consommation", "Si vous contestez")
	for _, bad := range []string{"40,00 €", "40 €", "ndemnit"} {
		if strings.Contains(all, bad) {
			t.Errorf("consumer letter has %q", bad)
		}
	}
}

func TestLetterIsDeterministic(t *testing.T) {
	d, r, a := letterFor(t, KeyReminder2, "fr", ledger.KindPublic, nil)
	b, err := Letter(d, r, paris)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Letter(d, r, paris)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, c) {
		t.Error("the same letter gave different bytes")
	}
	if bytes.Equal(a, b) {
		t.Error("a different recipient should change the letter")
	}
}

func TestLetterNeedsARecipientAndADate(t *testing.T) {
	d := Sample("fr", ledger.KindBusiness)
	d.Debtor.Name = ""
	if _, err := Letter(d, Rendered{Text: "x"}, AddressBlock{}); err == nil {
		t.Error("a letter without a recipient should fail")
	}
	d = Sample("fr", ledger.KindBusiness)
	d.Today = d.Today.AddDays(0)
	d.Today.Year, d.Today.Month, d.Today.Day = 0, 0, 0
	if _, err := Letter(d, Rendered{Text: "x"}, paris); err == nil {
		t.Error("a letter without a date should fail")
	}
}

// TestPrintBatch prints four letters of different lengths and checks the
// pile: the cover, then each letter on an odd page, blank versos between,
// each numbered on its own, in the order given.
func TestPrintBatch(t *testing.T) {
	type spec struct {
		key, lang  string
		kind       ledger.DebtorKind
		ref        string
		registered bool
	}
	specs := []spec{
		{KeyReminder2, "fr", ledger.KindBusiness, "REF-A", false},
		{KeyFormalNotice, "fr", ledger.KindConsumer, "REF-B", true},
		{KeyFinal, "fr", ledger.KindPublic, "REF-C", false},
		{KeyFinal, "en", ledger.KindBusiness, "REF-D", true},
	}
	var batch []BatchLetter
	var counts []int
	for _, s := range specs {
		d, r, pdf := letterFor(t, s.key, s.lang, s.kind, func(d *Data) { d.PaymentRef, d.Registered = s.ref, s.registered })
		to := paris
		to.Name = d.Debtor.Name
		batch = append(batch, BatchLetter{Data: d, Rendered: r, Recipient: to})
		counts = append(counts, len(pages(t, pdf)))
	}
	pdf, err := PrintBatch(batch)
	if err != nil {
		t.Fatal(err)
	}
	ps := pages(t, pdf)

	// Where each letter should be.
	first := make([]int, len(specs))
	next := 2 // after the one-page cover
	for i, n := range counts {
		if next%2 == 0 {
			next++
		}
		first[i] = next
		next += n
	}
	if len(ps) != next-1 {
		t.Fatalf("%d pages, want %d (letters of %v pages)", len(ps), next-1, counts)
	}
	used := map[int]bool{1: true}
	for i, s := range specs {
		name := batch[i].Recipient.Name
		for p := 0; p < counts[i]; p++ {
			page := first[i] + p
			used[page] = true
			text := ps[page-1]
			hasAll(t, fmt.Sprintf("letter %d page %d", i+1, p+1), text, s.ref, fmt.Sprintf("Page %d/%d", p+1, counts[i]))
			if p == 0 {
				hasAll(t, fmt.Sprintf("letter %d first page", i+1), text, name, "4 avenue Foch", "75016 Paris")
			}
		}
		if first[i]%2 != 1 {
			t.Errorf("letter %d starts on an even page", i+1)
		}
	}
	for p := 1; p <= len(ps); p++ {
		if !used[p] && strings.TrimSpace(ps[p-1]) != "" {
			t.Errorf("page %d should be a blank verso: %q", p, ps[p-1])
		}
	}

	cover := ps[0]
	hasAll(t, "cover", cover, "BORDEREAU D’IMPRESSION", "Courrier du 15/06/2026",
		"4 lettre(s), dont 2 en recommandé avec accusé de réception", fmt.Sprintf("%d pages, soit %d feuilles", len(ps), (len(ps)+1)/2), "Recommandé AR", "Lettre simple", "75016 Paris")
	at := -1
	for i, s := range specs {
		row := fmt.Sprintf("%d %s 75016 Paris %s", i+1, batch[i].Recipient.Name, s.ref)
		j := strings.Index(cover, row)
		if j < 0 {
			t.Errorf("cover lacks the row %q:\n%s", row, cover)
			continue
		}
		if j < at {
			t.Errorf("cover rows out of order at %q", row)
		}
		at = j
		span := fmt.Sprint(first[i])
		if counts[i] > 1 {
			span += "–" + fmt.Sprint(first[i]+counts[i]-1)
		}
		if !strings.Contains(cover[j:], span) {
			t.Errorf("cover: letter %d should be on pages %s", i+1, span)
		}
	}

	again, err := PrintBatch(batch)
	if err != nil || !bytes.Equal(pdf, again) {
		t.Errorf("the same batch gave different bytes (%v)", err)
	}
	if _, err := PrintBatch(nil); err == nil {
		t.Error("an empty batch should fail")
	}
}

// TestWriteArtifacts writes sample messages and letters to
// $RECOUVRE_ARTIFACTS/messages/ for a person to review; without the
// variable it does nothing.
func TestWriteArtifacts(t *testing.T) {
	root := os.Getenv("RECOUVRE_ARTIFACTS")
	if root == "" {
		t.Skip("RECOUVRE_ARTIFACTS is not set")
	}
	dir := filepath.Join(root, "messages")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var batch []BatchLetter
	for _, tpl := range Defaults() {
		for _, k := range []ledger.DebtorKind{ledger.KindBusiness, ledger.KindConsumer, ledger.KindPublic} {
			d := Sample(tpl.Lang, k)
			if k == ledger.KindConsumer {
				d.ShowPenalties = false
			}
			r, err := Render(tpl, d)
			if err != nil {
				t.Fatal(err)
			}
			base := filepath.Join(dir, fmt.Sprintf("%s-%s-%s-%s", tpl.Key, tpl.Channel, tpl.Lang, k))
			write := func(ext string, b []byte) {
				if err := os.WriteFile(base+ext, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write(".txt", []byte(r.Subject+"\n\n"+r.Text+"\n"))
			if r.HTML != "" {
				write(".html", []byte(r.HTML))
			}
			if tpl.Channel == ledger.ChannelLetter {
				to := paris
				to.Name = d.Debtor.Name
				pdf, err := Letter(d, r, to)
				if err != nil {
					t.Fatal(err)
				}
				write(".pdf", pdf)
				batch = append(batch, BatchLetter{Data: d, Rendered: r, Recipient: to})
			}
		}
	}
	pdf, err := PrintBatch(batch)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "batch.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
}
