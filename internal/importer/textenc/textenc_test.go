package textenc

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/charmap"
)

func TestDetectAndDecode(t *testing.T) {
	text := "N° facture;Client;Montant\nF-1;Société Générale d’Électricité;1 234,56 €\n"
	cp, _ := charmap.Windows1252.NewEncoder().String(text)
	iso, _ := charmap.ISO8859_15.NewEncoder().String(strings.ReplaceAll(text, "’", "'"))
	tests := []struct {
		name string
		in   []byte
		enc  string
		want string
	}{
		{"utf8", []byte(text), UTF8, text},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, text...), UTF8BOM, text},
		{"windows-1252", []byte(cp), Windows1252, text},
		{"iso-8859-15", []byte(iso), ISO885915, strings.ReplaceAll(text, "’", "'")},
		{"ascii", []byte("a;b\n1;2\n"), UTF8, "a;b\n1;2\n"},
		{"empty", nil, UTF8, ""},
		{"utf8 with a stray byte", []byte("CREAT\xF8 MAQUETTE été"), UTF8, "CREATø MAQUETTE été"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, enc, err := NewReader(iotest.OneByteReader(bytes.NewReader(tt.in)), "")
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if enc != tt.enc || string(got) != tt.want {
				t.Errorf("got %s %q, want %s %q", enc, got, tt.enc, tt.want)
			}
		})
	}
}

func TestStrayByteAfterSample(t *testing.T) {
	// Valid UTF-8 for the whole sample, a Windows-1252 byte far beyond it.
	in := strings.Repeat("é;a\n", SampleSize/4) + "caf\xe9\n"
	r, enc, err := NewReader(strings.NewReader(in), "")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	if enc != UTF8 || !strings.HasSuffix(string(got), "café\n") {
		t.Errorf("enc %s, tail %q", enc, got[len(got)-8:])
	}
}

func TestCutRuneAtSampleEnd(t *testing.T) {
	if !validPrefix([]byte("abc\xc3")) {
		t.Error("a rune cut by the sample's end is still UTF-8")
	}
	if validPrefix([]byte("ab\xe9cd")) {
		t.Error("a lone 0xE9 inside is not UTF-8")
	}
}

func FuzzNewReader(f *testing.F) {
	f.Add([]byte("a;b\n"), "")
	f.Add([]byte("\xEF\xBB\xBFé"), "")
	f.Add([]byte("caf\xe9 \x80"), "")
	f.Add([]byte("\xa4\xbd"), "ISO-8859-15")
	f.Fuzz(func(t *testing.T, in []byte, force string) {
		r, _, err := NewReader(bytes.NewReader(in), force)
		if err != nil {
			t.Fatal(err)
		}
		out, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), "") || (len(in) > 0 && len(out) == 0 && !bytes.Equal(in, []byte{0xEF, 0xBB, 0xBF})) {
			t.Errorf("decoding %q lost everything", in)
		}
	})
}
