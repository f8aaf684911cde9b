package document

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// requirePdftotext skips the test when Debian's pdftotext (poppler-utils)
// is missing, unless RECOUVRE_REQUIRE_BROWSER=1 asks CI to fail instead:
// reading the PDF back is the only proof that the letter says what it must.
func requirePdftotext(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("RECOUVRE_REQUIRE_BROWSER") == "1" {
			t.Fatal("pdftotext is not on PATH and RECOUVRE_REQUIRE_BROWSER=1: install poppler-utils")
		}
		t.Skip("pdftotext is not on PATH: install poppler-utils (apt-get install poppler-utils) to read the letters back")
	}
	return path
}

// pdfText is the text of a PDF as `pdftotext -layout` reads it, with its
// spaces normalised (see norm).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin := requirePdftotext(t)
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 16)])
	}
	file := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return norm(string(out))
}

// norm turns every run of white space — including the no-break spaces
// U+00A0 and U+202F, which pdftotext may print either way, and line breaks
// of wrapped paragraphs — into one ordinary space, so that the text and
// the expected strings compare alike.
func norm(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\u00a0', '\u202f':
		return true
	}
	return false
}

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
