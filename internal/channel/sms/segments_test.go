package sms

import (
	"strings"
	"testing"
)

func TestSegments(t *testing.T) {
	a := strings.Repeat
	tests := []struct {
		name, text    string
		enc           string
		chars, segsOK int
	}{
		{"empty", "", EncodingGSM7, 0, 0},
		{"french in GSM", "Bonjour, votre facture FA-42 est échue depuis le 3 mars. Merci de régler à réception.", EncodingGSM7, 85, 1},
		{"all GSM accents", "é è ù ì ò à É Ç Ä Ö Ñ Ü ä ö ñ ü ß Å å Ø ø Æ æ", EncodingGSM7, 45, 1},
		{"capital C cedilla is GSM", "Ça suffit", EncodingGSM7, 9, 1},
		{"small c cedilla is not", "ça suffit", EncodingUCS2, 9, 1},
		{"circumflex is not", "Relance : montant dû", EncodingUCS2, 20, 1},
		{"ê is not", "prêt", EncodingUCS2, 4, 1},
		{"â is not", "pâte", EncodingUCS2, 4, 1},
		{"î ô", "île côte", EncodingUCS2, 8, 1},
		{"typographic apostrophe", "l’échéance", EncodingUCS2, 10, 1},
		{"guillemets", "« urgent »", EncodingUCS2, 10, 1},
		{"euro counts two", "Montant : 120 €", EncodingGSM7, 16, 1},
		{"extension table", "{}[]~\\^|€", EncodingGSM7, 18, 1},
		{"dollar and currency sign", "$ ¤ £ ¥ @ § ¿ ¡", EncodingGSM7, 15, 1},
		{"160 fits one", a("a", 160), EncodingGSM7, 160, 1},
		{"161 takes two", a("a", 161), EncodingGSM7, 161, 2},
		{"306 takes two", a("a", 306), EncodingGSM7, 306, 2},
		{"307 takes three", a("a", 307), EncodingGSM7, 307, 3},
		{"159 and euro", a("a", 159) + "€", EncodingGSM7, 161, 2},
		{"escape not split", a("a", 152) + "€" + a("a", 152), EncodingGSM7, 306, 3},
		{"70 UCS-2 fit one", a("ê", 70), EncodingUCS2, 70, 1},
		{"71 UCS-2 take two", a("ê", 71), EncodingUCS2, 71, 2},
		{"134 UCS-2 take two", a("ê", 134), EncodingUCS2, 134, 2},
		{"135 UCS-2 take three", a("ê", 135), EncodingUCS2, 135, 3},
		{"emoji is two units", "Merci 🙏", EncodingUCS2, 8, 1},
		{"surrogate pair not split", a("ê", 66) + "🙏" + a("ê", 66), EncodingUCS2, 134, 3},
		{"newline is GSM", "Ligne 1\nLigne 2", EncodingGSM7, 15, 1},
		{"tab is not", "a\tb", EncodingUCS2, 3, 1},
	}
	for _, tt := range tests {
		enc, chars, segs := Segments(tt.text)
		if enc != tt.enc || chars != tt.chars || segs != tt.segsOK {
			t.Errorf("%s: Segments = %s, %d, %d; want %s, %d, %d", tt.name, enc, chars, segs, tt.enc, tt.chars, tt.segsOK)
		}
	}
}

func TestGSMAlphabetSize(t *testing.T) {
	// 127 usable characters of the default alphabet (128 less the escape),
	// plus the 10 of the extension table.
	if n := len(gsmSeptets); n != 137 {
		t.Errorf("%d GSM characters, want 137", n)
	}
}
