package sms

import "unicode/utf16"

// The encodings of an SMS.
const (
	EncodingGSM7 = "GSM-7" // GSM 03.38 default alphabet, 7 bits a character
	EncodingUCS2 = "UCS-2" // UTF-16, 16 bits a unit
)

// gsmBasic is the GSM 03.38 default alphabet in code order; the escape
// (0x1B) is a placeholder that no text can use.
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\uFFFFÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsmExtension are the characters of the extension table, each sent as
// the escape and a code: two septets.
const gsmExtension = "\f^{}\\[~]|€"

var gsmSeptets = func() map[rune]int {
	m := make(map[rune]int, 138)
	for _, r := range gsmBasic {
		if r != '\uFFFF' {
			m[r] = 1
		}
	}
	for _, r := range gsmExtension {
		m[r] = 2
	}
	return m
}()

// Segments tells how text is sent: in GSM-7 when every character is in
// the GSM 03.38 alphabet (the extension table's € { } [ ] ~ \ ^ | and
// form feed count two), else in UCS-2, counting UTF-16 units. chars is
// that count; segments is how many SMS it takes: one up to 160 (GSM-7) or
// 70 (UCS-2), else parts of 153 or 67, a two-septet character or a
// surrogate pair never split across two parts. French text goes in GSM-7
// with é è ù ì ò à É Ç, but one ê â î ô û ç ë ï œ, or a typographic
// apostrophe ’, makes the whole text UCS-2.
func Segments(text string) (encoding string, chars, segments int) {
	if text == "" {
		return EncodingGSM7, 0, 0
	}
	sizes := make([]int, 0, len(text))
	encoding = EncodingGSM7
	for _, r := range text {
		n, ok := gsmSeptets[r]
		if !ok {
			encoding = EncodingUCS2
			break
		}
		sizes = append(sizes, n)
	}
	single, part := 160, 153
	if encoding == EncodingUCS2 {
		single, part = 70, 67
		sizes = sizes[:0]
		for _, r := range text {
			n := utf16.RuneLen(r) // ranging a string yields valid runes
			if n < 1 {
				n = 1
			}
			sizes = append(sizes, n)
		}
	}
	for _, n := range sizes {
		chars += n
	}
	if chars <= single {
		return encoding, chars, 1
	}
	segments, used := 1, 0
	for _, n := range sizes {
		if used+n > part {
			segments++
			used = 0
		}
		used += n
	}
	return encoding, chars, segments
}
