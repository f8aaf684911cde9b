package document

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
)

// TestWriteArtifacts writes sample letters to $RECOUVRE_ARTIFACTS/letters/
// so that a person can review how they look; without the variable it does
// nothing.
func TestWriteArtifacts(t *testing.T) {
	root := os.Getenv("RECOUVRE_ARTIFACTS")
	if root == "" {
		t.Skip("RECOUVRE_ARTIFACTS is not set")
	}
	dir := filepath.Join(root, "letters")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	renders := map[string]func() ([]byte, error){}
	for _, lang := range []string{"fr", "en"} {
		renders["formal-notice-business-"+lang+".pdf"] = func() ([]byte, error) {
			return RenderFormalNotice(formalNotice(t, lang, ledger.KindBusiness, false))
		}
		renders["formal-notice-consumer-agency-"+lang+".pdf"] = func() ([]byte, error) {
			return RenderFormalNotice(formalNotice(t, lang, ledger.KindConsumer, true))
		}
		renders["formal-notice-public-"+lang+".pdf"] = func() ([]byte, error) {
			return RenderFormalNotice(formalNotice(t, lang, ledger.KindPublic, false))
		}
		renders["statement-of-account-"+lang+".pdf"] = func() ([]byte, error) {
			return RenderStatementOfAccount(accountStatement(lang))
		}
		renders["declaration-of-claim-"+lang+".pdf"] = func() ([]byte, error) {
			return RenderDeclarationOfClaim(declaration(t, lang, Redressement, false))
		}
	}
	for name, render := range renders {
		pdf, err := render()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("wrote %d letters to %s", len(renders), dir)
}
