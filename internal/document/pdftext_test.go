package document

import (
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/pdftext"
)

// pdfText is the text of a PDF read back, spaces normalised.
func pdfText(t *testing.T, pdf []byte) string { return pdftext.Read(t, pdf) }

// norm normalises spaces as pdfText does.
func norm(s string) string { return pdftext.Norm(s) }

// textOf returns the text of a rendered PDF, failing on a render error.
func textOf(t *testing.T, pdf []byte, err error) string {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return pdfText(t, pdf)
}

// contains fails for each wanted string the text lacks.
func contains(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, norm(w)) {
			t.Errorf("the letter lacks %q", norm(w))
		}
	}
}

// lacks fails for each string the text should not have.
func lacks(t *testing.T, text string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(text, norm(b)) {
			t.Errorf("the letter should not contain %q", norm(b))
		}
	}
}
