package banking

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/recouvre/recouvre/internal/samples"
	"github.com/recouvre/recouvre/internal/store"
)

// TestSamplesImportOnce brings every real statement of ../shared/samples
// into an organization that owes nothing, twice: the first import queues
// each incoming amount for review (nothing to match), the second finds
// every line already there. Files the parsers' own tests expect issues of
// are refused whole.
func TestSamplesImportOnce(t *testing.T) {
	refused := map[string]bool{
		// CFONB files whose records break the format (the parser's tests
		// list their issues).
		"cfonb120/pennylane_err_detail_without_operation.txt":             true,
		"cfonb120/pennylane_err_new_statement_without_previous_ended.txt": true,
	}
	for _, dir := range []string{"camt053", "camt054", "ofx", "cfonb120"} {
		files, err := filepath.Glob(filepath.Join(samples.Dir(t, dir), "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			rel := dir + "/" + filepath.Base(path)
			t.Run(rel, func(t *testing.T) {
				w := newWorld(t)
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				rep, err := w.svc.Import(w.f.Ctx, data, ImportOptions{FileName: filepath.Base(path)})
				if refused[rel] {
					if !errors.Is(err, ErrRefused) || len(rep.Issues) == 0 || rep.Issues[0].Line == 0 {
						t.Fatalf("want refused with located issues, got %v %+v", err, rep)
					}
					return
				}
				if err != nil {
					t.Fatalf("import: %v (%+v)", err, rep)
				}
				lines, _ := w.st.CountBankLines(w.f.Ctx, "")
				if lines != rep.ToReview+rep.AutoMatched+rep.Reversals {
					t.Fatalf("%d lines stored, report %+v", lines, rep)
				}
				again, err := w.svc.Import(w.f.Ctx, data, ImportOptions{FileName: filepath.Base(path)})
				if err != nil {
					t.Fatal(err)
				}
				if again.DuplicatesSkipped != lines || again.PaymentsCreated+again.ToReview+again.Reversals != 0 {
					t.Fatalf("second import %+v after %d lines", again, lines)
				}
				if n, _ := w.st.CountBankLines(w.f.Ctx, store.LineReview); n != rep.ToReview {
					t.Fatalf("%d lines to review, report says %d", n, rep.ToReview)
				}
				t.Logf("%s: %d entries, %d to review, %d debits, %d pending", rel, rep.Entries, rep.ToReview, rep.DebitsIgnored, rep.Pending)
			})
		}
	}
}
