package courtfile

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

var pdf = []byte("%PDF-1.7\n% test\n")

// hostileCase is a commercial case whose invoice numbers try to climb out
// of the archive or carry spaces and slashes.
func hostileCase(t testing.TB) Case {
	c := caseOf(ledger.KindBusiness, today,
		invoice(t, ledger.KindBusiness, "../../etc/passwd", 4800_00, d("2026-05-31"), d("2026-11-20"), civil.Date{}),
		invoice(t, ledger.KindBusiness, "F 2025/001", 1234_56, d("2026-07-15"), d("2026-11-20"), civil.Date{}))
	c.NoticeSent = d("2026-09-10")
	return c
}

// filledExhibits is ExpectedExhibits with every document given except
// the notice's receipt.
func filledExhibits(c Case) []Exhibit {
	ex := ExpectedExhibits(c)
	for i := range ex {
		if !strings.HasPrefix(ex[i].Title, "Avis de réception") {
			ex[i].Content = append(append([]byte(nil), pdf...), fmt.Sprint(i)...)
		}
	}
	return ex
}

type archive struct {
	names []string
	files map[string]string
}

func bundle(t *testing.T, f File) archive {
	t.Helper()
	var buf bytes.Buffer
	if err := Bundle(&buf, f); err != nil {
		t.Fatalf("Bundle: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("open zip: %v", err)
	}
	a := archive{files: map[string]string{}}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatalf("open %s: %v", zf.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", zf.Name, err)
		}
		a.names = append(a.names, zf.Name)
		a.files[zf.Name] = string(b)
	}
	return a
}

var safeEntry = regexp.MustCompile(`^(index\.(html|txt)|request\.(html|txt)|cover-note\.(html|txt)|case\.json|pieces/[0-9]{2,}-[A-Za-z0-9]+(-[A-Za-z0-9]+)*(\.[a-z0-9]{1,5})?)$`)

func TestBundleInjonctionDePayer(t *testing.T) {
	t.Parallel()
	c := hostileCase(t)
	ex := filledExhibits(c)
	a := bundle(t, File{Case: c, Procedure: InjonctionDePayer, Exhibits: ex})

	wantFixed := []string{IndexHTML, IndexText, RequestHTML, RequestText, CaseJSON}
	for _, n := range wantFixed {
		if _, ok := a.files[n]; !ok {
			t.Errorf("missing entry %s in %v", n, a.names)
		}
	}
	for _, n := range []string{CoverNoteHTML, CoverNoteText} {
		if _, ok := a.files[n]; ok {
			t.Errorf("an injonction de payer file has no %s", n)
		}
	}
	// Every name is safe: ASCII, relative, clean, in the expected shape.
	for _, n := range a.names {
		if !safeEntry.MatchString(n) || path.Clean(n) != n || strings.Contains(n, "..") {
			t.Errorf("unsafe entry name %q", n)
		}
	}
	wantPieces := []string{
		"pieces/01-facture-etc-passwd.pdf",
		"pieces/02-facture-F-2025-001.pdf",
		"pieces/03-conditions-generales.pdf",
		"pieces/04-bon-de-livraison.pdf",
		"pieces/05-relances.pdf",
		"pieces/06-mise-en-demeure.pdf",
		// 07, the receipt, is missing
		"pieces/08-kbis-debiteur.pdf",
	}
	var pieces []string
	for _, n := range a.names {
		if strings.HasPrefix(n, ExhibitDir) {
			pieces = append(pieces, n)
		}
	}
	if !slices.Equal(pieces, wantPieces) {
		t.Errorf("pieces = %q\nwant     %q", pieces, wantPieces)
	}
	if got := a.files["pieces/02-facture-F-2025-001.pdf"]; got != string(ex[1].Content) {
		t.Errorf("exhibit 2 content altered: %q", got)
	}
	if len(a.names) != len(wantFixed)+len(wantPieces) {
		t.Errorf("entries = %v", a.names)
	}

	// The indexes list each exhibit by number, and flag the missing one.
	for _, idx := range []string{IndexHTML, IndexText} {
		body := a.files[idx]
		for _, e := range ex {
			want := fmt.Sprintf("Pièce n° %d : %s", e.Number, e.Title)
			if idx == IndexHTML {
				want = fmt.Sprintf("Pièce n° %d : %s", e.Number, htmlEscape(e.Title))
			}
			if !strings.Contains(body, want) {
				t.Errorf("%s does not list %q", idx, want)
			}
		}
		if !strings.Contains(body, "MANQUANTE : joindre l") || !strings.Contains(body, "avis de réception signé") {
			t.Errorf("%s does not flag the missing receipt", idx)
		}
		tot, _ := c.Totals()
		for _, amount := range []string{money.FormatFR(tot.Total), money.FormatFR(tot.Principal), money.FormatFR(c.Invoices[0].Statement.Interest)} {
			if !strings.Contains(body, amount) {
				t.Errorf("%s lacks the amount %q", idx, amount)
			}
		}
		if !strings.Contains(body, "\u202f") || !strings.Contains(body, "\u00a0€") {
			t.Errorf("%s does not print amounts the French way", idx)
		}
		for _, p := range c.Invoices[0].Statement.Periods {
			if !strings.Contains(body, p.From.FormatFR()) || !strings.Contains(body, p.Rate.FormatFR()) {
				t.Errorf("%s lacks the period from %s at %s", idx, p.From.FormatFR(), p.Rate.FormatFR())
			}
		}
		if !strings.Contains(body, "Président du tribunal de commerce") || !strings.Contains(body, CerfaTC) {
			t.Errorf("%s does not name the court and the form", idx)
		}
	}
	if html := a.files[IndexHTML]; strings.Contains(html, "<link") || strings.Contains(html, "<script") || strings.Contains(html, "http://") || strings.Contains(html, "https://") {
		t.Error("index.html must be self-contained")
	}

	// The request carries what the Cerfa asks for.
	req := a.files[RequestText]
	for _, want := range []string{
		"Requête en injonction de payer", "Cerfa n° " + CerfaTC,
		"Atelier Durand SARL", "Marie Durand, gérante", "Bâtiments Martin SAS", "69100 Villeurbanne",
		"Principal", "Intérêts", "Indemnité forfaitaire", "L441-10 II C. com.",
		"Facture n° F 2025/001", "malgré la mise en demeure du 10/09/2026",
		"Pièce n° 1 : Facture n° ../../etc/passwd", "Pièce n° 7 : Avis de réception de la mise en demeure — À JOINDRE",
		"Fait à Lyon, le 22 novembre 2026",
	} {
		if !strings.Contains(req, want) {
			t.Errorf("request.txt lacks %q", want)
		}
	}
	if !strings.Contains(a.files[RequestHTML], "Fait à Lyon, le 22 novembre 2026") {
		t.Error("request.html lacks the signature line")
	}

	// case.json decodes, and its total is principal + interest + indemnity.
	var doc CaseDoc
	if err := json.Unmarshal([]byte(a.files[CaseJSON]), &doc); err != nil {
		t.Fatalf("case.json: %v", err)
	}
	dec := func(s string) int64 {
		amt, err := money.ParseDecimal(s, "EUR")
		if err != nil {
			t.Fatalf("case.json amount %q: %v", s, err)
		}
		return amt.Minor
	}
	if dec(doc.Total) != dec(doc.Principal)+dec(doc.Interest)+dec(doc.Indemnity) {
		t.Errorf("case.json total %s ≠ %s + %s + %s", doc.Total, doc.Principal, doc.Interest, doc.Indemnity)
	}
	tot, _ := c.Totals()
	if dec(doc.Total) != tot.Total.Minor || doc.Currency != "EUR" || doc.Procedure != InjonctionDePayer || doc.Format != CaseFormat {
		t.Errorf("case.json head = %+v", doc)
	}
	for _, inv := range doc.Invoices {
		if dec(inv.Total) != dec(inv.Principal)+dec(inv.Interest)+dec(inv.Indemnity) {
			t.Errorf("invoice %s: total %s ≠ principal + interest + indemnity", inv.Number, inv.Total)
		}
		if len(inv.Periods) == 0 {
			t.Errorf("invoice %s: no periods", inv.Number)
		}
	}
	if len(doc.Exhibits) != len(ex) {
		t.Fatalf("case.json lists %d exhibits, want %d", len(doc.Exhibits), len(ex))
	}
	for i, e := range doc.Exhibits {
		switch {
		case e.Number != i+1:
			t.Errorf("exhibit %d numbered %d", i+1, e.Number)
		case e.Missing != "":
			if e.Path != "" || e.SHA256 != "" || e.Number != 7 {
				t.Errorf("missing exhibit %+v", e)
			}
		default:
			sum := sha256.Sum256([]byte(a.files[e.Path]))
			if e.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("exhibit %d: sha256 does not match %s", e.Number, e.Path)
			}
		}
	}
	if doc.Court.Kind != TribunalDeCommerce || doc.Court.Place.City != "Villeurbanne" {
		t.Errorf("case.json court = %+v", doc.Court)
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// TestBundleVariants: the procedures without a judge get a cover note to
// the commissaire de justice instead of the request.
func TestBundleVariants(t *testing.T) {
	t.Parallel()
	consumer := caseOf(ledger.KindConsumer, today,
		invoice(t, ledger.KindConsumer, "F2026-101", 850_00, d("2026-06-30"), d("2026-11-20"), d("2026-09-01")))
	consumer.NoticeSent = d("2026-09-01")
	for _, tt := range []struct {
		name string
		f    File
		want []string
	}{
		{"L126-1", File{Case: b2bCase(t), Procedure: CreancesCommerciales, Exhibits: filledExhibits(b2bCase(t))},
			[]string{"commandement de payer", "procès-verbal de non-contestation", "greffier du tribunal de commerce", "L126-1", "Maître", "Pièce n° 1 : Facture n° F2026-014"}},
		{"L125-1", File{Case: consumer, Procedure: PetitesCreances, Exhibits: filledExhibits(consumer), Place: "Villeurbanne", Date: d("2026-11-23")},
			[]string{"petites créances", "frais de cette procédure restent à ma charge", "ressort de la cour d’appel", "69100 Villeurbanne", "Fait à Villeurbanne, le 23 novembre 2026"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := bundle(t, tt.f)
			for _, n := range []string{IndexHTML, IndexText, CoverNoteHTML, CoverNoteText, CaseJSON} {
				if _, ok := a.files[n]; !ok {
					t.Errorf("missing %s in %v", n, a.names)
				}
			}
			if _, ok := a.files[RequestText]; ok {
				t.Error("no injonction de payer request in this variant")
			}
			for _, w := range tt.want {
				if !strings.Contains(a.files[CoverNoteText], w) {
					t.Errorf("cover-note.txt lacks %q", w)
				}
			}
			if !strings.Contains(a.files[IndexText], "QUI AGIT") || !strings.Contains(a.files[IndexText], "Commissaire de justice") {
				t.Error("the index does not say who acts")
			}
			var doc CaseDoc
			if err := json.Unmarshal([]byte(a.files[CaseJSON]), &doc); err != nil || doc.Procedure != tt.f.Procedure {
				t.Errorf("case.json procedure = %q, %v", doc.Procedure, err)
			}
		})
	}
}

func TestBundleRefuses(t *testing.T) {
	t.Parallel()
	c := b2bCase(t)
	disputed := b2bCase(t)
	disputed.Invoices[0].Disputed = true
	for _, tt := range []struct {
		name, field string
		f           File
	}{
		{"unavailable procedure", "procedure", File{Case: c, Procedure: PetitesCreances}},
		{"disputed claim", "procedure", File{Case: disputed, Procedure: InjonctionDePayer}},
		{"unknown procedure", "procedure", File{Case: c, Procedure: "assignation"}},
		{"invalid case", "debtor.name", File{Case: Case{On: today, Creditor: c.Creditor, Invoices: c.Invoices}, Procedure: InjonctionDePayer}},
		{"two exhibits with one number", "exhibits", File{Case: c, Procedure: InjonctionDePayer,
			Exhibits: []Exhibit{{Number: 1, Title: "A", Content: pdf}, {Number: 1, Title: "B", Content: pdf}}}},
		{"an exhibit with no name", "exhibits", File{Case: c, Procedure: InjonctionDePayer, Exhibits: []Exhibit{{Content: pdf}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Bundle(io.Discard, tt.f)
			var e *ledger.Error
			if !errors.As(err, &e) || e.Code != ledger.EInvalid || e.Field != tt.field {
				t.Errorf("Bundle error = %v, want invalid %s", err, tt.field)
			}
		})
	}
}

// TestBundleExhibitNames: numbering fills the gaps, names survive
// anything a user or an invoice number can put in them.
func TestBundleExhibitNames(t *testing.T) {
	t.Parallel()
	ex := []Exhibit{
		{Title: "Facture F 2025/001", Content: pdf},                               // no file name: from the title, sniffed
		{Number: 12, Title: "Lettre", FileName: "../../etc/passwd", Content: pdf}, // no extension
		{Title: "Relance", FileName: `C:\Users\x\Relance é.PDF`, Content: []byte("texte")},
		{Title: "Mise en demeure", FileName: "md.exe.html", Content: []byte("<p>")},
		{Title: "Photo", FileName: "....", Content: []byte{0xff, 0xd8, 0xff, 0xe0}},
		{Title: "Contrat", Missing: "le contrat est chez le comptable"},
	}
	a := bundle(t, File{Case: b2bCase(t), Procedure: InjonctionDePayer, Exhibits: ex})
	var pieces []string
	for _, n := range a.names {
		if strings.HasPrefix(n, ExhibitDir) {
			pieces = append(pieces, n)
		}
		if !safeEntry.MatchString(n) {
			t.Errorf("unsafe entry name %q", n)
		}
	}
	want := []string{
		"pieces/01-Facture-F-2025-001.pdf",
		"pieces/02-C-Users-x-Relance-e.pdf",
		"pieces/03-md-exe.html",
		"pieces/04-piece.jpg",
		"pieces/12-etc-passwd.pdf",
	}
	if !slices.Equal(pieces, want) {
		t.Errorf("pieces = %q\nwant     %q", pieces, want)
	}
	if idx := a.files[IndexText]; !strings.Contains(idx, "Pièce n° 5 : Contrat") || !strings.Contains(idx, "MANQUANTE : le contrat est chez le comptable") {
		t.Errorf("index.txt does not flag the missing contract:\n%s", idx)
	}
}

// TestBundleEscapesHTML: a party's name cannot inject markup into the
// printable index.
func TestBundleEscapesHTML(t *testing.T) {
	t.Parallel()
	c := b2bCase(t)
	c.Debtor.Name = `<script>alert("x")</script> SAS`
	a := bundle(t, File{Case: c, Procedure: InjonctionDePayer, Exhibits: filledExhibits(c)})
	for _, n := range []string{IndexHTML, RequestHTML} {
		if strings.Contains(a.files[n], "<script>") {
			t.Errorf("%s does not escape the debtor's name", n)
		}
	}
	if !strings.Contains(a.files[RequestText], "<script>") {
		t.Error("the text request should print the name as it is")
	}
}

// TestBundleDeterministic: the same file gives the same bytes, whatever
// the clock says.
func TestBundleDeterministic(t *testing.T) {
	t.Parallel()
	c := b2bCase(t)
	f := File{Case: c, Procedure: InjonctionDePayer, Exhibits: filledExhibits(c)}
	var a, b bytes.Buffer
	if err := Bundle(&a, f); err != nil {
		t.Fatal(err)
	}
	if err := Bundle(&b, f); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two bundles of one file differ")
	}
}

func TestExpectedExhibits(t *testing.T) {
	t.Parallel()
	c := b2bCase(t)
	ex := ExpectedExhibits(c)
	// 2 invoices, terms, delivery, reminders, notice, receipt, Kbis.
	if len(ex) != 8 {
		t.Fatalf("got %d exhibits: %+v", len(ex), ex)
	}
	for i, e := range ex {
		if e.Number != i+1 || !e.IsMissing() || e.Missing == "" || e.Title == "" {
			t.Errorf("exhibit %d = %+v", i+1, e)
		}
	}
	c.NoticeSent = civil.Date{}
	c.Debtor = debtorOf(ledger.KindConsumer)
	if n := len(ExpectedExhibits(c)); n != 5 {
		t.Errorf("without a notice, for a consumer: %d exhibits, want 5", n)
	}
}

func TestSlugify(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"../../etc/passwd", "etc-passwd"},
		{"F 2025/001", "F-2025-001"},
		{"Œuvre à Noël — n° 3", "OEuvre-a-Noel-n-3"},
		{"\x00\xff", ""},
		{strings.Repeat("a-", 50), strings.TrimRight(strings.Repeat("a-", 30), "-")},
	} {
		if got := slugify(tt.in, 60); got != tt.want {
			t.Errorf("slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLongDateFR(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"2026-03-01", "1er mars 2026"}, {"2026-11-22", "22 novembre 2026"}, {"2026-08-15", "15 août 2026"},
	} {
		if got := longDateFR(d(tt.in)); got != tt.want {
			t.Errorf("longDateFR(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEntryName(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		e    Exhibit
		want string
	}{
		{Exhibit{Number: 1, FileName: "facture-F2025-001.pdf"}, "pieces/01-facture-F2025-001.pdf"},
		{Exhibit{Number: 2, FileName: "facture-../../etc/passwd.pdf"}, "pieces/02-facture-etc-passwd.pdf"},
		{Exhibit{Number: 3, FileName: "facture-F 2025/001.pdf"}, "pieces/03-facture-F-2025-001.pdf"},
		{Exhibit{Number: 4, FileName: "/absolute/Échéancier.XLSX"}, "pieces/04-absolute-Echeancier.xlsx"},
		{Exhibit{Number: 5, Title: "Mise en demeure", Content: pdf}, "pieces/05-Mise-en-demeure.pdf"},
		{Exhibit{Number: 6, Title: "sans extension", Content: []byte{0, 1, 2}}, "pieces/06-sans-extension.bin"},
	} {
		if got := entryName(tt.e, 2); got != tt.want {
			t.Errorf("entryName(%q, %q) = %q, want %q", tt.e.FileName, tt.e.Title, got, tt.want)
		}
	}
	if got := entryName(Exhibit{Number: 100, FileName: "x.pdf"}, 3); got != "pieces/100-x.pdf" {
		t.Errorf("three-digit number: %q", got)
	}
}
