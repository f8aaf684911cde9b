package message

import (
	"github.com/recouvre/recouvre/internal/ledger"
)

// The GSM 03.38 default alphabet (one septet each) and its extension
// table (an escape plus a septet: two each). ESC itself is not text.
const (
	gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
		"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsmExtension = "\f^{}\\[~]|€"
)

var gsmSize = func() map[rune]int {
	m := map[rune]int{}
	for _, r := range gsmBasic {
		m[r] = 1
	}
	for _, r := range gsmExtension {
		m[r] = 2
	}
	return m
}()

// Encodings SMSInfo reports.
const (
	EncodingGSM  = "GSM-7"
	EncodingUCS2 = "UCS-2"
)

// SMSInfo says how text goes as an SMS: in the GSM 7-bit alphabet when
// every character is in it (the extension characters, € among them,
// count two), else in UCS-2 (UTF-16 units: a character outside the
// Basic Multilingual Plane, an emoji, counts two); chars is the count in
// that unit. One segment holds 160 septets or 70 units; a longer message
// is cut into segments of 153 or 67 (the rest carries the concatenation
// header), never splitting an escape pair or a surrogate pair. Empty
// text is no segment.
func SMSInfo(text string) (encoding string, chars, segments int) {
	if text == "" {
		return EncodingGSM, 0, 0
	}
	encoding, single, multi := EncodingGSM, 160, 153
	for _, r := range text {
		if gsmSize[r] == 0 {
			encoding, single, multi = EncodingUCS2, 70, 67
			break
		}
	}
	sizes := make([]int, 0, len(text))
	for _, r := range text {
		n := 1
		switch {
		case encoding == EncodingGSM:
			n = gsmSize[r]
		case r > 0xFFFF:
			n = 2
		}
		sizes = append(sizes, n)
		chars += n
	}
	if chars <= single {
		return encoding, chars, 1
	}
	segments, used := 1, 0
	for _, n := range sizes {
		if used+n > multi {
			segments++
			used = 0
		}
		used += n
	}
	return encoding, chars, segments
}

// SMSStats is what the template editor's counter shows for an SMS.
type SMSStats struct {
	Encoding string // EncodingGSM or EncodingUCS2
	Chars    int    // septets (GSM) or UTF-16 units (UCS-2)
	Segments int
	// NonGSM lists, once each and in order, the characters that force
	// UCS-2, so that the editor can point at them.
	NonGSM string
}

// Stats is SMSInfo as an SMSStats.
func Stats(text string) SMSStats {
	enc, chars, segs := SMSInfo(text)
	s := SMSStats{Encoding: enc, Chars: chars, Segments: segs}
	seen := map[rune]bool{}
	for _, r := range text {
		if gsmSize[r] == 0 && !seen[r] {
			seen[r] = true
			s.NonGSM += string(r)
		}
	}
	return s
}

// Preview checks t and renders it for the template editor. Data with no
// debtor name and no invoice is replaced by Sample(t.Lang, business).
// The stats are those of the SMS, and the zero value for other channels.
// A fault of the template is a *CheckError.
func Preview(t ledger.Template, d Data) (Rendered, SMSStats, error) {
	if err := Check(t); err != nil {
		return Rendered{}, SMSStats{}, err
	}
	if d.Debtor.Name == "" && len(d.Invoices) == 0 {
		d = Sample(t.Lang, ledger.KindBusiness)
	}
	r, err := Render(t, d)
	if err != nil {
		return Rendered{}, SMSStats{}, err
	}
	var st SMSStats
	if t.Channel == ledger.ChannelSMS {
		st = Stats(r.Text)
	}
	return r, st, nil
}
