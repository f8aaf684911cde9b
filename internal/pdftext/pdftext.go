// Package pdftext reads the PDFs recouvre renders back as text, for tests:
// with Debian's pdftotext (poppler-utils), the only honest proof that a
// letter says what it must. Without pdftotext the calling test skips,
// unless RECOUVRE_REQUIRE_BROWSER=1 (CI) asks it to fail.
package pdftext

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Require skips t when pdftotext is missing (fails it in CI) and returns
// the program's path.
func Require(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("RECOUVRE_REQUIRE_BROWSER") == "1" {
			t.Fatal("pdftotext is not on PATH and RECOUVRE_REQUIRE_BROWSER=1: install poppler-utils")
		}
		t.Skip("pdftotext is not on PATH: install poppler-utils (apt-get install poppler-utils) to read the letters back")
	}
	return bin
}

// Read returns the text of pdf as `pdftotext -layout` reads it, with every
// run of white space — the no-break spaces U+00A0 and U+202F included,
// which pdftotext prints either way — turned into one ordinary space.
func Read(t testing.TB, pdf []byte) string {
	t.Helper()
	bin := Require(t)
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 16)])
	}
	file := filepath.Join(t.TempDir(), "document.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return Norm(string(out))
}

// Norm turns every run of white space into one ordinary space, so that a
// text and the strings expected in it compare alike.
func Norm(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0' || r == '\u202f'
	}), " ")
}
