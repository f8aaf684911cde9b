// Package samples finds the real sample files of ../shared/samples (FEC,
// e-invoices, bank statements from other public projects) for the tests
// that read them in place. They are never copied into the repository nor
// embedded: a test that needs one skips, saying why, when the folder is
// not beside the repository.
package samples

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the absolute path of ../shared/samples/sub beside the
// repository, or skips t when it is absent.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Skipf("samples: cannot find the repository root: %v", err)
	}
	dir := filepath.Join(filepath.Dir(root), "shared", "samples", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("samples: %s is absent (../shared/samples beside the repository): %v", dir, err)
	}
	return dir
}

// Path returns the absolute path of one sample file, or skips t.
func Path(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(Dir(t, filepath.Dir(rel)), filepath.Base(rel))
	if _, err := os.Stat(p); err != nil {
		t.Skipf("samples: %s is absent: %v", p, err)
	}
	return p
}

// Read returns the bytes of one sample file, or skips t.
func Read(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(Path(t, rel))
	if err != nil {
		t.Fatalf("samples: %v", err)
	}
	return b
}

// repoRoot walks up from the working directory to the folder holding
// go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
