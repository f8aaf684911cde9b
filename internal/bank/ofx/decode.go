package ofx

import (
	"strings"

	"github.com/recouvre/recouvre/internal/importer/textenc"
)

// decode turns the file's bytes into text. The bytes decide, not the
// header: UTF-8 when they are UTF-8 (or mostly, with a few stray 8-bit
// bytes read as Windows-1252), else the code page the header names:
// ISO-8859-15 when it says so, Windows-1252 otherwise (CHARSET 1252,
// ISO-8859-1, whose printable characters Windows-1252 shares, NONE, or
// no header at all).
func decode(raw []byte, h header) (text, encoding string) {
	sample := raw
	if len(sample) > textenc.SampleSize {
		sample = sample[:textenc.SampleSize]
	}
	switch textenc.Detect(sample) {
	case textenc.UTF8, textenc.UTF8BOM:
		return textenc.DecodeString(raw, "")
	}
	force := textenc.Windows1252
	if strings.Contains(h.charset, "8859-15") || strings.Contains(h.charset, "885915") {
		force = textenc.ISO885915
	}
	return textenc.DecodeString(raw, force)
}
