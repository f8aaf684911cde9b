package courtfile

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
)

// Exhibit is a pièce of the file: a document the judge or the commissaire
// de justice reads to see that the claim is owed.
type Exhibit struct {
	// Number is the pièce's number, from 1; zero numbers are given the
	// next free numbers in the order of the list.
	Number int
	Title  string     // « Facture n° F2025-001 du 15/01/2025 »
	Date   civil.Date // the document's date, zero when it has none
	// FileName is the document's original name. Only its letters, digits
	// and extension survive into the ZIP: it may come from anywhere.
	FileName string
	Content  []byte
	// Missing says why the document is not there or what to add, when
	// Content is empty. The index flags such an exhibit so the user knows
	// what to complete before filing.
	Missing string
}

// IsMissing reports whether the exhibit has no content.
func (e Exhibit) IsMissing() bool { return len(e.Content) == 0 }

// ExpectedExhibits is the list of exhibits a court file for c usually
// holds, all missing, each saying what to add: the invoices, the contract
// or the general terms the invoices refer to, the proof the goods or the
// service were delivered, the reminders, and the formal notice with its
// receipt when one was sent. The caller fills in Content from its
// documents and passes the list to Bundle; what it cannot fill stays
// flagged.
func ExpectedExhibits(c Case) []Exhibit {
	var out []Exhibit
	add := func(title string, d civil.Date, name, missing string) {
		out = append(out, Exhibit{Number: len(out) + 1, Title: title, Date: d, FileName: name, Missing: missing})
	}
	for _, inv := range c.Invoices {
		add(fmt.Sprintf("Facture n° %s du %s", inv.Number, inv.IssueDate.FormatFR()), inv.IssueDate,
			"facture-"+inv.Number+".pdf", "joindre la facture")
	}
	add("Contrat, devis accepté ou conditions générales de vente applicables", civil.Date{}, "conditions-generales.pdf",
		"joindre le contrat, le devis signé ou les conditions générales acceptées par le débiteur")
	add("Bon de commande, bon de livraison ou procès-verbal de réception", civil.Date{}, "bon-de-livraison.pdf",
		"joindre la preuve que la commande a été passée et exécutée")
	add("Relances adressées au débiteur et preuves d’envoi", civil.Date{}, "relances.pdf",
		"joindre les relances envoyées et leurs preuves d’envoi")
	if !c.NoticeSent.IsZero() {
		add("Mise en demeure du "+c.NoticeSent.FormatFR(), c.NoticeSent, "mise-en-demeure.pdf", "joindre la mise en demeure")
		add("Avis de réception de la mise en demeure", civil.Date{}, "avis-de-reception.pdf",
			"joindre l’avis de réception signé ou la preuve de remise")
	}
	if c.Debtor.Kind == ledger.KindBusiness && !c.Debtor.NonCommercial {
		add("Extrait Kbis du débiteur", civil.Date{}, "kbis-debiteur.pdf",
			"facultatif : un extrait Kbis récent confirme la dénomination et le siège du débiteur")
	}
	return out
}

// numbered returns the exhibits sorted by number, zero numbers given the
// next free ones, or an error for a negative or repeated number: two
// pièces with one number would make the file's references ambiguous.
func numbered(in []Exhibit) ([]Exhibit, error) {
	out := slices.Clone(in)
	used := map[int]bool{}
	for _, e := range out {
		if e.Number < 0 {
			return nil, ledger.FieldError("exhibits", "exhibit %q has a negative number", e.Title)
		}
		if e.Number > 0 && used[e.Number] {
			return nil, ledger.FieldError("exhibits", "two exhibits are numbered %d", e.Number)
		}
		used[e.Number] = true
	}
	next := 1
	for i := range out {
		if out[i].Number != 0 {
			continue
		}
		for used[next] {
			next++
		}
		out[i].Number = next
		used[next] = true
	}
	slices.SortStableFunc(out, func(a, b Exhibit) int { return a.Number - b.Number })
	for i := range out {
		if strings.TrimSpace(out[i].Title) == "" {
			out[i].Title = out[i].FileName
		}
		if strings.TrimSpace(out[i].Title) == "" {
			return nil, ledger.FieldError("exhibits", "exhibit %d has neither a title nor a file name", out[i].Number)
		}
	}
	return out, nil
}

// entryName is the exhibit's name inside the ZIP: "pieces/", the number
// zero-padded to width, a dash, the ASCII slug of the file name (or of
// the title) and a lower-case extension. Nothing of the original name can
// climb out of "pieces/" nor reach a file system as anything but letters,
// digits and dashes: names come from invoice numbers and uploads, and an
// archive tool extracting "../../etc/passwd" must never be our doing.
func entryName(e Exhibit, width int) string {
	src := e.FileName
	if strings.TrimSpace(src) == "" {
		src = e.Title
	}
	stem, ext := splitExt(src)
	slug := slugify(stem, 60)
	if slug == "" {
		slug = "piece"
	}
	if ext == "" {
		ext = sniffExt(e.Content)
	}
	return fmt.Sprintf("pieces/%0*d-%s%s", width, e.Number, slug, ext)
}

// splitExt splits a name into its stem and a safe extension: one to five
// ASCII letters or digits after the last dot, lower-cased with its dot.
// Anything else is not an extension and stays in the stem, to be slugged.
func splitExt(name string) (string, string) {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return name, ""
	}
	ext := name[i+1:]
	if len(ext) == 0 || len(ext) > 5 {
		return name, ""
	}
	for j := 0; j < len(ext); j++ {
		if !isAlnum(ext[j]) {
			return name, ""
		}
	}
	return name[:i], "." + strings.ToLower(ext)
}

// slugify keeps ASCII letters and digits, folds the French accented
// letters to their base letter, and turns every other run of characters
// into one dash, trimmed at both ends and cut at max bytes.
func slugify(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r == utf8.RuneError {
			dash = true
			continue
		}
		folded := fold(r)
		if folded == "" {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(folded)
	}
	out := b.String()
	if len(out) > max {
		out = strings.TrimRight(out[:max], "-")
	}
	return out
}

// fold returns r as ASCII letters or digits, or "" when it is neither.
func fold(r rune) string {
	if r < utf8.RuneSelf {
		if isAlnum(byte(r)) {
			return string(r)
		}
		return ""
	}
	if f, ok := accents[r]; ok {
		return f
	}
	return ""
}

var accents = map[rune]string{
	'à': "a", 'â': "a", 'ä': "a", 'á': "a", 'ã': "a", 'å': "a", 'À': "A", 'Â': "A", 'Ä': "A", 'Á': "A",
	'ç': "c", 'Ç': "C",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'É': "E", 'È': "E", 'Ê': "E", 'Ë': "E",
	'î': "i", 'ï': "i", 'í': "i", 'ì': "i", 'Î': "I", 'Ï': "I",
	'ô': "o", 'ö': "o", 'ó': "o", 'ò': "o", 'õ': "o", 'Ô': "O", 'Ö': "O",
	'ù': "u", 'û': "u", 'ü': "u", 'ú': "u", 'Ù': "U", 'Û': "U", 'Ü': "U",
	'ÿ': "y", 'Ÿ': "Y", 'ñ': "n", 'Ñ': "N",
	'œ': "oe", 'Œ': "OE", 'æ': "ae", 'Æ': "AE", 'ß': "ss",
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// sniffExt guesses an extension from the content when the name had none,
// so that the pièce opens with the right program once extracted. It reads
// the magic numbers itself: a domain package has no business importing
// net/http for DetectContentType.
func sniffExt(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return ".pdf"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return ".png"
	case bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff}):
		return ".jpg"
	case utf8.Valid(b) && !bytes.ContainsRune(b, 0):
		return ".txt"
	}
	return ".bin"
}

// padWidth is the number of digits of the largest exhibit number, at
// least two, so that the pièces sort by number in any file manager.
func padWidth(ex []Exhibit) int {
	w := 2
	for _, e := range ex {
		if n := len(fmt.Sprint(e.Number)); n > w {
			w = n
		}
	}
	return w
}
