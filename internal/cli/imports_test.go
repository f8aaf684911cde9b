package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// importReport is the documented output of `import invoices --json`.
type importReport struct {
	BatchID        int64 `json:"batch_id"`
	Created        int   `json:"created"`
	Updated        int   `json:"updated"`
	Unchanged      int   `json:"unchanged"`
	Settled        int   `json:"settled"`
	DebtorsCreated int   `json:"debtors_created"`
	Written        bool  `json:"written"`
	Errors         []struct {
		Line    int    `json:"line"`
		Column  string `json:"column"`
		Value   string `json:"value"`
		Message string `json:"message"`
	} `json:"errors"`
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func decodeReport(t *testing.T, r result) importReport {
	t.Helper()
	var rep importReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("import --json printed %q: %v", r.stdout, err)
	}
	return rep
}

const cliCSV = "N° facture;Client;Code client;Date facture;Échéance;Montant TTC;Reste dû\n" +
	"F-1;Boulangerie Martin SARL;C001;05/01/2026;04/02/2026;1 200,00;1 200,00\n" +
	"F-2;Jean Dupont;C002;10/01/2026;09/02/2026;300,50;100,50\n"

func TestImportInvoices(t *testing.T) {
	db := newDB(t)
	org := fmt.Sprint(createOrg(t, db, "Alpha"))
	// A Windows-1252 export, flags after the file as people type them.
	cp, err := charmap.Windows1252.NewEncoder().String(cliCSV)
	if err != nil {
		t.Fatal(err)
	}
	file := writeFile(t, "balance.csv", cp)
	dry := decodeReport(t, mustRun(t, db, "", "import", "invoices", file, "--org", org, "--dry-run", "--json"))
	if dry.Created != 2 || dry.Written || dry.BatchID != 0 {
		t.Fatalf("dry run %+v", dry)
	}
	rep := decodeReport(t, mustRun(t, db, "", "import", "invoices", "--org", org, file, "--json"))
	if rep.Created != 2 || rep.DebtorsCreated != 2 || !rep.Written || len(rep.Errors) != 0 {
		t.Fatalf("import %+v", rep)
	}
	again := decodeReport(t, mustRun(t, db, "", "import", "invoices", file, "--org", org, "--json"))
	if again.Created != 0 || again.Unchanged != 2 {
		t.Fatalf("re-import %+v", again)
	}
	// The text report says the same file was already imported.
	if r := mustRun(t, db, "", "import", "invoices", file, "--org", org); !strings.Contains(r.stdout, "déjà été importé") {
		t.Errorf("text report:\n%s", r.stdout)
	}
	// The balance due is the file's: 1 200,00 + 100,50.
	exp := mustRun(t, db, "", "export", "debtors", "--org", org, "--json")
	for _, want := range []string{`"balance_due":"1200.00"`, `"balance_due":"100.50"`} {
		if !strings.Contains(strings.ReplaceAll(exp.stdout, " ", ""), want) {
			t.Errorf("export lacks %s:\n%s", want, exp.stdout)
		}
	}
	hist := mustRun(t, db, "", "import", "history", "--org", org, "--json")
	var h struct {
		Items []struct {
			ID      int64  `json:"id"`
			Status  string `json:"status"`
			Created int    `json:"created"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(hist.stdout), &h); err != nil || len(h.Items) != 3 || h.Items[2].Created != 2 {
		t.Fatalf("history %s: %v", hist.stdout, err)
	}
	// The latest batch changed nothing: undoing it is harmless; the first
	// one then goes too.
	mustRun(t, db, "", "import", "undo", "--org", org, "--batch", fmt.Sprint(h.Items[0].ID))
	r := mustRun(t, db, "", "import", "undo", "--org", org, "--batch", fmt.Sprint(h.Items[2].ID))
	if !strings.Contains(r.stdout, "undone") {
		t.Errorf("undo printed %q", r.stdout)
	}
	if r := run(t, db, "", "import", "undo", "--org", org, "--batch", fmt.Sprint(h.Items[2].ID)); r.code != 1 || !strings.Contains(r.stderr, "cannot be undone") {
		t.Errorf("second undo: %v", r)
	}
}

func TestImportErrors(t *testing.T) {
	db := newDB(t)
	org := fmt.Sprint(createOrg(t, db, "Alpha"))
	bad := writeFile(t, "bad.csv", "N° facture;Client;Code client;Date facture;Échéance;Montant TTC\n"+
		"F-1;Martin SARL;C001;05/01/2026;31/02/2026;10,00\n"+
		"F-2;Martin SARL;C001;05/01/2026;04/02/2026;dix\n")
	r := run(t, db, "", "import", "invoices", bad, "--org", org, "--json")
	rep := decodeReport(t, r)
	if r.code != 1 || rep.Written || len(rep.Errors) != 2 {
		t.Fatalf("errors: %v", r)
	}
	if e := rep.Errors[0]; e.Line != 2 || e.Column != "Échéance" || e.Value != "31/02/2026" || e.Message == "" {
		t.Errorf("first error %+v", e)
	}
	// English messages on demand; the text report names line and column.
	r = run(t, db, "", "import", "invoices", bad, "--org", org, "--lang", "en")
	if r.code != 1 || !strings.Contains(r.stdout, `line 3, column “Montant TTC”, value “dix”`) || !strings.Contains(r.stdout, "nothing was written") {
		t.Errorf("text report: %v", r)
	}
	// --skip-invalid takes none here, since both lines are wrong; with one
	// good line it takes that one.
	good := writeFile(t, "mixed.csv", "N° facture;Client;Code client;Date facture;Échéance;Montant TTC\n"+
		"F-1;Martin SARL;C001;05/01/2026;31/02/2026;10,00\n"+
		"F-3;Martin SARL;C001;05/01/2026;04/02/2026;12,00\n")
	rep = decodeReport(t, mustRun(t, db, "", "import", "invoices", good, "--org", org, "--skip-invalid", "--json"))
	if rep.Created != 1 || !rep.Written || len(rep.Errors) != 1 {
		t.Errorf("skip invalid %+v", rep)
	}
	for _, args := range [][]string{
		{"import", "invoices", "--org", org},
		{"import", "invoices", good, "--org", org, "--format", "odt"},
		{"import", "invoices", good, "--org", org, "--mapping", "absent"},
		{"import", "undo", "--org", org},
		{"import", "nothing"},
	} {
		if r := run(t, db, "", args...); r.code != 2 {
			t.Errorf("recouvre %s: %v, want a usage error", strings.Join(args, " "), r)
		}
	}
}
