package fec

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unsafe"

	"github.com/recouvre/recouvre/internal/samples"
)

func TestSplitLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a\nb\n", []string{"a", "b"}},
		{"a\r\nb\r\n", []string{"a", "b"}},
		{"a\r\r\nb\r\r\n", []string{"a", "b"}},
		{"a\rb\r", []string{"a", "b"}},
		{"a\n\nb", []string{"a", "", "b"}},
		{"a\r\rb", []string{"a", "", "b"}},
		{"a\r\r\r\nb", []string{"a", "b"}},
		{"a", []string{"a"}},
		{"", nil},
	}
	for _, tt := range tests {
		// One byte at a time, so that a CR run is cut between reads.
		sc := newScanner(iotest.OneByteReader(strings.NewReader(tt.in)))
		var got []string
		for sc.Scan() {
			got = append(got, sc.Text())
		}
		if err := sc.Err(); err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("lines of %q = %q (%v), want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestParseDay(t *testing.T) {
	for in, want := range map[string]day{
		"20231231": 20231231, "20240229": 20240229, "20230229": 0, "20231301": 0, "20230100": 0,
		"2023123": 0, "202312310": 0, "2023-1-31": 0, "18991231": 0, "": 0, "2023123x": 0,
	} {
		got, ok := parseDay([]byte(in))
		if got != want || ok != (want != 0) {
			t.Errorf("parseDay(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	if d := day(20240229).civil(); d.String() != "2024-02-29" {
		t.Errorf("civil = %s", d)
	}
}

func TestParseSens(t *testing.T) {
	for in, want := range map[string]int64{"D": 1, "d": 1, "+1": 1, "Débit": 1, "C": -1, "-1": -1, "crédit": -1, "": 0, "X": 0} {
		if got := parseSens([]byte(in)); got != want {
			t.Errorf("parseSens(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"tab", fec18 + "\nVE\t...", true},
		{"pipe with BOM and trailing pipe", "\uFEFF" + strings.ReplaceAll(fec18, "\t", "|") + "|\r\r\n", true},
		{"Montant and Sens, upper case", strings.ToUpper(strings.Replace(fec18, "Debit\tCredit", "Montant\tSens", 1)), true},
		{"Latin-1", "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tDebit\tCredit\nVE\tOp\xe9rations", true},
		{"semicolon CSV", strings.ReplaceAll(fec18, "\t", ";"), false},
		{"bank CSV", "Date\tLibellé\tDébit\tCrédit\n", false},
		{"no amounts", "JournalCode\tEcritureNum\tEcritureDate\tCompteNum\n", false},
		{"XML", "<?xml version=\"1.0\"?><Document>", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: Sniff = %v, want %v", tt.name, got, tt.want)
		}
	}
	for _, name := range []string{
		"neolegal_0000000001FEC20220831_utf8bom_tab.txt",
		"neolegal_111111111FEC20221231_pipe_padded_8bit_stray_0xF8.txt",
		"DERIVED_iso8859-15_of_neolegal_000000000FEC20231231.txt",
	} {
		b := samples.Read(t, "fec/"+name)
		if !Sniff(b[:min(len(b), 512)]) {
			t.Errorf("Sniff(%s) = false", name)
		}
	}
	if b, err := os.ReadFile("doc.go"); err == nil && Sniff(b) {
		t.Error("Sniff(doc.go) = true")
	}
}

// TestItemSize: the memory the package comment announces per kept line.
func TestItemSize(t *testing.T) {
	if s := unsafe.Sizeof(item{}); s != 80 {
		t.Errorf("item is %d bytes; update the package comment", s)
	}
	if s := unsafe.Sizeof(openItem{}); s != 104 {
		t.Errorf("openItem is %d bytes; update the package comment", s)
	}
}
