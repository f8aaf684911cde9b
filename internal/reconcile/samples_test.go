package reconcile

import (
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/samples"
)

// remittanceTexts reads the remittance information of a camt file: the
// unstructured lines, the creditor references and the referred document
// numbers.
func remittanceTexts(t *testing.T, data []byte) []string {
	t.Helper()
	var out []string
	d := xml.NewDecoder(bytes.NewReader(data))
	var path []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			path = append(path, e.Name.Local)
		case xml.EndElement:
			path = path[:len(path)-1]
		case xml.CharData:
			if len(path) < 2 || !slices.Contains(path, "RmtInf") {
				continue
			}
			switch path[len(path)-1] {
			case "Ustrd", "Ref", "Nb":
				out = append(out, strings.TrimSpace(string(e)))
			}
		}
	}
	return out
}

// TestSampleRemittances reads, in place, the remittance texts of a real
// camt.053 sample and checks the numbers read in them against the
// hand-written table (realRemittances), which must hold every text of
// the file.
func TestSampleRemittances(t *testing.T) {
	texts := remittanceTexts(t, samples.Read(t, "camt053/moov_fi_camt.053.001.02.xml"))
	if len(texts) != 6 {
		t.Errorf("the sample has %d remittance texts, want 6: %q", len(texts), texts)
	}
	for _, text := range texts {
		i := slices.IndexFunc(realRemittances, func(r struct {
			text string
			want []string
		}) bool {
			return r.text == text
		})
		if i < 0 {
			t.Errorf("%q is not in the table of real remittance texts", text)
			continue
		}
		if got := ExtractNumbers(text); !slices.Equal(got, realRemittances[i].want) {
			t.Errorf("ExtractNumbers(%q) = %q, want %q", text, got, realRemittances[i].want)
		}
	}
	// The sample's RF reference has wrong check digits: it is read as a
	// plain number, never as a structured reference.
	if ValidRF("RF98123456789012") {
		t.Error("RF98123456789012 should not be valid")
	}
}

// TestSampleInvoices matches the sample's "Invoices 123 and 321" to a
// book holding these two invoices, the debtor known by name.
func TestSampleInvoices(t *testing.T) {
	texts := remittanceTexts(t, samples.Read(t, "camt053/moov_fi_camt.053.001.02.xml"))
	if !slices.Contains(texts, "Invoices 123 and 321") {
		t.Fatalf("texts %q", texts)
	}
	b := testBook()
	b.Invoices = append(b.Invoices,
		inv(50, 3, "FA-000123", 60000, "2024-05-01"),
		inv(51, 3, "FA-000321", 40001, "2024-06-01"))
	m := NewMatcher(b, Options{})
	ps := m.Match(payment("Invoices 123 and 321", "Creditor Company", "", 100001))
	want := []Allocation{alloc(50, 60000), alloc(51, 40001)}
	if len(ps) == 0 || ps[0].DebtorID != 3 || !slices.Equal(ps[0].Allocations, want) || !ps[0].Has(CodeSum) {
		t.Fatalf("proposals %+v", ps)
	}
}
